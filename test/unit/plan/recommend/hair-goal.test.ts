// The hair colour decides the dilution: an unsure reading is flagged for a check in person, unless the
// client's own words confirm it. The goal decides zones and densities: its reason says when it is assumed.
import { describe, expect, it } from 'vitest';
import { recommend, type RecommendInput } from '../../../../src/plan/recommend/index.js';

const base: RecommendInput = {
  skinTone: { ita: 45, confidence: 0.9, undertone: 'neutral' },
  hairColour: { lightness: 32, greyFraction: 0, confidence: 0.9 },
  contrast: { deltaE00: 30 },
  norwood: { level: 2 },
  sex: 'male',
};
const caution = (input: RecommendInput) => recommend(input).warnings.find((w) => w.code === 'hair-colour-uncertain');

describe('recommend: hair-colour-uncertain', () => {
  it('cautions when the fused hair colour is under 0.5 confident, naming the group used', () => {
    expect(caution({ ...base, hairColour: { ...base.hairColour!, confidence: 0.42 } })).toEqual({
      code: 'hair-colour-uncertain',
      severity: 'caution',
      message: 'Hair colour read with low confidence (0.42): the settings use brown hair. Check the hair colour in person: it decides the dilution.',
    });
    expect(caution({ ...base, hairColour: { ...base.hairColour!, confidence: 0.5 } })).toBeUndefined();
    expect(caution(base)).toBeUndefined();
  });

  it('needs no caution when the client states the colour the reading gives, and names a contradicting one', () => {
    const unsure = { ...base, hairColour: { ...base.hairColour!, confidence: 0.4 } };
    expect(caution({ ...unsure, statedHairColour: 'brown' })).toBeUndefined();
    expect(caution({ ...unsure, statedHairColour: 'black' })!.message).toBe(
      'Hair colour read with low confidence (0.40): the settings use brown hair, though the client describes it as "black". Check the hair colour in person: it decides the dilution.',
    );
    // under 0.3 the client's colour is used instead of the reading; only one far from it is named
    const stated = recommend({ ...base, hairColour: { ...base.hairColour!, confidence: 0.2 }, statedHairColour: 'dark brown' });
    expect(stated.basis.hairGroup).toMatchObject({ value: 'dark brown', source: 'stated' });
    expect(stated.warnings.map((w) => w.code)).not.toContain('hair-colour-uncertain');
    expect(stated.warnings.map((w) => w.code)).not.toContain('hair-colour-missing');
    expect(stated.warnings.map((w) => w.code)).not.toContain('hair-colour-disagrees');
  });

  it('names a stated colour far from the reading, whichever is used (second practitioner review)', () => {
    const disagrees = (input: RecommendInput) => recommend(input).warnings.find((w) => w.code === 'hair-colour-disagrees');
    // L5-012: "black", the photos read light brown at 66 %: the reading is used, the words not dropped in silence
    const sure = recommend({ ...base, hairColour: { lightness: 40, greyFraction: 0, confidence: 0.66 }, statedHairColour: 'black' });
    expect(sure.basis.hairGroup).toMatchObject({ value: 'brown', source: 'measured' });
    expect(sure.warnings.find((w) => w.code === 'hair-colour-disagrees')).toEqual({
      code: 'hair-colour-disagrees',
      severity: 'caution',
      message: 'The client describes the hair as "black", the photos read brown (confidence 0.66): the settings use brown hair. Check the hair colour in person: it decides the dilution.',
    });
    // L2-001: "blonde", read dark brown at 29.5 %: the words are used, the reading named
    const words = recommend({ ...base, hairColour: { lightness: 22, greyFraction: 0, confidence: 0.295 }, statedHairColour: 'blonde' });
    expect(words.basis.hairGroup).toMatchObject({ value: 'light', source: 'stated' });
    expect(disagrees({ ...base, hairColour: { lightness: 22, greyFraction: 0, confidence: 0.295 }, statedHairColour: 'blonde' })!.message).toBe(
      'The client describes the hair as "blonde", the photos read dark brown (confidence 0.29, too unsure to use): the settings use light hair. Check the hair colour in person: it decides the dilution.',
    );
    // one step apart (a client's "black" for dark brown) or the same: no caution; grey against any other: one
    expect(disagrees({ ...base, hairColour: { lightness: 22, greyFraction: 0, confidence: 0.9 }, statedHairColour: 'black' })).toBeUndefined();
    expect(disagrees({ ...base, hairColour: { lightness: 22, greyFraction: 0, confidence: 0.9 }, statedHairColour: 'dark brown' })).toBeUndefined();
    expect(disagrees({ ...base, hairColour: { lightness: 22, greyFraction: 0.6, confidence: 0.9 }, statedHairColour: 'dark brown' })!.message).toMatch(/the photos read grey/);
    // a reading that gives no confidence prints none (it had printed "0.0 %")
    expect(disagrees({ ...base, hairColour: { lightness: 40, greyFraction: 0 }, statedHairColour: 'black' })!.message).toMatch(/the photos read brown: the settings use brown hair/);
    expect(disagrees({ ...base, hairColour: { lightness: 40, greyFraction: 0, confidence: 0.9 }, statedHairColour: 'Brown, a few grey hairs' })).toBeUndefined();
    // an unsure reading the words contradict keeps its own caution, not two
    const unsure = recommend({ ...base, hairColour: { lightness: 40, greyFraction: 0, confidence: 0.4 }, statedHairColour: 'black' }).warnings.map((w) => w.code);
    expect(unsure).toContain('hair-colour-uncertain');
    expect(unsure).not.toContain('hair-colour-disagrees');
  });

  it("says, as information, when a sure reading one group from the client's words replaces them (L2-031)", () => {
    const note = (input: RecommendInput) => recommend(input).warnings.find((w) => w.code === 'hair-colour-stated-differs');
    // "dark brown", read black (L* 15) at 53 %: the reading is used, the words named with what they would change
    const r = recommend({ ...base, hairColour: { lightness: 15, greyFraction: 0, confidence: 0.53 }, statedHairColour: 'dark brown' });
    expect(r.basis.hairGroup).toMatchObject({ value: 'black', source: 'measured' });
    expect(note({ ...base, hairColour: { lightness: 15, greyFraction: 0, confidence: 0.53 }, statedHairColour: 'dark brown' })).toEqual({
      code: 'hair-colour-stated-differs',
      severity: 'info',
      message: 'The client describes the hair as "dark brown"; the photos read black (53.0 %), which the settings use. If the client\'s words are right, use the dark brown dilution.',
    });
    // words other than the group's name say which group they are
    expect(note({ ...base, hairColour: { lightness: 15, greyFraction: 0, confidence: 0.53 }, statedHairColour: 'Dark brown, a few greys' })!.message).toMatch(/^The client describes the hair as "Dark brown, a few greys" \(dark brown\); the photos read black/);
    // the same group, far apart (its own caution), or an unsure reading (its own caution): nothing more
    expect(note({ ...base, hairColour: { lightness: 22, greyFraction: 0, confidence: 0.9 }, statedHairColour: 'dark brown' })).toBeUndefined();
    expect(note({ ...base, hairColour: { lightness: 40, greyFraction: 0, confidence: 0.66 }, statedHairColour: 'black' })).toBeUndefined();
    expect(note({ ...base, hairColour: { lightness: 15, greyFraction: 0, confidence: 0.4 }, statedHairColour: 'dark brown' })).toBeUndefined();
  });

  it('asks for a check in person when no hair colour was read and a default is assumed', () => {
    const w = recommend({ ...base, hairColour: null, contrast: null }).warnings.find((x) => x.code === 'hair-colour-missing')!;
    expect(w.severity).toBe('caution');
    expect(w.message).toBe('Hair colour could not be measured or read from the form: dilution assumes dark brown hair. Check the hair colour in person: it decides the dilution.');
  });
});

describe('recommend: the goal says when it is assumed', () => {
  it('words the default goals as assumed, with how to change them', () => {
    expect(recommend({ ...base, norwood: { level: 4 } }).basis.goal).toEqual({
      value: 'shaved-look',
      source: 'assumed',
      reason: 'Assumed for pattern hair loss in men (no goal given): the client keeps the head shaved and the dots imitate stubble; give the goal with the consultation if the client wants density under longer hair.',
    });
    expect(recommend({ ...base, sex: 'female' }).basis.goal.reason).toMatch(/^Assumed for a woman \(no goal given\): /);
    expect(recommend({ ...base, norwood: { level: 1 }, scars: [{ kind: 'linear', ageMonths: 12 }] }).basis.goal.reason).toMatch(/^Assumed \(no goal given\): scars are listed/);
    expect(recommend({ ...base, goals: 'buzz cut' }).basis.goal).toMatchObject({ value: 'shaved-look', source: 'stated' });
    // early loss (Norwood 1-3): the client keeps hair and hairline, density under the hair is assumed
    expect(recommend(base).basis.goal).toEqual({
      value: 'density',
      source: 'assumed',
      reason: 'Assumed for early hair loss in men (Norwood 2, no goal given): the client keeps their hair and hairline, so dots add density under the hair; give the goal with the consultation if the client wants a shaved look.',
    });
    // a goal that names no look is not "no goal given"
    expect(recommend({ ...base, goals: 'I want to look younger' }).basis.goal.reason).toMatch(/^Assumed for early hair loss in men \(Norwood 2, the goal "I want to look younger" names no look \(shaved, density or scars\)\): /);
    expect(recommend({ ...base, norwood: { level: 5 }, goals: 'look younger' }).basis.goal.reason).toMatch(/^Assumed for pattern hair loss in men \(the goal "look younger" names no look/);
    // the sex not given does not change it (the second practitioner review: L2-022 and L3-033 planned as a
    // buzz cut with a hairline when the form left the sex out, for density with it)
    expect(recommend({ ...base, sex: undefined }).basis.goal).toEqual({
      value: 'density',
      source: 'assumed',
      reason: 'Assumed for early hair loss (Norwood 2, no goal given, sex not given): the client keeps their hair and hairline, so dots add density under the hair; give the goal with the consultation if the client wants a shaved look.',
    });
    expect(recommend({ ...base, sex: undefined }).basis.zones.value).toEqual(recommend(base).basis.zones.value);
    expect(recommend({ ...base, sex: 'other' }).basis.goal.reason).toMatch(/^Assumed for early hair loss \(Norwood 2, no goal given\): /);
    expect(recommend({ ...base, sex: undefined, norwood: { level: 4 } }).basis.goal.value).toBe('shaved-look');
    // not graded: the shaved look stays the default
    expect(recommend({ ...base, norwood: { level: null } }).basis.goal.value).toBe('shaved-look');
  });

  it('reads the goal text clause by clause: a negated word does not count, a named look outranks thinning (second practitioner review)', () => {
    const goal = (goals: string) => recommend({ ...base, norwood: { level: 5 }, goals }).basis.goal;
    expect(goal('shaved look, no scars')).toMatchObject({ value: 'shaved-look', source: 'stated' });
    expect(goal('My hair is thinning on top, I want the buzz cut look')).toMatchObject({ value: 'shaved-look', source: 'stated' });
    expect(goal("I don't want to shave, just more density")).toMatchObject({ value: 'density', source: 'stated' });
    expect(goal('not bald yet but want it thicker')).toMatchObject({ value: 'density', source: 'stated' });
    expect(goal('I have no scars but would like a buzz cut')).toMatchObject({ value: 'shaved-look', source: 'stated' });
    expect(goal('cover my FUE scar')).toMatchObject({ value: 'scar-camouflage', source: 'stated' });
    expect(goal('fix the thinning')).toEqual({ value: 'density', source: 'stated', reason: 'The client\'s goal names thinning and no look: more apparent density under their hair is planned ("fix the thinning").' });
    // a negated look is not that look: none left names a look
    expect(goal('without scars').source).toBe('assumed');
    // the diff review: a negation after its word, one that does not govern it, words inside other words
    for (const text of ['buzz cut, scars: none', 'buzz cut. Scars - none', 'buzz cut look; scar? no', "can't wait for the buzz cut look", "I'm not sure maybe a buzz cut", 'Scarborough client wants buzz cut', 'as long as it looks natural, shaved look', 'thick stubble look']) {
      expect(goal(text), text).toMatchObject({ value: 'shaved-look', source: 'stated' });
    }
    for (const text of ['no more thinning', 'going bald, want it denser', 'denser']) expect(goal(text), text).toMatchObject({ value: 'density', source: 'stated' });
    expect(goal('so no one can see my transplant scar')).toMatchObject({ value: 'scar-camouflage', source: 'stated' });
    expect(goal('scarring alopecia').source).toBe('assumed');
  });

  it('cautions when the goal names a scar and no scar is listed, naming a possible one', () => {
    const r = recommend({ ...base, norwood: { level: 7 }, goals: 'cover my scar' });
    expect(r.warnings.find((w) => w.code === 'scar-goal-no-scar')).toEqual({
      code: 'scar-goal-no-scar',
      severity: 'caution',
      message: "The client's goal names a scar, but no scar is listed: state the scar (and where it is) with the consultation to plan its camouflage; until then the plan treats the hair loss only.",
    });
    expect(recommend({ ...base, norwood: { level: 7 }, goals: 'cover my scar', possibleScars: [{ photo: 2, kind: 'linear' }] }).warnings.find((w) => w.code === 'scar-goal-no-scar')!.message).toMatch(
      /no scar is listed \(photo 3 may show one, too unsure to plan for\): state the scar/,
    );
    const codes = (input: RecommendInput) => recommend(input).warnings.map((w) => w.code);
    expect(codes({ ...base, goals: 'cover my scar', scars: [{ kind: 'linear', ageMonths: 12 }] })).not.toContain('scar-goal-no-scar');
    expect(codes({ ...base, goals: 'shaved look' })).not.toContain('scar-goal-no-scar');
  });
});
