// Bilinear resize of C float planes with the same sampling as resizePlanes (half-pixel centres,
// clamped edges), done separably (x then y) with the source positions and weights tabulated once:
// the per-photo post-processing of the segmentation models is dominated by this resize to the
// photo's full size, and upsampling 8x this way does about a third of the work.
import { bilinearTaps } from './bilinear-taps.js';

interface AxisTable {
  lo: Int32Array;
  hi: Int32Array;
  w: Float32Array;
}

function axisTable(n0: number, n1: number): AxisTable {
  const { lo, hi, w } = bilinearTaps(n0, n1);
  return { lo, hi, w: Float32Array.from(w) };
}

function checkArgs(src: Float32Array, channels: number, w0: number, h0: number, w1: number, h1: number): void {
  if (src.length !== channels * w0 * h0) {
    throw new RangeError(`expected ${channels * w0 * h0} values for ${channels}x${h0}x${w0}, got ${src.length}`);
  }
  if (!Number.isInteger(w1) || !Number.isInteger(h1) || w1 < 1 || h1 < 1) throw new RangeError(`target size must be positive integers, got ${w1}x${h1}`);
}

// Scratch for the x pass, kept between calls: it never leaves this module and every call overwrites
// the part it reads, so reusing it only saves mapping fresh pages (~1.5 MB per 640 px photo).
let scratch = new Float32Array(0);

/** First pass: every source row of every plane resized along x (h0 rows, cheap when upsampling). */
function resizeRows(src: Float32Array, channels: number, w0: number, h0: number, w1: number, xt: AxisTable): Float32Array {
  if (scratch.length < channels * h0 * w1) scratch = new Float32Array(channels * h0 * w1);
  const rows = scratch;
  for (let r = 0; r < channels * h0; r++) {
    const si = r * w0;
    const ri = r * w1;
    for (let x = 0; x < w1; x++) {
      const a = src[si + xt.lo[x]];
      rows[ri + x] = a + (src[si + xt.hi[x]] - a) * xt.w[x];
    }
  }
  return rows;
}

/** Second pass for output row y of plane c: one lerp between two x-resized source rows. */
function lerpRow(rows: Float32Array, out: Float32Array, c: number, y: number, yt: AxisTable, h0: number, w1: number, plane: number): void {
  const base = c * h0 * w1;
  const ra = base + yt.lo[y] * w1;
  const rb = base + yt.hi[y] * w1;
  const wy = yt.w[y];
  let o = c * plane + y * w1;
  for (let x = 0; x < w1; x++, o++) {
    const a = rows[ra + x];
    out[o] = a + (rows[rb + x] - a) * wy;
  }
}

export function resizePlanesFast(src: Float32Array, channels: number, w0: number, h0: number, w1: number, h1: number): Float32Array {
  checkArgs(src, channels, w0, h0, w1, h1);
  const rows = resizeRows(src, channels, w0, h0, w1, axisTable(w0, w1));
  const yt = axisTable(h0, h1);
  const plane = w1 * h1;
  const out = new Float32Array(channels * plane);
  for (let c = 0; c < channels; c++) for (let y = 0; y < h1; y++) lerpRow(rows, out, c, y, yt, h0, w1, plane);
  return out;
}

// Rounding of the two float32 lerps moves a value by well under 1e-6 of the largest magnitude in the
// planes: a class that leads every other by more than this at all four source corners of a cell leads
// everywhere inside it, because the bilinear weights are the same for every plane (a convex combination).
const SURE_MARGIN = 1e-6;
const UNSURE = 255;

/**
 * For each source cell (top-left corner (x, y), its other corners at x+1 / y+1 clamped to the edge): the
 * class that wins the arg-max everywhere in the cell, or UNSURE.
 */
function sureCells(src: Float32Array, channels: number, w0: number, h0: number): Uint8Array {
  const plane = w0 * h0;
  // per source pixel: the winner, and its lead over the runner-up
  const win = new Uint8Array(plane);
  const lead = new Float32Array(plane);
  for (let i = 0; i < plane; i++) {
    let best = 0;
    let bestP = src[i];
    let second = -Infinity;
    for (let c = 1; c < channels; c++) {
      const p = src[c * plane + i];
      if (p > bestP) {
        second = bestP;
        bestP = p;
        best = c;
      } else if (p > second) second = p;
    }
    win[i] = best;
    lead[i] = bestP - second;
  }
  let maxAbs = 1;
  for (let i = 0; i < src.length; i++) maxAbs = Math.max(maxAbs, Math.abs(src[i]));
  const margin = SURE_MARGIN * maxAbs; // rounding scales with the magnitude of the values
  const sure = new Uint8Array(plane);
  for (let y = 0; y < h0; y++) {
    const y1 = Math.min(y + 1, h0 - 1);
    for (let x = 0; x < w0; x++) {
      const x1 = Math.min(x + 1, w0 - 1);
      const a = y * w0 + x;
      const b = y * w0 + x1;
      const c = y1 * w0 + x;
      const d = y1 * w0 + x1;
      const k = win[a];
      const ok =
        win[b] === k && win[c] === k && win[d] === k &&
        lead[a] > margin && lead[b] > margin && lead[c] > margin && lead[d] > margin;
      sure[a] = ok ? k : UNSURE;
    }
  }
  return sure;
}

/**
 * resizePlanesFast and the arg-max over the planes (first class wins ties, as argmaxLabels) in one
 * sweep. Inside a source cell where one class leads at
 * all four corners by more than the rounding of the resize, the label is that class without reading the
 * resized planes (most of a photo); elsewhere it is the arg-max of the resized values, taken while
 * the row is still in cache. Same numbers as resizePlanesFast + argmaxLabels.
 */
export function resizePlanesArgmax(
  src: Float32Array,
  channels: number,
  w0: number,
  h0: number,
  w1: number,
  h1: number,
): { planes: Float32Array; labels: Uint8Array } {
  checkArgs(src, channels, w0, h0, w1, h1);
  if (channels > UNSURE) throw new RangeError(`at most ${UNSURE} classes fit a Uint8Array label, got ${channels}`);
  const xt = axisTable(w0, w1);
  const rows = resizeRows(src, channels, w0, h0, w1, xt);
  const yt = axisTable(h0, h1);
  const sure = sureCells(src, channels, w0, h0);
  const plane = w1 * h1;
  const planes = new Float32Array(channels * plane);
  const labels = new Uint8Array(plane);
  for (let y = 0; y < h1; y++) {
    for (let c = 0; c < channels; c++) lerpRow(rows, planes, c, y, yt, h0, w1, plane);
    const cells = yt.lo[y] * w0;
    for (let x = 0, i = y * w1; x < w1; x++, i++) {
      const k = sure[cells + xt.lo[x]];
      if (k !== UNSURE) {
        labels[i] = k;
        continue;
      }
      let best = 0;
      let bestP = planes[i];
      for (let c = 1; c < channels; c++) {
        const p = planes[c * plane + i];
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      labels[i] = best;
    }
  }
  return { planes, labels };
}
