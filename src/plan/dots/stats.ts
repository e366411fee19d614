// Point-set statistics used to check blue-noise quality: nearest-neighbour distances normalised by
// the local density, the directions to nearest neighbours (a lattice shows 4- or 6-fold peaks), and
// the radially averaged power spectrum (Lagae & Dutré 2008) with its anisotropy.

export interface NeighbourStats {
  /** Dots measured. */
  count: number;
  /** Nearest-neighbour distance × sqrt(local density): mean, coefficient of variation, quantiles. */
  mean: number;
  cv: number;
  min: number;
  p01: number;
  p50: number;
  summary: string;
}

/** Index of each dot's nearest neighbour (-1 if alone), found with a bucket grid of side `cell`. */
export function nearestNeighbours(x: ArrayLike<number>, y: ArrayLike<number>, cell?: number): { index: Int32Array; distance: Float64Array } {
  const n = x.length;
  const index = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(Infinity);
  if (n < 2) return { index, distance };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]);
    y0 = Math.min(y0, y[i]); y1 = Math.max(y1, y[i]);
  }
  // Default cell: about two dots per cell on average.
  const c = cell ?? Math.max(1e-9, Math.sqrt((2 * Math.max(1e-9, (x1 - x0) * (y1 - y0))) / n));
  const cols = Math.floor((x1 - x0) / c) + 1, rows = Math.floor((y1 - y0) / c) + 1;
  const start = new Int32Array(cols * rows + 1);
  const of = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    of[i] = Math.floor((y[i] - y0) / c) * cols + Math.floor((x[i] - x0) / c);
    start[of[i] + 1]++;
  }
  for (let k = 0; k < cols * rows; k++) start[k + 1] += start[k];
  const fill = start.slice(0, cols * rows);
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) items[fill[of[i]]++] = i;
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((x[i] - x0) / c), cy = Math.floor((y[i] - y0) / c);
    let best = Infinity, bestJ = -1;
    // Grow rings until the nearest found is closer than any unvisited ring.
    for (let ring = 0; ring < Math.max(cols, rows); ring++) {
      if (best < (ring - 1) * c) break;
      for (let yy = cy - ring; yy <= cy + ring; yy++) {
        if (yy < 0 || yy >= rows) continue;
        const edge = yy === cy - ring || yy === cy + ring;
        for (let xx = cx - ring; xx <= cx + ring; xx += edge ? 1 : 2 * ring || 1) {
          if (xx < 0 || xx >= cols) continue;
          const k = yy * cols + xx;
          for (let q = start[k]; q < start[k + 1]; q++) {
            const j = items[q];
            if (j === i) continue;
            const d = Math.hypot(x[j] - x[i], y[j] - y[i]);
            if (d < best) {
              best = d;
              bestJ = j;
            }
          }
        }
      }
    }
    index[i] = bestJ;
    distance[i] = best;
  }
  return { index, distance };
}

/** Nearest-neighbour distances in units of 1/sqrt(density at the dot). */
export function nearestNeighbourStats(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  densityAt: (x: number, y: number) => number,
  include?: (i: number) => boolean,
): NeighbourStats {
  const { distance } = nearestNeighbours(x, y);
  const values: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (include && !include(i)) continue;
    const rho = densityAt(x[i], y[i]);
    if (rho > 0 && Number.isFinite(distance[i])) values.push(distance[i] * Math.sqrt(rho));
  }
  values.sort((a, b) => a - b);
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, n);
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n));
  const q = (p: number): number => (n ? values[Math.min(n - 1, Math.floor(p * n))] : NaN);
  const out = { count: n, mean, cv: sd / mean, min: n ? values[0] : NaN, p01: q(0.01), p50: q(0.5) };
  return { ...out, summary: `mean ${mean.toFixed(3)} cv ${out.cv.toFixed(3)} min ${out.min.toFixed(3)} p50 ${out.p50.toFixed(3)} (n ${n})` };
}

/**
 * Directions to nearest neighbours folded to [0, π), as a histogram of `bins`; returns the
 * chi-square statistic against uniform (df = bins - 1). Lattices put everything into a few bins.
 */
export function neighbourDirectionChiSquare(x: ArrayLike<number>, y: ArrayLike<number>, bins = 18, include?: (i: number) => boolean): number {
  const { index } = nearestNeighbours(x, y);
  const hist = new Float64Array(bins);
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const j = index[i];
    if (j < 0 || (include && !include(i))) continue;
    let a = Math.atan2(y[j] - y[i], x[j] - x[i]);
    if (a < 0) a += Math.PI;
    hist[Math.min(bins - 1, Math.floor((a / Math.PI) * bins))]++;
    n++;
  }
  const e = n / bins;
  return hist.reduce((s, h) => s + (h - e) ** 2 / e, 0);
}

export interface Spectrum {
  /** Radial frequency bins (cycles per unit length) and mean power per bin. */
  frequency: Float64Array;
  power: Float64Array;
  /** Variance of power across angles / mean² per bin (Lagae & Dutré anisotropy, ~1 for isotropic). */
  anisotropy: Float64Array;
  /** Largest single-frequency power divided by its ring's mean (a lattice gives huge Bragg peaks). */
  peakRatio: number;
}

/**
 * Periodogram P(f) = |Σ exp(-2πi f·x)|² / n on a square grid of frequencies (step 1/side, up to
 * maxFreq), for points in a square window [x0, x0+side)². Uniform-density windows only.
 */
export function powerSpectrum(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: { x0: number; y0: number; side: number },
  maxFreq: number,
): Spectrum {
  const px: number[] = [], py: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const u = x[i] - window.x0, v = y[i] - window.y0;
    if (u >= 0 && v >= 0 && u < window.side && v < window.side) {
      px.push(u);
      py.push(v);
    }
  }
  const n = px.length;
  const df = 1 / window.side;
  const m = Math.max(1, Math.floor(maxFreq / df));
  const bins = m;
  const sum = new Float64Array(bins), sum2 = new Float64Array(bins), cnt = new Float64Array(bins);
  const cols = 2 * m + 1;
  const re = new Float64Array(cols * (m + 1)), im = new Float64Array(cols * (m + 1));
  // Σ_points e^{-iωx·fx} e^{-iωy·fy} with both factors by recurrence (no trigonometry per term).
  const exRe = new Float64Array(cols), exIm = new Float64Array(cols);
  for (let i = 0; i < n; i++) {
    const wx = 2 * Math.PI * df * px[i], wy = 2 * Math.PI * df * py[i];
    const sx = Math.cos(wx), sy = -Math.sin(wx);
    exRe[m] = 1;
    exIm[m] = 0;
    for (let k = 1; k <= m; k++) {
      exRe[m + k] = exRe[m + k - 1] * sx - exIm[m + k - 1] * sy;
      exIm[m + k] = exRe[m + k - 1] * sy + exIm[m + k - 1] * sx;
      exRe[m - k] = exRe[m + k];
      exIm[m - k] = -exIm[m + k];
    }
    const cy = Math.cos(wy), syy = -Math.sin(wy);
    let eyRe = 1, eyIm = 0;
    for (let fy = 0; fy <= m; fy++) {
      const row = fy * cols;
      for (let k = 0; k < cols; k++) {
        re[row + k] += exRe[k] * eyRe - exIm[k] * eyIm;
        im[row + k] += exRe[k] * eyIm + exIm[k] * eyRe;
      }
      const t = eyRe * cy - eyIm * syy;
      eyIm = eyRe * syy + eyIm * cy;
      eyRe = t;
    }
  }
  const grid = new Float64Array(cols * (m + 1));
  for (let fy = 0; fy <= m; fy++) {
    for (let fx = -m; fx <= m; fx++) {
      if (fy === 0 && fx <= 0) continue;
      const r = Math.hypot(fx, fy);
      if (r > m) continue;
      const k = fy * cols + fx + m;
      const p = (re[k] * re[k] + im[k] * im[k]) / n;
      grid[k] = p;
      const b = Math.min(bins - 1, Math.max(0, Math.floor(r) - 1));
      sum[b] += p;
      sum2[b] += p * p;
      cnt[b]++;
    }
  }
  const frequency = new Float64Array(bins), power = new Float64Array(bins), anisotropy = new Float64Array(bins);
  let peakRatio = 0;
  for (let b = 0; b < bins; b++) {
    frequency[b] = (b + 1) * df;
    power[b] = cnt[b] ? sum[b] / cnt[b] : 0;
    anisotropy[b] = cnt[b] > 1 && power[b] > 0 ? (sum2[b] / cnt[b] - power[b] ** 2) / power[b] ** 2 : 0;
  }
  for (let fy = 0; fy <= m; fy++) {
    for (let fx = -m; fx <= m; fx++) {
      const r = Math.hypot(fx, fy);
      if ((fy === 0 && fx <= 0) || r > m || r < 2) continue;
      const b = Math.min(bins - 1, Math.floor(r) - 1);
      if (power[b] > 0) peakRatio = Math.max(peakRatio, grid[fy * (2 * m + 1) + fx + m] / power[b]);
    }
  }
  return { frequency, power, anisotropy, peakRatio };
}
