import { describe, expect, it } from 'vitest';
import { resizePlanes } from '../../../../src/models/preprocess/resize-planes.js';
import { resizePlanesArgmax, resizePlanesFast } from '../../../../src/models/preprocess/resize-planes-fast.js';
import { argmaxLabels } from '../../../../src/models/segmentation/segmenter.js';

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

function reference(src: Float32Array, channels: number, w0: number, h0: number, w1: number, h1: number) {
  const planes = resizePlanesFast(src, channels, w0, h0, w1, h1);
  return { planes, labels: argmaxLabels(planes, channels, w1 * h1) };
}

function softmaxField(channels: number, w: number, h: number, sharp: number): Float32Array {
  // smooth class fields like a segmentation's: large regions where one class leads, and borders
  const out = new Float32Array(channels * w * h);
  for (let i = 0; i < w * h; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    const z: number[] = [];
    for (let c = 0; c < channels; c++) z.push(Math.exp(sharp * Math.sin(x / (3 + c) + c) * Math.cos(y / (4 + 2 * c) - c)));
    const s = z.reduce((a, b) => a + b, 0);
    for (let c = 0; c < channels; c++) out[c * w * h + i] = z[c] / s;
  }
  return out;
}

describe('resizePlanesArgmax', () => {
  it('gives exactly the planes and labels of resizePlanesFast + argmaxLabels', () => {
    const cases: Array<[Float32Array, number, number, number, number, number]> = [
      [softmaxField(4, 19, 19, 4), 4, 19, 19, 80, 80],
      [softmaxField(4, 19, 13, 8), 4, 19, 13, 64, 37],
      [softmaxField(3, 7, 9, 2), 3, 7, 9, 7, 9],
      [softmaxField(4, 12, 12, 5), 4, 12, 12, 5, 5], // downsampling
      [new Float32Array(4 * 9 * 9).map((_, i) => Math.sin(i * 12.9898) * 1000), 4, 9, 9, 40, 31], // not probabilities
    ];
    for (const [src, c, w0, h0, w1, h1] of cases) {
      const a = reference(src, c, w0, h0, w1, h1);
      const b = resizePlanesArgmax(src, c, w0, h0, w1, h1);
      expect(b.planes).toEqual(a.planes);
      expect(b.labels).toEqual(a.labels);
    }
  });
  it('keeps the first class on exact ties and near-ties, as argmaxLabels', () => {
    // two planes equal everywhere (tie: class 0), then a lead below the rounding margin
    const tie = new Float32Array(2 * 3 * 3).fill(0.5);
    expect(Array.from(resizePlanesArgmax(tie, 2, 3, 3, 6, 6).labels)).toEqual(new Array(36).fill(0));
    const near = new Float32Array(2 * 3 * 3).fill(0.5);
    for (let i = 9; i < 18; i++) near[i] = 0.5 + 1e-7 * (i % 3);
    const a = reference(near, 2, 3, 3, 7, 5);
    expect(resizePlanesArgmax(near, 2, 3, 3, 7, 5).labels).toEqual(a.labels);
  });
  it('labels a NaN the way argmaxLabels does', () => {
    const src = softmaxField(4, 5, 5, 3);
    src[7] = NaN;
    const a = reference(src, 4, 5, 5, 17, 17);
    expect(resizePlanesArgmax(src, 4, 5, 5, 17, 17).labels).toEqual(a.labels);
  });
  it('checks sizes', () => {
    expect(() => resizePlanesArgmax(new Float32Array(3), 1, 2, 1, 4, 1)).toThrow(/expected 2/);
    expect(() => resizePlanesArgmax(new Float32Array(2), 1, 2, 1, 4, 0)).toThrow(/positive/);
  });
});
