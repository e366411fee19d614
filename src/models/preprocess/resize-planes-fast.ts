// Bilinear resize of C float planes with the same sampling as resizePlanes (half-pixel centres,
// clamped edges) but with the source columns/rows and weights tabulated once and the channels in the
// outer loop, so each plane is read and written contiguously: the per-photo post-processing of the
// segmentation models is dominated by this resize to the photo's full size.
function axisTable(n0: number, n1: number): { lo: Int32Array; hi: Int32Array; w: Float32Array } {
  const lo = new Int32Array(n1);
  const hi = new Int32Array(n1);
  const w = new Float32Array(n1);
  const s = n0 / n1;
  for (let i = 0; i < n1; i++) {
    const f = Math.min(Math.max((i + 0.5) * s - 0.5, 0), n0 - 1);
    lo[i] = Math.floor(f);
    hi[i] = Math.min(lo[i] + 1, n0 - 1);
    w[i] = f - lo[i];
  }
  return { lo, hi, w };
}

export function resizePlanesFast(src: Float32Array, channels: number, w0: number, h0: number, w1: number, h1: number): Float32Array {
  if (src.length !== channels * w0 * h0) {
    throw new RangeError(`expected ${channels * w0 * h0} values for ${channels}x${h0}x${w0}, got ${src.length}`);
  }
  if (!Number.isInteger(w1) || !Number.isInteger(h1) || w1 < 1 || h1 < 1) throw new RangeError(`target size must be positive integers, got ${w1}x${h1}`);
  const out = new Float32Array(channels * w1 * h1);
  const xt = axisTable(w0, w1);
  const yt = axisTable(h0, h1);
  const p0 = w0 * h0;
  const p1 = w1 * h1;
  for (let c = 0; c < channels; c++) {
    const base = c * p0;
    let o = c * p1;
    for (let y = 0; y < h1; y++) {
      const ra = base + yt.lo[y] * w0;
      const rb = base + yt.hi[y] * w0;
      const wy = yt.w[y];
      for (let x = 0; x < w1; x++, o++) {
        const xa = xt.lo[x];
        const xb = xt.hi[x];
        const wx = xt.w[x];
        const top = src[ra + xa] + (src[ra + xb] - src[ra + xa]) * wx;
        const bottom = src[rb + xa] + (src[rb + xb] - src[rb + xa]) * wx;
        out[o] = top + (bottom - top) * wy;
      }
    }
  }
  return out;
}
