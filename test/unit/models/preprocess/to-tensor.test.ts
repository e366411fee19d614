import { describe, expect, it } from 'vitest';
import { IMAGENET, toTensor } from '../../../../src/models/preprocess/to-tensor.js';

// the direct formula, pixel by pixel: the tabulated implementation must give exactly these numbers
function direct(img: { width: number; height: number; data: Uint8Array }, size: number): Float32Array {
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  for (let y = 0; y < size; y++) {
    const fy = Math.min(Math.max((y + 0.5) * (img.height / size) - 0.5, 0), img.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, img.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < size; x++) {
      const fx = Math.min(Math.max((x + 0.5) * (img.width / size) - 0.5, 0), img.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, img.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const p = (yy: number, xx: number) => img.data[(yy * img.width + xx) * 3 + c];
        const v = (p(y0, x0) * (1 - wx) + p(y0, x1) * wx) * (1 - wy) + (p(y1, x0) * (1 - wx) + p(y1, x1) * wx) * wy;
        out[c * plane + y * size + x] = (v / 255 - IMAGENET.mean[c]) / IMAGENET.std[c];
      }
    }
  }
  return out;
}

describe('toTensor', () => {
  it('matches the direct bilinear formula exactly, down and up, non-square', () => {
    for (const [w, h, size] of [
      [40, 30, 16],
      [7, 11, 19],
      [5, 5, 5],
      [1, 1, 3],
    ]) {
      const img = { width: w, height: h, data: new Uint8Array(w * h * 3).map((_, i) => (i * 37 + 11) % 256) };
      expect(toTensor(img, size)).toEqual(direct(img, size));
    }
  });
  it('normalises a constant grey to (v/255 - mean) / std per channel', () => {
    const img = { width: 3, height: 2, data: new Uint8Array(18).fill(128) };
    const t = toTensor(img, 2);
    for (let c = 0; c < 3; c++) expect(t[c * 4]).toBeCloseTo((128 / 255 - IMAGENET.mean[c]) / IMAGENET.std[c], 6);
  });
  it('rejects a bad size', () => {
    const img = { width: 2, height: 2, data: new Uint8Array(12) };
    expect(() => toTensor(img, 0)).toThrow(/positive integer/);
  });
});
