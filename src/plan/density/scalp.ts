// Which head cells are scalp (may be pigmented) and which are face, ears or neck.
//
// - front / top views: the hairline decides (handled in treatment.ts): skin in front of it is face.
// - back / left / right views: a skin cell is scalp when hair lies below it (towards the neck)
//   within `belowHairMm`: the bald crown sits above the horseshoe of remaining hair, while the neck,
//   ears and (in profiles) the face have no hair under them. A full beard defeats this rule.
// - closeup: the whole head region is scalp.
import type { FieldGrid } from './grid.js';

export type Axis = 'down' | 'up' | 'left' | 'right';

/** The image axis nearest to a direction vector. */
export function nearestAxis(v: [number, number]): Axis {
  if (Math.abs(v[1]) >= Math.abs(v[0])) return v[1] >= 0 ? 'down' : 'up';
  return v[0] >= 0 ? 'right' : 'left';
}

/**
 * Hair cells (hair[c] >= threshold), with gaps across the lines (perpendicular to `down`) closed where
 * hair lies within `gapCells` on both sides: a parting or a thin patch in the horseshoe is still the
 * horseshoe. Hair on one side only (a sideburn beside the cheek) closes nothing.
 */
export function hairClosedAcross(hair: Float32Array, grid: FieldGrid, down: Axis, gapCells: number, threshold = 0.5): Uint8Array {
  const { width, height } = grid;
  if (hair.length !== width * height) throw new RangeError(`hair has ${hair.length} cells, expected ${width * height}`);
  if (!(gapCells >= 0) || !Number.isInteger(gapCells)) throw new RangeError(`gapCells must be an integer >= 0, got ${gapCells}`);
  const vertical = down === 'down' || down === 'up';
  // Cells across the lines: along a row when `down` is vertical, along a column otherwise.
  const runs = vertical ? height : width;
  const across = vertical ? width : height;
  const out = new Uint8Array(width * height);
  const last = new Int32Array(across); // index of the nearest hair at or before i, -1 if none
  const next = new Int32Array(across); // index of the nearest hair at or after i, -1 if none
  for (let r = 0; r < runs; r++) {
    const at = (i: number): number => (vertical ? r * width + i : i * width + r);
    let p = -1;
    for (let i = 0; i < across; i++) {
      if (hair[at(i)] >= threshold) p = i;
      last[i] = p;
    }
    p = -1;
    for (let i = across - 1; i >= 0; i--) {
      if (hair[at(i)] >= threshold) p = i;
      next[i] = p;
    }
    for (let i = 0; i < across; i++) {
      if (last[i] === i) out[at(i)] = 1;
      else if (last[i] >= 0 && next[i] >= 0 && i - last[i] <= gapCells && next[i] - i <= gapCells) out[at(i)] = 1;
    }
  }
  return out;
}

/**
 * 1 where a cell of `head` has a hair cell (hair[c] >= threshold) at most `maxCells` further along
 * `down`. Hair cells themselves count as scalp. With `gapCells`, gaps in the hair across the lines
 * narrower than twice that are hair (hairClosedAcross): looked for along single lines only, a parting
 * or thin patch in the horseshoe left a stripe of bald crown unplanned from there to the top of the head.
 */
export function hairBelow(head: Uint8Array, hair: Float32Array, grid: FieldGrid, down: Axis, maxCells: number, threshold = 0.5, gapCells = 0): Uint8Array {
  const { width, height } = grid;
  const isHair = hairClosedAcross(hair, grid, down, gapCells, threshold);
  const out = new Uint8Array(width * height);
  const vertical = down === 'down' || down === 'up';
  const lines = vertical ? width : height;
  const steps = vertical ? height : width;
  for (let l = 0; l < lines; l++) {
    // Walk from the neck end towards the top of the head, counting cells since the last hair.
    let since = Infinity;
    for (let t = 0; t < steps; t++) {
      const u = down === 'down' || down === 'right' ? steps - 1 - t : t;
      const c = vertical ? u * width + l : l * width + u;
      if (isHair[c]) since = 0;
      else since++;
      if (head[c] && since <= maxCells) out[c] = 1;
    }
  }
  return out;
}
