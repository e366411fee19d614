// One photo, start to finish, inside a worker thread: intake -> segmentation -> image features ->
// geometry (head, orientation, view, zones) -> quality gate (with the head check) -> colour -> overlay
// and masks. Returns plain data (errors too) so it crosses the thread boundary intact.
import { performance } from 'node:perf_hooks';
import { InputError, type InputErrorKind } from '../vision/errors.js';
import { intakePhoto } from '../vision/intake/decode.js';
import type { IntakeLimits } from '../vision/intake/limits.js';
import { assessQuality, withCheck, type QualityReport } from '../vision/quality/gate.js';
import { maskPng, overlayPng } from '../vision/overlay.js';
import { headMask, SEG_CLASSES } from '../vision/image.js';
import { analyzeGeometry } from '../vision/geometry/analyze.js';
import { headCheck } from '../vision/quality/head-check.js';
import { overExposedReason } from '../vision/quality/over-exposed.js';
import { viewCheck } from '../vision/quality/view-check.js';
import { VIEWS, type PhotoFeatures, type PhotoGeometry, type View } from '../vision/geometry/types.js';
import { balancedForSegmentation, measurePhotoColour } from '../vision/colour/measure.js';
import { DEFAULT_COLOUR_SETTINGS } from '../vision/colour/settings.js';
import type { PhotoColour } from '../vision/colour/types.js';
import { DEFAULT_SCAR_OPTIONS, findScarsWithMask, type FoundScar } from '../vision/scars/find-scars.js';
import { faceRegion } from '../vision/scars/face-region.js';
import { scalpHairRegion } from '../vision/colour/hair-region.js';
import { MIN_FACE_ON_HEAD, shareOnHead } from '../vision/geometry/face-on-head.js';
import { fineSegmentation } from './fine-segmentation.js';
import type { FoundScarInput } from '../plan/recommend/scars.js';
import { shippedFaceLandmarker, shippedFeatureModel, shippedPatternModel, shippedSegmenter } from './models.js';
import type { FaceSearch } from '../models/face-landmarks/face-landmarker.js';
import { NO_CHECKPOINT, type Checkpoint } from './cancel.js';

/** A scar of this photo as the consultation reads it (the photo index is added there). */
export type PhotoScar = Omit<FoundScarInput, 'photo'>;

/** Shortest side (analysis copy, px) from which FUE marks are looked for in tiles (fine-segmentation.ts). */
const MIN_SIDE_FOR_TILES = 256;

export { VIEWS, type View };
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

/** What the consultation shows and stores of one photo. */
export interface PhotoAnalysis {
  index: number;
  /** The view used: as given, or classified when the upload said `auto` (none read without a head: viewSource 'none'). */
  view: View;
  viewGiven: ViewOrAuto;
  viewSource: PhotoGeometry['viewSource'];
  viewConfidence: number;
  /** Clockwise rotation (degrees) found between the photo and upright. */
  orientation: number;
  orientationConfidence: number;
  format: string;
  /** The photo's size as sent, after EXIF orientation. */
  width: number;
  height: number;
  /**
   * The copy every measurement is made on (long side at most 1024 px): the frame of every pixel
   * coordinate in the answer (hairline, face, scars, card corners, plan dots) and of the overlay and
   * mask images; plan edits give their hairline and dots in it too.
   */
  analysisSize: { width: number; height: number };
  exifOrientation: number;
  metadataRemoved: boolean;
  gpsRemoved: boolean;
  quality: QualityReport;
  headFound: boolean;
  /** Hair, skin and scar as fractions of the head region. */
  coverage: { hair: number; skin: number; scar: number } | null;
  /** The same over the scalp the view shows (no face, ear or neck): PhotoGeometry.scalpCoverage. */
  scalpCoverage: { hair: number; skin: number; scar: number } | null;
  zones: Record<string, { visible: boolean; bald: number | null }>;
  hairline: PhotoGeometry['hairline'];
  /**
   * Face landmarks, looked for on front views with a head: the hairline design and the photo's scale
   * use them. Null where not looked for.
   */
  face: PhotoFace | null;
  /** Scars the segmentation found, with their kind and colour against the skin around them. */
  scars: FoundScar[];
  skinTone: PhotoColour['skinTone'];
  hairColour: PhotoColour['hairColour'];
  colourNotes: string[];
  /** The colour card found, if any: kind and corners (photo px), which also give the scale when the clinic states its size. */
  whiteBalance: { method: string; confidence: number; card: boolean; cardKind?: 'colour-chart-24' | 'grey-card'; cardCorners?: [number, number][] };
  timingsMs: Record<string, number>;
}

export type PhotoFace =
  | { found: false; candidatesRejected: number }
  | {
      found: true;
      score: number;
      /** Eye-centre distance (photo px): a scale cue of 63 +- 3.5 mm. */
      interpupillaryPx: number;
      /** Photo pixels: between the eyebrows, and the outer eye corners (image-left, image-right). */
      glabella: [number, number];
      leftCanthus: [number, number];
      rightCanthus: [number, number];
      candidatesRejected: number;
      /** Found only after grey-world balancing: the photo was taken under coloured light. */
      balanced?: true;
    };

/** What the fusion stages need besides the analysis (not stored or returned). */
export interface PhotoInternals {
  geometry: PhotoGeometry;
  features: PhotoFeatures;
  /** The mask-pattern model's level distribution for the photo's view; null when the photo is not graded. */
  pattern: number[] | null;
  colour: PhotoColour;
  /** The scars as the recommendation rules read them, with how sure each is. */
  scars: PhotoScar[];
}

export type PhotoTaskResult =
  | { ok: true; analysis: PhotoAnalysis; internals: PhotoInternals; files: PhotoFile[] }
  | { ok: false; error: { kind: InputErrorKind; message: string; detail: Record<string, unknown> } };

/** `checkpoint` runs after every stage: it throws when the pool cancelled the task (cancel.ts). */
export async function runPhotoTask(task: PhotoTask, checkpoint: Checkpoint = NO_CHECKPOINT): Promise<PhotoTaskResult> {
  const t: Record<string, number> = {};
  let mark = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    t[stage] = Math.round((now - mark) * 10) / 10;
    mark = now;
    checkpoint();
  };
  let intake;
  try {
    intake = await intakePhoto(task.bytes, task.limits);
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail } };
    throw err;
  }
  lap('intake');
  const image = intake.analysis;
  // Masks come from a white-balanced copy, so a colour cast cannot move them (and with them every colour
  // measured through them); colour itself is measured on the original (eval:colour, --prebalance).
  const segmenter = await shippedSegmenter(task.inferenceThreads);
  const balanced = balancedForSegmentation(image);
  const seg = await segmenter.segment(balanced);
  lap('segmentation');
  const features = await (await shippedFeatureModel(task.inferenceThreads)).extract(image);
  lap('features');
  const geometry = analyzeGeometry(seg, task.view, { features });
  lap('geometry');
  const pattern = await (await shippedPatternModel(task.inferenceThreads)).levelProbabilities(seg, geometry);
  lap('pattern');
  // Sharpness and exposure are judged on the head, where the measurements are taken.
  let quality = assessQuality({ image, original: intake, region: headMask(seg), jpegQuality: intake.jpegQuality });
  quality = withCheck(quality, headCheck(geometry));
  // a back photo sent as front would be graded and planned as a front view; with auto, says what was read
  quality = withCheck(quality, viewCheck(geometry, task.view));
  lap('quality');
  // A photo the gate refuses is measured (its white balance is still wanted) but gives no tone or hair
  // colour: it takes no part in the fused ones, and a confident reading of a photo that cannot be judged
  // (a blurred close-up read as ITA -74) would mislead whoever reads the photo's own fields.
  let face: PhotoFace | null = null;
  let faceSearch: FaceSearch | null = null;
  if (geometry.view === 'front' && geometry.headFound) {
    // A face off the head (a poster, a pattern on the wall) would carry the hairline and the scale with it.
    const offHead = (points: [number, number][]): string | null => {
      const share = shareOnHead(points, seg, image.width, image.height);
      return share < MIN_FACE_ON_HEAD ? `off the head: ${Math.round(100 * share)} % of its landmarks on it, under ${Math.round(100 * MIN_FACE_ON_HEAD)} %` : null;
    };
    faceSearch = await (await shippedFaceLandmarker()).find(image, geometry.orientation, offHead);
    face = photoFace(faceSearch);
    lap('face');
  }
  // The face the landmarks found: no scar is looked for on it (a nose tip reads as one), and no hair colour
  // read, which comes from the scalp only: a beard, a moustache or the brows are not the hair SMP matches,
  // nor is a shirt below the head (PhotoGeometry.scalpRegion).
  const offScalp = faceSearch?.face ? faceRegion(faceSearch.face.shape) : undefined;
  const hairRegion = scalpHairRegion(geometry, image.width, image.height, offScalp);
  const measured = measurePhotoColour(image, seg, DEFAULT_COLOUR_SETTINGS, { hairRegion });
  // A colour card calibrates exposure too: over-exposure only costs an uncalibrated photo its hair colour.
  const overExposed = measured.hairColour && !measured.whiteBalance.card ? overExposedReason(quality) : null;
  const colour = !quality.assessable
    ? { ...measured, skinTone: null, hairColour: null, contrast: null, reasons: [...measured.reasons, 'skin tone and hair colour not read: the photo failed the quality gate'] }
    : overExposed
      ? { ...measured, hairColour: null, contrast: null, reasons: [...measured.reasons, overExposed] }
      : measured;
  lap('colour');
  // the tiled look only pays on photos large enough to hold FUE marks at all
  const fine = geometry.headFound && Math.min(balanced.width, balanced.height) >= MIN_SIDE_FOR_TILES ? await fineSegmentation(segmenter, balanced) : undefined;
  const { scars, mask: scarMask } = geometry.headFound ? findScarsWithMask(image, seg, DEFAULT_SCAR_OPTIONS, { fine, offScalp, photo: { view: geometry.view, orientation: geometry.orientation } }) : { scars: [], mask: new Uint8Array(seg.labels.length) };
  lap('scars');
  const files: PhotoFile[] = [
    { name: `photo-${task.index}.jpg`, contentType: 'image/jpeg', bytes: intake.stored },
    { name: `overlay-${task.index}.png`, contentType: 'image/png', bytes: await overlayPng(image, seg, scarMask) },
  ];
  for (let c = 0; c < SEG_CLASSES.length; c++) {
    files.push({ name: `mask-${task.index}-${SEG_CLASSES[c]}.png`, contentType: 'image/png', bytes: await maskPng(seg, c) });
  }
  lap('outputs');
  const analysis: PhotoAnalysis = {
    index: task.index,
    view: geometry.view,
    viewGiven: task.view,
    viewSource: geometry.viewSource,
    viewConfidence: round(geometry.viewConfidence, 3),
    orientation: geometry.orientation,
    orientationConfidence: round(geometry.orientationConfidence, 3),
    format: intake.format,
    width: intake.width,
    height: intake.height,
    analysisSize: { width: image.width, height: image.height },
    exifOrientation: intake.exifOrientation,
    metadataRemoved: intake.hadMetadata,
    gpsRemoved: intake.hadGps,
    quality,
    headFound: geometry.headFound,
    // fractions of the head region (DESIGN §3): none without a head (a closeup's head region is the frame)
    coverage: geometry.headFound ? roundCoverage(geometry.coverage) : null,
    scalpCoverage: geometry.headFound && geometry.scalpCoverage ? roundCoverage(geometry.scalpCoverage) : null,
    zones: Object.fromEntries(Object.entries(geometry.zones).map(([k, z]) => [k, { visible: z.visible, bald: z.bald === null ? null : round(z.bald, 3) }])),
    hairline: geometry.hairline,
    face,
    scars,
    skinTone: colour.skinTone,
    hairColour: colour.hairColour,
    colourNotes: colour.reasons,
    whiteBalance: {
      method: colour.whiteBalance.method,
      confidence: round(colour.whiteBalance.confidence, 3),
      card: Boolean(colour.whiteBalance.card),
      ...(colour.whiteBalance.card
        ? { cardKind: colour.whiteBalance.card.kind, cardCorners: colour.whiteBalance.card.corners.map(([x, y]): [number, number] => [round(x, 1), round(y, 1)]) }
        : {}),
    },
    timingsMs: t,
  };
  const scarInputs: PhotoScar[] = scars.map((x) => ({
    kind: x.kind,
    ...(x.tone ? { tone: x.tone } : {}),
    ...(x.deltaE76 !== null ? { deltaE76: x.deltaE76 } : {}),
    confidence: x.confidence,
    sure: x.sure,
    ...(x.unsureWhy ? { unsureWhy: x.unsureWhy } : {}),
  }));
  return { ok: true, analysis, internals: { geometry, features, pattern, colour, scars: scarInputs }, files };
}

/** The part of a face search the consultation keeps. */
export function photoFace(search: FaceSearch): PhotoFace {
  if (!search.face) return { found: false, candidatesRejected: search.rejected.length };
  const { shape, score } = search.face;
  const px = (p: [number, number]): [number, number] => [round(p[0], 1), round(p[1], 1)];
  return {
    found: true,
    score,
    interpupillaryPx: round(shape.interpupillaryPx, 1),
    glabella: px(shape.glabella),
    leftCanthus: px(shape.leftCanthus),
    rightCanthus: px(shape.rightCanthus),
    candidatesRejected: search.rejected.length,
    ...(search.face.balanced ? { balanced: true as const } : {}),
  };
}

function roundCoverage(c: { hair: number; skin: number; scar: number }): { hair: number; skin: number; scar: number } {
  return { hair: round(c.hair, 4), skin: round(c.skin, 4), scar: round(c.scar, 4) };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
