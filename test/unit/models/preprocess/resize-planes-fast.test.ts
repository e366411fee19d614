import { describe, expect, it } from 'vitest';
import { resizePlanes } from '../../../../src/models/preprocess/resize-planes.js';
import { resizePlanesFast } from '../../../../src/models/preprocess/resize-planes-fast.js';

describe('resizePlanesFast', () => {
  it('matches resizePlanes on up- and down-sampling, non-square, several channels', () => {
    const src = new Float32Array(3 * 5 * 4).map((_, i) => Math.sin(i * 0.7) + i * 0.01);
    for (const [w1, h1] of [
      [11, 9],
      [2, 3],
      [5, 4],
      [1, 1],
    ]) {
      const a = resizePlanes(src, 3, 5, 4, w1, h1);
      const b = resizePlanesFast(src, 3, 5, 4, w1, h1);
      expect(b.length).toBe(a.length);
      for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i], 5);
    }
  });
  it('interpolates half-way values between two pixels', () => {
    // 2x1 -> 4x1: centres at -0.25, 0.25, 0.75, 1.25 (clamped) -> 0, 0.25, 0.75, 1 of the way
    expect(Array.from(resizePlanesFast(new Float32Array([0, 8]), 1, 2, 1, 4, 1))).toEqual([0, 2, 6, 8]);
  });
  it('checks sizes', () => {
    expect(() => resizePlanesFast(new Float32Array(3), 1, 2, 1, 4, 1)).toThrow(/expected 2/);
    expect(() => resizePlanesFast(new Float32Array(2), 1, 2, 1, 0, 1)).toThrow(/positive/);
  });
});
