import { describe, expect, it } from 'vitest';
import {
  checkpointOf,
  isCancelled,
  newTaskControl,
  requestCancel,
  STOPPED_AT_CHECKPOINT,
  STOPPED_BEFORE_START,
  TaskCancelledError,
  throwIfCancelledBeforeStart,
} from '../../../src/pipeline/cancel.js';

describe('task control block', () => {
  it('starts not cancelled, and stays cancelled once asked', () => {
    const c = newTaskControl();
    expect(isCancelled(c)).toBe(false);
    requestCancel(c);
    requestCancel(c);
    expect(isCancelled(c)).toBe(true);
  });

  it('is shared memory, so a flag set on one view is read on another (as across threads)', () => {
    const c = newTaskControl();
    expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
    const other = new Int32Array(c.buffer as SharedArrayBuffer);
    requestCancel(c);
    expect(isCancelled(other)).toBe(true);
  });

  it('has a checkpoint that passes until the task is cancelled, then throws where it stopped', () => {
    const c = newTaskControl();
    const checkpoint = checkpointOf(c);
    expect(() => checkpoint()).not.toThrow();
    expect(() => throwIfCancelledBeforeStart(c)).not.toThrow();
    requestCancel(c);
    expect(() => checkpoint()).toThrow(new TaskCancelledError(STOPPED_AT_CHECKPOINT));
    expect(() => throwIfCancelledBeforeStart(c)).toThrow(new TaskCancelledError(STOPPED_BEFORE_START));
  });

  it('never stops a task without a control block (a direct call)', () => {
    expect(() => checkpointOf(undefined)()).not.toThrow();
    expect(() => throwIfCancelledBeforeStart(undefined)).not.toThrow();
  });
});
