// Eyebrows as a stand-in for face landmarks in front views: the glabella sits at eyebrow level on
// the midline, and the hairline rule measures from it (mid-frontal point ~8 cm above). Seen in the
// masks, an eyebrow is a thin band that is not skin (3-15 mm) with skin under it (the eyelid) and a
// bare forehead over it (25 mm or more); one is looked for on each side of the midline.
import type { Point } from './types.js';

export interface BrowInput {
  /** Per-cell hair and skin probabilities and head mask on a width x height grid of cellPx px cells. */
  hairProb: Float32Array;
  skinProb: Float32Array;
  head: Uint8Array;
  width: number;
  height: number;
  cellPx: number;
  /** A point on the head's midline (px) and the unit direction towards the face. */
  midline: Point;
  down: Point;
  mmPerPixel: number;
}

export interface Brows {
  /** Glabella estimate: on the midline at the eyebrows' level (px). */
  glabella: Point;
  /** Eyebrow band centres found, left and right (px). */
  left: Point;
  right: Point;
}

/**
 * Along one strip parallel to `down` at lateral offset u (px): the eyebrow band's centre, or null.
 * The strip is read as runs of bare skin and of marks (hair, or anything in the head that is not
 * skin: grey brows often read as background), from the face side up; the brow is the first mark run
 * of 3-15 mm with at least 6 mm of skin under it and 25 mm of skin over it.
 */
function browOnStrip(input: BrowInput, u: number): Point | null {
  const { hairProb, skinProb, head, width, height, cellPx, midline, down, mmPerPixel } = input;
  const lateral: Point = [-down[1], down[0]];
  const step = cellPx;
  const span = Math.hypot(width, height) * cellPx;
  const runs: { bare: boolean; from: number; length: number }[] = [];
  for (let t = span; t > -span; t -= step) {
    const x = midline[0] + down[0] * t + lateral[0] * u, y = midline[1] + down[1] * t + lateral[1] * u;
    const cx = Math.floor(x / cellPx), cy = Math.floor(y / cellPx);
    if (cx < 0 || cy < 0 || cx >= width || cy >= height || !head[cy * width + cx]) {
      if (runs.length) runs.push({ bare: false, from: t, length: Infinity }); // the head's edge ends the strip
      if (runs.length) break;
      continue;
    }
    const c = cy * width + cx;
    const bare = skinProb[c] >= 0.5 && hairProb[c] < 0.25;
    const last = runs[runs.length - 1];
    if (last && last.bare === bare) last.length += step;
    else runs.push({ bare, from: t, length: step });
  }
  const mm = (px: number): number => px * mmPerPixel;
  for (let k = 1; k + 1 < runs.length; k++) {
    const below = runs[k - 1], band = runs[k], above = runs[k + 1];
    if (band.bare || !below.bare || !above.bare) continue;
    if (mm(below.length) < 6 || mm(band.length) < 3 || mm(band.length) > 15 || mm(above.length) < 25) continue;
    const at = band.from - band.length / 2;
    return [midline[0] + down[0] * at + lateral[0] * u, midline[1] + down[1] * at + lateral[1] * u];
  }
  return null;
}

/** Eyebrows left and right of the midline (12-64 mm out) at matching heights, or null. */
export function findBrows(input: BrowInput): Brows | null {
  const { down, midline, mmPerPixel } = input;
  const side = (sign: number): Point | null => {
    const found: Point[] = [];
    for (let mm = 12; mm <= 64; mm += 4) {
      const b = browOnStrip(input, (sign * mm) / mmPerPixel);
      if (b) found.push(b);
    }
    if (found.length < 2) return null;
    // Median height along down.
    const h = found.map((p) => (p[0] - midline[0]) * down[0] + (p[1] - midline[1]) * down[1]).sort((a, b) => a - b);
    const mid = h[h.length >> 1];
    return found.find((p) => (p[0] - midline[0]) * down[0] + (p[1] - midline[1]) * down[1] === mid) ?? null;
  };
  // Image-left has lateral < 0 when down is image-down; lateral = (-down_y, down_x).
  const a = side(-1), b = side(1);
  if (!a || !b) return null;
  const ha = (a[0] - midline[0]) * down[0] + (a[1] - midline[1]) * down[1];
  const hb = (b[0] - midline[0]) * down[0] + (b[1] - midline[1]) * down[1];
  if (Math.abs(ha - hb) * mmPerPixel > 12) return null;
  const level = (ha + hb) / 2;
  const glabella: Point = [midline[0] + down[0] * level, midline[1] + down[1] * level];
  const [left, right] = a[0] <= b[0] ? [a, b] : [b, a];
  return { glabella, left, right };
}
