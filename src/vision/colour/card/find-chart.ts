// Finds a 24-patch ColorChecker in a photo and fits the colour-correction matrix that maps it to its
// reference colours.
//  1. uniform, square-ish regions of similar size are patch candidates (flat-regions.ts);
//  2. two lattice vectors that put the most candidates on integer positions are searched from each
//     candidate's neighbours, then refined by least squares (an affine grid: mild perspective is fine);
//  3. the 6x4 (or 4x6) window of the lattice holding most candidates is the chart; every one of its 24
//     cells is sampled at its predicted centre, so patches the region finder missed still count;
//  4. the chart's orientation (rotation / mirror) is the one whose fitted matrix leaves the smallest
//     CIEDE2000 residual against the references.
import { SRGB_TO_LINEAR, linearToLab, deltaE00, type LinearRgb } from '../convert.js';
import { applyMatrix, type Matrix3 } from '../correction.js';
import type { RgbImage } from '../../image.js';
import { flatRegions, maskedFraction, FLAT_RADIUS, type FlatRegion } from './flat-regions.js';
import { fitCcm } from './ccm.js';
import { CHART_COLS, CHART_ROWS, COLORCHECKER_LINEAR } from './reference.js';

export interface ChartFit {
  matrix: Matrix3;
  /** Mean CIEDE2000 of the usable patches after correction. */
  residual: number;
  /** Patches used in the fit (not clipped). */
  used: number;
  /** Lattice cells of the window that a candidate region confirmed. */
  confirmed: number;
  corners: [number, number][];
  /** Measured linear colours of the 24 patches in chart order. */
  patches: LinearRgb[];
}

export interface ChartOptions {
  /** Smallest patch area (pixels). */
  minPatchArea: number;
  /** Accept a chart whose residual is at most this (mean ΔE00). */
  maxResidual: number;
  /** Candidates of the window a region must confirm. */
  minConfirmed: number;
}

export const DEFAULT_CHART: ChartOptions = { minPatchArea: 30, maxResidual: 6, minConfirmed: 12 };

interface Lattice {
  p0: [number, number];
  u: [number, number];
  v: [number, number];
  members: { r: FlatRegion; i: number; j: number }[];
}

export function findChart(img: RgbImage, o: ChartOptions = DEFAULT_CHART, std?: Float32Array, exclude?: Uint8Array): ChartFit | null {
  const total = img.width * img.height;
  const regions = flatRegions(img, { radius: FLAT_RADIUS, maxStd: 9, maxStep: 18, minArea: o.minPatchArea, maxArea: total / 40 }, std);
  const cands = regions.filter((r) => !r.touchesBorder && r.fill > 0.75 && r.fill < 1.25 && r.aspect < 1.6 && !(exclude && maskedFraction(r, exclude, img.width) > 0.5));
  if (cands.length < o.minConfirmed) return null;
  const lattice = bestLattice(cands);
  if (!lattice) return null;
  const win = bestWindow(lattice.members);
  if (!win || win.count < o.minConfirmed) return null;
  const cells = sampleCells(img, lattice, win);
  if (!cells) return null;
  let best: ChartFit | null = null;
  for (const map of orientations(win.wide)) {
    const patches = Array.from({ length: 24 }, (_, k) => {
      const [i, j] = map(Math.floor(k / CHART_COLS), k % CHART_COLS);
      return cells[j * (win.wide ? CHART_COLS : CHART_ROWS) + i];
    });
    const fit = fitChart(patches);
    if (fit && (!best || fit.residual < best.residual)) {
      best = { ...fit, confirmed: win.count, corners: cornersOf(lattice, win), patches: patches.map((p) => p.rgb) };
    }
  }
  return best && best.residual <= o.maxResidual ? best : null;
}

interface Cell {
  rgb: LinearRgb;
  /** Any channel clipped or crushed. */
  clipped: boolean;
}

/** Fit and residual for one patch assignment; clipped patches are left out of the fit. */
export function fitChart(patches: readonly Cell[]): { matrix: Matrix3; residual: number; used: number } | null {
  const ok = patches.map((p, k) => ({ p, k })).filter((x) => !x.p.clipped);
  if (ok.length < 12) return null;
  const m = fitCcm(
    ok.map((x) => x.p.rgb),
    ok.map((x) => COLORCHECKER_LINEAR[x.k]),
  );
  if (!m) return null;
  let sum = 0;
  for (const x of ok) {
    const c = applyMatrix(m, ...x.p.rgb);
    const ref = COLORCHECKER_LINEAR[x.k];
    sum += deltaE00(linearToLab(Math.max(0, c[0]), Math.max(0, c[1]), Math.max(0, c[2])), linearToLab(Math.max(0, ref[0]), Math.max(0, ref[1]), Math.max(0, ref[2])));
  }
  return { matrix: m, residual: sum / ok.length, used: ok.length };
}

function bestLattice(cands: FlatRegion[]): Lattice | null {
  let best: Lattice | null = null;
  for (const seed of cands) {
    const side = Math.sqrt(seed.area);
    const similar = cands.filter((c) => c.area > seed.area / 2.5 && c.area < seed.area * 2.5);
    const nbrs = similar
      .filter((c) => c !== seed)
      .map((c) => [c.cx - seed.cx, c.cy - seed.cy] as [number, number])
      .filter(([dx, dy]) => {
        const dist = Math.hypot(dx, dy);
        return dist > 0.9 * side && dist < 2.2 * side;
      });
    for (let a = 0; a < nbrs.length; a++) {
      for (let b = a + 1; b < nbrs.length; b++) {
        const u = nbrs[a];
        const v = nbrs[b];
        const cross = u[0] * v[1] - u[1] * v[0];
        const cos = (u[0] * v[0] + u[1] * v[1]) / (Math.hypot(...u) * Math.hypot(...v));
        if (Math.abs(cos) > 0.5 || Math.abs(cross) < 1e-6) continue;
        const members = onLattice(similar, [seed.cx, seed.cy], u, v);
        if (!best || members.length > best.members.length) best = { p0: [seed.cx, seed.cy], u, v, members };
      }
    }
  }
  if (!best || best.members.length < 4) return null;
  return refine(best, cands);
}

function onLattice(cands: FlatRegion[], p0: [number, number], u: [number, number], v: [number, number]): Lattice['members'] {
  const det = u[0] * v[1] - u[1] * v[0];
  const out: Lattice['members'] = [];
  const used = new Set<string>();
  for (const r of cands) {
    const dx = r.cx - p0[0];
    const dy = r.cy - p0[1];
    const fi = (dx * v[1] - dy * v[0]) / det;
    const fj = (u[0] * dy - u[1] * dx) / det;
    const i = Math.round(fi);
    const j = Math.round(fj);
    if (Math.abs(fi - i) > 0.2 || Math.abs(fj - j) > 0.2 || Math.abs(i) > 6 || Math.abs(j) > 6) continue;
    const key = `${i},${j}`;
    if (used.has(key)) continue;
    used.add(key);
    out.push({ r, i, j });
  }
  return out;
}

/** Least-squares affine grid through the members, then members re-collected with it. */
function refine(l: Lattice, cands: FlatRegion[]): Lattice {
  let cur = l;
  for (let it = 0; it < 2; it++) {
    // Solve [x y] = p0 + i u + j v for (p0, u, v), per coordinate: normal equations on [1 i j].
    const A = [0, 0, 0, 0, 0, 0, 0, 0, 0];
    const bx = [0, 0, 0];
    const by = [0, 0, 0];
    for (const m of cur.members) {
      const f = [1, m.i, m.j];
      for (let p = 0; p < 3; p++) {
        for (let q = 0; q < 3; q++) A[p * 3 + q] += f[p] * f[q];
        bx[p] += f[p] * m.r.cx;
        by[p] += f[p] * m.r.cy;
      }
    }
    const sol = (b: number[]) => solve3(A, b);
    const sx = sol(bx);
    const sy = sol(by);
    if (!sx || !sy) return cur;
    const p0: [number, number] = [sx[0], sy[0]];
    const u: [number, number] = [sx[1], sy[1]];
    const v: [number, number] = [sx[2], sy[2]];
    const members = onLattice(cands, p0, u, v);
    if (members.length < cur.members.length) return cur;
    cur = { p0, u, v, members };
  }
  return cur;
}

function solve3(A: number[], b: number[]): number[] | null {
  const [a, bb, c, d, e, f, g, h, i] = A;
  const det = a * (e * i - f * h) - bb * (d * i - f * g) + c * (d * h - e * g);
  if (Math.abs(det) < 1e-9) return null;
  const col = (k: number) => {
    const M = A.slice();
    M[k] = b[0];
    M[3 + k] = b[1];
    M[6 + k] = b[2];
    return (M[0] * (M[4] * M[8] - M[5] * M[7]) - M[1] * (M[3] * M[8] - M[5] * M[6]) + M[2] * (M[3] * M[7] - M[4] * M[6])) / det;
  };
  return [col(0), col(1), col(2)];
}

interface Window {
  i0: number;
  j0: number;
  /** true: 6 cells along u and 4 along v. */
  wide: boolean;
  count: number;
}

function bestWindow(members: Lattice['members']): Window | null {
  let best: Window | null = null;
  const set = new Set(members.map((m) => `${m.i},${m.j}`));
  for (const wide of [true, false]) {
    const ni = wide ? CHART_COLS : CHART_ROWS;
    const nj = wide ? CHART_ROWS : CHART_COLS;
    for (let i0 = -12; i0 <= 6; i0++) {
      for (let j0 = -12; j0 <= 6; j0++) {
        let count = 0;
        for (let i = 0; i < ni; i++) for (let j = 0; j < nj; j++) if (set.has(`${i0 + i},${j0 + j}`)) count++;
        if (!best || count > best.count) best = { i0, j0, wide, count };
      }
    }
  }
  return best;
}

/** Median colour of a small square at each cell centre, row-major over the window (i fastest). */
function sampleCells(img: RgbImage, l: Lattice, w: Window): Cell[] | null {
  const ni = w.wide ? CHART_COLS : CHART_ROWS;
  const nj = w.wide ? CHART_ROWS : CHART_COLS;
  const half = Math.max(1, Math.floor(0.22 * Math.min(Math.hypot(...l.u), Math.hypot(...l.v))));
  const out: Cell[] = [];
  for (let j = 0; j < nj; j++) {
    for (let i = 0; i < ni; i++) {
      const cx = l.p0[0] + (w.i0 + i) * l.u[0] + (w.j0 + j) * l.v[0];
      const cy = l.p0[1] + (w.i0 + i) * l.u[1] + (w.j0 + j) * l.v[1];
      const x0 = Math.round(cx) - half;
      const y0 = Math.round(cy) - half;
      if (x0 < 0 || y0 < 0 || x0 + 2 * half >= img.width || y0 + 2 * half >= img.height) return null;
      const vals: number[][] = [[], [], []];
      for (let y = y0; y <= y0 + 2 * half; y++) {
        for (let x = x0; x <= x0 + 2 * half; x++) {
          const p = 3 * (y * img.width + x);
          for (let c = 0; c < 3; c++) vals[c].push(img.data[p + c]);
        }
      }
      const med = vals.map((v) => v.sort((a, b) => a - b)[v.length >> 1]);
      out.push({ rgb: med.map((m) => SRGB_TO_LINEAR[m]) as LinearRgb, clipped: med.some((m) => m >= 250 || m <= 2) });
    }
  }
  return out;
}

/** Maps chart (row, col) to window (i, j) for the four rotations/mirrors of each window shape. */
function orientations(wide: boolean): ((r: number, c: number) => [number, number])[] {
  const R = CHART_ROWS - 1;
  const C = CHART_COLS - 1;
  return wide
    ? [(r, c) => [c, r], (r, c) => [C - c, R - r], (r, c) => [C - c, r], (r, c) => [c, R - r]]
    : [(r, c) => [r, c], (r, c) => [R - r, C - c], (r, c) => [R - r, c], (r, c) => [r, C - c]];
}

function cornersOf(l: Lattice, w: Window): [number, number][] {
  const ni = w.wide ? CHART_COLS : CHART_ROWS;
  const nj = w.wide ? CHART_ROWS : CHART_COLS;
  const at = (i: number, j: number): [number, number] => [l.p0[0] + i * l.u[0] + j * l.v[0], l.p0[1] + i * l.u[1] + j * l.v[1]];
  return [at(w.i0 - 0.5, w.j0 - 0.5), at(w.i0 + ni - 0.5, w.j0 - 0.5), at(w.i0 + ni - 0.5, w.j0 + nj - 0.5), at(w.i0 - 0.5, w.j0 + nj - 0.5)];
}
