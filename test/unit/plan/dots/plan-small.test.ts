// A plan of few dots gets the full schedule of sessions (L3-033, Norwood 2: three sessions of 20 min for a
// few hundred dots at the temples): the practitioner is asked whether SMP, or one touch-up, is indicated.
import { describe, expect, it } from 'vitest';
import { planDots, type PlanInput, type SessionSpec } from '../../../../src/plan/dots/plan.js';
import { planSummary, SMALL_PLAN_DOTS } from '../../../../src/plan/dots/summary.js';
import { sceneSegmentation } from '../synthetic.js';

const needle = { code: '0803RL', diameterMm: 0.25 };
const SESSIONS: SessionSpec[] = [0.3, 0.7, 1].map((f, index) => ({ index, densityPerCm2: 90 * f, dilution: { waterParts: [24, 19, 16][index] }, needle }));
const base: PlanInput = { image: { width: 400, height: 400 }, seg: sceneSegmentation(), view: 'top', scale: 0.4, sessions: SESSIONS, seed: 3 };

describe('plan-small', () => {
  it('is 1200 dots: one session\'s set-up time of needle work (20 min at 60 a minute)', () => {
    expect(SMALL_PLAN_DOTS).toBe(1200);
  });

  it('cautions on a plan of few dots (the same head seen at a quarter of the scale: 1/16 of the area)', () => {
    const small = planSummary(planDots({ ...base, scale: 0.1 }));
    expect(small.totalDots).toBeGreaterThanOrEqual(10);
    expect(small.totalDots).toBeLessThan(SMALL_PLAN_DOTS);
    const w = small.warnings.find((x) => x.code === 'plan-small');
    expect(w).toEqual({
      code: 'plan-small',
      severity: 'caution',
      message: `The planned area is small: ${small.totalDots} dots in this photo over all 3 sessions, about ${Math.round(small.totalDots / 60)} min of needle work in all, besides each session's set-up (the session times include it). Check in person whether SMP is indicated, or whether one touch-up session suffices.`,
    });
  });

  it('says nothing on a plan of many dots, an empty plan (plan-empty says it), or one that continues a treatment', () => {
    const full = planSummary(planDots(base));
    expect(full.totalDots).toBeGreaterThan(SMALL_PLAN_DOTS);
    expect(full.warnings.map((w) => w.code)).not.toContain('plan-small');
    const empty = planSummary(planDots({ ...base, hairline: { points: [[0, 1], [400, 1]] } }));
    expect(empty.warnings.map((w) => w.code)).toEqual(['plan-empty']);
    const small = planDots({ ...base, scale: 0.1 });
    const continued = planSummary({ ...small, existingDots: { given: 40, outside: 0, crowded: 0 } });
    expect(continued.warnings.map((w) => w.code)).not.toContain('plan-small');
  });
});
