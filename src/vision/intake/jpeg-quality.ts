// The quality a JPEG was saved at, estimated from its luminance quantisation table as libjpeg scales it
// (IJG quality 1-100): a photo saved at quality 5 has lost the fine hair and skin detail every
// measurement rests on (a top view read Norwood 3 instead of 5, its bald area 1 cm² instead of 23 cm²).
import { jpegHeaderSegments } from './jpeg-segments.js';

/** The IJG (libjpeg) standard luminance table, the base the quality setting scales. */
const STD_LUMINANCE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22,
  37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const STD_SUM = STD_LUMINANCE.reduce((a, b) => a + b, 0);

/**
 * The IJG quality (1-100, one decimal) of the JPEG's luminance table, or null when the bytes are not a
 * JPEG or carry no table 0. Sums are compared, so the zig-zag order of the stored table does not matter;
 * a table not made by scaling the standard one (some cameras) still gets the quality of its mean step.
 */
export function estimateJpegQuality(bytes: Uint8Array): number | null {
  // no table 0 before the image data (or a header cut short): null
  for (const { marker, payload, end } of jpegHeaderSegments(bytes)) {
    if (marker !== 0xdb) continue;
    let p = payload;
    while (p < end) {
      const precision = bytes[p] >> 4;
      const id = bytes[p] & 0x0f;
      const size = precision ? 128 : 64;
      if (p + 1 + size > end) return null;
      if (id === 0) {
        let sum = 0;
        for (let k = 0; k < 64; k++) sum += precision ? (bytes[p + 1 + 2 * k] << 8) | bytes[p + 2 + 2 * k] : bytes[p + 1 + k];
        return qualityOfScale((100 * sum) / STD_SUM);
      }
      p += 1 + size;
    }
  }
  return null;
}

/** libjpeg's quality -> scale mapping inverted: scale 5000/q below 50, 200 - 2q from 50 up. */
export function qualityOfScale(scale: number): number {
  if (!(scale > 0)) throw new RangeError(`qualityOfScale: scale must be > 0, got ${scale}`);
  const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.round(Math.min(100, Math.max(1, q)) * 10) / 10;
}
