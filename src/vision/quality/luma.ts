// Rec. 709 luma of an sRGB image (gamma-encoded values, as blur and exposure checks expect).
import { assertRgb, type RgbImage } from '../image.js';

export function luma(img: RgbImage): Float32Array {
  assertRgb(img);
  const n = img.width * img.height;
  const out = new Float32Array(n);
  const d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = 0.2126 * d[j] + 0.7152 * d[j + 1] + 0.0722 * d[j + 2];
  return out;
}
