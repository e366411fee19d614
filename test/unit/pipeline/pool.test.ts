// The pool stops work it no longer needs without stopping a worker thread inside native code, which
// could take the whole process down (cancel.ts): a timed-out analysis, or a stop during one, once did.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HAS_SHARED, photoOf } from '../../helpers/shared.js';
import { WorkerPool } from '../../../src/pipeline/pool.js';
import { pipelineConfig } from '../../../src/pipeline/config.js';
import type { PhotoTask, PhotoTaskResult } from '../../../src/pipeline/photo-task.js';

// A real head, so every stage (scar search included) has its work to do: about 1.5 s here.
function photoTask(): PhotoTask {
  const config = pipelineConfig({ workers: 1, inferenceThreads: 1 });
  return { kind: 'photo', index: 0, view: 'top', bytes: photoOf('top-down', 3).bytes, limits: config.limits, inferenceThreads: 1 };
}

/** Waits (up to 5 s) until one task runs on a thread: a loaded machine hands a task over later than an idle one. */
async function runningOne(pool: WorkerPool): Promise<void> {
  for (let waited = 0; pool.running !== 1 && waited < 5000; waited += 5) await new Promise((r) => setTimeout(r, 5));
  expect(pool.running).toBe(1);
}

describe.skipIf(!HAS_SHARED)('WorkerPool cancellation', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = new WorkerPool(pipelineConfig({ workers: 1, inferenceThreads: 1, queueMax: 4 }));
    await pool.ready(); // models loaded, so a run is all analysis
  });
  afterAll(async () => {
    await pool.close();
  });

  it('stops a running task at a checkpoint, on the same thread, which then runs the next task', async () => {
    const threads = pool.threadIds;
    for (const afterMs of [30, 250]) {
      const abort = new AbortController();
      const run = pool.run<PhotoTaskResult>(photoTask(), abort.signal);
      await runningOne(pool); // on its thread: the stop is counted at a checkpoint, not before the start
      setTimeout(() => abort.abort(), afterMs);
      await expect(run).rejects.toMatchObject({ name: 'AbortError' }); // at once, not when the worker stops
    }
    const done = await pool.run<PhotoTaskResult>(photoTask()); // queued behind the stopping one
    expect(done.ok).toBe(true);
    expect(pool.threadIds).toEqual(threads); // no thread was stopped by force
    expect(pool.cancellations).toMatchObject({ atCheckpoint: 2, forced: 0, beforeStart: 0 });
    expect(pool.running).toBe(0);
  });

  it('answers a cancelled queued task at once, and drops it when it leaves the queue', async () => {
    const before = { ...pool.cancellations };
    const threads = pool.threadIds;
    const busy = pool.run<PhotoTaskResult>(photoTask());
    const abort = new AbortController();
    const queued = pool.run<PhotoTaskResult>(photoTask(), abort.signal);
    // The first task on its thread and the second in the queue: waited for, not assumed after a fixed
    // delay (a loaded machine took longer than 20 ms to hand the first one over, and both were queued).
    await runningOne(pool);
    expect(pool.queueDepth).toBe(1);
    abort.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    expect((await busy).ok).toBe(true);
    await pool.run({ kind: 'ready', inferenceThreads: 1 }); // behind the dropped one
    expect(pool.queueDepth).toBe(0);
    expect(pool.cancellations.beforeStart).toBe(before.beforeStart + 1);
    expect(pool.threadIds).toEqual(threads);
  });

  it('refuses a task whose signal was aborted before it was sent', async () => {
    await expect(pool.run(photoTask(), AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe.skipIf(!HAS_SHARED)('WorkerPool right after start', () => {
  // piscina hands tasks to its first threads before they have loaded; stopping a thread mid-load is fatal.
  it('drops a task cancelled while its thread is still loading, and stops only loaded threads', async () => {
    for (const afterMs of [0, 60, 250]) {
      const pool = new WorkerPool(pipelineConfig({ workers: 1, inferenceThreads: 1 }));
      const threads = pool.threadIds;
      const abort = new AbortController();
      const run = pool.run<PhotoTaskResult>(photoTask(), abort.signal);
      await new Promise((r) => setTimeout(r, afterMs));
      abort.abort();
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
      await pool.whenIdle();
      expect(pool.threadIds).toEqual(threads); // not replaced: the thread was left to load
      await pool.close();
      const { beforeStart, atCheckpoint, forced } = pool.cancellations;
      expect({ stopped: beforeStart + atCheckpoint, forced }).toEqual({ stopped: 1, forced: 0 });
    }
  });
});

describe.skipIf(!HAS_SHARED)('WorkerPool.close', () => {
  it('stops the running and queued tasks at a checkpoint, then the workers, and refuses new ones', async () => {
    const pool = new WorkerPool(pipelineConfig({ workers: 1, inferenceThreads: 1, queueMax: 4 }));
    await pool.ready();
    const running = pool.run<PhotoTaskResult>(photoTask());
    const queued = pool.run<PhotoTaskResult>(photoTask());
    const outcomes = Promise.allSettled([running, queued]);
    await new Promise((r) => setTimeout(r, 300));
    await pool.close();
    const [a, b] = await outcomes;
    expect(a).toMatchObject({ status: 'rejected', reason: { name: 'AbortError', message: expect.stringContaining('stopping') } });
    expect(b).toMatchObject({ status: 'rejected', reason: { name: 'AbortError' } });
    await expect(pool.run(photoTask())).rejects.toMatchObject({ name: 'AbortError', message: expect.stringContaining('stopping') });
  });
});

describe('WorkerPool.ready', () => {
  it('answers from the last check while the worker threads stay the same, and checks again when one was replaced', async () => {
    const pool = new WorkerPool(pipelineConfig({ workers: 1, inferenceThreads: 1 }));
    try {
      const run = vi.spyOn(pool, 'run');
      expect(Object.values(await pool.ready()).every((v) => v === 'ok')).toBe(true);
      await pool.ready();
      expect(run).toHaveBeenCalledTimes(1); // the second answer queued no task
      // a thread stopped by force comes back with a new id: its models are checked again
      const replaced = pool.threadIds.map((id) => id + 1000);
      vi.spyOn(pool, 'threadIds', 'get').mockReturnValue(replaced);
      expect(Object.values(await pool.ready()).every((v) => v === 'ok')).toBe(true);
      expect(run).toHaveBeenCalledTimes(2);
      await pool.ready();
      expect(run).toHaveBeenCalledTimes(2);
    } finally {
      vi.restoreAllMocks();
      await pool.close();
    }
  });
});
