import { describe, expect, it } from 'vitest';
import { BARE_FRONT_PLANNED_CM2, withoutUnplannedWarnings } from '../../../src/pipeline/consultation.js';

describe('withoutUnplannedWarnings', () => {
  const rec = { warnings: [{ code: 'depth' }, { code: 'density-bare-front' }, { code: 'healed-lighter' }] };

  // The output review (session 43): a woman's plan with 0.2 cm² of bald area (1 dot of 105) said "the
  // plan fills the bare skin there, in front of the hair".
  it('drops the bare-front warning where the plan fills almost no bald skin', () => {
    expect(withoutUnplannedWarnings(rec, 0.2).warnings.map((w) => w.code)).toEqual(['depth', 'healed-lighter']);
    expect(withoutUnplannedWarnings(rec, BARE_FRONT_PLANNED_CM2 - 0.01).warnings).toHaveLength(2);
  });

  it('keeps it, and the same object, where the plan does fill bald skin', () => {
    expect(withoutUnplannedWarnings(rec, BARE_FRONT_PLANNED_CM2)).toBe(rec);
    expect(withoutUnplannedWarnings(rec, 12)).toBe(rec);
  });

  it('returns the same object when there is nothing to drop', () => {
    const none = { warnings: [{ code: 'depth' }] };
    expect(withoutUnplannedWarnings(none, 0)).toBe(none);
  });
});
