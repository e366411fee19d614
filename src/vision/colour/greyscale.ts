// A black-and-white photo (a greyscale JPEG, a "mono" camera filter) holds no colour: any skin tone or
// hair colour read from it would be the grey of the filter, named with full confidence.
import { assertRgb, type RgbImage } from '../image.js';

/** Channels within this many 8-bit codes of each other count as grey (JPEG rounding and chroma noise). */
export const GREY_CHANNEL_SPREAD = 3;
/** The share of sampled pixels that must be grey for the photo to count as black and white. */
export const GREY_PHOTO_SHARE = 0.98;

/** True when nearly every pixel (a sample of at most ~65k) has equal red, green and blue. */
export function isGreyscalePhoto(img: RgbImage): boolean {
  assertRgb(img);
  const n = img.width * img.height;
  const step = Math.max(1, Math.floor(n / 65536));
  const d = img.data;
  let grey = 0;
  let seen = 0;
  for (let i = 0; i < n; i += step) {
    const r = d[3 * i];
    const g = d[3 * i + 1];
    const b = d[3 * i + 2];
    seen++;
    if (Math.max(r, g, b) - Math.min(r, g, b) <= GREY_CHANNEL_SPREAD) grey++;
  }
  return grey >= GREY_PHOTO_SHARE * seen;
}
