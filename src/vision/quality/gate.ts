// The per-photo quality gate: computed checks, each with a reason a person can act on.
import type { RgbImage } from '../image.js';
import { castStats } from './cast.js';
import { exposureStats } from './exposure.js';
import { laplacianVariance } from './laplacian.js';
import { luma } from './luma.js';
import { areaAveragePlanes, fitInside } from '../area-average.js';
import { QUALITY_THRESHOLDS as T } from './thresholds.js';

export type Severity = 'ok' | 'warning' | 'error';

export interface QualityCheck {
  id: 'resolution' | 'compression' | 'blur' | 'exposure' | 'highlights' | 'shadows' | 'colour-cast' | 'head' | 'view' | 'duplicate';
  severity: Severity;
  value: number;
  message: string;
}

export interface QualityReport {
  assessable: boolean;
  /** Messages of the failed checks (errors first), written for the person taking the photo. */
  reasons: string[];
  checks: QualityCheck[];
  metrics: {
    width: number;
    height: number;
    laplacianVariance: number;
    meanLuma: number;
    /** The 95th percentile of luma: the bright end, which too dark is judged on (exposure.ts). */
    brightLuma: number;
    clippedHighlights: number;
    clippedShadows: number;
    cast: { ratios: [number, number, number]; magnitude: number; lean: string };
  };
}

export interface QualityInput {
  /** The analysis copy of the photo. */
  image: RgbImage;
  /** The photo's own size (before the analysis copy was scaled down). */
  original: { width: number; height: number };
  /** Optional 0/non-0 mask of the head region: sharpness and exposure are then judged there. */
  region?: Uint8Array;
  /** The estimated JPEG quality of the upload (null or absent for other formats): judged when given. */
  jpegQuality?: number | null;
}

/** The gate on a whole photo as intake gave it (audit photos: close-ups of a scar area, no head check). */
export function assessWholePhoto(intake: { analysis: RgbImage; width: number; height: number; jpegQuality: number | null }): QualityReport {
  return assessQuality({ image: intake.analysis, original: { width: intake.width, height: intake.height }, jpegQuality: intake.jpegQuality });
}

export function assessQuality({ image, original, region, jpegQuality }: QualityInput): QualityReport {
  const gray = luma(image);
  const useRegion = region && countNonZero(region) > image.width * image.height * 0.05 ? region : undefined;
  const sharp = atSharpnessScale(gray, image.width, image.height, useRegion);
  const lap = laplacianVariance(sharp.gray, sharp.width, sharp.height, sharp.region);
  const exp = exposureStats(gray, useRegion);
  const cast = castStats(image);
  const checks: QualityCheck[] = [
    resolutionCheck(original.width, original.height),
    ...(jpegQuality != null ? [compressionCheck(jpegQuality)] : []),
    blurCheck(lap),
    exposureCheck(exp.meanLuma, exp.brightLuma),
    highlightCheck(exp.clippedHighlights),
    shadowCheck(exp.clippedShadows),
    castCheck(cast.magnitude, cast.lean),
  ];
  return summarise(checks, {
    width: original.width,
    height: original.height,
    laplacianVariance: round(lap, 2),
    meanLuma: round(exp.meanLuma, 1),
    brightLuma: exp.brightLuma,
    clippedHighlights: round(exp.clippedHighlights, 4),
    clippedShadows: round(exp.clippedShadows, 4),
    cast: { ratios: cast.ratios.map((v) => round(v, 3)) as [number, number, number], magnitude: round(cast.magnitude, 3), lean: cast.lean },
  });
}

/**
 * Long side sharpness is judged at. The blur thresholds were calibrated on 640 px photos, and the variance
 * of a Laplacian falls with the fourth power of an upscale: judged on a 1024 px analysis copy, a photo
 * loses a factor of up to 6.5 against the same photo at 640 px, so phone photos (analysed at 1024 px)
 * were judged by a stricter rule than the one calibrated, and a 640 px photo saved again at 1024 px failed
 * as blurred (all five views of L5-016). Larger copies are area-averaged to this side first; smaller ones
 * are judged as they are (they get the resolution check).
 */
export const SHARPNESS_SIDE = 640;

/** The luma (and head region, kept where it covers at least half a pixel) at SHARPNESS_SIDE or less. */
export function atSharpnessScale(
  gray: Float32Array,
  width: number,
  height: number,
  region?: Uint8Array,
): { gray: Float32Array; width: number; height: number; region?: Uint8Array } {
  const { width: w, height: h } = fitInside(width, height, SHARPNESS_SIDE);
  if (w === width && h === height) return { gray, width, height, region };
  const small = areaAveragePlanes(gray, 1, width, height, w, h);
  if (!region) return { gray: small, width: w, height: h };
  const cover = areaAveragePlanes(Float32Array.from(region, (v) => (v ? 1 : 0)), 1, width, height, w, h);
  const kept = new Uint8Array(w * h);
  for (let i = 0; i < kept.length; i++) kept[i] = cover[i] >= 0.5 ? 1 : 0;
  return { gray: small, width: w, height: h, region: kept };
}

/** Adds a check computed later (e.g. whether a head was found) and recomputes the verdict. */
export function withCheck(report: QualityReport, check: QualityCheck): QualityReport {
  return summarise([...report.checks.filter((c) => c.id !== check.id), check], report.metrics);
}

const CHECK_ORDER: QualityCheck['id'][] = ['resolution', 'compression', 'exposure', 'highlights', 'shadows', 'head', 'blur', 'colour-cast', 'view', 'duplicate'];

function summarise(given: QualityCheck[], metrics: QualityReport['metrics']): QualityReport {
  // Causes before what they cause, wherever a reason is listed from the checks (here, the consultation's
  // reasons, the web page): light and size before the head check (a head too dark to see is not found),
  // the head check before sharpness (a wall or a hair-only crop also reads as blurred, but the retake it
  // needs is another subject, not a steadier hand).
  const checks = [...given].sort((a, b) => CHECK_ORDER.indexOf(a.id) - CHECK_ORDER.indexOf(b.id));
  const errors = checks.filter((c) => c.severity === 'error');
  const warnings = checks.filter((c) => c.severity === 'warning');
  return { assessable: errors.length === 0, reasons: [...errors, ...warnings].map((c) => c.message), checks, metrics };
}

export function resolutionCheck(w: number, h: number): QualityCheck {
  const side = Math.min(w, h);
  const severity: Severity = side < T.minSide.error ? 'error' : side < T.minSide.warning ? 'warning' : 'ok';
  const message =
    severity === 'ok'
      ? `resolution ${w}x${h} is enough`
      : `the photo is only ${w}x${h} pixels; take it with the phone's main camera at full resolution (at least ${T.minSide.warning} pixels on the short side)`;
  return { id: 'resolution', severity, value: side, message };
}

export function compressionCheck(quality: number): QualityCheck {
  const t = T.jpegQuality;
  const severity: Severity = quality < t.error ? 'error' : quality < t.warning ? 'warning' : 'ok';
  const about = `JPEG quality about ${Math.round(quality)} of 100`;
  const message =
    severity === 'ok'
      ? `compression is light enough (${about})`
      : severity === 'error'
        ? `the photo was saved so compressed (${about}) that hair and skin detail is lost; send the photo as the camera took it, not a copy from a chat or an e-mail`
        : `the photo is heavily compressed (${about}), which blurs fine hair; send the photo as the camera took it if you can`;
  return { id: 'compression', severity, value: quality, message };
}

export function blurCheck(lapVar: number): QualityCheck {
  const severity: Severity = lapVar < T.laplacianVariance.error ? 'error' : lapVar < T.laplacianVariance.warning ? 'warning' : 'ok';
  const message =
    severity === 'ok'
      ? 'the photo is sharp'
      : severity === 'error'
        ? 'the photo is blurred; hold the phone still, tap the scalp on screen to focus, and take it again in good light'
        : 'the photo is a little soft; hold the phone still and tap the scalp on screen to focus';
  return { id: 'blur', severity, value: round(lapVar, 2), message };
}

/**
 * Too dark by the bright end of the luma (the 95th percentile: it falls with the light, not with dark hair
 * or skin), too bright by its mean. The value is the figure the verdict was judged on: the bright end
 * when too dark, else the mean.
 */
export function exposureCheck(mean: number, bright: number): QualityCheck {
  const m = T.meanLuma;
  const b = T.brightLuma;
  if (bright < b.darkWarning) {
    return {
      id: 'exposure',
      severity: bright < b.darkError ? 'error' : 'warning',
      value: round(bright, 1),
      message: 'the photo is too dark; turn on the room lights or face a window, without using the flash',
    };
  }
  if (mean > m.brightWarning) {
    return { id: 'exposure', severity: mean > m.brightError ? 'error' : 'warning', value: round(mean, 1), message: 'the photo is too bright; move out of direct sunlight or away from the lamp' };
  }
  return { id: 'exposure', severity: 'ok', value: round(mean, 1), message: 'the exposure is fine' };
}

export function highlightCheck(frac: number): QualityCheck {
  const t = T.clippedHighlights;
  const severity: Severity = frac > t.error ? 'error' : frac > t.warning ? 'warning' : 'ok';
  const message =
    severity === 'ok'
      ? 'no large blown-out areas'
      : `${Math.round(frac * 100)} % of the photo is blown out to white; avoid the flash and strong light shining on the scalp`;
  return { id: 'highlights', severity, value: round(frac, 4), message };
}

export function shadowCheck(frac: number): QualityCheck {
  const t = T.clippedShadows;
  const severity: Severity = frac > t.error ? 'error' : frac > t.warning ? 'warning' : 'ok';
  const message =
    severity === 'ok' ? 'no large black areas' : `${Math.round(frac * 100)} % of the photo is black; light the head evenly from the front`;
  return { id: 'shadows', severity, value: round(frac, 4), message };
}

export function castCheck(magnitude: number, lean: string): QualityCheck {
  const t = T.cast;
  let severity: Severity = 'ok';
  if (lean === 'red') severity = magnitude > t.redWarning ? 'warning' : 'ok';
  else if (lean !== 'neutral') severity = magnitude > t.otherError ? 'error' : magnitude > t.otherWarning ? 'warning' : 'ok';
  const message =
    severity === 'ok'
      ? 'no strong colour cast'
      : severity === 'error'
        ? // past what the white balance is measured to undo: the photo is refused, so no "corrected" here
          `the light gives the photo so strong a ${lean} cast that skin and hair colours cannot be read; take it again in daylight or under a plain white lamp`
        : // the skin tone is white-balanced (a ±15 % channel cast moves ITA by under 5°, eval:colour): the
          // cast is worth retaking for, not a reason to distrust the reading
          `the light gives the photo a strong ${lean} cast; skin tone is corrected for it, but daylight or a plain white lamp gives a truer reading`;
  return { id: 'colour-cast', severity, value: round(magnitude, 3), message };
}

function countNonZero(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
