// Variable-spacing Poisson-disk fill (Bridson 2007, with Roberts' variant: candidates on a thin
// annulus at evenly spread angles, every fitting candidate kept, then the dot retires). Grows dots
// outward from seeds; a candidate is kept when no dot lies closer than the pair's spacing,
// min(spacing here, spacing there), so the denser side decides.
//
// Speed comes from the data layout: a flat grid with at most one dot per cell, padded so neighbour
// scans need no bounds checks, and per-reach tables of cell offsets sorted nearest first, so most
// rejected candidates stop at their first or second cell.

export interface FillField {
  /** Field cells across and down, and image pixels per cell side. */
  width: number;
  height: number;
  cellPx: number;
  /** Minimum spacing (px) per cell; 0 = no dots in that cell. Finite everywhere. */
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

export const DEFAULT_FILL: FillOptions = { tries: 8, annulus: 0.12 };

/**
 * A flat grid of square cells (side ≤ smallest spacing / sqrt 2, so one dot per cell) over the image,
 * with `pad` empty cells around it.
 */
export class DotGrid {
  readonly cols: number;
  readonly rows: number;
  /** Row stride of `slot` (cols + 2 pad). */
  readonly stride: number;
  /** Dot index per padded cell, -1 when empty. */
  readonly slot: Int32Array;
  /** Linear slot offsets, nearest first, for every reach 1..maxReach: deltas[start[r] .. start[r + 1]). */
  readonly deltas: Int32Array;
  readonly deltaEnd: Int32Array;
  /**
   * deltas[0 .. endBySq[m]) are the cells whose gap² (in cells², an integer) is < m: every cell that
   * can hold a dot closer than d to any point of the centre cell, for m = ceil((d / cell)²). Tighter
   * than the whole-reach table for spacings between two reaches (most of a varying field).
   */
  readonly endBySq: Int32Array;

  constructor(
    readonly widthPx: number,
    readonly heightPx: number,
    readonly cell: number,
    /** Largest spacing that will be asked about (px). */
    maxSpacing: number,
  ) {
    if (!(cell > 0) || !Number.isFinite(cell)) throw new RangeError(`grid cell must be positive, got ${cell}`);
    if (!(maxSpacing >= cell) || !Number.isFinite(maxSpacing)) throw new RangeError(`maxSpacing must be finite and >= cell, got ${maxSpacing}`);
    const pad = Math.ceil(maxSpacing / cell);
    this.cols = Math.max(1, Math.ceil(widthPx / cell));
    this.rows = Math.max(1, Math.ceil(heightPx / cell));
    this.stride = this.cols + 2 * pad;
    const cells = this.stride * (this.rows + 2 * pad);
    if (cells > 64e6) throw new RangeError(`dot grid of ${this.stride}x${this.rows + 2 * pad} cells is too large: spacing ${cell} px is too small for the image`);
    this.slot = new Int32Array(cells).fill(-1);
    this.pad = pad;
    // Cells whose nearest point can be closer than reach cells, sorted by distance; a table per
    // reach is a prefix of the largest one only up to ties, so each reach gets its own end index
    // into a list sorted by "gap" (then distance).
    const list: [number, number, number, number][] = [];
    for (let dy = -pad; dy <= pad; dy++) {
      for (let dx = -pad; dx <= pad; dx++) {
        const ex = Math.max(0, Math.abs(dx) - 1), ey = Math.max(0, Math.abs(dy) - 1);
        list.push([dx, dy, ex * ex + ey * ey, dx * dx + dy * dy]);
      }
    }
    list.sort((a, b) => a[2] - b[2] || a[3] - b[3]);
    this.deltas = Int32Array.from(list, ([dx, dy]) => dy * this.stride + dx);
    this.deltaEnd = new Int32Array(pad + 1);
    for (let r = 0; r <= pad; r++) {
      let k = 0;
      while (k < list.length && list[k][2] < r * r) k++;
      this.deltaEnd[r] = k;
    }
    // Capped at the whole-reach table's end: a distance beyond the padding uses every cell there is.
    this.endBySq = new Int32Array(pad * pad + 1);
    for (let m = 0, k = 0; m <= pad * pad; m++) {
      while (k < list.length && list[k][2] < m) k++;
      this.endBySq[m] = Math.min(k, this.deltaEnd[pad]);
    }
  }

  /** End index into deltas of the cells that can hold a dot closer than `distance` px. */
  endWithin(distance: number): number {
    const q = distance / this.cell;
    const m = Math.ceil(q * q);
    return m >= this.endBySq.length ? this.deltaEnd[this.pad] : this.endBySq[m];
  }

  readonly pad: number;

  /** Slot index of the cell holding (px, py). */
  index(px: number, py: number): number {
    const cx = Math.min(this.cols - 1, Math.floor(px / this.cell));
    const cy = Math.min(this.rows - 1, Math.floor(py / this.cell));
    return (cy + this.pad) * this.stride + cx + this.pad;
  }
}

/** True when a dot at (px, py) with spacing `own` (> 0) keeps its distance to every dot in the grid. */
export function fits(px: number, py: number, own: number, grid: DotGrid, state: FillState, field: FillField): boolean {
  const at = grid.index(px, py);
  const { slot, deltas } = grid;
  const end = grid.endWithin(own);
  const own2 = own * own;
  const { x, y, cell } = state;
  const spacing = field.spacing;
  if (slot[at] >= 0) return false;
  for (let k = 1; k < end; k++) {
    const j = slot[at + deltas[k]];
    if (j < 0) continue;
    const dx = x[j] - px, dy = y[j] - py;
    const d2 = dx * dx + dy * dy;
    if (d2 >= own2) continue;
    const other = spacing[cell[j]];
    if (!(other > 0) || other >= own || d2 < other * other) return false;
  }
  return true;
}

/**
 * Grows the fill from `active` dots (indices into state) until no dot can grow; adds the new dots to
 * state and grid and returns how many were added.
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
  const invCellPx = 1 / cellPx;
  const { slot, deltas, pad, stride, cols, rows } = grid;
  const invGrid = 1 / grid.cell;
  let queue = new Int32Array(Math.max(16, active.length * 2));
  queue.set(active);
  let qn = active.length;
  const before = state.n;
  let { x, y, cell } = state;
  // Evenly spread directions from a random start: rotate a unit vector by a fixed step.
  const stepCos = Math.cos((2 * Math.PI) / tries), stepSin = Math.sin((2 * Math.PI) / tries);
  while (qn > 0) {
    // Random active dot (Bridson), retired after one round of tries.
    const qi = Math.floor(rng() * qn);
    const p = queue[qi];
    queue[qi] = queue[--qn];
    const ppx = x[p], ppy = y[p];
    const base = spacing[cell[p]];
    if (!(base > 0)) continue;
    const a0 = rng() * 2 * Math.PI;
    let ux = Math.cos(a0), uy = Math.sin(a0);
    for (let t = 0; t < tries; t++) {
      if (t > 0) {
        const nx = ux * stepCos - uy * stepSin;
        uy = ux * stepSin + uy * stepCos;
        ux = nx;
      }
      const r = base * (1 + annulus * rng());
      // Rounded to float32 now, so the spacing checked is the spacing stored.
      const px = Math.fround(ppx + r * ux);
      const py = Math.fround(ppy + r * uy);
      if (!(px >= 0 && py >= 0 && px < wPx && py < hPx)) continue;
      const c = Math.floor(py * invCellPx) * width + Math.floor(px * invCellPx);
      const own = spacing[c];
      if (!(own > 0)) continue;
      let gx = Math.floor(px * invGrid), gy = Math.floor(py * invGrid);
      if (gx >= cols) gx = cols - 1;
      if (gy >= rows) gy = rows - 1;
      const at = (gy + pad) * stride + gx + pad;
      if (slot[at] >= 0) continue;
      const end = grid.endWithin(own);
      const own2 = own * own;
      let free = true;
      for (let k = 1; k < end; k++) {
        const j = slot[at + deltas[k]];
        if (j < 0) continue;
        const dx = x[j] - px, dy = y[j] - py;
        const d2 = dx * dx + dy * dy;
        if (d2 >= own2) continue;
        const other = spacing[cell[j]];
        if (!(other > 0) || other >= own || d2 < other * other) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      const n = addDot(state, grid, px, py, c);
      x = state.x;
      y = state.y;
      cell = state.cell;
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
