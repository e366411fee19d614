// Soak: cancels and stops the worker pool at random moments of real analyses, as analysis timeouts and
// service stops do, and reports whether the process survived. A process that dies here dies with a
// native abort ("terminate called after throwing an instance of 'Napi::Error'", or "FATAL ERROR:
// v8::Module::IsGraphAsync"), so the exit code and the last round printed are the result.
//   npm run build && node dist/test/eval/cancel-soak.js [--mode timeouts|stops] [--rounds 40] [--terminate]
// --terminate cancels the way the pool did before 2026-11-23: piscina's own abort, which terminates the
// worker thread running the task (a baseline that shows the crash).
// Result (2026-11-23, 2 cores): the shipped pool survived 40 timeout and 30 stop rounds, then 60 and 40
// with both modes running at once; --terminate died at timeout round 5 and at stop round 3.
import { Piscina } from 'piscina';
import { arg } from '../helpers/eval-args.js';
import { sharedAvailable } from '../../src/models/paths.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import type { PhotoTask } from '../../src/pipeline/photo-task.js';
import { readLabelledPhotos } from '../../datasets/norwood/photos.js';
import { readFileSync } from 'node:fs';

const mode = arg('mode') ?? 'timeouts';
const rounds = Number(arg('rounds') ?? (mode === 'stops' ? 30 : 40));
const terminate = process.argv.includes('--terminate');
if (!sharedAvailable()) throw new Error('the soak reads real photos from ../shared/data');

const config = pipelineConfig({ workers: mode === 'stops' ? 2 : 1, inferenceThreads: 1 });
const photos = readLabelledPhotos().filter((p) => p.view === 'top' && !p.possiblyRotated).slice(0, 8);
const task = (i: number): PhotoTask => ({ kind: 'photo', index: 0, view: 'top', bytes: readFileSync(photos[i % photos.length].path), limits: config.limits, inferenceThreads: 1 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Runner {
  run(t: PhotoTask, signal: AbortSignal): Promise<unknown>;
  close(): Promise<void>;
}

function runner(): Runner {
  if (!terminate) {
    const pool = new WorkerPool(config);
    return { run: (t, signal) => pool.run(t, signal), close: () => pool.close() };
  }
  const piscina = new Piscina({ filename: new URL('../../src/pipeline/worker.js', import.meta.url).pathname, minThreads: config.workers, maxThreads: config.workers });
  return { run: (t, signal) => piscina.run(t, { signal }), close: () => piscina.destroy() };
}

const started = Date.now();
if (mode === 'timeouts') {
  const pool = runner();
  for (let i = 0; i < rounds; i++) {
    const abort = new AbortController();
    const afterMs = Math.floor(Math.random() * 1000); // a photo task takes about 0.7 s here
    const timer = setTimeout(() => abort.abort(), afterMs);
    const outcome = await pool.run(task(i), abort.signal).then(() => 'finished', () => 'cancelled');
    clearTimeout(timer);
    console.log(`round ${i + 1}/${rounds}: cancel after ${afterMs} ms -> ${outcome}`);
  }
  await pool.close();
} else if (mode === 'stops') {
  for (let i = 0; i < rounds; i++) {
    const pool = runner();
    const runs = [0, 1].map((k) => pool.run(task(i + k), new AbortController().signal).catch(() => undefined));
    const afterMs = Math.floor(Math.random() * 2000); // threads load in about 1 s
    await sleep(afterMs);
    await pool.close();
    await Promise.all(runs);
    console.log(`round ${i + 1}/${rounds}: stopped after ${afterMs} ms`);
  }
} else {
  throw new Error(`--mode must be timeouts or stops, got ${mode}`);
}
console.log(`survived ${rounds} ${mode} rounds in ${Math.round((Date.now() - started) / 1000)} s${terminate ? ' (--terminate)' : ''}`);
