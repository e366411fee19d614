// The regions an audit compares: the scar (from the caller or the segmenter), its core (the scar less
// its soft border), and a ring of normal scalp around it at a gap, all from OpenCV distance transforms.
import type { GrayImage } from '../image.js';
import { withMats, type OpenCv } from './opencv.js';
import { AuditInputError } from './errors.js';
import { SCAR_POLYGON_LIMITS } from './limits.js';

export interface RingOptions {
  /** Distance (px) from the scar edge where the ring starts: skips the scar's soft border. */
  gapPx?: number;
  /** Ring width in px. */
  widthPx?: number;
}

export interface ScarRegions {
  /** 1 inside the scar as given. */
  scar: Uint8Array;
  /** 1 in the scar's core, where its colour is measured (the soft border left out). */
  core: Uint8Array;
  /** 1 in the ring of surrounding scalp (excluded pixels removed). */
  ring: Uint8Array;
  /** Scar width: twice the largest distance from a scar pixel to the edge (px). */
  thicknessPx: number;
  gapPx: number;
  widthPx: number;
  corePx: number;
  scarPx: number;
  ringPx: number;
}

/** A scar outline the audit can fill: SCAR_POLYGON_LIMITS' point count, every coordinate finite and within its bound. */
export function checkScarPolygon(polygon: readonly (readonly [number, number])[]): void {
  const { minPoints, maxPoints, maxAbsCoordinate } = SCAR_POLYGON_LIMITS;
  if (!(polygon.length >= minPoints && polygon.length <= maxPoints)) throw new AuditInputError('scarPolygon', `a scar polygon needs ${minPoints}..${maxPoints} points, got ${polygon.length}`);
  for (const [x, y] of polygon) {
    if (!(Math.abs(x) <= maxAbsCoordinate && Math.abs(y) <= maxAbsCoordinate)) {
      throw new AuditInputError('scarPolygon', `scar polygon point (${x}, ${y}) is beyond ±${maxAbsCoordinate} px: give it in the before photo's pixels`);
    }
  }
}

/** Fills a polygon given in pixel coordinates (x, y) into a 0/1 mask. */
export function polygonMask(cv: OpenCv, width: number, height: number, polygon: readonly (readonly [number, number])[]): Uint8Array {
  checkScarPolygon(polygon);
  return withMats((keep) => {
    const m = keep(cv.Mat.zeros(height, width, cv.CV_8UC1));
    const pts = keep(cv.matFromArray(polygon.length, 1, cv.CV_32SC2, polygon.flatMap(([x, y]) => [Math.round(x), Math.round(y)])));
    const vec = keep(new cv.MatVector());
    vec.push_back(pts);
    cv.fillPoly(m, vec, new cv.Scalar(1));
    return Uint8Array.from(m.data);
  });
}

/** A caller's 8-bit mask (any non-zero = scar) as 0/1, checked against the reference size. */
export function binaryMask(mask: GrayImage, width: number, height: number): Uint8Array {
  if (mask.width !== width || mask.height !== height) {
    throw new AuditInputError('scarMask', `scar mask is ${mask.width}x${mask.height} but the before photo is ${width}x${height}`);
  }
  if (mask.data.length !== width * height) throw new AuditInputError('scarMask', `scar mask has ${mask.data.length} bytes, expected ${width * height}`);
  // A mask is two-valued; a photo passed by mistake is not.
  let mid = 0;
  for (const v of mask.data) if (v > 10 && v < 245) mid++;
  if (mid > 0.05 * mask.data.length) throw new AuditInputError('scarMask', `scar mask has ${Math.round((100 * mid) / mask.data.length)} % grey pixels: expected a black/white mask (non-zero = scar)`);
  return Uint8Array.from(mask.data, (v) => (v > 127 ? 1 : 0));
}

/** Euclidean distance (px) of every pixel to the nearest pixel where `from` is 0. */
export function distanceToZero(cv: OpenCv, from: Uint8Array, width: number, height: number): Float32Array {
  return withMats((keep) => {
    const src = keep(new cv.Mat(height, width, cv.CV_8UC1));
    src.data.set(from);
    const dist = keep(new cv.Mat());
    cv.distanceTransform(src, dist, cv.DIST_L2, cv.DIST_MASK_PRECISE);
    return Float32Array.from(dist.data32F);
  });
}

/**
 * Scar core and surrounding ring. Defaults scale with the scar's width t: gap max(3, t/4), width
 * clamp(t, 10, 80) px, so a thin strip scar gets a thin ring and a wide patch a wide one.
 * `exclude` (1 = not normal scalp: hair, background, outside the registered overlap) is removed from
 * the ring; `valid` (1 = usable) restricts every region.
 */
export function scarRegions(cv: OpenCv, scar: Uint8Array, width: number, height: number, opts: RingOptions & { exclude?: Uint8Array; valid?: Uint8Array } = {}): ScarRegions {
  const n = width * height;
  if (scar.length !== n) throw new RangeError(`scar mask has ${scar.length} entries, image ${n}`);
  const inside = distanceToZero(cv, scar, width, height);
  let maxInside = 0;
  for (let i = 0; i < n; i++) if (inside[i] > maxInside) maxInside = inside[i];
  const thicknessPx = 2 * maxInside;
  const gapPx = opts.gapPx ?? Math.max(3, Math.round(thicknessPx / 4));
  const widthPx = opts.widthPx ?? Math.min(80, Math.max(10, Math.round(thicknessPx)));
  if (!(gapPx >= 0) || !(widthPx >= 1)) throw new RangeError(`ring gap must be >= 0 and width >= 1, got ${gapPx}, ${widthPx}`);
  const notScar = Uint8Array.from(scar, (v) => (v ? 0 : 1));
  const outside = distanceToZero(cv, notScar, width, height);
  // Core: inside by more than a tenth of the width (at least 1 px), so a feathered edge is not measured.
  const coreDepth = Math.max(1, thicknessPx / 10);
  const core = new Uint8Array(n);
  const ring = new Uint8Array(n);
  const s = new Uint8Array(n);
  let corePx = 0;
  let ringPx = 0;
  let scarPx = 0;
  for (let i = 0; i < n; i++) {
    const ok = !opts.valid || opts.valid[i];
    if (scar[i] && ok) {
      s[i] = 1;
      scarPx++;
      if (inside[i] > coreDepth) {
        core[i] = 1;
        corePx++;
      }
    } else if (!scar[i] && ok && outside[i] > gapPx && outside[i] <= gapPx + widthPx && !(opts.exclude && opts.exclude[i])) {
      ring[i] = 1;
      ringPx++;
    }
  }
  return { scar: s, core, ring, thicknessPx, gapPx, widthPx, corePx, scarPx, ringPx };
}

/** 1 on the scar's outline (scar pixels with a non-scar 4-neighbour), for drawing. */
export function outline(mask: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!mask[i]) continue;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - width] || !mask[i + width]) out[i] = 1;
    }
  }
  return out;
}

/** Bounding box of the non-zero pixels, grown by `pad` and clipped, or null when empty. */
export function boundingBox(mask: Uint8Array, width: number, height: number, pad = 0): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x0: Math.max(0, x0 - pad), y0: Math.max(0, y0 - pad), x1: Math.min(width - 1, x1 + pad), y1: Math.min(height - 1, y1 + pad) };
}
