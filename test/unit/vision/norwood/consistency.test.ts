import { describe, expect, it } from 'vitest';
import { expectedLevel, viewOutlier } from '../../../../src/vision/norwood/consistency.js';
import type { ViewContribution } from '../../../../src/vision/norwood/types.js';

/** A graded photo whose own distribution is all on `level`, or split between two levels. */
function photo(index: number, view: ViewContribution['view'], probabilities: Record<string, number> | null, assessable = true): ViewContribution {
  return { photo: index, view, assessable, weight: assessable ? 0.2 : 0, level: null, probabilities, pattern: null, reasons: [] };
}

describe('expectedLevel', () => {
  it('is the probability-weighted level, whatever the mass', () => {
    expect(expectedLevel({ '2': 0.5, '4': 0.5 })).toBe(3);
    expect(expectedLevel({ '2': 0.1, '3': 0.3, '7': 0.6 })).toBeCloseTo(0.2 + 0.9 + 4.2, 12);
    expect(expectedLevel({ '5': 2 })).toBe(5);
  });
  it('refuses distributions that are not one', () => {
    expect(() => expectedLevel({ '2': 0 })).toThrow(/must not all be 0/);
    expect(() => expectedLevel({ two: 1 })).toThrow(/levels to p >= 0, got two: 1/);
    expect(() => expectedLevel({ '2': -0.1, '3': 1 })).toThrow(/got 2: -0.1/);
  });
});

describe('viewOutlier', () => {
  const agree = [photo(0, 'front', { '2': 1 }), photo(1, 'top', { '2': 0.5, '3': 0.5 }), photo(2, 'left', { '3': 1 }), photo(3, 'right', { '2': 1 })];

  it('names the photo more than two levels from the median of the others', () => {
    const odd = viewOutlier([...agree, photo(4, 'back', { '6': 0.5, '7': 0.5 })]);
    // The others: 2, 2.5, 3, 2 -> median 2.25; the back reads 6.5.
    expect(odd).toEqual({ photo: 4, view: 'back', level: 6.5, others: 2.3 });
  });

  it('says nothing when the photos agree, or differ by two levels at most', () => {
    expect(viewOutlier(agree)).toBeNull();
    expect(viewOutlier([...agree, photo(4, 'back', { '4': 0.75, '5': 0.25 })])).toBeNull(); // 4.25 - 2.25 = 2
  });

  it('needs three graded photos: with two, neither is the odd one', () => {
    expect(viewOutlier([photo(0, 'front', { '2': 1 }), photo(1, 'back', { '7': 1 })])).toBeNull();
    // Photos left out of the grade (not assessable) do not count.
    expect(viewOutlier([photo(0, 'front', { '2': 1 }), photo(1, 'back', { '7': 1 }), photo(2, 'top', null, false)])).toBeNull();
    expect(viewOutlier([photo(0, 'front', { '2': 1 }), photo(1, 'back', { '7': 1 }), photo(2, 'top', { '2': 1 })])).toEqual({ photo: 1, view: 'back', level: 7, others: 2 });
  });
});
