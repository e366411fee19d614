// Which head cells are scalp (may be pigmented) and which are face, ears or neck.
//
// - front / top views: the hairline decides (handled in treatment.ts): skin in front of it is face.
// - back views: a skin cell is scalp when hair lies below it (towards the neck) within `belowHairMm`:
//   the bald crown sits above the horseshoe of remaining hair, while the neck and ears have no hair
//   under them (hairBelow); a shaved head, whose hair is not found, is its skull above the neck
//   (skullAboveNeck).
// - left / right views (profiles): the skull above a line over the hairline, ear and nape placed by the
//   skull's size (profileScalp); a beard defeated the hair rule there. The hair rule stays for profiles
//   whose top the frame cuts off.
// - closeup: the whole head region is scalp.
import { largestComponent } from '../../vision/geometry/head.js';
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

/**
 * Where the scalp of a profile (a side view) can be: the head above a line running from the frontal
 * hairline over the temple, above the ear and down behind it to the nape, placed by the skull's own
 * size. In the head's frame (`down` towards the neck, `face` towards the face, both along the grid's
 * axes): the top of the head is its first line across `down` holding a quarter of its widest line; the
 * skull's length L runs from the forehead's furthest point forward in the upper 30 % to the back of
 * the skull down to half of L (about brow level; the brow ridge, glasses and nose below do not count).
 * A cell at (u, v), u from the front of the skull to its back and v down from the top, both over L, is
 * scalp when v <= profileLimit(u).
 * The knots follow adult head proportions (a head ~20 cm long): the hairline ~8 cm above the glabella
 * (DOMAIN.md, hairline design) is ~4-5 cm below the top at the front (0.22 L); the temple point, then
 * the top of the ear at about brow level half way back (a margin above it: 0.42 L); behind the ear the
 * line falls to the nape. Only the head's largest piece counts. Null when the frame cuts off the top of
 * the skull (more than `cutShare` of the head's widest line on the frame's edge).
 */
export const PROFILE_LIMIT: readonly (readonly [number, number])[] = [
  [0, 0.22],
  [0.25, 0.32],
  [0.45, 0.42],
  [0.75, 0.42],
  [0.85, 0.6],
  [1, 0.85],
];

export function profileLimit(u: number, knots: readonly (readonly [number, number])[] = PROFILE_LIMIT): number {
  if (u <= knots[0][0]) return knots[0][1];
  for (let k = 1; k < knots.length; k++) {
    const [u1, v1] = knots[k];
    if (u <= u1) {
      const [u0, v0] = knots[k - 1];
      return v0 + ((u - u0) / (u1 - u0)) * (v1 - v0);
    }
  }
  return knots[knots.length - 1][1];
}

export interface ProfileSkull {
  /** 1 where a head cell lies above the profile's scalp limit. */
  scalp: Uint8Array;
  /** The skull's length (cells) along `face`. */
  lengthCells: number;
}

export function profileScalp(headMask: Uint8Array, grid: FieldGrid, down: Axis, face: Axis, cutShare = 0.5): ProfileSkull | null {
  const { width, height } = grid;
  if (headMask.length !== width * height) throw new RangeError(`head has ${headMask.length} cells, expected ${width * height}`);
  const vertical = down === 'down' || down === 'up';
  if ((face === 'down' || face === 'up') === vertical) throw new RangeError(`face (${face}) must be across down (${down})`);
  // The head's largest piece: a piece of wall read as skin above the head would be taken for its top.
  const { mask: head, size } = largestComponent(headMask, width, height);
  if (size === 0) return null;
  const vec = { down: [0, 1], up: [0, -1], left: [-1, 0], right: [1, 0] } as const;
  const [dx, dy] = vec[down];
  const [fx, fy] = vec[face];
  // Coordinates along `down` (0 at the first line from the top) and along `face`.
  const lines = vertical ? height : width;
  const across = vertical ? width : height;
  const depthOf = (x: number, y: number): number => (dx + dy > 0 ? dx * x + dy * y : lines - 1 + dx * x + dy * y);
  const forwardOf = (x: number, y: number): number => (fx + fy > 0 ? fx * x + fy * y : across - 1 + fx * x + fy * y);
  const front = new Int32Array(lines).fill(-1); // largest forward coordinate per line
  const back = new Int32Array(lines).fill(across); // smallest
  const count = new Int32Array(lines); // head cells per line
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!head[y * width + x]) continue;
      const t = depthOf(x, y), f = forwardOf(x, y);
      if (f > front[t]) front[t] = f;
      if (f < back[t]) back[t] = f;
      count[t]++;
    }
  }
  let widest = 0;
  for (let l = 0; l < lines; l++) widest = Math.max(widest, count[l]);
  // The top: the first line holding a quarter of the widest line's cells, so that a thin piece reaching
  // up from the head (a pole or a roof edge read as skin, L7-004) is not taken for it. A chord of width w
  // there stands for a cap about w² / (4 L) deep above it (a circle of diameter L), added below. When
  // that line is the frame's edge with over `cutShare` of the widest line on it, the frame cuts off the
  // top of the skull, and everything placed from it is unknown.
  let top = 0;
  while (count[top] < 0.25 * widest) top++; // the widest line itself ends it
  if (top === 0 && count[0] > cutShare * widest) return null;
  // Down to about brow level, half the skull's length below the top (not before a tenth of the widest
  // line). The back of the skull is its furthest point back down to there; the front is the forehead's
  // furthest point forward in the upper 30 %, above the brow ridge, glasses and nose.
  let bMin = across, fAll = -1;
  let t = top;
  for (; t < lines; t++) {
    if (front[t] >= 0) {
      fAll = Math.max(fAll, front[t]);
      bMin = Math.min(bMin, back[t]);
    }
    if (t - top >= 0.1 * widest && t - top > 0.5 * (fAll - bMin + 1)) break;
  }
  if (t === lines) return null;
  let fMax = -1;
  for (let l = top; l <= top + 0.3 * (fAll - bMin + 1); l++) fMax = Math.max(fMax, front[l]);
  const length = fMax - bMin + 1;
  if (length < 2) return null;
  const cap = (count[top] * count[top]) / (4 * length);
  const scalp = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = y * width + x;
      if (!head[c]) continue;
      const u = (fMax - forwardOf(x, y)) / length, v = (depthOf(x, y) - top + cap) / length;
      if (v <= profileLimit(u)) scalp[c] = 1;
    }
  }
  return { scalp, lengthCells: length };
}
