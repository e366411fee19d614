// A colour correction in linear-light sRGB: a 3x3 matrix (row-major) applied to [r, g, b]. White balance
// gains are its diagonal special case; a colour card gives a full matrix.
import { SRGB_TO_LINEAR, linearToSrgb8, type LinearRgb } from './convert.js';
import type { RgbImage } from '../image.js';
import { assertRgb } from '../image.js';

export type Matrix3 = [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function diagonal(gains: LinearRgb): Matrix3 {
  return [gains[0], 0, 0, 0, gains[1], 0, 0, 0, gains[2]];
}

export function applyMatrix(m: Matrix3, r: number, g: number, b: number): LinearRgb {
  return [m[0] * r + m[1] * g + m[2] * b, m[3] * r + m[4] * g + m[5] * b, m[6] * r + m[7] * g + m[8] * b];
}

export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const out = new Array<number>(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  return out as Matrix3;
}

/** Corrected copy of an image (linear-light matrix, re-encoded to sRGB, clipped). For previews and tests. */
export function correctImage(img: RgbImage, m: Matrix3): RgbImage {
  assertRgb(img);
  const out = new Uint8Array(img.data.length);
  const enc = new Map<number, number>();
  const encode = (v: number): number => {
    const key = Math.round(Math.max(0, Math.min(1, v)) * 65535);
    let e = enc.get(key);
    if (e === undefined) {
      e = linearToSrgb8(key / 65535);
      enc.set(key, e);
    }
    return e;
  };
  for (let i = 0; i < img.data.length; i += 3) {
    const c = applyMatrix(m, SRGB_TO_LINEAR[img.data[i]], SRGB_TO_LINEAR[img.data[i + 1]], SRGB_TO_LINEAR[img.data[i + 2]]);
    out[i] = encode(c[0]);
    out[i + 1] = encode(c[1]);
    out[i + 2] = encode(c[2]);
  }
  return { width: img.width, height: img.height, data: out };
}
