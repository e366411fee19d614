import { describe, expect, it } from 'vitest';
import { ita, itaCategory, itaCategoryIndex, ITA_CATEGORIES } from '../../../../src/vision/colour/ita.js';
import { fitzpatrickFromIta } from '../../../../src/vision/colour/fitzpatrick.js';
import { nearestMonk, MONK_HEX, MONK_ITA, MONK_LAB } from '../../../../src/vision/colour/monk.js';
import { undertoneOf } from '../../../../src/vision/colour/undertone.js';
import { hexToLab } from '../../../../src/vision/colour/convert.js';

describe('ITA', () => {
  it('is atan2(L* − 50, b*) in degrees', () => {
    expect(ita(50, 20)).toBeCloseTo(0, 12);
    expect(ita(70, 20)).toBeCloseTo(45, 12);
    expect(ita(30, 20)).toBeCloseTo(-45, 12);
    expect(ita(65, 15)).toBeCloseTo((Math.atan(1) * 180) / Math.PI, 12);
    expect(ita(60, 10 * Math.sqrt(3))).toBeCloseTo(30, 10);
  });

  it('rejects non-finite input', () => {
    expect(() => ita(NaN, 10)).toThrow(/finite/);
  });

  // Del Bino bands: very light > 55 ≥ light > 41 ≥ intermediate > 28 ≥ tan > 10 ≥ brown > −30 ≥ dark.
  it.each([
    [90, 'very light'],
    [55.001, 'very light'],
    [55, 'light'],
    [41.001, 'light'],
    [41, 'intermediate'],
    [28.001, 'intermediate'],
    [28, 'tan'],
    [10.001, 'tan'],
    [10, 'brown'],
    [-29.999, 'brown'],
    [-30, 'dark'],
    [-90, 'dark'],
  ] as const)('ITA %f is %s', (angle, cat) => {
    expect(itaCategory(angle)).toBe(cat);
  });
});

describe('Fitzpatrick estimate', () => {
  it('maps the six ITA categories onto types I..VI', () => {
    const mids = [60, 48, 35, 20, -10, -45];
    mids.forEach((a, i) => expect(fitzpatrickFromIta(a, 0).estimate).toBe(i + 1));
  });

  it('reports a range of at least one type either side, widened by the ITA uncertainty', () => {
    expect(fitzpatrickFromIta(35, 0).range).toEqual([2, 4]);
    expect(fitzpatrickFromIta(35, 8).range).toEqual([1, 5]);
    expect(fitzpatrickFromIta(80, 0).range).toEqual([1, 2]);
    expect(fitzpatrickFromIta(-60, 5).range).toEqual([5, 6]);
    expect(fitzpatrickFromIta(35, 0).note).toMatch(/sun/);
  });
});

describe('Monk Skin Tone', () => {
  it('finds each reference colour as itself', () => {
    MONK_HEX.forEach((hex, i) => {
      const m = nearestMonk(hexToLab(hex));
      expect(m.monk).toBe(i + 1);
      expect(m.deltaE00).toBeCloseTo(0, 6);
    });
  });

  it('picks the nearer neighbour by ITA for a colour between two references', () => {
    const a = MONK_LAB[5];
    const b = MONK_LAB[6];
    const near6: [number, number, number] = [a[0] * 0.8 + b[0] * 0.2, a[1] * 0.8 + b[1] * 0.2, a[2] * 0.8 + b[2] * 0.2];
    const near7: [number, number, number] = [a[0] * 0.2 + b[0] * 0.8, a[1] * 0.2 + b[1] * 0.8, a[2] * 0.2 + b[2] * 0.8];
    expect(nearestMonk(near6).monk).toBe(6);
    expect(nearestMonk(near7).monk).toBe(7);
    expect(nearestMonk(near6).runnerUp.monk).toBe(7);
  });

  it('matches photo skin by its ITA, not by CIEDE2000 to the yellow swatches (practitioner review)', () => {
    // ITA 61° (very light, Fitzpatrick ~1), pinker and darker than any swatch: by ΔE00 it was MST 6.
    const scalp: [number, number, number] = [65, 14, 8.3];
    expect(ita(scalp[0], scalp[2])).toBeCloseTo(61, 0);
    const m = nearestMonk(scalp);
    expect(m.monk).toBe(4); // ITA 64.7°
    expect(m.itaDelta).toBeCloseTo(ita(65, 8.3) - MONK_ITA[3], 9);
    expect(m.deltaE00).toBeGreaterThan(10); // still far in colour: information only
    expect(nearestMonk([64, 12, 17]).monk).toBe(5); // ITA 39.5°
    expect(nearestMonk([60, 12, 25]).monk).toBe(6); // ITA 21.8°
  });

  it('reads each reference by its own ITA, falling from MST 1 to 10, with boundaries at the midpoints', () => {
    expect(MONK_ITA.map((a) => Math.round(a * 10) / 10)).toEqual([83, 80.2, 71.7, 64.7, 50.3, 10.9, -20.1, -55.4, -78.3, -84.3]);
    const at = (angle: number) => nearestMonk([50 + 20 * Math.sin((angle * Math.PI) / 180), 10, 20 * Math.cos((angle * Math.PI) / 180)]).monk;
    const mid = (MONK_ITA[4] + MONK_ITA[5]) / 2; // 30.6°
    expect(at(mid + 0.1)).toBe(5);
    expect(at(mid - 0.1)).toBe(6);
  });

  it('never puts a skin colour more than one ITA category from its Monk swatch', () => {
    for (let L = 20; L <= 95; L += 1) {
      for (let b = 0; b <= 35; b += 0.5) {
        const m = nearestMonk([L, 10, b]);
        expect(Math.abs(itaCategoryIndex(ita(L, b)) - itaCategoryIndex(MONK_ITA[m.monk - 1]))).toBeLessThanOrEqual(1);
      }
    }
  });

  it('puts MST 1–4 all in "very light" ITA terms (the uneven scale DOMAIN.md notes)', () => {
    for (let i = 0; i < 4; i++) expect(itaCategory(ita(MONK_LAB[i][0], MONK_LAB[i][2]))).toBe('very light');
    expect(ITA_CATEGORIES).toHaveLength(6);
  });
});

describe('undertone', () => {
  it('reads hue angle: pink = cool, yellow = warm', () => {
    expect(undertoneOf([60, 18, 12]).undertone).toBe('cool'); // h ≈ 34°
    expect(undertoneOf([60, 12, 13.5]).undertone).toBe('neutral'); // h ≈ 48°
    expect(undertoneOf([60, 8, 20]).undertone).toBe('warm'); // h ≈ 68°
  });

  it('has low confidence on a cut point', () => {
    const lab: [number, number, number] = [60, Math.cos((45 * Math.PI) / 180) * 20, Math.sin((45 * Math.PI) / 180) * 20];
    expect(undertoneOf(lab).confidence).toBeLessThan(0.01);
    expect(undertoneOf([60, 8, 20]).confidence).toBeGreaterThan(0.5);
  });
});
