// A scar-camouflage audit inside a worker thread: intake of every photo (sniff, orient, strip), the
// audit (registration, scar and ring, colour, dots, flags) and its side-by-side PNG and PDF page.
import { InputError, type InputErrorKind } from '../vision/errors.js';
import { intakePhoto } from '../vision/intake/decode.js';
import type { IntakeLimits } from '../vision/intake/limits.js';
import { AuditInputError, AuditPhotoTooSmallError, runAuditDetailed, renderAuditPdf, renderAuditSideBySide, type AuditResult } from '../vision/audit/index.js';
import { shippedSegmenter } from './models.js';
import { assessWholePhoto } from '../vision/quality/gate.js';
import type { PhotoFile } from './photo-task.js';
import { NO_CHECKPOINT, type Checkpoint } from './cancel.js';

export interface AuditTask {
  kind: 'audit';
  /** In order: before, after, then later visits. */
  photos: { field: string; bytes: Uint8Array }[];
  scarPolygon?: [number, number][];
  pxPerCm?: number;
  /** What the PDF page names: the stored audit's id, its client reference and when it was made (the API gives all three; the CLI the date and any --client-ref). */
  record?: { auditId?: string; clientRef?: string | null; date?: string };
  limits: IntakeLimits;
  inferenceThreads: number;
}

export type AuditTaskResult =
  | { ok: true; result: AuditResult; files: PhotoFile[] }
  // photo: 1-based place of the photo at fault, or null when the fault is in another field (scarPolygon, pxPerCm)
  | { ok: false; error: { kind: InputErrorKind; message: string; detail: Record<string, unknown>; field: string; photo: number | null } };

/** `checkpoint` runs between stages: it throws when the pool cancelled the task (cancel.ts). */
export async function runAuditTask(task: AuditTask, checkpoint: Checkpoint = NO_CHECKPOINT): Promise<AuditTaskResult> {
  const intakes = [];
  const stored: PhotoFile[] = [];
  for (const [i, p] of task.photos.entries()) {
    try {
      const intake = await intakePhoto(p.bytes, task.limits);
      intakes.push(intake);
      stored.push({ name: `${p.field}-${i}.jpg`, contentType: 'image/jpeg', bytes: intake.stored });
    } catch (err) {
      if (err instanceof InputError) return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail, field: p.field, photo: i + 1 } };
      throw err;
    }
    checkpoint();
  }
  const [before, after, ...visits] = intakes.map((x) => x.analysis);
  const quality = intakes.map(assessWholePhoto);
  const photoSize = { width: intakes[0].width, height: intakes[0].height };
  const segmenter = task.scarPolygon ? undefined : await shippedSegmenter(task.inferenceThreads);
  let run;
  try {
    // The polygon and scale are in the before photo's pixels; the audit maps them onto its analysis copy.
    run = await runAuditDetailed({ before, after, visits, scarPolygon: task.scarPolygon, segmenter, pxPerCm: task.pxPerCm, photoSize, quality });
  } catch (err) {
    if (err instanceof AuditPhotoTooSmallError) {
      return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail, field: task.photos[err.photoIndex].field, photo: err.photoIndex + 1 } };
    }
    if (err instanceof AuditInputError) {
      return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail, field: err.field, photo: null } };
    }
    // Anything else is ours to fix, not the caller's: it propagates (a 500, logged with the request).
    throw err;
  }
  checkpoint();
  const sideBySide = await renderAuditSideBySide(run);
  checkpoint();
  const pdf = await renderAuditPdf(run, { sideBySide, ...task.record });
  return {
    ok: true,
    result: run.result,
    files: [
      ...stored,
      { name: 'side-by-side.png', contentType: 'image/png', bytes: sideBySide },
      { name: 'audit.pdf', contentType: 'application/pdf', bytes: pdf },
    ],
  };
}

