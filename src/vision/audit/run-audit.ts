// The audit orchestrator: register every later photo onto the before photo, find the scar (caller's
// mask or polygon, else the segmenter's scar class), measure before/after/visits on the same pixels,
// and read the failure flags off the measurements. Async only because a segmenter is; the rest is
// synchronous and safe in a worker thread.
import { BAND_SURE_MARGIN, bandMargin } from './bands.js';
import { AuditInputError, AuditPhotoTooSmallError } from './errors.js';
import { AUDIT_MIN_SIDE, PX_PER_CM_LIMITS } from './limits.js';
import { assertRgb, type GrayImage, type RgbImage, type Segmentation } from '../image.js';
import type { Segmenter } from '../../models/segmentation/segmenter.js';
import { checkBlowout, checkFading, checkHelmet, checkHueShift, checkLighting, checkLittlePigment, checkScarVisible, checkSwapped, checkTooDark, type FlagCheck } from './flags.js';
import { photoRefusals, type AuditPhotoGate } from './photo-refusals.js';
import { sureScarMask } from '../scars/find-scars.js';
import { labPlanes } from './lab.js';
import { binaryMask, boundingBox, checkScarPolygon, polygonMask, scarRegions, type RingOptions, type ScarRegions } from './masks.js';
import { measurePhoto, pigmentMask, type MeasureOptions, type PhotoMeasure } from './measure.js';
import { loadOpenCv, type OpenCv } from './opencv.js';
import { registerToReference, type Registration, type RegistrationOptions } from './register.js';
import type { AuditResult } from './schema.js';
import { DEFAULT_THRESHOLDS, type FlagThresholds } from './thresholds.js';
import { warpToReference } from './warp.js';
import { heatmapDeltaE } from './heatmap.js';
import { count } from '../colour/masks.js';
import { maskToCopy, polygonToCopy, pxPerCmToCopy, type Size } from './input-frame.js';

export interface AuditInput {
  before: RgbImage;
  after: RgbImage;
  /** Later visits in time order. */
  visits?: RgbImage[];
  /** Scar mask in before-photo pixels (non-zero = scar): at `photoSize` when given, else at the before image's size. */
  scarMask?: GrayImage;
  /** Scar outline in before-photo pixels. */
  scarPolygon?: [number, number][];
  /**
   * The before photo's own size when `before` is a scaled copy of it (the service's analysis copy):
   * the scar mask, polygon and pxPerCm are then in the photo's pixels and are mapped to the copy.
   */
  photoSize?: Size;
  /** Finds the scar when no mask or polygon is given, and hair/background to keep out of the surround. */
  segmenter?: Segmenter;
  /** Scale of the before photo (its pixels per cm, see photoSize), for dots per cm². */
  pxPerCm?: number;
  ring?: RingOptions;
  registration?: RegistrationOptions;
  measure?: Omit<MeasureOptions, 'pxPerCm'>;
  thresholds?: Partial<FlagThresholds>;
  /**
   * Each photo's quality gate (before, after, then the visits), when it was run: a photo with an error
   * is refused (before or after: the audit is not assessable; a visit: it is left out).
   */
  quality?: (AuditPhotoGate | null)[];
}

/** What the renderers need besides the JSON: the registered photos and the regions, in the before frame. */
export interface AuditArtifacts {
  before: RgbImage;
  afterRegistered: RgbImage | null;
  visitsRegistered: (RgbImage | null)[];
  scar: Uint8Array | null;
  ring: Uint8Array | null;
  /** Per-pixel ΔE76 of the smoothed after photo against the surround colour (NaN outside scar and ring). */
  heatmap: Float32Array | null;
}

export interface AuditRun {
  result: AuditResult;
  artifacts: AuditArtifacts;
}

export async function runAudit(input: AuditInput): Promise<AuditResult> {
  return (await runAuditDetailed(input)).result;
}

export async function runAuditDetailed(input: AuditInput): Promise<AuditRun> {
  checkInput(input);
  const cv = await loadOpenCv();
  let seg: Segmentation | null = null;
  if (input.segmenter) seg = await input.segmenter.segment(input.before);
  return auditSync(cv, input, seg);
}

function checkInput(input: AuditInput): void {
  if (!input || !input.before || !input.after) throw new TypeError('an audit needs a before and an after photo');
  assertRgb(input.before, 'before');
  assertRgb(input.after, 'after');
  (input.visits ?? []).forEach((v, i) => assertRgb(v, `visit ${i + 1}`));
  const photos = [['before', input.before], ['after', input.after], ...(input.visits ?? []).map((v, i) => [`visit ${i + 1}`, v] as const)] as const;
  photos.forEach(([name, img], index) => {
    if (Math.min(img.width, img.height) < AUDIT_MIN_SIDE) throw new AuditPhotoTooSmallError(index, `${name} photo is ${img.width}x${img.height}: at least ${AUDIT_MIN_SIDE} px a side is needed`);
  });
  if (input.pxPerCm !== undefined && !(input.pxPerCm >= PX_PER_CM_LIMITS.min && input.pxPerCm <= PX_PER_CM_LIMITS.max)) {
    throw new AuditInputError('pxPerCm', `pxPerCm must be ${PX_PER_CM_LIMITS.min}..${PX_PER_CM_LIMITS.max} pixels per cm, got ${input.pxPerCm}`);
  }
  // on the caller's coordinates, before they are scaled onto the copy
  if (input.scarPolygon) checkScarPolygon(input.scarPolygon);
  if (input.scarMask && input.scarPolygon) throw new AuditInputError('scarPolygon', 'give a scar mask or a scar polygon, not both');
  if (!input.scarMask && !input.scarPolygon && !input.segmenter) throw new TypeError('no scar: give a scar mask, a scar polygon or a segmenter');
}

/** The caller's mask, polygon and scale moved from the photo's pixels into the before copy's (no-op without photoSize). */
function inCopyFrame(input: AuditInput): AuditInput {
  const photo = input.photoSize;
  if (!photo) return input;
  const copy = { width: input.before.width, height: input.before.height };
  const sameSize = (a: Size, b: Size) => a.width === b.width && a.height === b.height;
  let scarMask = input.scarMask;
  // a mask at the copy's size is taken as it is; otherwise it must be the photo's
  if (scarMask && !sameSize(scarMask, copy)) {
    if (!sameSize(scarMask, photo)) throw new AuditInputError('scarMask', `scar mask is ${scarMask.width}x${scarMask.height} but the before photo is ${photo.width}x${photo.height}`);
    scarMask = maskToCopy(scarMask, copy);
  }
  return {
    ...input,
    ...(scarMask ? { scarMask } : {}),
    ...(input.scarPolygon ? { scarPolygon: polygonToCopy(input.scarPolygon, photo, copy) } : {}),
    ...(input.pxPerCm !== undefined ? { pxPerCm: pxPerCmToCopy(input.pxPerCm, photo, copy) } : {}),
  };
}

/** The synchronous part, given OpenCV and (optionally) the before photo's segmentation; inputs in the before copy's pixels. */
export function auditSync(cv: OpenCv, input: AuditInput, seg: Segmentation | null): AuditRun {
  checkInput({ ...input, segmenter: input.segmenter ?? (seg ? ({} as Segmenter) : undefined) });
  input = inCopyFrame(input);
  const { before } = input;
  const W = before.width;
  const H = before.height;
  const reasons: string[] = [];
  const thresholds = { ...DEFAULT_THRESHOLDS, ...input.thresholds };

  // Photos that cannot be measured: before or after stops the audit; a visit is left out.
  const named = [{ name: 'before', image: before }, { name: 'after', image: input.after }, ...(input.visits ?? []).map((image, i) => ({ name: `visit ${i + 1}`, image }))];
  const refused = named.map(({ image }, k) => photoRefusals(image, input.quality?.[k] ?? null, named.slice(0, k)));
  refused.forEach((why, k) => {
    for (const r of why) reasons.push(k < 2 ? `${named[k].name} photo: ${r}` : `${named[k].name} left out: ${r}`);
  });

  // The scar, in before pixels.
  let source: AuditResult['scar']['source'] = null;
  let scar: Uint8Array;
  if (input.scarMask) {
    scar = binaryMask(input.scarMask, W, H);
    source = 'mask';
  } else if (input.scarPolygon) {
    scar = polygonMask(cv, W, H, input.scarPolygon);
    source = 'polygon';
    // An outline mostly off the photo is not audited as the sliver left on it (a half-off outline had
    // been clipped without a word, and read "perfect", sure).
    const drawn = polygonArea(input.scarPolygon);
    const inside = count(scar); // polygonMask is 0/1
    if (drawn >= 30 && inside < 0.5 * drawn) reasons.push(`the scar outline lies ${Math.round(100 * (1 - inside / drawn))} % outside the before photo: outline the scar where the photo shows it`);
  } else {
    if (!seg) throw new TypeError('a segmenter was given but no segmentation came back');
    // Only scars the finder is sure of: the raw scar class also covers door frames, walls and ears.
    const found = sureScarMask(before, seg);
    scar = found.mask;
    source = 'segmenter';
    if (found.sure === 0) {
      const possible = found.possible ? ` (${found.possible} possible, too unsure to measure)` : '';
      reasons.push(`no scar was found surely in the before photo${possible}: outline it (scarPolygon) to audit it`);
    }
  }
  // Not normal scalp: hair and background, when a segmentation says where they are.
  let exclude: Uint8Array | undefined;
  if (seg) {
    if (seg.width !== W || seg.height !== H) throw new RangeError(`segmentation is ${seg.width}x${seg.height}, the before photo ${W}x${H}`);
    exclude = Uint8Array.from(seg.labels, (l) => (l === 0 || l === 2 ? 1 : 0));
  }

  // Registration of the after photo and each visit.
  const registration = registerToReference(cv, before, input.after, input.registration);
  const visitRegs = (input.visits ?? []).map((v) => registerToReference(cv, before, v, input.registration));
  const warp = (img: RgbImage, reg: Registration) => (reg.registered && reg.transform ? warpToReference(cv, img, reg.transform, W, H) : null);
  const afterW = warp(input.after, registration);
  const visitW = (input.visits ?? []).map((v, i) => (refused[2 + i].length ? null : warp(v, visitRegs[i])));
  if (!registration.registered) reasons.push(`the after photo could not be registered onto the before photo: ${registration.reason}`);
  visitRegs.forEach((r, i) => {
    if (!r.registered) reasons.push(`visit ${i + 1} could not be registered (left out): ${r.reason}`);
  });

  // Every photo is measured on the same pixels: those all registered photos show.
  const valid = new Uint8Array(W * H).fill(1);
  for (const w of [afterW, ...visitW]) if (w) for (let i = 0; i < valid.length; i++) valid[i] &= w.valid[i];
  let scarPx = 0;
  let scarVisible = 0;
  for (let i = 0; i < scar.length; i++) {
    if (!scar[i]) continue;
    scarPx++;
    if (valid[i]) scarVisible++;
  }
  if (scarPx === 0 && source !== 'segmenter') reasons.push('the scar mask is empty');
  const offFrame = afterW !== null && scarPx > 0 && scarVisible < 0.5 * scarPx;
  if (offFrame) reasons.push(`the after photo shows only ${Math.round((100 * scarVisible) / scarPx)} % of the scar`);

  // A scar the after photo mostly misses is not cut down to what is left: that gave "0 px in its core" and
  // "0 px surround" after the real reason, and an area of 0 for a scar drawn over 4,699 px.
  const regions = scarPx > 0 && !offFrame ? scarRegions(cv, scar, W, H, { ...input.ring, exclude, valid }) : null;
  if (regions && regions.corePx < 30) reasons.push(`the scar is too small to measure (${regions.corePx} px in its core)`);
  if (regions && regions.ringPx < 100) reasons.push(`too little normal scalp around the scar (${regions.ringPx} px)`);

  const box = regions ? boundingBox(Uint8Array.from(regions.scar, (v, i) => v | regions.ring[i]), W, H, 2) : null;
  const roi = box ? roiMask(W, H, box) : null;
  const measureOpts: MeasureOptions = { ...input.measure, pxPerCm: input.pxPerCm };
  const measurable = regions !== null && box !== null && roi !== null && reasons.every((r) => r.startsWith('visit '));
  const beforeLab = measurable ? labPlanes(before, roi!) : null;
  const mBefore = beforeLab ? measurePhoto(cv, before, beforeLab, regions!, box!, measureOpts) : null;
  // The later photos' pigment is judged on what the before photo did not already show dark (hair, stubble).
  const earlierDark = beforeLab && mBefore ? pigmentMask(beforeLab.L, regions!, mBefore, W, H, measureOpts) : undefined;
  const measure = (img: RgbImage | null): PhotoMeasure | null =>
    measurable && img ? measurePhoto(cv, img, labPlanes(img, roi!), regions!, box!, { ...measureOpts, earlierDark }) : null;

  const mAfter = measure(afterW?.image ?? null);
  const mVisits = visitW.map((w) => measure(w?.image ?? null));
  if (measurable && (!mBefore || !mAfter)) reasons.push('no usable pixels left in the scar or its surround after excluding highlights');

  const checks: FlagCheck[] = [];
  if (mBefore && mAfter) {
    checks.push(checkBlowout(mAfter, thresholds), checkHelmet(mBefore, mAfter, thresholds), checkHueShift(mAfter, thresholds), checkTooDark(mAfter, thresholds));
    checks.push(checkLittlePigment(mBefore, mAfter, thresholds), checkScarVisible(mBefore, thresholds));
    checks.push(checkFading([mAfter, ...mVisits.filter((m): m is PhotoMeasure => m !== null)], thresholds));
    checks.push(checkSwapped(mBefore, mAfter, thresholds));
    checks.push(checkLighting(mBefore, [mAfter, ...mVisits], thresholds));
  }
  // Under light this different the after photo's match does not compare with the before photo's (the
  // untreated skin itself reads another colour): not assessable, rather than a band beside a failed check.
  const lightShift = checks.find((c) => c.id === 'lighting-changed')?.evidence.surroundSkinDeltaE76;
  const afterShift = Array.isArray(lightShift) ? lightShift[0] : null;
  if (typeof afterShift === 'number' && afterShift > thresholds.lightingFailDeltaE) {
    reasons.push(`the light changed between the before and after photos (the untreated skin around the scar differs by ΔE ${afterShift.toFixed(1)}, over ${thresholds.lightingFailDeltaE}): their matches do not compare; take the after photo under the same light as the before photo`);
  }
  const assessable = mBefore !== null && mAfter !== null && reasons.every((r) => r.startsWith('visit '));
  const heatmap = assessable && afterW && regions && box ? heatmapDeltaE(cv, afterW.image, regions, box, mAfter!.surroundLab) : null;

  const pick = <T>(f: (m: PhotoMeasure) => T) => ({ before: mBefore ? f(mBefore) : null, after: mAfter ? f(mAfter) : null, visits: mVisits.map((m) => (m ? f(m) : null)) });
  const result: AuditResult = {
    assessable,
    reasons,
    scar: {
      source,
      areaPx: regions?.scarPx ?? scarPx,
      coreAreaPx: regions?.corePx ?? 0,
      surroundAreaPx: regions?.ringPx ?? 0,
      thicknessPx: regions?.thicknessPx ?? 0,
      ring: { gapPx: regions?.gapPx ?? 0, widthPx: regions?.widthPx ?? 0 },
      deltaE76: pick((m) => m.deltaE76),
      deltaE00: pick((m) => m.deltaE00),
      match: pick((m) => m.band),
      // a band is not sure when the audit as a whole cannot be judged (the light changed, a photo was refused)
      matchSure: pick((m) => assessable && bandMargin(m.deltaE76) >= BAND_SURE_MARGIN),
      deltaL: pick((m) => m.dL),
      deltaA: pick((m) => m.da),
      deltaB: pick((m) => m.db),
      density: pick((m) => ({ scar: m.dots.scar, surround: m.dots.surround, ratio: m.dots.surround.per1000Px2 > 0 ? m.dots.scar.per1000Px2 / m.dots.surround.per1000Px2 : null })),
      coverage: pick((m) => m.coverage),
    },
    registration,
    visitRegistrations: visitRegs,
    photos: pick((m) => m),
    ...(input.quality ? { quality: qualityOf(input.quality) } : {}),
    flags: checks.filter((c) => c.fired),
    checks,
    scale: { pxPerCm: input.pxPerCm ?? null, densityUnit: input.pxPerCm ? 'perCm2' : 'per1000Px2' },
    size: { width: W, height: H },
    photoSize: input.photoSize ? { width: input.photoSize.width, height: input.photoSize.height } : { width: W, height: H },
  };
  return {
    result,
    artifacts: {
      before,
      afterRegistered: afterW?.image ?? null,
      visitsRegistered: visitW.map((w) => w?.image ?? null),
      scar: regions?.scar ?? (scarPx ? scar : null),
      ring: regions?.ring ?? null,
      heatmap,
    },
  };
}

/** The gates as the result shows them: before, after and the visits (null where none was run). */
function qualityOf(q: (AuditPhotoGate | null)[]): AuditResult['quality'] {
  const gate = (g: AuditPhotoGate | null | undefined) => (g ? { assessable: g.assessable, reasons: g.reasons, checks: g.checks.map(({ id, severity, value, message }) => ({ id, severity, value, message })) } : null);
  return { before: gate(q[0]), after: gate(q[1]), visits: q.slice(2).map(gate) };
}

/** Area (px²) inside a closed outline (shoelace formula; a self-crossing outline counts its loops' net area). */
function polygonArea(points: readonly (readonly [number, number])[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

function roiMask(W: number, H: number, box: { x0: number; y0: number; x1: number; y1: number }): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let y = box.y0; y <= box.y1; y++) m.fill(1, y * W + box.x0, y * W + box.x1 + 1);
  return m;
}

export type { ScarRegions };
