import { describe, expect, it } from 'vitest';
import { icc, quantile, sampleSd } from '../../helpers/eval-stats.js';

describe('eval-stats', () => {
  it('quantile interpolates between order statistics', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBeCloseTo(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('sampleSd divides by n − 1', () => {
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7));
  });

  it('icc is 1 when people differ and their readings agree, negative when only readings differ', () => {
    expect(icc([[10, 10], [20, 20], [30, 30]]).icc).toBeCloseTo(1);
    // equal person means, all variance within: MSB = 0, ICC = −MSW / ((k − 1) MSW) = −1 for k = 2
    expect(icc([[0, 10], [10, 0], [5, 5]]).icc).toBeCloseTo(-1);
  });

  it('icc matches a hand-computed one-way ICC(1) and the SD of person means', () => {
    // means 2 and 6, grand mean 4; MSB = 2·(4 + 4) / 1 = 16; MSW = (1 + 1 + 1 + 1) / 2 = 2; k = 2
    const r = icc([[1, 3], [5, 7]]);
    expect(r.icc).toBeCloseTo((16 - 2) / (16 + 2));
    expect(r.betweenSd).toBeCloseTo(Math.sqrt(8));
  });

  it('icc ignores people with one reading and needs two people', () => {
    expect(icc([[1, 3], [5, 7], [100]]).icc).toBeCloseTo(14 / 18);
    expect(icc([[1, 3]]).icc).toBeNaN();
  });
});
