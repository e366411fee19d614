// RGB image -> normalised float32 NCHW tensor at a fixed square size (bilinear, no aspect padding:
// the models here were trained on stretched inputs, as the source photos were).
import { assertRgb, type RgbImage } from '../../vision/image.js';

export interface Normalisation {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

export const IMAGENET: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

export function toTensor(img: RgbImage, size: number, norm: Normalisation = IMAGENET): Float32Array {
  assertRgb(img);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  const sx = img.width / size;
  const sy = img.height / size;
  for (let y = 0; y < size; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      const i00 = (y0 * img.width + x0) * 3;
      const i01 = (y0 * img.width + x1) * 3;
      const i10 = (y1 * img.width + x0) * 3;
      const i11 = (y1 * img.width + x1) * 3;
      for (let c = 0; c < 3; c++) {
        const v =
          (img.data[i00 + c] * (1 - wx) + img.data[i01 + c] * wx) * (1 - wy) +
          (img.data[i10 + c] * (1 - wx) + img.data[i11 + c] * wx) * wy;
        out[c * plane + y * size + x] = (v / 255 - norm.mean[c]) / norm.std[c];
      }
    }
  }
  return out;
}
