// One photo, start to finish, inside a worker thread: intake -> quality -> segmentation -> per-photo
// measurements and overlay. Returns plain data (errors too) so it crosses the thread boundary intact.
import { performance } from 'node:perf_hooks';
import { InputError, type InputErrorKind } from '../vision/errors.js';
import { intakePhoto } from '../vision/intake/decode.js';
import type { IntakeLimits } from '../vision/intake/limits.js';
import { assessQuality, type QualityReport } from '../vision/quality/gate.js';
import { maskPng, overlayPng } from '../vision/overlay.js';
import { SEG_CLASSES, type Segmentation } from '../vision/image.js';
import { shippedSegmenter } from './models.js';

export const VIEWS = ['front', 'top', 'left', 'right', 'back', 'closeup'] as const;
export type View = (typeof VIEWS)[number];
export type ViewOrAuto = View | 'auto';

export interface PhotoTask {
  kind: 'photo';
  index: number;
  view: ViewOrAuto;
  bytes: Uint8Array;
  limits: IntakeLimits;
  inferenceThreads: number;
}

export interface PhotoFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface PhotoAnalysis {
  index: number;
  view: ViewOrAuto;
  format: string;
  width: number;
  height: number;
  exifOrientation: number;
  metadataRemoved: boolean;
  gpsRemoved: boolean;
  quality: QualityReport;
  coverage: { hair: number; skin: number; scar: number } | null;
  timingsMs: Record<string, number>;
}

export type PhotoTaskResult =
  | { ok: true; analysis: PhotoAnalysis; files: PhotoFile[] }
  | { ok: false; error: { kind: InputErrorKind; message: string; detail: Record<string, unknown> } };

export async function runPhotoTask(task: PhotoTask): Promise<PhotoTaskResult> {
  const t: Record<string, number> = {};
  let mark = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    t[stage] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  let intake;
  try {
    intake = await intakePhoto(task.bytes, task.limits);
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail } };
    throw err;
  }
  lap('intake');
  const segmenter = await shippedSegmenter(task.inferenceThreads);
  const seg = await segmenter.segment(intake.analysis);
  lap('segmentation');
  const coverage = coverageOf(seg);
  // Sharpness and exposure are judged on the head, where the measurements are taken.
  const quality = assessQuality({ image: intake.analysis, original: intake, region: headRegion(seg) });
  lap('quality');
  const files: PhotoFile[] = [
    { name: `photo-${task.index}.jpg`, contentType: 'image/jpeg', bytes: intake.stored },
    { name: `overlay-${task.index}.png`, contentType: 'image/png', bytes: await overlayPng(intake.analysis, seg) },
  ];
  for (let c = 0; c < SEG_CLASSES.length; c++) {
    files.push({ name: `mask-${task.index}-${SEG_CLASSES[c]}.png`, contentType: 'image/png', bytes: await maskPng(seg, c) });
  }
  lap('outputs');
  return {
    ok: true,
    analysis: {
      index: task.index,
      view: task.view,
      format: intake.format,
      width: intake.width,
      height: intake.height,
      exifOrientation: intake.exifOrientation,
      metadataRemoved: intake.hadMetadata,
      gpsRemoved: intake.hadGps,
      quality,
      coverage,
      timingsMs: t,
    },
    files,
  };
}

/** Fractions of the head region (every non-background pixel) that are hair, skin and scar. */
export function coverageOf(seg: Segmentation): { hair: number; skin: number; scar: number } | null {
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < seg.labels.length; i++) counts[seg.labels[i]]++;
  const head = counts[1] + counts[2] + counts[3];
  if (head === 0) return null;
  const r = (v: number) => Math.round((v / head) * 10000) / 10000;
  return { skin: r(counts[1]), hair: r(counts[2]), scar: r(counts[3]) };
}

function headRegion(seg: Segmentation): Uint8Array {
  const m = new Uint8Array(seg.labels.length);
  for (let i = 0; i < m.length; i++) m[i] = seg.labels[i] === 0 ? 0 : 1;
  return m;
}
