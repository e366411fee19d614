// Pixel masks for the colour measurements, from a segmentation's probabilities. Masks are Uint8Array
// 0/1, row-major, at the segmentation's size. Erosion keeps mixed pixels at class borders (skin showing
// through hair, hair shadows) out of the colour statistics.
import { SEG_CLASSES, type Segmentation } from '../image.js';

const SKIN = SEG_CLASSES.indexOf('skin');
const HAIR = SEG_CLASSES.indexOf('hair');
const SCAR = SEG_CLASSES.indexOf('scar');

/** Pixels whose arg-max class is `cls` and whose probability for it is at least `minProb`. */
export function confidentMask(seg: Segmentation, cls: number, minProb: number): Uint8Array {
  const n = seg.width * seg.height;
  if (seg.labels.length !== n || seg.probs.length !== SEG_CLASSES.length * n) {
    throw new RangeError(`segmentation ${seg.width}x${seg.height} has ${seg.labels.length} labels and ${seg.probs.length} probabilities`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = seg.labels[i] === cls && seg.probs[cls * n + i] >= minProb ? 1 : 0;
  return out;
}

export const skinClass = SKIN;
export const hairClass = HAIR;
export const scarClass = SCAR;

/** Summed-area table of a 0/1 mask, (w+1)*(h+1). */
function integral(mask: Uint8Array, w: number, h: number): Int32Array {
  const s = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += mask[y * w + x];
      s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + row;
    }
  }
  return s;
}

/**
 * Square-window erosion (`all`: a pixel survives when its whole (2r+1)² window, clipped at the borders,
 * is set) or dilation (`any`: when any pixel of it is), from a summed-area table: O(n) for any r.
 */
function windowTest(mask: Uint8Array, w: number, h: number, r: number, all: boolean): Uint8Array {
  const s = integral(mask, w, h);
  const out = new Uint8Array(mask.length);
  const w1 = w + 1;
  for (let y = 0; y < h; y++) {
    const top = Math.max(0, y - r) * w1;
    const bottom = Math.min(h, y + r + 1) * w1;
    const rows = (bottom - top) / w1;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const x0 = x > r ? x - r : 0;
      const x1 = x + r + 1 < w ? x + r + 1 : w;
      const c = s[bottom + x1] - s[top + x1] - s[bottom + x0] + s[top + x0];
      if (all ? c === rows * (x1 - x0) : c > 0) out[row + x] = 1;
    }
  }
  return out;
}

/** Square-window erosion of radius r (a pixel survives when its whole window is set). */
export function erode(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (mask.length !== w * h) throw new RangeError(`erode: mask has ${mask.length} entries, expected ${w * h}`);
  if (r <= 0) return mask.slice();
  return windowTest(mask, w, h, r, true);
}

/** Square-window dilation of radius r. */
export function dilate(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  if (mask.length !== w * h) throw new RangeError(`dilate: mask has ${mask.length} entries, expected ${w * h}`);
  if (r <= 0) return mask.slice();
  return windowTest(mask, w, h, r, false);
}

export function and(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

export function not(a: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ? 0 : 1;
  return out;
}

export function count(a: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i];
  return n;
}
