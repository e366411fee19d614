// Layered blue-noise dot placement with exact counts per region.
//
// Session by session: a variable-spacing Poisson-disk fill (bridson.ts) grows from every dot already
// placed, at a spacing slightly tighter than the density asks for, so it overshoots by a few per
// cent; trim.ts then removes the most crowded new dots until each count region holds exactly its
// target. Earlier sessions' dots are never moved or removed, so session k only adds, and the minimum
// spacing of session k's density holds between all dots once session k is done.
import { bridsonFill, addDot, DotGrid, fits, DEFAULT_FILL, type FillField, type FillOptions, type FillState } from './bridson.js';
import { assertDensityGrid, type DensityGrid } from './density-grid.js';
import { trimToTargets, packingRadius, TRIM_REACH } from './trim.js';
import { createRng } from './rng.js';
import { positiveComponents } from './components.js';

/**
 * Spacing of the first fill pass as a multiple of 1/sqrt(density). The fill (8 tries, thin annulus)
 * packs at about 0.723/s² for a spacing s (measured), so 0.84 overshoots a fresh session by ~2.5 %
 * (little to trim), and is a relative radius of 0.78 of hexagonal packing, inside the 0.65-0.85 band
 * of good Poisson-disk sets (Lagae & Dutré 2008).
 */
export const DEFAULT_SPACING = 0.84;
/** Later passes (only for regions still short, e.g. a session filling around earlier dots) tighten by this. */
export const PASS_TIGHTENING = 0.92;
export const MAX_PASSES = 4;
/** Densities below the peak / DENSITY_FLOOR are treated as zero. */
export const DENSITY_FLOOR = 100;
/** The guaranteed minimum spacing multiple: the tightest pass. */
export const MIN_SPACING = DEFAULT_SPACING * PASS_TIGHTENING ** (MAX_PASSES - 1);

export function minSpacing(density: number, spacing = DEFAULT_SPACING): number {
  return spacing / Math.sqrt(density);
}

export interface ExistingDots {
  x: Float32Array;
  y: Float32Array;
  /** Session (0-based) of each dot; sessions up to the largest one here count as done. */
  session: Uint8Array;
}

export interface PlaceInput {
  /** Cumulative wanted density after each session (dots per image px²), one grid per session, same shape. */
  sessions: DensityGrid[];
  /** Count region per cell; each region ends with round(sum of density × cell area) dots. Default: one region. */
  region?: Int32Array;
  seed: number;
  /** First-pass spacing multiple (see DEFAULT_SPACING); later passes tighten by PASS_TIGHTENING. */
  spacing?: number;
  fill?: FillOptions;
  /** Dots already applied: kept as they are, and their sessions are not planned again. */
  existing?: ExistingDots;
}

export interface SessionStats {
  /** Dots wanted after this session (all regions). */
  target: number;
  /** Dots placed after this session. */
  placed: number;
  /** Dots the fill made before trimming (its overshoot shows the spacing's headroom). */
  filled: number;
  /** Fill passes used (1 unless a region came out short). */
  passes: number;
}

export interface PlacedDots {
  x: Float32Array;
  y: Float32Array;
  /** Session (0-based) that adds each dot; dots come ordered by session. */
  session: Uint8Array;
  /** Field cell of each dot. */
  cell: Int32Array;
  stats: SessionStats[];
  /**
   * Existing dots not kept: outside the field, or sharing a grid cell (closer than ~0.7 of the plan's
   * tightest spacing) with an earlier one (only possible for hand-edited dots).
   */
  existingDropped: { outside: number; crowded: number };
}

/** Dots each region should hold: sum of density × cell area, rounded. */
export function regionTargets(grid: DensityGrid, region: Int32Array | undefined, regions: number): Int32Array {
  const sum = new Float64Array(regions);
  const area = grid.cellPx * grid.cellPx;
  for (let c = 0; c < grid.values.length; c++) {
    const v = grid.values[c];
    if (v > 0) sum[region ? region[c] : 0] += v * area;
  }
  return Int32Array.from(sum, (s) => Math.round(s));
}

function countRegions(input: PlaceInput): number {
  const { sessions, region } = input;
  if (sessions.length === 0) throw new RangeError('at least one session is needed');
  if (sessions.length > 255) throw new RangeError(`at most 255 sessions, got ${sessions.length}`);
  const first = sessions[0];
  sessions.forEach((g, k) => {
    assertDensityGrid(g, `sessions[${k}]`);
    if (g.width !== first.width || g.height !== first.height || g.cellPx !== first.cellPx) {
      throw new RangeError(`sessions[${k}] grid ${g.width}x${g.height}@${g.cellPx} differs from sessions[0] ${first.width}x${first.height}@${first.cellPx}`);
    }
  });
  const spacing = input.spacing ?? DEFAULT_SPACING;
  if (!(spacing > 0.3 && spacing < 1.07)) throw new RangeError(`spacing must be in (0.3, 1.07), got ${spacing}`);
  let regions = 1;
  if (region) {
    if (region.length !== first.values.length) throw new RangeError(`region has ${region.length} cells, expected ${first.values.length}`);
    for (let c = 0; c < region.length; c++) {
      if (!(region[c] >= 0) || !Number.isInteger(region[c])) throw new RangeError(`region[${c}] must be a non-negative integer, got ${region[c]}`);
      if (region[c] + 1 > regions) regions = region[c] + 1;
    }
  }
  const ex = input.existing;
  if (ex && (ex.y.length !== ex.x.length || ex.session.length !== ex.x.length)) {
    throw new RangeError('existing.x, .y and .session must have the same length');
  }
  return regions;
}

export function placeDots(input: PlaceInput): PlacedDots {
  const regions = countRegions(input);
  const { sessions, region, seed } = input;
  const spacingMul = input.spacing ?? DEFAULT_SPACING;
  const fillOptions = input.fill ?? DEFAULT_FILL;
  const { width, height, cellPx } = sessions[0];
  const cells = width * height;
  const rng = createRng(seed);

  // Densities under 1/DENSITY_FLOOR of the peak count as none: it bounds the neighbour reach (and
  // the grid's padding) at sqrt(DENSITY_FLOOR) times the smallest spacing.
  let maxDensity = 0;
  let minDensity = Infinity;
  for (const g of sessions) {
    const v = g.values;
    for (let c = 0; c < cells; c++) {
      const d = v[c];
      if (d > maxDensity) maxDensity = d;
      if (d > 0 && d < minDensity) minDensity = d;
    }
  }
  const floor = maxDensity / DENSITY_FLOOR;
  let densities = sessions.map((g) => g.values);
  if (minDensity < floor) {
    densities = densities.map((v) => {
      const out = new Float32Array(cells);
      for (let c = 0; c < cells; c++) out[c] = v[c] < floor ? 0 : v[c];
      return out;
    });
    minDensity = Infinity;
    for (const v of densities) for (let c = 0; c < cells; c++) if (v[c] > 0 && v[c] < minDensity) minDensity = v[c];
  }
  const state: FillState = { x: new Float32Array(1024), y: new Float32Array(1024), cell: new Int32Array(1024), n: 0 };
  // Grid cells must stay under the smallest spacing / sqrt 2 (one dot per cell): sized for the first
  // pass, rebuilt finer if a tighter pass is ever needed.
  const cellFor = (mult: number): number => (maxDensity > 0 ? minSpacing(maxDensity, mult) / Math.SQRT2 : width * cellPx);
  const reachPx = maxDensity > 0 ? Math.max(minSpacing(minDensity, spacingMul), TRIM_REACH * packingRadius(minDensity)) : width * cellPx;
  let grid = new DotGrid(width * cellPx, height * cellPx, cellFor(spacingMul), reachPx);
  const regrid = (mult: number): void => {
    if (cellFor(mult) >= grid.cell) return;
    grid = new DotGrid(width * cellPx, height * cellPx, cellFor(mult), Math.max(reachPx, cellFor(mult)));
    for (let i = 0; i < state.n; i++) grid.slot[grid.index(state.x[i], state.y[i])] = i;
  };
  let session = new Uint8Array(1024);
  const label = (i: number, s: number): void => {
    if (i >= session.length) {
      const bigger = new Uint8Array(Math.max(i + 1, session.length * 2));
      bigger.set(session);
      session = bigger;
    }
    session[i] = s;
  };
  const cellOf = (px: number, py: number): number =>
    Math.min(height - 1, Math.floor(py / cellPx)) * width + Math.min(width - 1, Math.floor(px / cellPx));

  let firstToPlan = 0;
  const existingDropped = { outside: 0, crowded: 0 };
  const ex = input.existing;
  if (ex) {
    // Kept as they are; a dot sharing a grid cell with an earlier one (only possible for hand-edited
    // dots) is dropped, since the grid holds one dot per cell.
    const order = Array.from(ex.session.keys()).sort((a, b) => ex.session[a] - ex.session[b] || a - b);
    for (const i of order) {
      const px = ex.x[i], py = ex.y[i];
      if (!(px >= 0 && py >= 0 && px < width * cellPx && py < height * cellPx)) {
        existingDropped.outside++;
        continue;
      }
      if (grid.slot[grid.index(px, py)] >= 0) {
        existingDropped.crowded++;
        continue;
      }
      label(addDot(state, grid, px, py, cellOf(px, py)), ex.session[i]);
      firstToPlan = Math.max(firstToPlan, ex.session[i] + 1);
    }
  }

  const stats: SessionStats[] = [];
  const spacing = new Float32Array(cells);
  const count = new Int32Array(regions);
  for (let s = 0; s < sessions.length; s++) {
    const density = densities[s];
    const target = regionTargets({ ...sessions[s], values: density }, region, regions);
    const totalTarget = target.reduce((a, b) => a + b, 0);
    if (s < firstToPlan) {
      stats.push({ target: totalTarget, placed: state.n, filled: state.n, passes: 0 });
      continue;
    }
    const from = state.n;
    count.fill(0);
    for (let i = 0; i < state.n; i++) count[region ? region[state.cell[i]] : 0]++;
    let passes = 0;
    // A session filling around earlier dots packs ~4-8 % looser than a fresh fill (the earlier dots
    // sit at a wider spacing), so it starts one step tighter and rarely needs a second pass.
    const firstPass = s > firstToPlan || (s > 0 && from > 0) ? 1 : 0;
    for (let pass = firstPass; pass < MAX_PASSES; pass++) {
      // Only regions still short take part; the rest of the field is closed to this pass.
      const short = new Uint8Array(regions);
      let anyShort = false;
      for (let g = 0; g < regions; g++) if (count[g] < target[g]) {
        short[g] = 1;
        anyShort = true;
      }
      if (!anyShort) break;
      const mult = spacingMul * PASS_TIGHTENING ** pass;
      regrid(mult);
      for (let c = 0; c < cells; c++) {
        spacing[c] = density[c] > 0 && short[region ? region[c] : 0] ? mult / Math.sqrt(density[c]) : 0;
      }
      const before = state.n;
      fillSession({ width, height, cellPx, spacing }, state, grid, rng, fillOptions);
      for (let i = before; i < state.n; i++) count[region ? region[state.cell[i]] : 0]++;
      passes++;
    }
    const filled = state.n;
    const keep = trimToTargets({ state, grid, density, from, region, target, rng });
    // Compact the new dots and re-point the grid at their new indices (not needed after the last session).
    const repoint = s < sessions.length - 1;
    let w = from;
    for (let k = 0; k < keep.length; k++) {
      if (!keep[k]) continue;
      const i = from + k;
      if (w !== i) {
        state.x[w] = state.x[i];
        state.y[w] = state.y[i];
        state.cell[w] = state.cell[i];
        if (repoint) grid.slot[grid.index(state.x[w], state.y[w])] = w;
      }
      label(w, s);
      w++;
    }
    state.n = w;
    stats.push({ target: totalTarget, placed: state.n, filled, passes });
  }
  const n = state.n;
  return { x: state.x.slice(0, n), y: state.y.slice(0, n), session: session.slice(0, n), cell: state.cell.slice(0, n), stats, existingDropped };
}

/**
 * One fill pass over the open part of the field (spacing > 0): grows from every dot already in it,
 * plus one seed per connected part of it, at the part's densest cell or else at one of up to 63
 * random cells of its box, wherever a dot fits (in a part that is already full, none does).
 *
 * Seeding at the densest cell: the part's first cell in scan order often lies on a thin, sparse edge
 * (the feather behind a hairline), whose wide spacing throws every candidate out of the part, and the
 * fill of the whole part died with that one dot; the next passes saw the part as reached and did not
 * seed it again (a real top view got 22 of 1214 wanted dots in its first session).
 */
function fillSession(field: FillField, state: FillState, grid: DotGrid, rng: () => number, options: FillOptions): void {
  const { width, height, cellPx, spacing } = field;
  const { label, count, box } = positiveComponents(width, height, spacing);
  const densest = new Int32Array(count).fill(-1);
  for (let c = 0; c < label.length; c++) {
    const g = label[c];
    if (g >= 0 && (densest[g] < 0 || spacing[c] < spacing[densest[g]])) densest[g] = c;
  }
  const active = new Int32Array(state.n + count);
  let na = 0;
  for (let i = 0; i < state.n; i++) if (spacing[state.cell[i]] > 0) active[na++] = i;
  for (let g = 0; g < count; g++) {
    // The group's densest cell, else random cells of its box (the densest can be taken).
    for (let t = 0, seeded = false; t < 64 && !seeded; t++) {
      let c = densest[g];
      if (t > 0) {
        const cx = box[g * 4] + Math.floor(rng() * (box[g * 4 + 2] - box[g * 4] + 1));
        const cy = box[g * 4 + 1] + Math.floor(rng() * (box[g * 4 + 3] - box[g * 4 + 1] + 1));
        if (label[cy * width + cx] !== g) continue;
        c = cy * width + cx;
      }
      const px = Math.fround(((c % width) + rng()) * cellPx);
      const py = Math.fround((Math.floor(c / width) + rng()) * cellPx);
      if (!fits(px, py, spacing[c], grid, state, field)) continue;
      active[na++] = addDot(state, grid, px, py, c);
      seeded = true;
    }
  }
  bridsonFill(field, state, grid, active.subarray(0, na), rng, options);
}
