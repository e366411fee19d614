// Synthetic colour casts for tests and evaluation: one sRGB channel's 8-bit code values multiplied by
// a factor and clipped, which is how "a ±15 % red or blue cast" is usually simulated.
import { assertRgb, type RgbImage } from '../image.js';

export function applyChannelCast(img: RgbImage, channel: 0 | 1 | 2, factor: number): RgbImage {
  assertRgb(img);
  if (!(factor > 0)) throw new RangeError(`applyChannelCast: factor must be > 0, got ${factor}`);
  const data = img.data.slice();
  for (let i = channel; i < data.length; i += 3) data[i] = Math.min(255, Math.round(data[i] * factor));
  return { width: img.width, height: img.height, data };
}
