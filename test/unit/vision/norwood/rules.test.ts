import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_RULES, looksLevel1, stageFor } from '../../../../src/vision/norwood/rules.js';
import type { MajorLevel, NorwoodMeasurements } from '../../../../src/vision/norwood/types.js';

function m(z: { frontal?: number | null; tl?: number | null; tr?: number | null; crown?: number | null; excess?: number | null }): NorwoodMeasurements {
  const zone = (bald: number | null | undefined) => (bald === null || bald === undefined ? { bald: null, photos: [], seen: 'no' as const } : { bald, photos: [0], seen: 'well' as const });
  return {
    zones: {
      frontal: zone(z.frontal),
      templeLeft: zone(z.tl),
      templeRight: zone(z.tr),
      midScalp: zone(null),
      crown: zone(z.crown),
      donor: zone(null),
    },
    hairline: { centre: 0.2, templeExcess: z.excess ?? null },
    bald: null,
  };
}

describe('stageFor', () => {
  const classicM = { frontal: 0.3, tl: 0.6, tr: 0.6, crown: 0.1, excess: 0.15 };
  const band = { frontal: 0.8, tl: 0.7, tr: 0.7, crown: 0.1, excess: -0.05 };
  const cases: [string, MajorLevel, Parameters<typeof m>[0], string][] = [
    ['level 1 stays 1', 1, classicM, '1'],
    ['classic M at 2', 2, classicM, '2'],
    ['straight band at 2 is 2A', 2, band, '2A'],
    ['straight band at 3 is 3A', 3, band, '3A'],
    ['straight band at 4 is 4A', 4, band, '4A'],
    ['straight band at 5 is 5A', 5, band, '5A'],
    ['no A at 6', 6, band, '6'],
    ['no A at 7', 7, band, '7'],
    ['bald crown at 3 is 3V', 3, { ...classicM, crown: 0.7 }, '3V'],
    ['bald crown at 4 stays 4', 4, { ...classicM, crown: 0.7 }, '4'],
    ['band with a crown patch is not A', 4, { ...band, crown: 0.6 }, '4'],
    ['band with a haired front is not A', 3, { ...band, frontal: 0.2 }, '3'],
    ['no hairline measured: plain level', 3, { crown: 0.1 }, '3'],
  ];
  it.each(cases)('%s', (_, level, z, stage) => {
    expect(stageFor(level, m(z)).stage).toBe(stage);
  });

  it('says what it could not check', () => {
    expect(stageFor(4, m({ crown: 0.1 })).unchecked).toMatch(/A variant not checked/);
    expect(stageFor(3, m(classicM)).unchecked).toBeNull();
  });

  it('explains a variant with the measurement and threshold', () => {
    expect(stageFor(3, m({ ...classicM, crown: 0.7 })).rule).toMatch(/crown bald 0\.70 >= 0\.5/);
  });

  it('takes clinic thresholds', () => {
    const strict = { ...DEFAULT_STAGE_RULES, vertex: { minCrownBald: 0.9 } };
    expect(stageFor(3, m({ ...classicM, crown: 0.7 }), strict).stage).toBe('3');
  });

  it('rejects a level outside 1..7', () => {
    expect(() => stageFor(8 as MajorLevel, m(classicM))).toThrow(/1\.\.7/);
  });
});

describe('looksLevel1', () => {
  it.each([
    [{ frontal: 0.02, tl: 0.05, tr: 0.08, excess: 0.01 }, true],
    [{ frontal: 0.02, tl: 0.4, tr: 0.08, excess: 0.01 }, false],
    [{ frontal: 0.3, tl: 0.05, tr: 0.05, excess: 0.0 }, false],
    [{ frontal: 0.02, tl: 0.05, tr: 0.05, excess: 0.2 }, false],
    [{ frontal: null, tl: 0.05, tr: 0.05 }, null],
    [{ frontal: 0.02 }, null],
  ] as const)('%o -> %s', (z, expected) => {
    expect(looksLevel1(m(z))).toBe(expected);
  });
});
