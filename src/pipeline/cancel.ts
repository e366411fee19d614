// Cooperative cancellation of a worker task. Terminating a worker thread while it runs native code
// (onnxruntime, sharp) aborts the whole process ("terminate called after throwing an instance of
// 'Napi::Error'"), so a running task is asked to stop instead: the pool sets a flag in memory it shares
// with the worker, and the task checks it between its stages (a checkpoint).

/** Slots of a task's control block (Int32Array over a SharedArrayBuffer). */
const CANCELLED = 0;
const STARTED = 1;

export type TaskControl = Int32Array;

/** A checkpoint: throws TaskCancelledError once the task was cancelled. */
export type Checkpoint = () => void;

export class TaskCancelledError extends Error {
  constructor() {
    super('the task was cancelled');
    this.name = 'TaskCancelledError';
  }
}

export function newTaskControl(): TaskControl {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

export function requestCancel(control: TaskControl): void {
  Atomics.store(control, CANCELLED, 1);
}

export function isCancelled(control: TaskControl): boolean {
  return Atomics.load(control, CANCELLED) === 1;
}

/** Set by the worker as its first step, so the pool knows a task left the queue. */
export function markStarted(control: TaskControl): void {
  Atomics.store(control, STARTED, 1);
}

export function hasStarted(control: TaskControl): boolean {
  return Atomics.load(control, STARTED) === 1;
}

/** The checkpoint of one task; without a control block (a direct call, a test) it never throws. */
export function checkpointOf(control: TaskControl | undefined): Checkpoint {
  if (!control) return () => undefined;
  return () => {
    if (isCancelled(control)) throw new TaskCancelledError();
  };
}
