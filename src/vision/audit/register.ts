// Registers a later photo (moving: "after", a visit) onto the reference ("before") of the same scar
// area: AKAZE features (ORB as the fallback) matched with Lowe's ratio test, then a RANSAC homography
// from OpenCV. Chosen over ORB-only and over writing our own after measuring both on real photos with
// known warps (see test/eval/audit.ts): AKAZE's sub-pixel keypoints gave ~0.1 px median error where ORB
// gave ~0.8 px with outliers up to ~5 px.
import { assertRgb, type RgbImage } from '../image.js';
import { equalisedGray, withMats, type OpenCv } from './opencv.js';
import { applyHomography, type Homography } from './homography.js';
import { refineRegistration } from './refine.js';

export interface RegistrationOptions {
  /** Longest side the features are computed at (larger photos are shrunk to it). */
  workSide?: number;
  /** Photos whose long side is under this (capped at workSide) are enlarged to it: ORB's 31 px patches and AKAZE's scale space need room. */
  enlargeSide?: number;
  /** AKAZE detector threshold: lower finds more (weaker) keypoints on smooth scalp skin. */
  akazeThreshold?: number;
  /** Lowe ratio test: keep a match only if its best distance < ratio * second best. */
  ratio?: number;
  /** RANSAC inlier threshold in work-size pixels. */
  ransacThresholdPx?: number;
  /** Fewer inliers than this and the registration is refused. */
  minInliers?: number;
  /** Inlier fraction of the ratio-test matches below which the registration is refused. */
  minInlierRatio?: number;
  /** Refine the RANSAC homography with ECC (kept only when it raises the correlation). */
  refine?: boolean;
  /** Gradient NCC of the before and the warped after photo below which the registration is refused. */
  minCorrelation?: number;
}

export const REGISTRATION_DEFAULTS: Required<RegistrationOptions> = {
  // Features at 640 px, not the 1024 px of the analysis copy: the ECC refinement at 512 px sets the final
  // precision, and AKAZE's cost grows with the pixels (eval:audit at 1024 px, see the README's audit row).
  workSide: 640,
  enlargeSide: 512,
  akazeThreshold: 0.0003,
  ratio: 0.8,
  ransacThresholdPx: 3,
  minInliers: 15,
  minInlierRatio: 0.15,
  refine: true,
  minCorrelation: 0.1,
};

export type RegistrationMethod = 'akaze+ransac-homography' | 'orb+ransac-homography' | 'identity';

export interface Registration {
  registered: boolean;
  method: RegistrationMethod;
  /** Ratio-test matches fed to RANSAC. */
  matches: number;
  inliers: number;
  /** RMS distance (reference pixels, full size) between the inliers' reference points and their mapped moving points. */
  rmsErrorPx: number | null;
  /** Row-major 3x3 homography taking moving (after) pixel coordinates to reference (before) ones. */
  transform: Homography | null;
  /** Similarity read off the transform at the reference centre, for people. */
  summary: { rotationDeg: number; scale: number; shiftPx: [number, number] } | null;
  /** 'ecc-homography' when ECC's refinement was kept, 'none' when not tried or not kept. */
  refinement?: 'ecc-homography' | 'none';
  /** Gradient NCC of the before photo and the after photo warped by the transform (-1..1); null when not measured. */
  correlation?: number | null;
  reason?: string;
}

interface Attempt {
  method: RegistrationMethod;
  matches: number;
  inliers: number;
  /** Homography at work size, moving -> reference. */
  h: Homography | null;
  rmsWork: number | null;
  /** Inlier matches at work size, interleaved x,y: moving (src) and reference (dst). */
  inlierSrc?: number[];
  inlierDst?: number[];
  reason?: string;
}

export function registerToReference(cv: OpenCv, reference: RgbImage, moving: RgbImage, options: RegistrationOptions = {}): Registration {
  assertRgb(reference, 'reference');
  assertRgb(moving, 'moving');
  const o = { ...REGISTRATION_DEFAULTS, ...options };
  if (!(o.workSide >= 64)) throw new RangeError(`workSide must be >= 64, got ${o.workSide}`);
  if (!(o.enlargeSide >= 64)) throw new RangeError(`enlargeSide must be >= 64, got ${o.enlargeSide}`);
  const minSide = Math.min(o.enlargeSide, o.workSide);
  // Work size: long side shrunk to workSide, small photos enlarged to minSide.
  const workScale = (img: RgbImage) => {
    const side = Math.max(img.width, img.height);
    return side > o.workSide ? o.workSide / side : side < minSide ? minSide / side : 1;
  };
  const sRef = workScale(reference);
  const sMov = workScale(moving);

  // AKAZE first; where it finds too little (smooth skin, dim photos), AKAZE at a 3x lower detector
  // threshold, then ORB. The first acceptable result wins, else the one with most inliers is reported.
  const tries = [
    { method: 'akaze+ransac-homography' as const, akazeThreshold: o.akazeThreshold },
    { method: 'akaze+ransac-homography' as const, akazeThreshold: o.akazeThreshold / 3 },
    { method: 'orb+ransac-homography' as const, akazeThreshold: o.akazeThreshold },
  ];
  let best: Attempt | null = null;
  for (const { method, akazeThreshold } of tries) {
    const a = attempt(cv, reference, moving, sRef, sMov, method, { ...o, akazeThreshold });
    if (!best || a.inliers > best.inliers) best = a;
    if (a.h && acceptable(a, o) === null) break;
  }
  const a = best!;
  const refusal = a.h ? acceptable(a, o) : (a.reason ?? 'no homography found');
  if (!a.h || refusal !== null) {
    return { registered: false, method: a.method, matches: a.matches, inliers: a.inliers, rmsErrorPx: null, transform: null, summary: null, reason: refusal ?? 'no homography found' };
  }
  const ransac = rescaleHomography(a.h, sMov, sRef);
  const base = { method: a.method, matches: a.matches, inliers: a.inliers };
  let full = ransac;
  let refinement: Registration['refinement'] = 'none';
  let correlation: number | null = null;
  if (o.refine) {
    const r = refineRegistration(cv, reference, moving, ransac);
    full = r.h;
    refinement = r.applied ? 'ecc-homography' : 'none';
    correlation = Number.isFinite(r.correlation) ? r.correlation : null;
    // Features and pixels must agree: a transform the photos do not bear out is refused, not reported.
    if (!(r.correlation >= o.minCorrelation)) {
      const c = Number.isFinite(r.correlation) ? r.correlation.toFixed(2) : 'not measurable';
      return {
        ...base,
        registered: false,
        rmsErrorPx: null,
        transform: null,
        summary: null,
        refinement,
        correlation,
        reason: `the aligned photos do not agree (gradient correlation ${c}, need ${o.minCorrelation}): the feature matches are probably wrong or the photos show different areas`,
      };
    }
  }
  return {
    ...base,
    registered: true,
    rmsErrorPx: inlierRms(a, full, sMov, sRef),
    transform: full,
    summary: summarise(full, [moving.width / 2, moving.height / 2], [reference.width / 2, reference.height / 2]),
    refinement,
    correlation,
  };
}

/** RMS distance (reference full-size px) between the inliers' reference points and their moving points mapped by h. */
function inlierRms(a: Attempt, h: Homography, sMov: number, sRef: number): number | null {
  if (!a.inlierSrc || !a.inlierDst || a.inlierSrc.length === 0) return a.rmsWork === null ? null : a.rmsWork / sRef;
  let sq = 0;
  const n = a.inlierSrc.length / 2;
  for (let i = 0; i < n; i++) {
    const [x, y] = applyHomography(h, a.inlierSrc[2 * i] / sMov, a.inlierSrc[2 * i + 1] / sMov);
    sq += (x - a.inlierDst[2 * i] / sRef) ** 2 + (y - a.inlierDst[2 * i + 1] / sRef) ** 2;
  }
  return Math.sqrt(sq / n);
}

function acceptable(a: Attempt, o: Required<RegistrationOptions>): string | null {
  if (!a.h) return a.reason ?? 'no homography found';
  if (a.inliers < o.minInliers) return `only ${a.inliers} consistent feature matches (need ${o.minInliers}): the photos may not show the same area`;
  if (a.inliers < o.minInlierRatio * a.matches) {
    return `only ${a.inliers} of ${a.matches} matches agree on one transform (need ${Math.round(o.minInlierRatio * 100)} %)`;
  }
  const det = a.h[0] * a.h[4] - a.h[1] * a.h[3];
  if (!(det > 0.2 && det < 5)) return `implausible transform (area scale ${det.toFixed(2)}, or mirrored)`;
  return null;
}

/** H_full = S_ref^-1 · H_work · S_mov, with S = diag(s, s, 1) taking full-size to work-size pixels. */
export function rescaleHomography(h: Homography, sMov: number, sRef: number): Homography {
  const r = [h[0] * sMov, h[1] * sMov, h[2], h[3] * sMov, h[4] * sMov, h[5], h[6] * sMov, h[7] * sMov, h[8]];
  for (let i = 0; i < 6; i++) r[i] /= sRef;
  return r as Homography;
}

function summarise(h: Homography, movingCentre: [number, number], referenceCentre: [number, number]): Registration['summary'] {
  // Where the moving photo's centre lands in the reference frame, and how a unit step there turns and
  // scales (the copies may differ in size: a 49 MP after photo's copy is larger than the before's).
  const [mx, my] = movingCentre;
  const p0 = applyHomography(h, mx, my);
  const p1 = applyHomography(h, mx + 1, my);
  const dx = p1[0] - p0[0];
  const dy = p1[1] - p0[1];
  return { rotationDeg: (Math.atan2(dy, dx) * 180) / Math.PI, scale: Math.hypot(dx, dy), shiftPx: [p0[0] - referenceCentre[0], p0[1] - referenceCentre[1]] };
}

function attempt(
  cv: OpenCv,
  reference: RgbImage,
  moving: RgbImage,
  sRef: number,
  sMov: number,
  method: Exclude<RegistrationMethod, 'identity'>,
  o: Required<RegistrationOptions>,
): Attempt {
  return withMats((keep) => {
    const g1 = equalisedGray(cv, keep, reference, sRef);
    const g2 = equalisedGray(cv, keep, moving, sMov);
    const detector = keep(makeDetector(cv, method, o));
    const none = keep(new cv.Mat());
    const k1 = keep(new cv.KeyPointVector());
    const k2 = keep(new cv.KeyPointVector());
    const d1 = keep(new cv.Mat());
    const d2 = keep(new cv.Mat());
    detector.detectAndCompute(g1, none, k1, d1);
    detector.detectAndCompute(g2, none, k2, d2);
    if (k1.size() < 4 || k2.size() < 4 || d1.rows < 2 || d2.rows < 2) {
      return { method, matches: 0, inliers: 0, h: null, rmsWork: null, reason: 'too little texture to find features in one of the photos' };
    }
    const matcher = keep(new cv.BFMatcher(cv.NORM_HAMMING, false));
    const knn = keep(new cv.DMatchVectorVector());
    matcher.knnMatch(d2, d1, knn, 2);
    const src: number[] = [];
    const dst: number[] = [];
    for (let i = 0; i < knn.size(); i++) {
      const pair = knn.get(i);
      if (pair.size() < 2) continue;
      const m = pair.get(0);
      if (m.distance < o.ratio * pair.get(1).distance) {
        const p = k2.get(m.queryIdx).pt;
        const q = k1.get(m.trainIdx).pt;
        src.push(p.x, p.y);
        dst.push(q.x, q.y);
      }
    }
    const n = src.length / 2;
    if (n < 4) return { method, matches: n, inliers: 0, h: null, rmsWork: null, reason: `only ${n} feature matches between the photos` };
    const mSrc = keep(cv.matFromArray(n, 1, cv.CV_32FC2, src));
    const mDst = keep(cv.matFromArray(n, 1, cv.CV_32FC2, dst));
    const inlierMask = keep(new cv.Mat());
    const hm = keep(cv.findHomography(mSrc, mDst, cv.RANSAC, o.ransacThresholdPx, inlierMask, 5000, 0.999));
    if (hm.empty() || hm.rows !== 3) return { method, matches: n, inliers: 0, h: null, rmsWork: null, reason: 'RANSAC found no homography' };
    const h = Array.from(hm.data64F) as Homography;
    let inliers = 0;
    let sq = 0;
    const inlierSrc: number[] = [];
    const inlierDst: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!inlierMask.data[i]) continue;
      const [x, y] = applyHomography(h, src[2 * i], src[2 * i + 1]);
      sq += (x - dst[2 * i]) ** 2 + (y - dst[2 * i + 1]) ** 2;
      inlierSrc.push(src[2 * i], src[2 * i + 1]);
      inlierDst.push(dst[2 * i], dst[2 * i + 1]);
      inliers++;
    }
    return { method, matches: n, inliers, h, rmsWork: inliers > 0 ? Math.sqrt(sq / inliers) : null, inlierSrc, inlierDst };
  });
}

interface Detector {
  detectAndCompute(img: unknown, mask: unknown, kp: unknown, desc: unknown): void;
  delete(): void;
}

function makeDetector(cv: OpenCv, method: Exclude<RegistrationMethod, 'identity'>, o: Required<RegistrationOptions>): Detector {
  if (method === 'orb+ransac-homography') return new cv.ORB(5000) as unknown as Detector;
  // AKAZE is in the wasm build but not in the package's type declarations.
  const Akaze = (cv as unknown as { AKAZE: new () => Detector & { setThreshold(t: number): void } }).AKAZE;
  const d = new Akaze();
  d.setThreshold(o.akazeThreshold);
  return d;
}

