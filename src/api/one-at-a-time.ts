// Runs the work given for one key one after another, in arrival order, so each sees what the one before
// it wrote (two plan edits sent at once: the second builds on the first instead of overwriting it).
// One process holds the store, so an in-memory queue per key is enough.

export class QueueLimitError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} requests for this are already waiting`);
    this.name = 'QueueLimitError';
  }
}

export class OneAtATime {
  private readonly queues = new Map<string, { tail: Promise<void>; size: number }>();

  /** @param maxWaiting how many may wait behind the running one before more are refused (QueueLimitError) */
  constructor(private readonly maxWaiting: number) {
    if (!(Number.isInteger(maxWaiting) && maxWaiting >= 0)) throw new RangeError(`maxWaiting must be a whole number >= 0, got ${maxWaiting}`);
  }

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const queue = this.queues.get(key) ?? { tail: Promise.resolve(), size: 0 };
    if (queue.size > this.maxWaiting) return Promise.reject(new QueueLimitError(queue.size - 1));
    queue.size++;
    this.queues.set(key, queue);
    const result = queue.tail.then(work);
    queue.tail = result.then(
      () => this.done(key, queue),
      () => this.done(key, queue),
    );
    return result;
  }

  /** Keys with work running or waiting (for tests and metrics). */
  get busyKeys(): number {
    return this.queues.size;
  }

  private done(key: string, queue: { size: number }): void {
    if (--queue.size === 0 && this.queues.get(key) === queue) this.queues.delete(key);
  }
}
