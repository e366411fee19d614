// Photometric refinement and verification of a feature-based registration. Feature matches on smooth,
// hairy scalp skin can settle a few pixels off (real photos: up to ~4.6 px with a plausible inlier
// count); OpenCV's ECC (Evangelidis & Psarakis 2008) maximises the correlation of the whole overlap,
// started from the RANSAC estimate. Both are judged by one score: the normalised cross-correlation of
// gradient magnitudes of the reference and the warped moving photo (gradients, so exposure, white
// balance and pigment changes matter less than structure), so a wrong transform can be refused.
import type { RgbImage } from '../image.js';
import { invert, type Homography } from './homography.js';
import { equalisedGray, withMats, type Keep, type OpenCv } from './opencv.js';

export interface RefineOptions {
  /** Longest side the photos are compared at (larger ones are shrunk to it). */
  refineSide: number;
  /** ECC motion model: 8-parameter homography or 6-parameter affine. */
  motion: 'homography' | 'affine';
  /** ECC iterations and the parameter change that stops it. */
  iterations: number;
  epsilon: number;
  /** Gaussian pre-blur ECC applies to both images (odd, px at compare size). */
  gaussSize: number;
}

export const REFINE_DEFAULTS: RefineOptions = { refineSide: 512, motion: 'homography', iterations: 100, epsilon: 1e-6, gaussSize: 5 };

export interface Refinement {
  /** Moving -> reference, full-size pixels: the refined transform when it scored higher, else the input. */
  h: Homography;
  /** Whether ECC's transform was kept. */
  applied: boolean;
  /** Gradient NCC of the input transform and of the one returned (equal when not applied). */
  correlationBefore: number;
  correlation: number;
  /** Why ECC was not kept (did not converge, scored lower). */
  note?: string;
}

type Mat = InstanceType<OpenCv['Mat']>;

/** Scale that shrinks an image's long side to `side` (never enlarges). */
export function compareScale(width: number, height: number, side: number): number {
  const long = Math.max(width, height);
  return long > side ? side / long : 1;
}

/** H_scaled = S_ref · H · S_mov^-1, with S = diag(s, s, 1) taking full-size to compare-size pixels. */
export function scaleHomography(h: readonly number[], sMov: number, sRef: number): Homography {
  const r = [h[0] / sMov, h[1] / sMov, h[2], h[3] / sMov, h[4] / sMov, h[5], h[6] / sMov, h[7] / sMov, h[8]];
  for (let i = 0; i < 6; i++) r[i] *= sRef;
  return r as Homography;
}

/**
 * Pearson correlation of a and b over the pixels where mask is non-zero; NaN when fewer than
 * minPixels are masked in or either side is constant there.
 */
export function maskedNcc(a: ArrayLike<number>, b: ArrayLike<number>, mask: ArrayLike<number>, minPixels = 100): number {
  if (a.length !== b.length || a.length !== mask.length) throw new RangeError(`lengths differ: ${a.length}, ${b.length}, mask ${mask.length}`);
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask[i]) continue;
    sa += a[i];
    sb += b[i];
    n++;
  }
  if (n < minPixels) return Number.NaN;
  const ma = sa / n;
  const mb = sb / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    if (!mask[i]) continue;
    const da = a[i] - ma;
    const db = b[i] - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : Number.NaN;
}

/** Refines `h` (moving -> reference, full size) with ECC; keeps it only when the gradient NCC rises. */
export function refineRegistration(cv: OpenCv, reference: RgbImage, moving: RgbImage, h: Homography, options: Partial<RefineOptions> = {}): Refinement {
  const o = { ...REFINE_DEFAULTS, ...options };
  if (!(o.refineSide >= 64)) throw new RangeError(`refineSide must be >= 64, got ${o.refineSide}`);
  if (!(o.gaussSize >= 1 && o.gaussSize % 2 === 1)) throw new RangeError(`gaussSize must be odd and >= 1, got ${o.gaussSize}`);
  const sRef = compareScale(reference.width, reference.height, o.refineSide);
  const sMov = compareScale(moving.width, moving.height, o.refineSide);
  return withMats((keep) => {
    const g1 = equalisedGray(cv, keep, reference, sRef);
    const g2 = equalisedGray(cv, keep, moving, sMov);
    const hs = scaleHomography(h, sMov, sRef);
    const before = gradientNcc(cv, keep, g1, g2, hs);
    const unrefined = (note: string): Refinement => ({ h, applied: false, correlationBefore: before, correlation: before, note });
    // ECC's warp takes template (reference) pixels to input (moving) ones: the inverse of ours.
    const affine = o.motion === 'affine';
    const inv = invert(hs);
    const init = affine ? [inv[0] / inv[8], inv[1] / inv[8], inv[2] / inv[8], inv[3] / inv[8], inv[4] / inv[8], inv[5] / inv[8]] : inv.map((v) => v / inv[8]);
    const warp = keep(cv.matFromArray(affine ? 2 : 3, 3, cv.CV_32F, init));
    const criteria = new cv.TermCriteria(cv.TermCriteria_COUNT + cv.TermCriteria_EPS, o.iterations, o.epsilon);
    const noMask = keep(new cv.Mat());
    try {
      cv.findTransformECC(g1, g2, warp, affine ? cv.MOTION_AFFINE : cv.MOTION_HOMOGRAPHY, criteria, noMask, o.gaussSize);
    } catch {
      // The wasm build throws a bare pointer; ECC fails when the images do not correlate at all.
      return unrefined('ECC did not converge');
    }
    const w = Array.from(warp.data32F);
    const wh = (affine ? [...w, 0, 0, 1] : w) as Homography;
    let refined: Homography;
    try {
      refined = invert(wh);
    } catch {
      return unrefined('ECC gave a singular transform');
    }
    if (!refined.every(Number.isFinite)) return unrefined('ECC gave a non-finite transform');
    const after = gradientNcc(cv, keep, g1, g2, refined);
    if (!(after > before) && Number.isFinite(before)) return unrefined(`ECC lowered the correlation (${before.toFixed(3)} -> ${after.toFixed(3)})`);
    if (!Number.isFinite(after)) return unrefined('ECC left too little overlap');
    return { h: scaleHomography(refined, 1 / sMov, 1 / sRef), applied: true, correlationBefore: before, correlation: after };
  });
}

/** Gradient NCC of the reference and the moving photo warped by h (moving -> reference, full size). */
export function registrationCorrelation(cv: OpenCv, reference: RgbImage, moving: RgbImage, h: Homography, refineSide = REFINE_DEFAULTS.refineSide): number {
  const sRef = compareScale(reference.width, reference.height, refineSide);
  const sMov = compareScale(moving.width, moving.height, refineSide);
  return withMats((keep) => gradientNcc(cv, keep, equalisedGray(cv, keep, reference, sRef), equalisedGray(cv, keep, moving, sMov), scaleHomography(h, sMov, sRef)));
}


function gradientNcc(cv: OpenCv, keep: Keep, ref: Mat, mov: Mat, h: readonly number[]): number {
  const m = keep(cv.matFromArray(3, 3, cv.CV_64F, Array.from(h)));
  const size = new cv.Size(ref.cols, ref.rows);
  const warped = keep(new cv.Mat());
  cv.warpPerspective(mov, warped, m, size, cv.INTER_LINEAR, cv.BORDER_REPLICATE, new cv.Scalar(0));
  const ones = keep(new cv.Mat(mov.rows, mov.cols, cv.CV_8UC1, new cv.Scalar(1)));
  const valid = keep(new cv.Mat());
  cv.warpPerspective(ones, valid, m, size, cv.INTER_NEAREST, cv.BORDER_CONSTANT, new cv.Scalar(0));
  // Drop a band along the overlap's edge, where the border and the 3x3 derivative meet.
  const eroded = keep(new cv.Mat());
  const kernel = keep(cv.Mat.ones(7, 7, cv.CV_8U));
  cv.erode(valid, eroded, kernel);
  const g1 = gradientMagnitude(cv, keep, ref);
  const g2 = gradientMagnitude(cv, keep, warped);
  return maskedNcc(g1.data32F, g2.data32F, eroded.data);
}

function gradientMagnitude(cv: OpenCv, keep: Keep, gray: Mat): Mat {
  // A light blur first: sensor noise and JPEG blocks are not structure.
  const blurred = keep(new cv.Mat());
  cv.GaussianBlur(gray, blurred, new cv.Size(3, 3), 0);
  const gx = keep(new cv.Mat());
  const gy = keep(new cv.Mat());
  cv.Sobel(blurred, gx, cv.CV_32F, 1, 0, 3);
  cv.Sobel(blurred, gy, cv.CV_32F, 0, 1, 3);
  const mag = keep(new cv.Mat());
  cv.magnitude(gx, gy, mag);
  return mag;
}
