import { describe, expect, it } from 'vitest';
import { areaAveragePlanes, axisWeights, fitInside } from '../../../src/vision/area-average.js';

describe('axisWeights', () => {
  it('splits a pixel between two outputs by the share of it each covers (5 -> 2: 2.5 inputs each)', () => {
    const { start, w } = axisWeights(5, 2);
    expect(start).toEqual([0, 2]);
    expect(w[0]).toEqual([0.4, 0.4, 0.2]);
    expect(w[1]).toEqual([0.2, 0.4, 0.4]);
  });

  it('checks its sizes', () => {
    expect(() => axisWeights(0, 2)).toThrow(/positive integers, got 0 -> 2/);
    expect(() => axisWeights(4, 1.5)).toThrow(/positive integers/);
  });
});

describe('areaAveragePlanes', () => {
  it('averages the area each output covers, plane by plane', () => {
    // two 4x2 planes -> 2x1
    const src = [1, 3, 5, 7, 1, 3, 5, 7, 10, 10, 0, 0, 10, 10, 0, 0];
    expect(Array.from(areaAveragePlanes(src, 2, 4, 2, 2, 1))).toEqual([2, 6, 10, 0]);
  });

  it('keeps the mean of the whole plane for a non-integer factor (1024 -> 640)', () => {
    const w = 1024;
    const src = Float32Array.from({ length: w * 8 }, (_, i) => (i * 7919) % 255);
    const out = areaAveragePlanes(src, 1, w, 8, 640, 5);
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(src), 3);
  });

  it('checks the number of values', () => {
    expect(() => areaAveragePlanes(new Float32Array(7), 1, 4, 2, 2, 1)).toThrow(/expected 8 values for 1x2x4, got 7/);
  });
});

describe('fitInside', () => {
  it('shrinks the longer side to the limit with the aspect kept, and never enlarges', () => {
    expect(fitInside(1024, 768, 640)).toEqual({ width: 640, height: 480 });
    expect(fitInside(768, 1024, 640)).toEqual({ width: 480, height: 640 });
    expect(fitInside(600, 400, 640)).toEqual({ width: 600, height: 400 });
    expect(fitInside(5000, 2, 640)).toEqual({ width: 640, height: 1 });
  });
});
