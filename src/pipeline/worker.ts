// Entry point of each worker thread in the pool. Models are loaded lazily, once per thread.
import { shippedFaceLandmarker, shippedFeatureModel, shippedPatternModel, shippedSegmenter } from './models.js';
import { runPhotoTask, type PhotoTask, type PhotoTaskResult } from './photo-task.js';
import { runPhotoCheck, type PhotoCheckResult, type PhotoCheckTask } from './check-task.js';
import { runPlanTask, type PlanTask, type PlanTaskResult } from './plan-task.js';
import { runReportTask, type ReportTask } from './report-task.js';
import { runAuditTask, type AuditTask, type AuditTaskResult } from './audit-task.js';
import { checkpointOf, throwIfCancelledBeforeStart, type TaskControl } from './cancel.js';
import { announceLoaded } from './worker-loaded.js';

export interface ReadyTask {
  kind: 'ready';
  inferenceThreads: number;
}
export type ReadyResult = Record<string, string>;

export type WorkerTask = PhotoTask | PhotoCheckTask | PlanTask | ReportTask | AuditTask | ReadyTask;
export type WorkerResult = PhotoTaskResult | PhotoCheckResult | PlanTaskResult | AuditTaskResult | Uint8Array | ReadyResult;

/** The pool adds the task's control block (cancel.ts) to every task it sends. */
export default async function run(task: WorkerTask & { control?: TaskControl }): Promise<WorkerResult> {
  throwIfCancelledBeforeStart(task.control);
  const checkpoint = checkpointOf(task.control);
  switch (task.kind) {
    case 'photo':
      return runPhotoTask(task, checkpoint);
    case 'photo-check':
      return runPhotoCheck(task);
    case 'plan':
      return runPlanTask(task, checkpoint);
    case 'report':
      return runReportTask(task);
    case 'audit':
      return runAuditTask(task, checkpoint);
    case 'ready':
      return checkModels(task.inferenceThreads);
    default:
      throw new Error(`unknown worker task kind: ${(task as { kind: string }).kind}`);
  }
}

async function checkModels(threads: number): Promise<ReadyResult> {
  const checks: ReadyResult = {};
  try {
    await shippedSegmenter(threads);
    checks.segmentation = 'ok';
  } catch (err) {
    checks.segmentation = `failed: ${(err as Error).message}`;
  }
  try {
    await shippedFeatureModel(threads);
    checks.features = 'ok';
  } catch (err) {
    checks.features = `failed: ${(err as Error).message}`;
  }
  try {
    await shippedPatternModel(threads);
    checks.norwoodPattern = 'ok';
  } catch (err) {
    checks.norwoodPattern = `failed: ${(err as Error).message}`;
  }
  try {
    await shippedFaceLandmarker();
    checks.faceLandmarks = 'ok';
  } catch (err) {
    checks.faceLandmarks = `failed: ${(err as Error).message}`;
  }
  return checks;
}

// Last, so it is posted once every module above has loaded.
announceLoaded();
