import { describe, expect, it } from 'vitest';
import { checkpointOf, hasStarted, isCancelled, markStarted, newTaskControl, requestCancel, TaskCancelledError } from '../../../src/pipeline/cancel.js';

describe('task control block', () => {
  it('starts neither started nor cancelled, and each flag is set on its own', () => {
    const c = newTaskControl();
    expect([hasStarted(c), isCancelled(c)]).toEqual([false, false]);
    markStarted(c);
    expect([hasStarted(c), isCancelled(c)]).toEqual([true, false]);
    requestCancel(c);
    expect([hasStarted(c), isCancelled(c)]).toEqual([true, true]);
  });

  it('is shared memory, so a flag set on one view is read on another (as across threads)', () => {
    const c = newTaskControl();
    const other = new Int32Array(c.buffer as SharedArrayBuffer);
    requestCancel(c);
    expect(isCancelled(other)).toBe(true);
    expect(c.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('has a checkpoint that passes until the task is cancelled, then throws', () => {
    const c = newTaskControl();
    const checkpoint = checkpointOf(c);
    expect(() => checkpoint()).not.toThrow();
    requestCancel(c);
    expect(() => checkpoint()).toThrow(TaskCancelledError);
  });

  it('has a checkpoint that never throws without a control block (a direct call)', () => {
    expect(() => checkpointOf(undefined)()).not.toThrow();
  });
});
