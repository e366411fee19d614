// Cooperative cancellation of a worker task. Terminating a worker thread while it runs native code
// (onnxruntime, sharp) aborts the whole process ("terminate called after throwing an instance of
// 'Napi::Error'"), and so does terminating one still loading its modules ("FATAL ERROR:
// v8::Module::IsGraphAsync"), which piscina does when a task it already handed to a starting worker is
// aborted. So a task is asked to stop instead: the pool sets a flag in memory it shares with the worker,
// and the worker checks it before the task and between its stages (a checkpoint).

/** Slot of a task's control block (Int32Array over a SharedArrayBuffer). */
const CANCELLED = 0;

/** The messages a cancelled task ends with, so the pool can tell where it stopped. */
export const STOPPED_BEFORE_START = 'cancelled before it started';
export const STOPPED_AT_CHECKPOINT = 'cancelled at a checkpoint';

export type TaskControl = Int32Array;

/** A checkpoint: throws TaskCancelledError once the task was cancelled. */
export type Checkpoint = () => void;

/** The checkpoint of a task run without a control block (a direct call, a test): it never throws. */
export const NO_CHECKPOINT: Checkpoint = () => undefined;

export class TaskCancelledError extends Error {
  constructor(where: typeof STOPPED_BEFORE_START | typeof STOPPED_AT_CHECKPOINT) {
    super(where);
    this.name = 'TaskCancelledError';
  }
}

export function newTaskControl(): TaskControl {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

export function requestCancel(control: TaskControl): void {
  Atomics.store(control, CANCELLED, 1);
}

export function isCancelled(control: TaskControl): boolean {
  return Atomics.load(control, CANCELLED) === 1;
}

/** Thrown by the worker for a task cancelled while it waited. */
export function throwIfCancelledBeforeStart(control: TaskControl | undefined): void {
  if (control && isCancelled(control)) throw new TaskCancelledError(STOPPED_BEFORE_START);
}

/** The checkpoint of one task; NO_CHECKPOINT without a control block. */
export function checkpointOf(control: TaskControl | undefined): Checkpoint {
  if (!control) return NO_CHECKPOINT;
  return () => {
    if (isCancelled(control)) throw new TaskCancelledError(STOPPED_AT_CHECKPOINT);
  };
}
