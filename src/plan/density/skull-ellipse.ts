// Top views: the skull's outline fitted as an ellipse to the head's own edge, robustly.
//
// Seen from above a skull is a near-ellipse. Where the segmenter reads a skin-coloured floor, a shoulder
// or a pair of hands as skin touching the head, the head mask grows lobes the plan then covers (L3-001's
// wooden floor, L6-004's hands, L7-005's shoulders at the frame's edge, L7-003's floor, which also moved its
// hairline to the middle of the head). The head's edge against the background still follows the skull
// for most of its length, so an ellipse fitted by consensus (RANSAC: the ellipse through 5 edge points
// that most edge points lie on, refitted to those) finds the skull, and what lies well outside it goes.
import { createRng } from '../dots/rng.js';

export interface Ellipse {
  /** Centre (cells). */
  cx: number;
  cy: number;
  /** Semi-axes (cells), a >= b, and the angle of the a axis (radians, image x towards y). */
  a: number;
  b: number;
  angle: number;
}

/** Conic A x² + B xy + C y² + D x + E y = 1 in a frame centred at (ox, oy) and scaled by s. */
export interface Conic {
  k: [number, number, number, number, number];
  ox: number;
  oy: number;
  s: number;
}

export interface SkullEllipseOptions {
  /** Edge points within this share of the ellipse's mean radius from it count as on it. */
  tolerance: number;
  /** Fewer edge points than this share on the ellipse: no fit (the edge is not mostly skull). */
  minInlierShare: number;
  /** The points on the ellipse must surround its centre over at least this angle (degrees). */
  minArcDeg: number;
  /** Longest axis over shortest above this: not a skull. */
  maxAspect: number;
  /** RANSAC draws. */
  draws: number;
  /** Most edge points used (evenly subsampled). */
  maxPoints: number;
}

export const DEFAULT_SKULL_ELLIPSE: SkullEllipseOptions = {
  tolerance: 0.04,
  minInlierShare: 0.5,
  minArcDeg: 200,
  maxAspect: 1.7,
  draws: 400,
  maxPoints: 600,
};

/**
 * Cells of `mask` on its edge against the rest of the frame (a 4-neighbour inside the frame that is not
 * in the mask), as [x, y] pairs; cells on the frame's edge are left out (the frame cuts the head there,
 * the skull goes on).
 */
export function edgeCells(mask: Uint8Array, width: number, height: number): number[] {
  if (mask.length !== width * height) throw new RangeError(`mask has ${mask.length} cells, expected ${width * height}`);
  const out: number[] = [];
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const c = y * width + x;
      if (!mask[c]) continue;
      if (!mask[c - 1] || !mask[c + 1] || !mask[c - width] || !mask[c + width]) out.push(x, y);
    }
  }
  return out;
}

/** Solves the n x n system M x = r (row-major, modified in place) by Gaussian elimination; null when singular. */
function solve(m: number[], r: number[], n: number): number[] | null {
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let row = col + 1; row < n; row++) if (Math.abs(m[row * n + col]) > Math.abs(m[piv * n + col])) piv = row;
    if (Math.abs(m[piv * n + col]) < 1e-12) return null;
    if (piv !== col) {
      for (let k = 0; k < n; k++) [m[col * n + k], m[piv * n + k]] = [m[piv * n + k], m[col * n + k]];
      [r[col], r[piv]] = [r[piv], r[col]];
    }
    for (let row = col + 1; row < n; row++) {
      const f = m[row * n + col] / m[col * n + col];
      if (f === 0) continue;
      for (let k = col; k < n; k++) m[row * n + k] -= f * m[col * n + k];
      r[row] -= f * r[col];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    let v = r[row];
    for (let k = row + 1; k < n; k++) v -= m[row * n + k] * x[k];
    x[row] = v / m[row * n + row];
  }
  return x;
}

/**
 * Least-squares conic through the points (indices into the [x, y] pairs `pts`), normalised so the
 * origin (ox, oy) is inside it (value -1 there): right for a skull edge around the head's centroid.
 */
function fitConic(pts: Float64Array, idx: ArrayLike<number>, ox: number, oy: number, s: number): Conic | null {
  const m = new Array<number>(25).fill(0);
  const r = new Array<number>(5).fill(0);
  for (let i = 0; i < idx.length; i++) {
    const x = (pts[2 * idx[i]] - ox) / s, y = (pts[2 * idx[i] + 1] - oy) / s;
    const row = [x * x, x * y, y * y, x, y];
    for (let p = 0; p < 5; p++) {
      r[p] += row[p];
      for (let q = 0; q < 5; q++) m[p * 5 + q] += row[p] * row[q];
    }
  }
  const k = solve(m, r, 5);
  return k ? { k: k as Conic['k'], ox, oy, s } : null;
}

/** The conic as an ellipse (cells), or null when it is not one. */
export function conicEllipse(c: Conic): Ellipse | null {
  const [A, B, C, D, E] = c.k;
  const det = 4 * A * C - B * B;
  if (!(det > 0) || !(A > 0)) return null;
  // Centre where the gradient vanishes.
  const x0 = (B * E - 2 * C * D) / det, y0 = (B * D - 2 * A * E) / det;
  // Value at the centre: A x0² + B x0 y0 + C y0² + D x0 + E y0 - 1 (negative inside).
  const f0 = A * x0 * x0 + B * x0 * y0 + C * y0 * y0 + D * x0 + E * y0 - 1;
  if (!(f0 < 0)) return null;
  // Eigen-decomposition of [[A, B/2], [B/2, C]].
  const tr = A + C, diff = Math.sqrt((A - C) * (A - C) + B * B);
  const l1 = (tr - diff) / 2, l2 = (tr + diff) / 2; // l1 <= l2: l1 along the long axis
  if (!(l1 > 0)) return null;
  const a = Math.sqrt(-f0 / l1), b = Math.sqrt(-f0 / l2);
  // Eigenvector of l1.
  const angle = Math.abs(B) < 1e-15 ? (A <= C ? 0 : Math.PI / 2) : Math.atan2(l1 - A, B / 2);
  return { cx: x0 * c.s + c.ox, cy: y0 * c.s + c.oy, a: a * c.s, b: b * c.s, angle };
}

/** Normalised radius of (x, y) in the ellipse: 1 on it, under 1 inside. */
export function ellipseRadius(e: Ellipse, x: number, y: number): number {
  const dx = x - e.cx, dy = y - e.cy;
  const ca = Math.cos(e.angle), sa = Math.sin(e.angle);
  const u = (dx * ca + dy * sa) / e.a, v = (-dx * sa + dy * ca) / e.b;
  return Math.hypot(u, v);
}

/** Angle (degrees) around the centre the points cover, in 10° sectors: how much of the skull they trace. */
function arcCovered(e: Ellipse, pts: Float64Array, idx: number[]): number {
  const bins = new Uint8Array(36);
  for (const i of idx) {
    const t = Math.atan2(pts[2 * i + 1] - e.cy, pts[2 * i] - e.cx);
    bins[Math.min(35, Math.floor(((t + Math.PI) / (2 * Math.PI)) * 36))] = 1;
  }
  let filled = 0;
  for (const b of bins) filled += b;
  return filled * 10;
}

export interface SkullEllipseFit {
  ellipse: Ellipse;
  /** Share of the edge points on the ellipse. */
  inlierShare: number;
  /** Edge points used. */
  points: number;
}

/**
 * The skull's ellipse fitted to the head mask's edge (cells), or null when no ellipse carries most of the
 * edge around enough of its circumference (then nothing should be cut by it). Deterministic for a mask.
 */
export function fitSkullEllipse(head: Uint8Array, width: number, height: number, options: Partial<SkullEllipseOptions> = {}): SkullEllipseFit | null {
  const o = { ...DEFAULT_SKULL_ELLIPSE, ...options };
  if (!(o.tolerance > 0) || !(o.minInlierShare > 0 && o.minInlierShare <= 1)) throw new RangeError('tolerance must be > 0 and minInlierShare in (0, 1]');
  const all = edgeCells(head, width, height);
  const total = all.length / 2;
  if (total < 20) return null;
  const step = Math.max(1, Math.ceil(total / o.maxPoints));
  const n = Math.floor(total / step);
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    pts[2 * i] = all[2 * i * step];
    pts[2 * i + 1] = all[2 * i * step + 1];
  }
  // Frame centred on the head's centroid and scaled by its rms radius: inside the skull, well conditioned.
  let sx = 0, sy = 0, cells = 0;
  for (let c = 0; c < head.length; c++) {
    if (!head[c]) continue;
    sx += c % width;
    sy += Math.floor(c / width);
    cells++;
  }
  const ox = sx / cells, oy = sy / cells;
  const s = Math.sqrt(cells / Math.PI);

  const inliersOf = (e: Ellipse): number[] => {
    const tol = o.tolerance;
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (Math.abs(ellipseRadius(e, pts[2 * i], pts[2 * i + 1]) - 1) <= tol) idx.push(i);
    return idx;
  };
  const plausible = (e: Ellipse | null): e is Ellipse =>
    e !== null && e.a / e.b <= o.maxAspect && e.b > 0.3 * s && e.a < 4 * s;

  const rng = createRng(0x5c011 ^ n);
  let best: Ellipse | null = null;
  let bestCount = 0;
  const sample = new Int32Array(5);
  for (let d = 0; d < o.draws; d++) {
    for (let k = 0; k < 5; k++) sample[k] = Math.floor(rng() * n);
    const e = (() => {
      const c = fitConic(pts, sample, ox, oy, s);
      return c ? conicEllipse(c) : null;
    })();
    if (!plausible(e)) continue;
    const count = inliersOf(e).length;
    if (count > bestCount) {
      bestCount = count;
      best = e;
    }
  }
  if (!best) return null;
  // Refit to the consensus, twice (the refit moves the ellipse onto more of the edge).
  let inliers = inliersOf(best);
  for (let round = 0; round < 2; round++) {
    const c = fitConic(pts, inliers, ox, oy, s);
    const e = c ? conicEllipse(c) : null;
    if (!plausible(e)) break;
    const next = inliersOf(e);
    if (next.length < inliers.length) break;
    best = e;
    inliers = next;
  }
  const inlierShare = inliers.length / n;
  if (inlierShare < o.minInlierShare || arcCovered(best, pts, inliers) < o.minArcDeg) return null;
  return { ellipse: best, inlierShare, points: n };
}

export interface SkullEllipseCut {
  /** The head's cells inside the skull's ellipse grown by `margin`. */
  head: Uint8Array;
  /** Head cells left out. */
  cut: number;
  fit: SkullEllipseFit;
}

/**
 * Cuts a head mask (cells) to its fitted skull ellipse grown by `margin` (a share of its radii: hair
 * standing off the skull and the fit's own error stay). Null when no ellipse fits, or when the cut would
 * take more than `maxCutShare` of the head (then the edge the fit found is not the skull's); `cut` 0 when
 * it would take under `minCutShare`.
 */
export function insideSkullEllipse(
  head: Uint8Array,
  width: number,
  height: number,
  options: Partial<SkullEllipseOptions & { margin: number; minCutShare: number; maxCutShare: number }> = {},
): SkullEllipseCut | null {
  const margin = options.margin ?? 0.08, minCutShare = options.minCutShare ?? 0.005, maxCutShare = options.maxCutShare ?? 0.35;
  const fit = fitSkullEllipse(head, width, height, options);
  if (!fit) return null;
  const out = new Uint8Array(head.length);
  let cells = 0, cut = 0;
  for (let c = 0; c < head.length; c++) {
    if (!head[c]) continue;
    cells++;
    if (ellipseRadius(fit.ellipse, c % width, Math.floor(c / width)) <= 1 + margin) out[c] = 1;
    else cut++;
  }
  if (cut > maxCutShare * cells) return null;
  return cut < minCutShare * cells ? { head: head.slice(), cut: 0, fit } : { head: out, cut, fit };
}
