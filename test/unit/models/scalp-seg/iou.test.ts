import { describe, expect, it } from 'vitest';
import { addIou, emptyCounts, iouOf } from '../../../../src/models/scalp-seg/iou.js';

describe('pooled IoU', () => {
  it('counts intersections and unions per class and skips ignored reference pixels', () => {
    const acc = emptyCounts(3);
    // ref:  0 0 1 1 2 255 ; pred: 0 1 1 1 1 2
    addIou(acc, new Uint8Array([0, 1, 1, 1, 1, 2]), new Uint8Array([0, 0, 1, 1, 2, 255]));
    expect(acc.inter).toEqual([1, 2, 0]);
    expect(acc.union).toEqual([2, 4, 1]);
    expect(iouOf(acc)).toEqual([0.5, 0.5, 0]);
  });
  it('pools over images and reports null for a class seen nowhere', () => {
    const acc = emptyCounts(4);
    addIou(acc, new Uint8Array([1, 1]), new Uint8Array([1, 0]));
    addIou(acc, new Uint8Array([0, 0]), new Uint8Array([0, 0]));
    expect(iouOf(acc)).toEqual([2 / 3, 0.5, null, null]);
  });
  it('rejects different lengths and out-of-range reference labels', () => {
    expect(() => addIou(emptyCounts(2), new Uint8Array(2), new Uint8Array(3))).toThrow(RangeError);
    expect(() => addIou(emptyCounts(2), new Uint8Array(1), new Uint8Array([5]))).toThrow(/outside/);
  });
});
