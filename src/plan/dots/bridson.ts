// Variable-spacing Poisson-disk fill (Bridson 2007, with candidates on a thin annulus as in
// Roberts' variant): grows dots outward from seeds; a candidate at x is kept when no dot lies closer
// than the pair's spacing, min(spacing(x), spacing(other)), so the denser side decides. Typed arrays
// and a flat grid with at most one dot per cell keep it fast.

export interface FillField {
  /** Field cells across and down, and image pixels per cell side. */
  width: number;
  height: number;
  cellPx: number;
  /** Minimum spacing (px) per cell; 0 or Infinity = no dots in that cell. */
  spacing: Float32Array;
}

export interface FillState {
  x: Float32Array;
  y: Float32Array;
  cell: Int32Array;
  n: number;
}

export interface FillOptions {
  /** Candidates tried around each dot (evenly spaced directions), after which it stops growing. */
  tries: number;
  /** Candidates are placed at spacing × (1 + annulus × u), u uniform in [0, 1). */
  annulus: number;
}

export const DEFAULT_FILL: FillOptions = { tries: 10, annulus: 0.12 };

/** A flat grid whose cells (side ≤ smallest spacing / sqrt 2) hold at most one dot each. */
export class DotGrid {
  readonly cols: number;
  readonly rows: number;
  readonly slot: Int32Array;
  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    readonly cell: number,
  ) {
    if (!(cell > 0) || !Number.isFinite(cell)) throw new RangeError(`grid cell must be positive, got ${cell}`);
    this.cols = Math.max(1, Math.ceil(widthPx / cell));
    this.rows = Math.max(1, Math.ceil(heightPx / cell));
    if (this.cols * this.rows > 64e6) throw new RangeError(`dot grid of ${this.cols}x${this.rows} cells is too large: spacing ${cell} px is too small for the image`);
    this.slot = new Int32Array(this.cols * this.rows).fill(-1);
  }
  index(px: number, py: number): number {
    const cx = Math.min(this.cols - 1, Math.floor(px / this.cell));
    const cy = Math.min(this.rows - 1, Math.floor(py / this.cell));
    return cy * this.cols + cx;
  }
}

/**
 * Cell offsets that can hold a dot closer than `reach` cells, nearest first: most rejected candidates
 * meet a conflict in the first few cells, so the scan usually stops early.
 */
const offsetTables: Int32Array[] = [];
function offsetsFor(reach: number): Int32Array {
  let table = offsetTables[reach];
  if (table) return table;
  const cells: [number, number, number][] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const ex = Math.max(0, Math.abs(dx) - 1), ey = Math.max(0, Math.abs(dy) - 1);
      const gap = ex * ex + ey * ey;
      if (gap < reach * reach) cells.push([dx, dy, dx * dx + dy * dy]);
    }
  }
  cells.sort((a, b) => a[2] - b[2]);
  table = new Int32Array(cells.length * 2);
  cells.forEach(([dx, dy], k) => {
    table![2 * k] = dx;
    table![2 * k + 1] = dy;
  });
  offsetTables[reach] = table;
  return table;
}

/** True when a dot at (px, py) with spacing `own` keeps its distance to every dot in the grid. */
export function fits(px: number, py: number, own: number, grid: DotGrid, state: FillState, field: FillField): boolean {
  const { cols, rows, cell, slot } = grid;
  const gx = Math.min(cols - 1, Math.floor(px / cell));
  const gy = Math.min(rows - 1, Math.floor(py / cell));
  const offsets = offsetsFor(Math.ceil(own / cell));
  const own2 = own * own;
  const { x, y, cell: dotCell } = state;
  const spacing = field.spacing;
  for (let k = 0; k < offsets.length; k += 2) {
    const xx = gx + offsets[k], yy = gy + offsets[k + 1];
    if (xx < 0 || yy < 0 || xx >= cols || yy >= rows) continue;
    const j = slot[yy * cols + xx];
    if (j < 0) continue;
    if (k === 0) return false; // one dot per cell
    const dx = x[j] - px, dy = y[j] - py;
    const d2 = dx * dx + dy * dy;
    if (d2 >= own2) continue;
    const other = spacing[dotCell[j]];
    if (!(other > 0) || other >= own) return false; // own is the smaller spacing: d < own fails
    if (d2 < other * other) return false;
  }
  return true;
}

/**
 * Grows the fill from `active` dots (indices into state) and the given seeds until no dot can grow.
 * Adds the new dots to state and grid; returns how many were added.
 */
export function bridsonFill(
  field: FillField,
  state: FillState,
  grid: DotGrid,
  active: Int32Array,
  rng: () => number,
  options: FillOptions = DEFAULT_FILL,
): number {
  const { width, height, cellPx, spacing } = field;
  const { tries, annulus } = options;
  const wPx = width * cellPx, hPx = height * cellPx;
  let queue = new Int32Array(Math.max(16, active.length * 2));
  queue.set(active);
  let qn = active.length;
  const before = state.n;
  // Evenly spread directions from a random start (fewer wasted tries than independent angles):
  // rotate a unit vector by a fixed step instead of calling cos/sin per try.
  const stepCos = Math.cos((2 * Math.PI) / tries), stepSin = Math.sin((2 * Math.PI) / tries);
  while (qn > 0) {
    // Random active dot (Bridson), retired after one round of tries that keeps every candidate that
    // fits (Roberts' variant: about half the candidates of retire-after-k-failures, same packing).
    const qi = Math.floor(rng() * qn);
    const p = queue[qi];
    queue[qi] = queue[--qn];
    const ppx = state.x[p], ppy = state.y[p];
    const base = spacing[state.cell[p]];
    if (!(base > 0) || !Number.isFinite(base)) continue;
    const a0 = rng() * 2 * Math.PI;
    let ux = Math.cos(a0), uy = Math.sin(a0);
    for (let t = 0; t < tries; t++) {
      if (t > 0) {
        const nx = ux * stepCos - uy * stepSin;
        uy = ux * stepSin + uy * stepCos;
        ux = nx;
      }
      const r = base * (1 + annulus * rng());
      const px = Math.fround(ppx + r * ux);
      const py = Math.fround(ppy + r * uy);
      if (!(px >= 0 && py >= 0 && px < wPx && py < hPx)) continue;
      const c = Math.floor(py / cellPx) * width + Math.floor(px / cellPx);
      const own = spacing[c];
      if (!(own > 0) || !Number.isFinite(own)) continue;
      if (!fits(px, py, own, grid, state, field)) continue;
      const n = addDot(state, grid, px, py, c);
      if (qn === queue.length) {
        const bigger = new Int32Array(queue.length * 2);
        bigger.set(queue);
        queue = bigger;
      }
      queue[qn++] = n;
    }
  }
  return state.n - before;
}

export function addDot(state: FillState, grid: DotGrid, px: number, py: number, c: number): number {
  if (state.n === state.x.length) {
    const cap = Math.max(1024, state.x.length * 2);
    const nx = new Float32Array(cap), ny = new Float32Array(cap), nc = new Int32Array(cap);
    nx.set(state.x); ny.set(state.y); nc.set(state.cell);
    state.x = nx; state.y = ny; state.cell = nc;
  }
  const n = state.n++;
  state.x[n] = px;
  state.y[n] = py;
  state.cell[n] = c;
  grid.slot[grid.index(px, py)] = n;
  return n;
}
