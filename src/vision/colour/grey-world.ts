// A grey-world balanced copy of a photo: each channel scaled so the three channel means are equal.
// Not a colour measurement (skin-tone.ts estimates the light far more carefully): a cheap way to give
// detectors trained on ordinary photos a chance on one taken under red or blue light.
import type { RgbImage } from '../image.js';
import { castStats } from '../quality/cast.js';

/** The channel gains grey-world balancing applies (the inverse of castStats' ratios), each clamped to [1 / maxGain, maxGain]. */
export function greyWorldGains(img: RgbImage, maxGain = 2.5): [number, number, number] {
  if (!(maxGain >= 1)) throw new RangeError(`maxGain must be >= 1, got ${maxGain}`);
  // A black channel (or a black photo) has no colour to balance: leave it alone.
  const gain = (ratio: number): number => (ratio > 0 ? Math.min(maxGain, Math.max(1 / maxGain, 1 / ratio)) : 1);
  const [r, g, b] = castStats(img).ratios;
  return [gain(r), gain(g), gain(b)];
}

/** A copy of the photo with the grey-world gains applied (clipped at 255). */
export function greyWorldBalanced(img: RgbImage, maxGain = 2.5): RgbImage {
  const g = greyWorldGains(img, maxGain);
  const out = new Uint8Array(img.data.length);
  for (let j = 0; j < out.length; j += 3) {
    out[j] = Math.min(255, Math.round(img.data[j] * g[0]));
    out[j + 1] = Math.min(255, Math.round(img.data[j + 1] * g[1]));
    out[j + 2] = Math.min(255, Math.round(img.data[j + 2] * g[2]));
  }
  return { width: img.width, height: img.height, data: out };
}
