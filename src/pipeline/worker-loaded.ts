// The message a worker thread posts once its modules are loaded. Node cannot stop a worker that is still
// loading its ES modules ("FATAL ERROR: v8::Module::IsGraphAsync must be used on an instantiated module"
// takes the process down), so the pool waits for this from every thread before it stops them.
import { parentPort, threadId } from 'node:worker_threads';

const KEY = 'smpWorkerLoaded';

export function announceLoaded(): void {
  parentPort?.postMessage({ [KEY]: threadId });
}

/** The thread id a loaded message carries, or null for any other message. */
export function loadedThreadOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null || !(KEY in message)) return null;
  const id = (message as Record<string, unknown>)[KEY];
  return typeof id === 'number' ? id : null;
}
