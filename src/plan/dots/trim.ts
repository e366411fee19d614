// Trims a Poisson-disk fill down to exact counts per region by removing its most crowded dots.
// Crowding is Yuksel's (2015) elimination weight, the sum over neighbours of (1 - d / (ri + rj))^8
// with r the hexagonal-packing radius of the wanted density. The fill overshoots by only a few per
// cent, so crowding is measured on a random sample of SAMPLE x the excess rather than on every dot,
// and one greedy pass that never removes two neighbours suffices (no holes); a second pass without
// that rule finishes any region the first could not.
import type { DotGrid, FillState } from './bridson.js';

/** Yuksel's r_max for a density (dots per px²): the radius of hexagonal packing. */
export function packingRadius(density: number): number {
  return Math.sqrt(1 / (2 * Math.sqrt(3) * density));
}

export interface TrimInput {
  state: FillState;
  grid: DotGrid;
  /** Wanted density per field cell (dots per px²). */
  density: Float32Array;
  /** Dots from this index on may be removed; earlier ones are fixed. */
  from: number;
  /** Count region per cell (default: all 0) and the dots each region should end with. */
  region?: Int32Array;
  target: Int32Array;
  rng: () => number;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Dots whose crowding is measured, per dot to remove. */
const SAMPLE = 2;

/** Neighbour search radius as a multiple of the packing radius: finds neighbours up to ~1.2x sparser (fields are smooth). */
export const TRIM_REACH = 2.1;

/** Writes the dots j != i within ri + rj of dot i into out (indices) and weights; returns how many. */
function neighbours(i: number, input: TrimInput, out: Int32Array, weights: Float64Array): number {
  const { state, grid, density } = input;
  const { x, y, cell } = state;
  const { slot, deltas, deltaEnd, pad } = grid;
  const ri = packingRadius(density[cell[i]]);
  const end = deltaEnd[Math.min(pad, Math.ceil((TRIM_REACH * ri) / grid.cell))];
  const at = grid.index(x[i], y[i]);
  const xi = x[i], yi = y[i];
  let m = 0;
  const far = (TRIM_REACH * ri) ** 2;
  for (let k = 1; k < end && m < out.length; k++) {
    const j = slot[at + deltas[k]];
    if (j < 0) continue;
    const dx = x[j] - xi, dy = y[j] - yi;
    const d2 = dx * dx + dy * dy;
    if (d2 >= far) continue;
    const rsum = ri + packingRadius(density[cell[j]]);
    if (d2 >= rsum * rsum) continue;
    let w = 1 - Math.sqrt(d2) / rsum;
    w *= w;
    w *= w;
    out[m] = j;
    weights[m++] = w * w;
  }
  return m;
}

/** Returns a mask over the dots from `from` on (1 = kept); removed dots are also cleared from the grid. */
export function trimToTargets(input: TrimInput): Uint8Array {
  const { state, grid, from, region, target, rng } = input;
  const cell = state.cell;
  const n = state.n - from;
  if (n > 1 << 21) throw new RangeError(`cannot trim more than ${1 << 21} new dots at once, got ${n}`);
  const keep = new Uint8Array(n).fill(1);
  const excess = new Int32Array(target.length);
  for (let i = 0; i < state.n; i++) excess[region ? region[cell[i]] : 0]++;
  let excessTotal = 0;
  for (let g = 0; g < target.length; g++) {
    excess[g] = Math.max(0, excess[g] - target[g]);
    excessTotal += excess[g];
  }
  if (excessTotal === 0) return keep;

  // A random walk over the new dots (random start, random stride coprime with n: a permutation
  // without shuffling), taking up to SAMPLE x excess of them per region. Fill order is already
  // spatially scattered, so a strided walk samples the field evenly.
  const perm = new Int32Array(n);
  let stride = 1 + Math.floor(rng() * Math.max(1, n - 1));
  while (gcd(stride, n) !== 1) stride++;
  for (let q = 0, k = Math.floor(rng() * n); q < n; q++, k = (k + stride) % n) perm[q] = k;
  const quota = Int32Array.from(excess, (e) => e * SAMPLE);
  const sampled = new Int32Array(Math.min(n, excessTotal * SAMPLE));
  const crowd = new Float64Array(sampled.length);
  const nb = new Int32Array(256);
  const w = new Float64Array(256);
  let ns = 0;
  let maxCrowd = 0;
  for (let q = 0; q < n && ns < sampled.length; q++) {
    const k = perm[q];
    const g = region ? region[cell[from + k]] : 0;
    if (quota[g] === 0) continue;
    quota[g]--;
    const m = neighbours(from + k, input, nb, w);
    let s = 0;
    for (let a = 0; a < m; a++) s += w[a];
    sampled[ns] = k;
    crowd[ns++] = s;
    if (s > maxCrowd) maxCrowd = s;
  }
  // Most crowded first, ties by index: one native numeric sort of (quantised crowding, index) keys.
  const order = new Float64Array(ns);
  const scale = maxCrowd > 0 ? (2 ** 31 - 1) / maxCrowd : 0;
  for (let a = 0; a < ns; a++) order[a] = Math.floor(crowd[a] * scale) * 2 ** 21 + ((1 << 21) - 1 - sampled[a]);
  order.sort();

  const blocked = new Uint8Array(n);
  for (let pass = 0; pass < 2 && excessTotal > 0; pass++) {
    for (let a = order.length - 1; a >= 0 && excessTotal > 0; a--) {
      const k = (1 << 21) - 1 - (order[a] % 2 ** 21);
      const i = from + k;
      const g = region ? region[cell[i]] : 0;
      if (!keep[k] || excess[g] === 0 || (pass === 0 && blocked[k])) continue;
      keep[k] = 0;
      excess[g]--;
      excessTotal--;
      const m = neighbours(i, input, nb, w);
      for (let b = 0; b < m; b++) if (nb[b] >= from) blocked[nb[b] - from] = 1;
      grid.slot[grid.index(state.x[i], state.y[i])] = -1;
    }
    // Regions the sample could not finish: any of their new dots, in random order.
    if (pass === 1 && excessTotal > 0) {
      for (let q = 0; q < n && excessTotal > 0; q++) {
        const k = perm[q];
        const i = from + k;
        const g = region ? region[cell[i]] : 0;
        if (!keep[k] || excess[g] === 0) continue;
        keep[k] = 0;
        excess[g]--;
        excessTotal--;
        grid.slot[grid.index(state.x[i], state.y[i])] = -1;
      }
    }
  }
  return keep;
}
