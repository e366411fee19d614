// Hairline recession in the canonical frame of a front or top view (forehead at the bottom): for each
// column of the head box, how far the hair's front edge sits behind the front of the box, in head widths.
import type { Planes } from './planes.js';
import type { Hairline } from './types.js';
import { median } from '../colour/robust.js';

/** Hairness at or above which a row counts as hair (hair over all scalp classes). */
const HAIR_EDGE = 0.5;
/** Rows of hair in a row needed to call it the edge (ignores stray hairs on the forehead). */
const RUN = 2;

/**
 * Recession of one column: distance from the front of the head in that column (its lowest head pixel
 * inside the box, so the skull's curve does not read as recession) to the first run of hair behind it.
 */
export function columnRecession(p: Planes, mask: Uint8Array, x: number, y0: number, y1: number, boxWidth: number): number | null {
  let run = 0;
  let front = -1;
  for (let y = y1 - 1; y >= y0; y--) {
    const i = y * p.width + x;
    if (!mask[i]) {
      run = 0;
      continue;
    }
    if (front < 0) front = y;
    const tot = p.hair[i] + p.skin[i] + p.scar[i];
    const hairy = tot > 0 && p.hair[i] / tot >= HAIR_EDGE;
    run = hairy ? run + 1 : 0;
    if (run >= RUN) return (front - (y + RUN - 1)) / boxWidth;
  }
  // no hair at all in this column of the head: recession reaches the back of the box
  return front >= 0 ? (front - y0 + 1) / boxWidth : null;
}

function medianOrNull(xs: number[]): number | null {
  return xs.length === 0 ? null : median(xs);
}

function band(p: Planes, mask: Uint8Array, box: { x0: number; y0: number; x1: number; y1: number }, u0: number, u1: number): number | null {
  const w = box.x1 - box.x0;
  const vals: number[] = [];
  for (let x = Math.floor(box.x0 + u0 * w); x < Math.ceil(box.x0 + u1 * w); x++) {
    const r = columnRecession(p, mask, x, box.y0, box.y1, w);
    if (r !== null) vals.push(r);
  }
  return medianOrNull(vals);
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

/**
 * Width of the bald strip along the midline of a top view (the part line), in head widths: for each row
 * of the mid-scalp (v from 0.3 to 0.85 of the box), the bald run through the centre column; the median.
 */
export function measurePartWidth(p: Planes, mask: Uint8Array, box: { x0: number; y0: number; x1: number; y1: number }): number | null {
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (w < 8 || h < 8) return null;
  const cx = Math.floor((box.x0 + box.x1) / 2);
  const bald = (i: number): boolean => {
    const tot = p.hair[i] + p.skin[i] + p.scar[i];
    return mask[i] === 1 && tot > 0 && p.hair[i] / tot < HAIR_EDGE;
  };
  const widths: number[] = [];
  for (let y = Math.floor(box.y0 + 0.3 * h); y < Math.ceil(box.y0 + 0.85 * h); y++) {
    if (!mask[y * p.width + cx]) continue;
    let run = 0;
    if (bald(y * p.width + cx)) {
      run = 1;
      for (let x = cx - 1; x >= box.x0 && bald(y * p.width + x); x--) run++;
      for (let x = cx + 1; x < box.x1 && bald(y * p.width + x); x++) run++;
    }
    widths.push(run / w);
  }
  const m = medianOrNull(widths);
  return m === null ? null : Math.round(m * 1e4) / 1e4;
}
