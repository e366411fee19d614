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

/**
 * Back views: the skull above the neck, for heads whose hair the segmenter does not find (a shaved or
 * buzzed head reads as skin all over, and the hair-below rule then finds no scalp at all: L6-026 was
 * planned on an ear and a shoulder). From the top of the head along `down`, each line's head extent
 * (first to last head cell, so holes do not shorten it): the neck starts at the first line at least
 * `minSkullCells` below the top where the extent falls under `neckRatio` of the widest so far, and
 * no further below the top than `maxDepthRatio` of that width (a neck as wide as the head, L6-018).
 * The ears stick out of the skull's lower half, so each line keeps only the skull's band: the widest
 * extent of the upper half of the span, with `marginRatio` of it either side. Empty when no neck is
 * found (the head runs out of the frame, or a collar hides the neck).
 */
export function skullAboveNeck(head: Uint8Array, grid: FieldGrid, down: Axis, minSkullCells: number, neckRatio = 0.8, marginRatio = 0.05, maxDepthRatio = 1): Uint8Array {
  const { width, height } = grid;
  if (head.length !== width * height) throw new RangeError(`head has ${head.length} cells, expected ${width * height}`);
  if (!(minSkullCells >= 1) || !Number.isInteger(minSkullCells)) throw new RangeError(`minSkullCells must be an integer >= 1, got ${minSkullCells}`);
  if (!(neckRatio > 0 && neckRatio < 1)) throw new RangeError(`neckRatio must be in (0, 1), got ${neckRatio}`);
  const vertical = down === 'down' || down === 'up';
  const lines = vertical ? height : width; // lines across, counted from the top of the head
  const across = vertical ? width : height;
  const at = (t: number, i: number): number => {
    const u = down === 'down' || down === 'right' ? t : lines - 1 - t;
    return vertical ? u * width + i : i * width + u;
  };
  const first = new Int32Array(lines).fill(-1);
  const last = new Int32Array(lines).fill(-1);
  for (let t = 0; t < lines; t++) {
    for (let i = 0; i < across; i++) {
      if (!head[at(t, i)]) continue;
      if (first[t] < 0) first[t] = i;
      last[t] = i;
    }
  }
  const extent = (t: number): number => (first[t] < 0 ? 0 : last[t] - first[t] + 1);
  let top = 0;
  while (top < lines && extent(top) === 0) top++;
  const out = new Uint8Array(width * height);
  if (top === lines) return out;
  let widest = 0;
  let neck = -1;
  for (let t = top; t < lines; t++) {
    const e = extent(t);
    if (t >= top + minSkullCells && e < neckRatio * widest) {
      neck = t;
      break;
    }
    if (t >= top + minSkullCells && t - top > maxDepthRatio * widest) {
      // Past the depth a skull has: the neck is as wide as the head. Only where a neck shows further
      // down (the head does not run out of the frame).
      for (let u = t; u < lines && neck < 0; u++) if (extent(u) < neckRatio * widest) neck = t;
      break;
    }
    widest = Math.max(widest, e);
  }
  if (neck < 0) return out;
  // The skull's band: the widest line of the upper half, above the ears.
  let band = top;
  for (let t = top; t < top + Math.ceil((neck - top) / 2); t++) if (extent(t) > extent(band)) band = t;
  const margin = Math.round(marginRatio * extent(band));
  const lo = first[band] - margin, hi = last[band] + margin;
  for (let t = top; t < neck; t++) for (let i = Math.max(0, lo); i <= Math.min(across - 1, hi); i++) if (head[at(t, i)]) out[at(t, i)] = 1;
  return out;
}
