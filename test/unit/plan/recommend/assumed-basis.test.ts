// Reasons that rest on a category the rules assumed (skin not measured or too unsure, hair not read) say
// so: "suited to very light skin with black hair" read as measured on a client whose skin was never read.
import { describe, expect, it } from 'vitest';
import { recommend, type RecommendInput } from '../../../../src/plan/recommend/index.js';

const base: RecommendInput = {
  skinTone: { ita: 45, confidence: 0.9, undertone: 'neutral' },
  hairColour: { lightness: 16, greyFraction: 0, confidence: 0.8 },
  contrast: { deltaE00: 42 },
  norwood: { level: 6 },
  sex: 'male',
  age: 40,
};
const firstFill = (r: ReturnType<typeof recommend>) => r.sessions[0].zones.find((z) => z.zone === 'fill')!;

describe('recommend: assumed categories are named as assumed', () => {
  it('marks where each basis value comes from', () => {
    const r = recommend(base);
    expect([r.basis.skinCategory.source, r.basis.hairGroup.source, r.basis.goal.source]).toEqual(['measured', 'measured', 'assumed']);
    const other = recommend({ ...base, skinTone: null, hairColour: null, statedHairColour: 'brown', goals: 'buzz cut' });
    expect([other.basis.skinCategory.source, other.basis.hairGroup.source, other.basis.goal.source]).toEqual(['assumed', 'stated', 'stated']);
    expect(recommend({ ...base, skinTone: { ita: 60, confidence: 0.11 } }).basis.skinCategory.source).toBe('assumed');
    expect(recommend({ ...base, hairColour: null }).basis.hairGroup.source).toBe('assumed');
  });

  it('says the skin was assumed (not measured) in the pigment and dilution reasons: L7-015, no skin read', () => {
    const r = recommend({ ...base, skinTone: null, contrast: null });
    expect(r.pigment.reason).toBe('the default pigment, suited to assumed very light skin (not measured) with black hair.');
    expect(firstFill(r).dilution.reason).toMatch(/^10:1 for assumed very light skin \(not measured\) with black hair \(/);
  });

  it('says the skin was assumed when its reading was too unsure to use: L5-014, confidence 0.11', () => {
    const r = recommend({ ...base, skinTone: { ita: 60, confidence: 0.11 } });
    expect(r.pigment.reason).toBe('the default pigment, suited to assumed very light skin (measured too unsurely to use) with black hair.');
    expect(firstFill(r).dilution.reason).toMatch(/^10:1 for assumed very light skin \(measured too unsurely to use\) with black hair/);
  });

  it('says the hair group was assumed when the hair colour was not read, and stated when the client gave it', () => {
    const none = recommend({ ...base, hairColour: null, contrast: null });
    expect(none.pigment.reason).toBe('the default pigment, suited to light skin with assumed dark brown hair (not read).');
    expect(firstFill(none).dilution.reason).toMatch(/^12:1 for light skin with assumed dark brown hair \(not read\)/);
    const stated = recommend({ ...base, hairColour: null, contrast: null, statedHairColour: 'black' });
    expect(stated.pigment.reason).toBe('the default pigment, suited to light skin with black hair (as the client states).');
  });

  it('names measured categories plainly', () => {
    const r = recommend(base);
    expect(r.pigment.reason).toBe('the default pigment, suited to light skin with black hair.');
    expect(firstFill(r).dilution.reason).toMatch(/^8:1 for light skin with black hair \(/);
    for (const s of r.sessions) for (const z of s.zones) expect(z.dilution.reason).not.toMatch(/assumed/);
  });
});
