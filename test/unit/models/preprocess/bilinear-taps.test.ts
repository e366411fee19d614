import { describe, expect, it } from 'vitest';
import { bilinearTaps } from '../../../../src/models/preprocess/bilinear-taps.js';

describe('bilinearTaps', () => {
  it('samples at half-pixel centres: 2 -> 4 reads (0,0) (0,1)x0.25 (0,1)x0.75 (1,1)', () => {
    const t = bilinearTaps(2, 4);
    expect([...t.lo]).toEqual([0, 0, 0, 1]);
    expect([...t.hi]).toEqual([1, 1, 1, 1]);
    expect([...t.w]).toEqual([0, 0.25, 0.75, 0]);
  });

  it('downsampling 4 -> 2 lands between source pixels 0.5 and 2.5', () => {
    const t = bilinearTaps(4, 2);
    expect([...t.lo]).toEqual([0, 2]);
    expect([...t.hi]).toEqual([1, 3]);
    expect([...t.w]).toEqual([0.5, 0.5]);
  });

  it('the identity reads each pixel with weight 0', () => {
    const t = bilinearTaps(5, 5);
    expect([...t.lo]).toEqual([0, 1, 2, 3, 4]);
    expect([...t.w]).toEqual([0, 0, 0, 0, 0]);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => bilinearTaps(0, 3)).toThrow(/sizes must be positive integers, got 0 -> 3/);
    expect(() => bilinearTaps(3, 1.5)).toThrow(/got 3 -> 1.5/);
  });
});
