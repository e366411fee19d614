// Linear-light float RGB canvases for painting synthetic scenes (pigment multiplies reflectance, so
// painting happens in linear light), and the way back to 8-bit sRGB through culori's transfer curve.
import { SRGB_TO_LINEAR, linearToSrgb8 } from '../../colour/convert.js';
import type { RgbImage } from '../../image.js';

export interface LinearImage {
  width: number;
  height: number;
  /** Interleaved linear RGB, 0..1. */
  data: Float32Array;
}

const ENCODE_STEPS = 4096;
// linear -> sRGB code value, tabulated from culori once (4096 steps is finer than 8-bit output needs
// everywhere except the deepest shadows, where the exact function is used).
const ENCODE: Uint8Array = (() => {
  const t = new Uint8Array(ENCODE_STEPS + 1);
  for (let i = 0; i <= ENCODE_STEPS; i++) t[i] = linearToSrgb8(i / ENCODE_STEPS);
  return t;
})();

export function encodeSrgb8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 1) return 255;
  if (v < 0.01) return linearToSrgb8(v);
  return ENCODE[Math.round(v * ENCODE_STEPS)];
}

export function toLinear(img: RgbImage): LinearImage {
  const data = new Float32Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = SRGB_TO_LINEAR[img.data[i]];
  return { width: img.width, height: img.height, data };
}

export function toSrgb(img: LinearImage): RgbImage {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < data.length; i++) data[i] = encodeSrgb8(img.data[i]);
  return { width: img.width, height: img.height, data };
}

/** Bilinear sample with mirrored borders. */
export function sampleBilinear(img: LinearImage, x: number, y: number, out: Float32Array): void {
  const w = img.width;
  const h = img.height;
  const mx = (v: number, n: number) => {
    const p = 2 * (n - 1);
    let m = ((v % p) + p) % p;
    if (m > n - 1) m = p - m;
    return m;
  };
  const fx = mx(x, w);
  const fy = mx(y, h);
  const x0 = Math.min(w - 2, Math.floor(fx));
  const y0 = Math.min(h - 2, Math.floor(fy));
  const ax = fx - x0;
  const ay = fy - y0;
  const d = img.data;
  for (let c = 0; c < 3; c++) {
    const i00 = (y0 * w + x0) * 3 + c;
    const i10 = i00 + 3;
    const i01 = i00 + 3 * w;
    const i11 = i01 + 3;
    out[c] = (d[i00] * (1 - ax) + d[i10] * ax) * (1 - ay) + (d[i01] * (1 - ax) + d[i11] * ax) * ay;
  }
}

/** Separable box blur of each channel (radius r), used to smooth scar tissue. */
export function boxBlur(img: LinearImage, r: number): LinearImage {
  const { width: w, height: h } = img;
  const tmp = new Float32Array(img.data.length);
  const out = new Float32Array(img.data.length);
  const pass = (src: Float32Array, dst: Float32Array, horizontal: boolean) => {
    const n = horizontal ? w : h;
    const lines = horizontal ? h : w;
    for (let l = 0; l < lines; l++) {
      for (let c = 0; c < 3; c++) {
        const at = (k: number) => (horizontal ? (l * w + k) * 3 + c : (k * w + l) * 3 + c);
        let s = 0;
        for (let k = -r; k <= r; k++) s += src[at(Math.min(n - 1, Math.max(0, k)))];
        for (let k = 0; k < n; k++) {
          dst[at(k)] = s / (2 * r + 1);
          s += src[at(Math.min(n - 1, k + r + 1))] - src[at(Math.max(0, k - r))];
        }
      }
    }
  };
  pass(img.data, tmp, true);
  pass(tmp, out, false);
  return { width: w, height: h, data: out };
}
