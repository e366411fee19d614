// Where each output sample of a bilinear resize reads its source: half-pixel centres, clamped edges
// (the sampling of resizePlanes). Tabulated once per axis by the resize and tensor functions.

export interface BilinearTaps {
  /** lower source index of each output position */
  lo: Int32Array;
  /** upper source index (lo + 1, clamped to the last) */
  hi: Int32Array;
  /** weight of `hi`; `lo` gets 1 − w */
  w: Float64Array;
}

export function bilinearTaps(n0: number, n1: number): BilinearTaps {
  if (!Number.isInteger(n0) || n0 < 1 || !Number.isInteger(n1) || n1 < 1) {
    throw new RangeError(`bilinearTaps: sizes must be positive integers, got ${n0} -> ${n1}`);
  }
  const lo = new Int32Array(n1);
  const hi = new Int32Array(n1);
  const w = new Float64Array(n1);
  const s = n0 / n1;
  for (let i = 0; i < n1; i++) {
    const f = Math.min(Math.max((i + 0.5) * s - 0.5, 0), n0 - 1);
    lo[i] = Math.floor(f);
    hi[i] = Math.min(lo[i] + 1, n0 - 1);
    w[i] = f - lo[i];
  }
  return { lo, hi, w };
}
