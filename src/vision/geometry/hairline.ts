// Hairline recession in the canonical frame of a front or top view (forehead at the bottom): for each
// column of the head box, how far the hair's front edge sits behind the front of the box, in head widths.
import type { Planes } from './planes.js';
import type { Hairline } from './types.js';

/** Hairness at or above which a row counts as hair (hair over all scalp classes). */
const HAIR_EDGE = 0.5;
/** Rows of hair in a row needed to call it the edge (ignores stray hairs on the forehead). */
const RUN = 2;

/** Recession of one column: distance from the box's front (bottom) edge to the first run of hair. */
export function columnRecession(p: Planes, mask: Uint8Array, x: number, y0: number, y1: number, boxWidth: number): number | null {
  let run = 0;
  let seen = 0;
  for (let y = y1 - 1; y >= y0; y--) {
    const i = y * p.width + x;
    if (!mask[i]) {
      run = 0;
      continue;
    }
    seen++;
    const tot = p.hair[i] + p.skin[i] + p.scar[i];
    const hairy = tot > 0 && p.hair[i] / tot >= HAIR_EDGE;
    run = hairy ? run + 1 : 0;
    if (run >= RUN) return (y1 - (y + RUN - 1) - 1) / boxWidth;
  }
  // no hair at all in this column of the head: recession reaches the back of the box
  return seen > 0 ? (y1 - y0) / boxWidth : null;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function band(p: Planes, mask: Uint8Array, box: { x0: number; y0: number; x1: number; y1: number }, u0: number, u1: number): number | null {
  const w = box.x1 - box.x0;
  const vals: number[] = [];
  for (let x = Math.floor(box.x0 + u0 * w); x < Math.ceil(box.x0 + u1 * w); x++) {
    const r = columnRecession(p, mask, x, box.y0, box.y1, w);
    if (r !== null) vals.push(r);
  }
  return median(vals);
}

export function measureHairline(p: Planes, mask: Uint8Array, box: { x0: number; y0: number; x1: number; y1: number }): Hairline {
  if (box.x1 - box.x0 < 4 || box.y1 - box.y0 < 4) return { centre: null, left: null, right: null, templeExcess: null };
  const centre = band(p, mask, box, 0.4, 0.6);
  // person's right temple on the image left (the camera faces the person)
  const right = band(p, mask, box, 0.15, 0.3);
  const left = band(p, mask, box, 0.7, 0.85);
  const r4 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e4) / 1e4);
  const templeExcess = centre !== null && left !== null && right !== null ? (left + right) / 2 - centre : null;
  return { centre: r4(centre), left: r4(left), right: r4(right), templeExcess: r4(templeExcess) };
}
