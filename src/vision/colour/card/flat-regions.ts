// Uniform patches of an image: pixels whose neighbourhood is flat (low local standard deviation of
// luma) grown into regions of similar colour, with the shape statistics a card finder needs.
import type { RgbImage } from '../../image.js';

/** Window radius both card finders use, so one localStd serves both. */
export const FLAT_RADIUS = 2;

export interface FlatRegion {
  area: number;
  cx: number;
  cy: number;
  /** Eigenvalues of the pixel-coordinate covariance (major first). */
  l1: number;
  l2: number;
  /** area / (12·sqrt(l1·l2)): 1 for a filled rectangle at any rotation, less for ragged shapes. */
  fill: number;
  /** sqrt(l1/l2): side ratio of the equivalent rectangle. */
  aspect: number;
  touchesBorder: boolean;
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

export interface FlatOptions {
  /** Window radius of the local standard deviation. */
  radius: number;
  /** Largest local standard deviation of luma (8-bit code values) of a flat pixel. */
  maxStd: number;
  /** Largest |ΔR|+|ΔG|+|ΔB| between 4-neighbours in one region. */
  maxStep: number;
  minArea: number;
  maxArea: number;
}

/**
 * Local standard deviation of the luma (R + 2G + B)/4 in a (2r+1)² window, per pixel (separable running
 * box sums). Luma is enough: the chart's patches sit on a black body, so every patch edge is a luma
 * edge, and colour steps inside a region are caught by the region-growing step limit.
 */
export function localStd(img: RgbImage, r: number): Float32Array {
  const { width: w, height: h, data: d } = img;
  const n = w * h;
  const y0 = new Float32Array(n);
  for (let i = 0; i < n; i++) y0[i] = (d[3 * i] + 2 * d[3 * i + 1] + d[3 * i + 2]) / 4;
  const hs = new Float64Array(n);
  const hq = new Float64Array(n);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let s = 0;
    let q = 0;
    for (let x = 0; x < Math.min(w, r + 1); x++) {
      s += y0[row + x];
      q += y0[row + x] * y0[row + x];
    }
    for (let x = 0; x < w; x++) {
      hs[row + x] = s;
      hq[row + x] = q;
      const add = x + r + 1;
      const del = x - r;
      if (add < w) {
        s += y0[row + add];
        q += y0[row + add] * y0[row + add];
      }
      if (del >= 0) {
        s -= y0[row + del];
        q -= y0[row + del] * y0[row + del];
      }
    }
  }
  const out = new Float32Array(n);
  for (let x = 0; x < w; x++) {
    let s = 0;
    let q = 0;
    for (let y = 0; y < Math.min(h, r + 1); y++) {
      s += hs[y * w + x];
      q += hq[y * w + x];
    }
    for (let y = 0; y < h; y++) {
      const cw = Math.min(w, x + r + 1) - Math.max(0, x - r);
      const ch = Math.min(h, y + r + 1) - Math.max(0, y - r);
      const cnt = cw * ch;
      const mean = s / cnt;
      out[y * w + x] = Math.sqrt(Math.max(0, q / cnt - mean * mean));
      const add = y + r + 1;
      const del = y - r;
      if (add < h) {
        s += hs[add * w + x];
        q += hq[add * w + x];
      }
      if (del >= 0) {
        s -= hs[del * w + x];
        q -= hq[del * w + x];
      }
    }
  }
  return out;
}

/** @param std localStd(img, o.radius) when the caller already has it. */
export function flatRegions(img: RgbImage, o: FlatOptions, std: Float32Array = localStd(img, o.radius)): FlatRegion[] {
  const { width: w, height: h, data: d } = img;
  if (std.length !== w * h) throw new RangeError(`flatRegions: std has ${std.length} entries, image ${w * h}`);
  const label = new Int32Array(w * h).fill(-1);
  const regions: FlatRegion[] = [];
  const stack = new Int32Array(w * h);
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== -1 || std[start] > o.maxStd) continue;
    const id = regions.length;
    label[start] = id;
    let top = 0;
    stack[top++] = start;
    let area = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    let minX = w;
    let maxX = 0;
    let minY = h;
    let maxY = 0;
    while (top > 0) {
      const i = stack[--top];
      const x = i % w;
      const y = (i - x) / w;
      area++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let k = 0; k < 4; k++) {
        const j = k === 0 ? (x > 0 ? i - 1 : -1) : k === 1 ? (x < w - 1 ? i + 1 : -1) : k === 2 ? (y > 0 ? i - w : -1) : y < h - 1 ? i + w : -1;
        if (j < 0 || label[j] !== -1 || std[j] > o.maxStd) continue;
        const step = Math.abs(d[3 * i] - d[3 * j]) + Math.abs(d[3 * i + 1] - d[3 * j + 1]) + Math.abs(d[3 * i + 2] - d[3 * j + 2]);
        if (step > o.maxStep) continue;
        label[j] = id;
        stack[top++] = j;
      }
    }
    const cx = sx / area;
    const cy = sy / area;
    const vxx = sxx / area - cx * cx + 1 / 12;
    const vyy = syy / area - cy * cy + 1 / 12;
    const vxy = sxy / area - cx * cy;
    const tr = vxx + vyy;
    const disc = Math.sqrt(Math.max(0, (vxx - vyy) ** 2 / 4 + vxy * vxy));
    const l1 = tr / 2 + disc;
    const l2 = Math.max(1e-9, tr / 2 - disc);
    regions.push({
      area,
      cx,
      cy,
      l1,
      l2,
      fill: area / (12 * Math.sqrt(l1 * l2)),
      aspect: Math.sqrt(l1 / l2),
      touchesBorder: minX === 0 || minY === 0 || maxX === w - 1 || maxY === h - 1,
      minX,
      maxX,
      minY,
      maxY,
    });
  }
  return regions.filter((r) => r.area >= o.minArea && r.area <= o.maxArea);
}

/** Fraction of the middle half of a region's bounding box that the mask covers. */
export function maskedFraction(r: FlatRegion, mask: Uint8Array, width: number): number {
  const x0 = Math.round(r.minX + (r.maxX - r.minX) / 4);
  const x1 = Math.round(r.maxX - (r.maxX - r.minX) / 4);
  const y0 = Math.round(r.minY + (r.maxY - r.minY) / 4);
  const y1 = Math.round(r.maxY - (r.maxY - r.minY) / 4);
  let n = 0;
  let hit = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      n++;
      hit += mask[y * width + x] ? 1 : 0;
    }
  }
  return n ? hit / n : 0;
}
