import { describe, expect, it } from 'vitest';
import { borderlineSkinWarning, neighbourAcross } from '../../../../src/plan/recommend/rules/borderline.js';
import { dilutionFor } from '../../../../src/plan/recommend/rules/dilution.js';
import { recommend } from '../../../../src/plan/recommend/recommend.js';
import { DEFAULT_CLINIC_TABLE } from '../../../../src/plan/recommend/default-table.js';
import type { RecommendInput } from '../../../../src/plan/recommend/types.js';

const input = (ita: number, confidence = 0.8): RecommendInput => ({
  skinTone: { ita, confidence, undertone: 'neutral' },
  hairColour: { lightness: 35, greyFraction: 0, confidence: 0.9 },
  contrast: { deltaE00: 30 },
  norwood: { level: 5 },
  sex: 'male',
});

describe('neighbourAcross', () => {
  it('names the category across the nearest boundary within 3°, either side', () => {
    expect(neighbourAcross(41.1)).toEqual({ boundary: 41, neighbour: 'intermediate' });
    expect(neighbourAcross(39.5)).toEqual({ boundary: 41, neighbour: 'light' });
    expect(neighbourAcross(56)).toEqual({ boundary: 55, neighbour: 'light' });
    expect(neighbourAcross(-28)).toEqual({ boundary: -30, neighbour: 'dark' });
    expect(neighbourAcross(48)).toBeNull();
    expect(neighbourAcross(44.1)).toBeNull(); // 3.1° away
  });
});

describe('skin-category-borderline', () => {
  it("names the neighbour's dilution for L2-022's 41.1° (0.1° above the light / intermediate cut)", () => {
    const r = recommend(input(41.1));
    const w = r.warnings.find((x) => x.code === 'skin-category-borderline')!;
    const last = r.sessionCount.value - 1;
    const light = dilutionFor(DEFAULT_CLINIC_TABLE, 'light', r.basis.hairGroup.value, last, 'fill').value.label;
    const inter = dilutionFor(DEFAULT_CLINIC_TABLE, 'intermediate', r.basis.hairGroup.value, last, 'fill').value.label;
    expect(light).not.toBe(inter); // the default table dilutes them differently
    expect(w.severity).toBe('info');
    expect(w.message).toBe(
      `ITA 41.1° is 0.1° from the light / intermediate boundary (41°): the settings follow light skin (${light} by the last session), intermediate skin would take ${inter}. One person's photos differ by more than that: judge the healed shade of the first session before settling the dilution.`,
    );
  });

  it('says nothing mid-category, for an assumed or unusable skin tone, or when both sides dilute alike', () => {
    expect(recommend(input(48)).warnings.some((x) => x.code === 'skin-category-borderline')).toBe(false);
    expect(recommend(input(41.1, 0.05)).warnings.some((x) => x.code === 'skin-category-borderline')).toBe(false);
    expect(recommend({ ...input(41.1), skinTone: null }).warnings.some((x) => x.code === 'skin-category-borderline')).toBe(false);
    const flat = { ...DEFAULT_CLINIC_TABLE, dilution: { ...DEFAULT_CLINIC_TABLE.dilution, rows: DEFAULT_CLINIC_TABLE.dilution.rows.map((row) => ({ ...row, waterParts: DEFAULT_CLINIC_TABLE.dilution.rows[0].waterParts })) } };
    expect(borderlineSkinWarning(input(41.1), flat, 'light', 'brown', 2)).toBeNull();
  });
});
