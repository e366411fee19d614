// The dot plan of one photo, inside a worker thread: the stored photo is decoded and segmented again
// (deterministic), the dot engine places every session's dots, and the renderers write what a person
// looks at. The same task re-plans an edited plan (POST /v1/consultations/:id/plan).
import sharp from 'sharp';
import { intakePhoto } from '../vision/intake/decode.js';
import { headMask } from '../vision/image.js';
import type { IntakeLimits } from '../vision/intake/limits.js';
import type { View } from '../vision/geometry/types.js';
import { planDots, type PlanInput, type PlanOptions, type SessionSpec } from '../plan/dots/plan.js';
import { planSummary, type PlanSummary } from '../plan/dots/summary.js';
import { renderPlanSvg } from '../plan/render/svg.js';
import { renderPreviewPng } from '../plan/render/preview.js';
import { renderOverlayPng } from '../plan/render/overlay.js';
import { renderDotsCsv } from '../plan/render/csv.js';
import { shippedSegmenter } from './models.js';
import { balancedForSegmentation } from '../vision/colour/measure.js';
import type { PhotoAnalysis, PhotoFile } from './photo-task.js';
import { cardScaleCue, type ScaleReference } from '../plan/scale/card.js';
import type { ScaleCue } from '../plan/scale/cues.js';
import { faceEndSure } from './plan-photo.js';
import { NO_CHECKPOINT, type Checkpoint } from './cancel.js';

/** Everything needed to plan (and later re-plan) one photo; stored with the consultation. */
export interface PlanRequest {
  photoIndex: number;
  view: View;
  orientation: 0 | 90 | 180 | 270;
  /** How sure the orientation is (the plan photo's orientation probability; a found face makes it sure). */
  orientationCheck?: { confidence: number; sure: boolean };
  sessions: SessionSpec[];
  hairline?: { points: [number, number][] } | null;
  /** The plan photo's face (front views): the hairline is designed from it and the scale read from the eyes. */
  face?: { glabella: [number, number]; leftCanthus: [number, number]; rightCanthus: [number, number]; interpupillaryPx: number };
  densityOverrides?: PlanInput['densityOverrides'];
  /** Scale cues measured in the plan photo besides the head outline (a colour card of known size). */
  scaleCues?: ScaleCue[];
  /** Dots already tattooed, in the plan photo's pixels (the x_px, y_px and session columns of dots.csv): kept, their sessions not planned again. */
  existingDots?: { x: number[]; y: number[]; session: number[] } | null;
  /** How far (mm) the first session's hairline sits behind the designed one (default 5). */
  firstSessionRaiseMm?: number;
  /** The person keeps their own frontal hairline (keepsOwnHairline: Norwood 1-3, female pattern). */
  keepOwnHairline?: boolean;
  /** ... and its frontotemporal angles (keepsOwnTemples: female pattern). */
  keepOwnTemples?: boolean;
  /** No recommended session treats a hairline zone (hairlineAsFill): the band behind the line is fill. */
  hairlineBandIsFill?: boolean;
  /**
   * Whether the consultation plans for scars (stated, or found sure in some photo). When it does not, what
   * the segmentation reads as scar in the plan photo is planned as the scalp it lies on, not as a scar
   * zone with scar settings that no scar in the consultation explains. Absent (older plans): true.
   */
  planScars?: boolean;
  seed: number;
}

/**
 * What a plan on photo `index` takes from that photo's analysis: its view and orientation, its face,
 * and the scale cue of its colour card when the clinic has stated the card's size.
 */
export function planTarget(
  photo: Pick<PhotoAnalysis, 'view' | 'orientation' | 'orientationConfidence' | 'face' | 'whiteBalance'>,
  index: number,
  reference: ScaleReference | null | undefined,
): Pick<PlanRequest, 'photoIndex' | 'view' | 'orientation' | 'orientationCheck' | 'face' | 'scaleCues'> {
  const { face } = photo;
  const { cardKind, cardCorners } = photo.whiteBalance;
  const card = cardKind && cardCorners ? cardScaleCue({ kind: cardKind, corners: cardCorners }, reference) : null;
  return {
    photoIndex: index,
    view: photo.view,
    orientation: photo.orientation as PlanRequest['orientation'],
    orientationCheck: { confidence: photo.orientationConfidence, sure: faceEndSure(photo) },
    ...(face?.found ? { face: { glabella: face.glabella, leftCanthus: face.leftCanthus, rightCanthus: face.rightCanthus, interpupillaryPx: face.interpupillaryPx } } : {}),
    ...(card ? { scaleCues: [card] } : {}),
  };
}

export interface PlanTask {
  kind: 'plan';
  photo: Uint8Array;
  request: PlanRequest;
  limits: IntakeLimits;
  inferenceThreads: number;
}

export interface PlanTaskResult {
  summary: PlanSummary;
  files: PhotoFile[];
}

/** The dot engine's options a plan request sets: the first session's hairline, and no scar zone when no scar is planned. */
export function planOptionsOf(r: Pick<PlanRequest, 'firstSessionRaiseMm' | 'planScars'>): Partial<PlanOptions> {
  return {
    ...(r.firstSessionRaiseMm !== undefined ? { firstSessionRaiseMm: r.firstSessionRaiseMm } : {}),
    ...(r.planScars === false ? { treatment: { scarThreshold: Number.POSITIVE_INFINITY } } : {}),
  };
}

/** `checkpoint` runs between stages: it throws when the pool cancelled the task (cancel.ts). */
export async function runPlanTask(task: PlanTask, checkpoint: Checkpoint = NO_CHECKPOINT): Promise<PlanTaskResult> {
  const { request: r } = task;
  const intake = await intakePhoto(task.photo, task.limits);
  checkpoint();
  const image = intake.analysis;
  const seg = await (await shippedSegmenter(task.inferenceThreads)).segment(balancedForSegmentation(image)); // as in photo-task
  checkpoint();
  const head = headMask(seg);
  // Face landmarks only place a hairline and give a scale on the front view they were found in.
  const face = r.view === 'front' ? r.face : undefined;
  const input: PlanInput = {
    image,
    seg,
    view: r.view,
    head: { mask: head, orientation: r.orientation },
    sessions: r.sessions,
    hairline: r.hairline,
    ...(face ? { landmarks: { glabella: face.glabella, leftCanthus: face.leftCanthus, rightCanthus: face.rightCanthus } } : {}),
    scaleCues: [...(r.scaleCues ?? []), ...(face ? [{ kind: 'interpupillary' as const, distancePx: face.interpupillaryPx }] : [])],
    densityOverrides: r.densityOverrides,
    ...(r.existingDots ? { existingDots: { x: Float32Array.from(r.existingDots.x), y: Float32Array.from(r.existingDots.y), session: Uint8Array.from(r.existingDots.session) } } : {}),
    options: planOptionsOf(r),
    keepOwnHairline: r.keepOwnHairline,
    keepOwnTemples: r.keepOwnTemples,
    hairlineBandIsFill: r.hairlineBandIsFill,
    seed: r.seed,
  };
  const plan = planDots(input);
  checkpoint();
  const jpeg = await sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  const files: PhotoFile[] = [
    { name: 'plan.svg', contentType: 'image/svg+xml', bytes: Buffer.from(renderPlanSvg(plan, { photo: { data: jpeg, mime: 'image/jpeg' } })) },
    { name: `preview-${r.photoIndex}.png`, contentType: 'image/png', bytes: await renderPreviewPng(image, plan) },
    { name: `plan-${r.photoIndex}.png`, contentType: 'image/png', bytes: await renderOverlayPng(image, plan) },
    { name: 'dots.csv', contentType: 'text/csv', bytes: Buffer.from(renderDotsCsv(plan)) },
  ];
  return { summary: { ...planSummary(plan), orientation: orientationNote(r) }, files };
}

/**
 * Which way round the plan was drawn, and a note for the practitioner when the face end of the photo is
 * unsure: the hairline and the crown may be the wrong way round. Plans stored before the check carry no
 * confidence; they are reported as they were planned, without a note.
 */
export function orientationNote(r: Pick<PlanRequest, 'orientation' | 'orientationCheck'>): PlanSummary['orientation'] {
  const check = r.orientationCheck;
  if (!check || check.sure) return { degrees: r.orientation, confidence: check?.confidence ?? null, sure: true };
  return {
    degrees: r.orientation,
    confidence: check.confidence,
    sure: false,
    note: `which end of this photo the face is at was read with confidence ${check.confidence.toFixed(2)} only: check that the hairline is drawn at the forehead and the crown at the back before treatment; if not, draw the hairline or plan on another photo`,
  };
}
