// The worker-thread pool (piscina) that runs every CPU-heavy stage off the event loop, with a bounded
// queue: when it is full, new work is refused at once (the API answers 503 + Retry-After).
import { Piscina } from 'piscina';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PipelineConfig } from './config.js';
import type { WorkerResult, WorkerTask } from './worker.js';

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
      maxQueue: Math.max(config.queueMax, 1),
      idleTimeout: 60_000,
      env: { ...process.env },
    });
  }

  /** Tasks waiting for a worker. */
  get queueDepth(): number {
    return this.piscina.queueSize;
  }

  private pending = 0;

  /** Tasks being worked on right now. */
  get running(): number {
    return Math.max(0, this.pending - this.piscina.queueSize);
  }

  /** Refuses before queueing when `need` more tasks would not fit. */
  ensureCapacity(need = 1): void {
    if (this.piscina.queueSize + need > this.config.queueMax + this.config.workers) {
      throw new QueueFullError(Math.max(1, Math.ceil((this.piscina.queueSize + 1) / this.config.workers)));
    }
  }

  /** Runs a task; aborting `signal` drops it from the queue, or stops the worker running it. */
  async run<T extends WorkerResult>(task: WorkerTask, signal?: AbortSignal): Promise<T> {
    this.pending++;
    try {
      return (await this.piscina.run(task, { signal })) as T;
    } catch (err) {
      if (err instanceof Error && /queue is at limit/i.test(err.message)) throw new QueueFullError(2);
      throw err;
    } finally {
      this.pending--;
    }
  }

  /** Loads the models in a worker (once per thread) and reports each as 'ok' or why not. */
  async ready(): Promise<Record<string, string>> {
    try {
      return await this.run<Record<string, string>>({ kind: 'ready', inferenceThreads: this.config.inferenceThreads });
    } catch (err) {
      return { workers: `failed: ${(err as Error).message}` };
    }
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

function workerFile(): string {
  // Workers always run compiled JavaScript: from dist/ when built, which `npm test` and `npm start` ensure.
  const here = new URL('./worker.js', import.meta.url);
  const path = fileURLToPath(here);
  if (existsSync(path)) return path;
  const built = fileURLToPath(new URL('../../dist/src/pipeline/worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`cannot find the compiled worker (${path} or ${built}); run \`npm run build\` first`);
}
