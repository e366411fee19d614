// RGB image -> normalised float32 NCHW tensor at a fixed square size (bilinear, no aspect padding:
// the models here were trained on stretched inputs, as the source photos were).
import { assertRgb, type RgbImage } from '../../vision/image.js';
import { bilinearTaps, type BilinearTaps } from './bilinear-taps.js';

export interface Normalisation {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

export const IMAGENET: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** Source pixel pair and weights of each output column/row, with the complementary weight. */
function sampleTable(n0: number, n1: number): BilinearTaps & { w1: Float64Array } {
  const taps = bilinearTaps(n0, n1);
  return { ...taps, w1: taps.w.map((w) => 1 - w) };
}

export function toTensor(img: RgbImage, size: number, norm: Normalisation = IMAGENET): Float32Array {
  assertRgb(img);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  // positions and weights tabulated once per axis (the per-pixel arithmetic is unchanged, so the
  // numbers are exactly those of the direct formula)
  const xs = sampleTable(img.width, size);
  const ys = sampleTable(img.height, size);
  const d = img.data;
  const stride = img.width * 3;
  for (let y = 0; y < size; y++) {
    const r0 = ys.lo[y] * stride;
    const r1 = ys.hi[y] * stride;
    const wy = ys.w[y];
    const wy1 = ys.w1[y];
    for (let x = 0; x < size; x++) {
      const c0 = xs.lo[x] * 3;
      const c1 = xs.hi[x] * 3;
      const wx = xs.w[x];
      const wx1 = xs.w1[x];
      const o = y * size + x;
      for (let c = 0; c < 3; c++) {
        const v = (d[r0 + c0 + c] * wx1 + d[r0 + c1 + c] * wx) * wy1 + (d[r1 + c0 + c] * wx1 + d[r1 + c1 + c] * wx) * wy;
        out[c * plane + o] = (v / 255 - norm.mean[c]) / norm.std[c];
      }
    }
  }
  return out;
}
