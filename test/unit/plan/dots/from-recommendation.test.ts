import { describe, expect, it } from 'vitest';
import { sessionsFromRecommendation, type RecommendedSessionLike } from '../../../../src/plan/dots/from-recommendation.js';
import type { RecommendedSession } from '../../../../src/plan/recommend/types.js';

// Compile-time check: the recommendation engine's sessions fit the dot engine's input as they are.
export const fits: (s: RecommendedSession[]) => RecommendedSessionLike[] = (s) => s;

const r = <T>(value: T) => ({ value, reason: 'because' });
const needle = { code: '0603RL', points: 3, diameterMm: 0.2, configuration: 'round liner' };

describe('sessions from the recommendation', () => {
  it('takes the fill zone for the session and the hairline/scar zones as their own densities', () => {
    const specs = sessionsFromRecommendation([
      {
        index: 0,
        densityPerCm2: r(27),
        dilution: r({ waterParts: 12, pigmentParts: 1, label: '12:1' }),
        needle: r(needle),
        zones: [
          { zone: 'fill', densityPerCm2: r(27) },
          { zone: 'hairline', densityPerCm2: r(18) },
        ],
      },
    ]);
    expect(specs).toEqual([{ index: 0, densityPerCm2: 27, zoneDensityPerCm2: { hairline: 18 }, dilution: { waterParts: 12, label: '12:1' }, needle }]);
    expect(() => sessionsFromRecommendation([])).toThrow(/no sessions/);
  });
});
