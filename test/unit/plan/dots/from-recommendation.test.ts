import { describe, expect, it } from 'vitest';
import { sessionsFromRecommendation, type RecommendedSessionLike } from '../../../../src/plan/dots/from-recommendation.js';
import type { RecommendedSession } from '../../../../src/plan/recommend/types.js';

// Compile-time check: the recommendation engine's sessions fit the dot engine's input as they are.
export const fits: (s: RecommendedSession[]) => RecommendedSessionLike[] = (s) => s;

const r = <T>(value: T) => ({ value, reason: 'because' });
const needle = { code: '0603RL', points: 3, diameterMm: 0.2, configuration: 'round liner' };

/** A recommended session: its own density, and the zones it lists with theirs. */
const session = (index: number, own: number, zones: [string, number][]): RecommendedSessionLike => ({
  index,
  densityPerCm2: r(own),
  dilution: r({ waterParts: 10, label: '10:1' }),
  needle: r(needle),
  zones: zones.map(([zone, d]) => ({ zone, densityPerCm2: r(d) })),
});

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

  it('keeps a zone a session leaves out at the density before it (a scar-only session adds no hairline dots)', () => {
    const specs = sessionsFromRecommendation([
      session(0, 63, [['hairline', 37.8], ['fill', 63], ['scar', 45]]),
      session(1, 90, [['hairline', 54], ['fill', 90], ['scar', 67.5]]),
      session(2, 90, [['scar', 90]]),
    ]);
    expect(specs.map((s) => s.zoneDensityPerCm2)).toEqual([{ hairline: 37.8, scar: 45 }, { hairline: 54, scar: 67.5 }, { hairline: 54, scar: 90 }]);
    expect(specs.map((s) => s.densityPerCm2)).toEqual([63, 90, 90]);
  });

  it('keeps the fill at its last density through scar-only sessions, whatever density they carry (a clinic with 5 scar sessions)', () => {
    // What the recommendation gives for scar.sessions 5 over the 3-step schedule: sessions 3 and 4 are the
    // scar's, their own density the scar's (72, 90). The fill read 27, 63, 90, 72, 90.
    const specs = sessionsFromRecommendation([
      session(0, 27, [['hairline', 16.2], ['fill', 27], ['scar', 18]]),
      session(1, 63, [['hairline', 37.8], ['fill', 63], ['scar', 36]]),
      session(2, 90, [['hairline', 54], ['fill', 90], ['scar', 54]]),
      session(3, 72, [['scar', 72]]),
      session(4, 90, [['scar', 90]]),
    ]);
    expect(specs.map((s) => s.densityPerCm2)).toEqual([27, 63, 90, 90, 90]);
    expect(specs.map((s) => s.zoneDensityPerCm2!.scar)).toEqual([18, 36, 54, 72, 90]);
    // sessions given without zones are the fill's own
    expect(sessionsFromRecommendation([{ index: 0, densityPerCm2: r(40), dilution: r({ waterParts: 9 }), needle: r(needle) }])[0].densityPerCm2).toBe(40);
  });

  it("takes the hairline's and the scar's own needle and dilution, where the zone gives them", () => {
    const fine = { code: '0601RL', points: 1, diameterMm: 0.18, configuration: 'single point' };
    const [spec] = sessionsFromRecommendation([
      {
        index: 0,
        densityPerCm2: r(27),
        dilution: r({ waterParts: 12, label: '12:1' }),
        needle: r(needle),
        zones: [
          { zone: 'fill', densityPerCm2: r(27), needle: r(needle), dilution: r({ waterParts: 12, label: '12:1' }) },
          { zone: 'hairline', densityPerCm2: r(16), needle: r(fine), dilution: r({ waterParts: 14, label: '14:1' }) },
          { zone: 'scar', densityPerCm2: r(23), needle: r(fine), dilution: r({ waterParts: 9, label: '9:1' }) },
        ],
      },
    ]);
    expect(spec.zoneTools).toEqual({ hairline: { needle: fine, dilution: { waterParts: 14, label: '14:1' } }, scar: { needle: fine, dilution: { waterParts: 9, label: '9:1' } } });
  });
});

describe('a recommendation with no hairline zone (a woman keeps her own hairline)', () => {
  it('plans the band behind the line as fill: the fill density, needle and dilution', () => {
    const fillNeedle = { code: '0803RL', points: 3, diameterMm: 0.25, configuration: 'round liner' };
    const fill = (index: number, d: number, water: number): RecommendedSessionLike => ({
      index,
      densityPerCm2: r(d),
      dilution: r({ waterParts: water, label: `${water}:1` }),
      needle: r(fillNeedle),
      zones: [{ zone: 'fill', densityPerCm2: r(d), needle: r(fillNeedle), dilution: r({ waterParts: water, label: `${water}:1` }) }],
    });
    const specs = sessionsFromRecommendation([fill(0, 27, 14), fill(1, 63, 12)]);
    expect(specs.map((s) => s.zoneDensityPerCm2)).toEqual([{ hairline: 27 }, { hairline: 63 }]);
    expect(specs.map((s) => s.zoneTools?.hairline)).toEqual([
      { needle: fillNeedle, dilution: { waterParts: 14, label: '14:1' } },
      { needle: fillNeedle, dilution: { waterParts: 12, label: '12:1' } },
    ]);
    // sessions listed without zones (an older table) keep the engine's own hairline
    expect(sessionsFromRecommendation([{ ...fill(0, 27, 14), zones: undefined }])[0].zoneDensityPerCm2).toBeUndefined();
  });
});
