// The worker-thread pool (piscina) that runs every CPU-heavy stage off the event loop, with a bounded
// queue: when it is full, new work is refused at once (the API answers 503 + Retry-After).
import { Piscina } from 'piscina';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAX_PHOTOS, type PipelineConfig } from './config.js';
import type { WorkerResult, WorkerTask } from './worker.js';
import { isCancelled, newTaskControl, requestCancel, STOPPED_BEFORE_START, type TaskControl } from './cancel.js';
import { loadedThreadOf } from './worker-loaded.js';
import { OrderedWaitList } from './wait-list.js';

/**
 * How long a cancelled task may take to stop (at its next checkpoint, or at once when a worker takes it
 * from the queue) before piscina is told to abort it, which stops its worker by force. Stages take
 * seconds, so only a task stuck in a loop of ours, or one queued behind such tasks, gets there.
 */
export const CANCEL_GRACE_MS = 30_000;

/**
 * How long close() waits for running tasks to stop at a checkpoint, and then for threads still loading to
 * finish (each within the server's 10 s shutdown grace).
 */
export const CLOSE_WAIT_MS = 5_000;

/** The rejection of a task cancelled through its signal (or by close()). */
export class TaskAbortedError extends Error {
  constructor(reason: string) {
    super(`the task was stopped: ${reason}`);
    this.name = 'AbortError';
  }
}

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the analysis queue is full; try again shortly');
    this.name = 'QueueFullError';
  }
}

export class WorkerPool {
  private readonly piscina: Piscina;

  constructor(readonly config: PipelineConfig) {
    const filename = workerFile();
    this.piscina = new Piscina({
      filename,
      minThreads: config.workers,
      maxThreads: config.workers,
      // ensureCapacity admits (counting queue + workers); this only backs it up, with room for what it
      // admits and one admitted request's tasks beyond (a consultation queues a task per photo)
      maxQueue: Math.max(config.queueMax, 1) + config.workers + MAX_PHOTOS,
      idleTimeout: 60_000,
      env: { ...process.env },
    });
    this.piscina.on('message', (message: unknown) => {
      const id = loadedThreadOf(message);
      if (id !== null) this.loadedThreads.add(id);
    });
  }

  /** Threads whose modules have loaded (worker-loaded.ts): only those can be stopped safely. */
  private readonly loadedThreads = new Set<number>();

  /** Tasks waiting for a worker: in the pool's own ordered list, and any piscina holds (a thread being replaced). */
  get queueDepth(): number {
    return this.waiting.size + this.piscina.queueSize;
  }

  /** Tasks being worked on right now (sent and not yet ended, less those still queued). */
  get running(): number {
    return Math.max(0, this.dispatched - this.piscina.queueSize);
  }

  /**
   * Refuses before queueing when `need` more tasks would not fit. A need above the whole capacity (8
   * photos with SMP_QUEUE_MAX=1 and one worker) counts as the whole capacity: such a consultation is taken
   * when nothing waits in the queue, instead of being told to retry for ever.
   */
  ensureCapacity(need = 1): void {
    const capacity = this.config.queueMax + this.config.workers;
    if (this.queueDepth + Math.min(need, capacity) > capacity) {
      throw new QueueFullError(Math.max(1, Math.ceil((this.queueDepth + 1) / this.config.workers)));
    }
  }

  /** The worker threads' ids: a thread stopped by force is replaced by one with a new id. */
  get threadIds(): number[] {
    return this.piscina.threads.map((t) => t.threadId);
  }

  /** Cancels of the tasks queued or running, and when each has settled. */
  private readonly active = new Map<TaskControl, { cancel: (reason: string) => void; settled: Promise<void> }>();
  private closing = false;

  /** How cancelled tasks ended: dropped as they left the queue, at a checkpoint, aborted by force, or finished anyway. */
  readonly cancellations = { beforeStart: 0, atCheckpoint: 0, forced: 0, finished: 0 };

  /**
   * A place in the queue for one piece of work (a consultation): its tasks, given the same order, go before
   * those of work that came later, however late they are queued (wait-list.ts).
   */
  newOrder(): number {
    return this.nextOrder++;
  }

  private nextOrder = 0;

  /**
   * Tasks wait here, by order, until a worker is free, and only then go to piscina. Its own queue is first
   * in, first out by task, and a task with an abort signal (every one of ours) skips any custom queue: a
   * consultation's plan and report tasks waited behind the photo tasks of every later upload, so a burst
   * of 11 uploads all finished together at the end, 10 of them past the time limit.
   */
  private readonly waiting = new OrderedWaitList();
  /** Tasks handed to piscina and not yet ended. */
  private dispatched = 0;

  private pump(): void {
    while (this.dispatched < this.config.workers) {
      const next = this.waiting.shift();
      if (!next) return;
      this.dispatched++;
      next();
    }
  }

  /**
   * Runs a task. Aborting `signal` rejects at once (AbortError) and asks the worker to stop the task at
   * its next checkpoint, or to drop it when it leaves the queue (cancel.ts); piscina aborts it, stopping a
   * worker by force, only after CANCEL_GRACE_MS. The task counts as queued or running until it stopped.
   */
  async run<T extends WorkerResult>(task: WorkerTask, signal?: AbortSignal, order: number = this.newOrder()): Promise<T> {
    if (this.closing) throw new TaskAbortedError('the service is stopping');
    if (signal?.aborted) throw new TaskAbortedError('aborted before it started');
    const control = newTaskControl();
    const force = new AbortController();
    let forceTimer: NodeJS.Timeout | undefined;
    let rejectAborted: (err: Error) => void = noop;
    const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
    let sent = false;
    let leave: () => boolean = () => false;
    let dropTurn: (err: Error) => void = noop;
    const turn = new Promise<void>((resolve, reject) => {
      dropTurn = reject;
      leave = this.waiting.add(order, resolve);
    });
    const cancel = (reason: string) => {
      if (isCancelled(control)) return;
      requestCancel(control);
      rejectAborted(new TaskAbortedError(reason));
      // still waiting for a worker: out of the list now, never sent (counted as stopped before its start)
      if (leave()) {
        dropTurn(new Error(STOPPED_BEFORE_START));
        return;
      }
      // Not piscina's abort: a task it handed to a worker still loading is aborted by terminating it.
      forceTimer = setTimeout(() => force.abort(), CANCEL_GRACE_MS);
    };
    const onAbort = () => cancel('aborted');
    signal?.addEventListener('abort', onAbort, { once: true });
    this.pump();
    const running = turn.then(() => {
      sent = true;
      return this.piscina.run({ ...task, control }, { signal: force.signal });
    });
    const settled = running
      .then(
        () => {
          if (isCancelled(control)) this.cancellations.finished++;
        },
        (err: unknown) => {
          if (!isCancelled(control)) return;
          if (force.signal.aborted) this.cancellations.forced++;
          else if (err instanceof Error && err.message.includes(STOPPED_BEFORE_START)) this.cancellations.beforeStart++;
          else this.cancellations.atCheckpoint++;
        },
      )
      .finally(() => {
        clearTimeout(forceTimer);
        signal?.removeEventListener('abort', onAbort);
        this.active.delete(control);
        if (sent) {
          this.dispatched--;
          this.pump();
        }
      });
    this.active.set(control, { cancel, settled });
    try {
      return (await Promise.race([running, aborted])) as T;
    } catch (err) {
      if (err instanceof TaskAbortedError) throw err;
      if (err instanceof Error && /queue is at limit/i.test(err.message)) throw new QueueFullError(2);
      throw err;
    }
  }

  /** Resolves once every task sent so far has ended, cancelled ones included. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.active.values()].map((a) => a.settled));
  }

  /**
   * Loads the models in a worker (once per thread) and reports each as 'ok' or why not. Once a check found
   * every model loaded, later calls answer from that record while the pool has threads, without a task:
   * a task waits in the queue behind every analysis (/ready took 15 s with 34 queued, and a readiness
   * probe that slow reads as down). Until then one task checks, shared by the calls that come meanwhile.
   */
  async ready(): Promise<Record<string, string>> {
    if (this.closing) return { workers: `failed: ${new TaskAbortedError('the service is stopping').message}` };
    if (this.modelsLoaded && this.piscina.threads.length > 0 && this.modelsLoaded.threads === this.threadKey()) return { ...this.modelsLoaded.checks };
    this.checking ??= this.checkModels().finally(() => (this.checking = undefined));
    return { ...(await this.checking) };
  }

  /**
   * The checks of the last ready task that found every model loaded, and the worker threads then: a thread
   * stopped by force is replaced by a fresh one that loads its models anew, so a changed set checks again.
   */
  private modelsLoaded: { checks: Record<string, string>; threads: string } | null = null;
  private checking: Promise<Record<string, string>> | undefined;

  private threadKey(): string {
    return this.threadIds.join(',');
  }

  private async checkModels(): Promise<Record<string, string>> {
    try {
      const threads = this.threadKey();
      const checks = await this.run<Record<string, string>>({ kind: 'ready', inferenceThreads: this.config.inferenceThreads });
      this.modelsLoaded = Object.values(checks).every((v) => v === 'ok') ? { checks: { ...checks }, threads } : null;
      return checks;
    } catch (err) {
      return { workers: `failed: ${(err as Error).message}` };
    }
  }

  /**
   * Refuses new tasks, cancels the queued and running ones and waits (at most CLOSE_WAIT_MS) for them to
   * stop at a checkpoint and for every thread to have loaded, then stops the workers, idle by then.
   */
  close(): Promise<void> {
    this.closed ??= this.stop();
    return this.closed;
  }

  private closed: Promise<void> | undefined;

  private async stop(): Promise<void> {
    this.closing = true;
    for (const a of this.active.values()) a.cancel('the service is stopping');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.whenIdle(), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    // A thread still loading its modules cannot be stopped safely (worker-loaded.ts): a service stopped
    // right after it started waits the moment it takes them to load.
    const deadline = Date.now() + CLOSE_WAIT_MS;
    while (Date.now() < deadline && this.piscina.threads.some((t) => !this.loadedThreads.has(t.threadId))) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await this.piscina.destroy();
  }
}

function noop(): void {}

function workerFile(): string {
  // Workers always run compiled JavaScript: from dist/ when built, which `npm test` and `npm start` ensure.
  const here = new URL('./worker.js', import.meta.url);
  const path = fileURLToPath(here);
  if (existsSync(path)) return path;
  const built = fileURLToPath(new URL('../../dist/src/pipeline/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`cannot find the compiled worker (${path} or ${built}); run \`npm run build\` first`);
}
