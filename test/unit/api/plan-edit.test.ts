// The plan edit's checks and its density rule (src/api/routes/plan.ts).
import { describe, expect, it } from 'vitest';
import { checkDensitiesRise, checkExistingDots, checkHairline, checkZoneDensities, crossesPhoto, withDensity } from '../../../src/api/routes/plan.js';

// A 12 MP phone photo: the points are in its 1024x768 analysis copy, so the bounds are the copy's.
const photo = { width: 4032, height: 3024, analysisSize: { width: 1024, height: 768 } };
const code = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as { slug?: string }).slug ?? String(err);
  }
};

describe('checkHairline', () => {
  it('bounds points to one analysis-copy size beyond each edge', () => {
    expect(code(() => checkHairline([[-1024, 0], [2048, 0]], photo, 1024))).toBeNull();
    expect(code(() => checkHairline([[0, 0], [2049, 0]], photo, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[0, -769], [10, 0]], photo, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[0, 1536], [10, 0]], photo, 1024))).toBeNull();
  });

  // The plan-edit review (session 43): a line wholly above the photo was taken, and planned no dots.
  it('refuses a line that does not cross the photo, and takes one that crosses it with both ends outside', () => {
    expect(code(() => checkHairline([[100, -600], [500, -600]], photo, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[-100, 300], [1100, 300]], photo, 1024))).toBeNull();
    expect(crossesPhoto([[-100, -100], [50, 50]], 1024, 768)).toBe(true);
    expect(crossesPhoto([[-100, -100], [-1, 800]], 1024, 768)).toBe(false);
  });

  it('bounds the length to twice the copy\'s perimeter', () => {
    // 4 * (1024 + 768) = 7168 px: a zigzag across the width 7 times is 7168, once more is over.
    const zig = (n: number) => Array.from({ length: n + 1 }, (_, i): [number, number] => [i % 2 ? 1024 : 0, 0]);
    expect(code(() => checkHairline(zig(7), photo, 1024))).toBeNull();
    expect(code(() => checkHairline(zig(8), photo, 1024))).toBe('hairline-too-long');
  });

  it('falls back to the upload fitted inside the analysis side for consultations stored without analysisSize', () => {
    const old = { width: 4032, height: 3024 };
    expect(code(() => checkHairline([[0, 0], [2048, 0]], old, 1024))).toBeNull();
    expect(code(() => checkHairline([[0, 0], [2049, 0]], old, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[0, 0], [2049, 0]], undefined, 1024))).toBeNull();
  });
});

const session = { index: 0, densityPerCm2: 27, zoneDensityPerCm2: { hairline: 16.2, scar: 22.5 }, dilution: { waterParts: 12 }, needle: { code: '0603RL', diameterMm: 0.2 } };

describe('withDensity', () => {
  it('moves the hairline and scar densities in proportion to the fill, so their ratios hold', () => {
    const edited = withDensity(session, 10);
    expect(edited.densityPerCm2).toBe(10);
    expect(edited.zoneDensityPerCm2!.hairline).toBeCloseTo(6, 9);
    expect(edited.zoneDensityPerCm2!.scar).toBeCloseTo(8.3333333, 6);
    expect(edited.needle).toBe(session.needle);
    expect(withDensity(session, 54).zoneDensityPerCm2).toEqual({ hairline: 32.4, scar: 45 });
    // down to almost nothing and back: the ratios survive (rounded to 0.1, the hairline had stayed at 0)
    const back = withDensity(withDensity(session, 0.001), 27).zoneDensityPerCm2!;
    expect(back.hairline).toBeCloseTo(16.2, 6);
    expect(back.scar).toBeCloseTo(22.5, 6);
  });

  it('sets the fill alone when there is nothing to scale (no zones, or a session at 0)', () => {
    const { zoneDensityPerCm2: _none, ...plain } = session;
    void _none;
    expect(withDensity(plain, 40)).toEqual({ ...plain, densityPerCm2: 40 });
    const zero = { ...session, densityPerCm2: 0 };
    expect(withDensity(zero, 30)).toEqual({ ...zero, densityPerCm2: 30 });
  });
});

describe('checkExistingDots', () => {
  it('takes dots on the plan photo (its analysis copy, edges included) and names the first one off it', () => {
    expect(code(() => checkExistingDots({ x: [0, 1024, 512.5], y: [0, 768, 300.25] }, photo, 1024))).toBeNull();
    for (const [x, y] of [[1025, 10], [10, -0.5], [1e300, 5], [Number.NaN, 5], [4000, 3000]]) {
      expect(code(() => checkExistingDots({ x: [10, x], y: [10, y] }, photo, 1024))).toBe('dot-outside-photo');
    }
  });

  it('falls back to the upload fitted inside the analysis side for consultations stored without analysisSize', () => {
    expect(code(() => checkExistingDots({ x: [1023], y: [767] }, { width: 4032, height: 3024 }, 1024))).toBeNull();
    expect(code(() => checkExistingDots({ x: [1023], y: [769] }, { width: 4032, height: 3024 }, 1024))).toBe('dot-outside-photo');
  });
});

describe('checkDensitiesRise', () => {
  const at = (...d: number[]) => d.map((densityPerCm2, index) => ({ index, densityPerCm2 }));

  it('takes cumulative densities that rise or hold (a review visit), in any order given', () => {
    expect(code(() => checkDensitiesRise(at(27, 63, 90)))).toBeNull();
    expect(code(() => checkDensitiesRise(at(19, 44, 63, 63)))).toBeNull();
    expect(code(() => checkDensitiesRise([{ index: 1, densityPerCm2: 63 }, { index: 0, densityPerCm2: 27 }]))).toBeNull();
  });

  it('refuses a session below the one before it: dots done cannot be taken back', () => {
    // the edit that lowered session 1 to 10 below session 0's 18.9 was planned as 18.9 and reported as 10
    expect(code(() => checkDensitiesRise(at(18.9, 10, 63)))).toBe('density-falls');
    expect(code(() => checkDensitiesRise(at(27, 63, 50)))).toBe('density-falls');
    let detail = '';
    try {
      checkDensitiesRise(at(18.9, 10, 63));
    } catch (err) {
      detail = (err as Error).message;
    }
    expect(detail).toContain('session 1 would have 10, less than the 18.9 of session 0');
  });
});

describe('checkZoneDensities', () => {
  const sessions = [{ index: 0, densityPerCm2: 30 }, { index: 1, densityPerCm2: 120 }];
  it('keeps the densest session times the largest factor within the plan limit', () => {
    expect(code(() => checkZoneDensities(sessions, { bald: 1.5, hairline: 0.5 }))).toBeNull();
    expect(code(() => checkZoneDensities(sessions, { thinning: 2 }))).toBe('density-too-high');
    expect(code(() => checkZoneDensities(sessions, undefined))).toBeNull();
    expect(code(() => checkZoneDensities([{ index: 0, densityPerCm2: 200 }], { scar: 0.5 }))).toBeNull();
  });
});
