// Area-average resampling of float planes (a box filter with partial pixels): each output pixel is the
// mean of the input area it covers, so shrinking neither aliases nor drops detail unevenly the way
// bilinear sampling or whole-pixel boxes of a non-integer factor do.

/** Size with the longer side at most maxSide, aspect kept (never enlarged). */
export function fitInside(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** Weights of each input index for each output index along one axis. */
export function axisWeights(inN: number, outN: number): { start: number[]; w: number[][] } {
  if (!(Number.isInteger(inN) && Number.isInteger(outN) && inN >= 1 && outN >= 1)) {
    throw new RangeError(`axisWeights: sizes must be positive integers, got ${inN} -> ${outN}`);
  }
  const scale = inN / outN;
  const start: number[] = [];
  const w: number[][] = [];
  for (let o = 0; o < outN; o++) {
    const a = o * scale;
    const b = (o + 1) * scale;
    const i0 = Math.floor(a);
    const i1 = Math.min(inN, Math.ceil(b));
    const row: number[] = [];
    for (let i = i0; i < i1; i++) row.push((Math.min(b, i + 1) - Math.max(a, i)) / scale);
    start.push(i0);
    w.push(row);
  }
  return { start, w };
}

/** `channels` planes of w0 x h0 (plane after plane) area-averaged to w1 x h1 (separable: rows, then columns). */
export function areaAveragePlanes(src: ArrayLike<number>, channels: number, w0: number, h0: number, w1: number, h1: number): Float32Array {
  if (src.length !== channels * w0 * h0) throw new RangeError(`areaAveragePlanes: expected ${channels * w0 * h0} values for ${channels}x${h0}x${w0}, got ${src.length}`);
  const ax = axisWeights(w0, w1);
  const ay = axisWeights(h0, h1);
  const inPlane = w0 * h0;
  const outPlane = w1 * h1;
  const tmp = new Float32Array(h0 * w1);
  const out = new Float32Array(channels * outPlane);
  for (let c = 0; c < channels; c++) {
    const o = c * inPlane;
    for (let y = 0; y < h0; y++) {
      for (let ox = 0; ox < w1; ox++) {
        let s = 0;
        const ws = ax.w[ox];
        const base = o + y * w0 + ax.start[ox];
        for (let k = 0; k < ws.length; k++) s += src[base + k] * ws[k];
        tmp[y * w1 + ox] = s;
      }
    }
    for (let oy = 0; oy < h1; oy++) {
      const ws = ay.w[oy];
      for (let ox = 0; ox < w1; ox++) {
        let s = 0;
        for (let k = 0; k < ws.length; k++) s += tmp[(ay.start[oy] + k) * w1 + ox] * ws[k];
        out[c * outPlane + oy * w1 + ox] = s;
      }
    }
  }
  return out;
}
