// Runtime configuration read once from the environment, with the limits checked early.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { intakeLimits, type IntakeLimits } from '../vision/intake/limits.js';
import { envInt } from '../env.js';

/** The most photos one consultation takes (the API, the CLI), and so the most tasks one request sends at once. */
export const MAX_PHOTOS = 8;

export interface PipelineConfig {
  /** Worker threads running the vision work (SMP_WORKERS, default: cores / inference threads). */
  workers: number;
  /** Threads one model run may use (SMP_INFERENCE_THREADS, default 1). */
  inferenceThreads: number;
  /** Tasks waiting beyond the running ones before new work is refused with 503 (SMP_QUEUE_MAX, default 32). */
  queueMax: number;
  /** Longest one consultation may take before it fails (SMP_ANALYSIS_TIMEOUT_MS, default 120 s). */
  analysisTimeoutMs: number;
  limits: IntakeLimits;
}

export function pipelineConfig(overrides: Partial<PipelineConfig> = {}): PipelineConfig {
  const cores = availableParallelism();
  const inferenceThreads = overrides.inferenceThreads ?? envInt('SMP_INFERENCE_THREADS', 1);
  const workers = overrides.workers ?? envInt('SMP_WORKERS', Math.max(1, Math.floor(cores / inferenceThreads)));
  if (workers * inferenceThreads > cores) {
    throw new RangeError(
      `SMP_WORKERS (${workers}) x SMP_INFERENCE_THREADS (${inferenceThreads}) = ${workers * inferenceThreads} exceeds the ${cores} cores; lower one of them`,
    );
  }
  return {
    workers,
    inferenceThreads,
    queueMax: overrides.queueMax ?? envInt('SMP_QUEUE_MAX', 32, 0),
    analysisTimeoutMs: overrides.analysisTimeoutMs ?? envInt('SMP_ANALYSIS_TIMEOUT_MS', 120_000),
    limits: overrides.limits ?? intakeLimits(),
  };
}

/** SMP_DATA_DIR, default ./data; an empty one counts as unset (it resolved to the working directory). */
export function dataDir(): string {
  return resolve(process.env.SMP_DATA_DIR || './data');
}
