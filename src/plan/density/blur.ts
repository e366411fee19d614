// Box means over a square window with a summed-area table: O(1) per cell whatever the window, so a
// 5 mm window costs the same at any photo resolution.

/**
 * Mean of `values` weighted by `weights` over a (2r+1)² window, per cell: sum(v·w)/sum(w), or 0 where
 * the window holds no weight. Weighting by the head mask keeps the background from diluting edges.
 */
export function weightedBoxMean(values: Float32Array, weights: Float32Array | Uint8Array, width: number, height: number, r: number): Float32Array {
  const n = width * height;
  if (values.length !== n || weights.length !== n) throw new RangeError(`values and weights must have ${n} cells`);
  if (!(r >= 0) || !Number.isInteger(r)) throw new RangeError(`radius must be a non-negative integer, got ${r}`);
  const W = width + 1;
  const sv = new Float64Array(W * (height + 1)), sw = new Float64Array(W * (height + 1));
  for (let y = 0; y < height; y++) {
    let rv = 0, rw = 0;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      rv += values[i] * weights[i];
      rw += weights[i];
      sv[(y + 1) * W + x + 1] = sv[y * W + x + 1] + rv;
      sw[(y + 1) * W + x + 1] = sw[y * W + x + 1] + rw;
    }
  }
  const out = new Float32Array(n);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(height, y + r + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(width, x + r + 1);
      const a = y1 * W + x1, b = y0 * W + x1, c = y1 * W + x0, d = y0 * W + x0;
      const w = sw[a] - sw[b] - sw[c] + sw[d];
      out[y * width + x] = w > 1e-9 ? (sv[a] - sv[b] - sv[c] + sv[d]) / w : 0;
    }
  }
  return out;
}
