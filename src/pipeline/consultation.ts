// One consultation: every photo through the worker pool in parallel, then the per-person fusion.
import { performance } from 'node:perf_hooks';
import { InputError, type InputErrorKind } from '../vision/errors.js';
import type { WorkerPool } from './pool.js';
import type { PhotoAnalysis, PhotoFile, PhotoTaskResult, ViewOrAuto } from './photo-task.js';

export interface ConsultationPhoto {
  view: ViewOrAuto;
  bytes: Uint8Array;
  /** The uploaded file name, only to name the part in error messages. */
  filename?: string;
}

export interface ConsultationMeta {
  sex?: 'male' | 'female' | 'other';
  age?: number;
  hairColour?: string;
  goals?: string;
  notes?: string;
}

export interface ConsultationAnalysis {
  assessable: boolean;
  reasons: string[];
  photos: PhotoAnalysis[];
  norwood: Record<string, unknown> | null;
  skinTone: Record<string, unknown> | null;
  recommendation: Record<string, unknown> | null;
  plan: Record<string, unknown> | null;
  timingsMs: Record<string, number>;
}

/** A photo the intake refused; names which part of the upload it was. */
export class PhotoInputError extends InputError {
  constructor(
    kind: InputErrorKind,
    message: string,
    readonly photoIndex: number,
    readonly field: string,
    detail: Record<string, unknown>,
  ) {
    super(kind, message, detail);
    this.name = 'PhotoInputError';
  }
}

export type StageObserver = (stage: string, ms: number) => void;

export async function analyzeConsultation(
  photos: ConsultationPhoto[],
  meta: ConsultationMeta,
  pool: WorkerPool,
  observe: StageObserver = () => {},
  signal?: AbortSignal,
): Promise<{ analysis: ConsultationAnalysis; files: PhotoFile[] }> {
  const started = performance.now();
  pool.ensureCapacity(photos.length);
  const results = await Promise.all(
    photos.map((p, index) =>
      pool.run<PhotoTaskResult>({
        kind: 'photo',
        index,
        view: p.view,
        bytes: p.bytes,
        limits: pool.config.limits,
        inferenceThreads: pool.config.inferenceThreads,
      }, signal),
    ),
  );
  const analyses: PhotoAnalysis[] = [];
  const files: PhotoFile[] = [];
  for (const [index, r] of results.entries()) {
    if (!r.ok) {
      const name = photos[index].filename ? ` (${photos[index].filename})` : '';
      throw new PhotoInputError(r.error.kind, `photo ${index + 1}, field "${photos[index].view}"${name}: ${r.error.message}`, index, photos[index].view, r.error.detail);
    }
    analyses.push(r.analysis);
    files.push(...r.files);
    for (const [stage, ms] of Object.entries(r.analysis.timingsMs)) observe(stage, ms);
  }
  const reasons: string[] = [];
  for (const a of analyses) {
    if (!a.quality.assessable) reasons.push(...a.quality.reasons.map((r) => `photo ${a.index + 1} (${a.view}): ${r}`));
  }
  const assessable = analyses.some((a) => a.quality.assessable);
  const analysis: ConsultationAnalysis = {
    assessable,
    reasons: assessable ? [] : reasons,
    photos: analyses,
    norwood: null,
    skinTone: null,
    recommendation: null,
    plan: null,
    timingsMs: { total: Math.round((performance.now() - started) * 10) / 10 },
  };
  void meta; // used by the grading and recommendation stages as they are wired in
  return { analysis, files };
}
