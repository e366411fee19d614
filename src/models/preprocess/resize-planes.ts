// Bilinear resize of C float planes (NCHW without N) from (w0,h0) to (w1,h1).
export function resizePlanes(src: Float32Array, channels: number, w0: number, h0: number, w1: number, h1: number): Float32Array {
  if (src.length !== channels * w0 * h0) {
    throw new RangeError(`expected ${channels * w0 * h0} values for ${channels}x${h0}x${w0}, got ${src.length}`);
  }
  const out = new Float32Array(channels * w1 * h1);
  const sx = w0 / w1;
  const sy = h0 / h1;
  const p0 = w0 * h0;
  const p1 = w1 * h1;
  for (let y = 0; y < h1; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h0 - 1);
    const ya = Math.floor(fy);
    const yb = Math.min(ya + 1, h0 - 1);
    const wy = fy - ya;
    for (let x = 0; x < w1; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w0 - 1);
      const xa = Math.floor(fx);
      const xb = Math.min(xa + 1, w0 - 1);
      const wx = fx - xa;
      for (let c = 0; c < channels; c++) {
        const o = c * p0;
        const v =
          (src[o + ya * w0 + xa] * (1 - wx) + src[o + ya * w0 + xb] * wx) * (1 - wy) +
          (src[o + yb * w0 + xa] * (1 - wx) + src[o + yb * w0 + xb] * wx) * wy;
        out[c * p1 + y * w1 + x] = v;
      }
    }
  }
  return out;
}
