import { describe, expect, it } from 'vitest';
import { recommend, planSessionFields, DEFAULT_CLINIC_TABLE, parseClinicTable, type RecommendInput } from '../../../../src/plan/recommend/index.js';
import { hairGroupFromText } from '../../../../src/plan/recommend/rules/basis.js';
import { dilutionFor } from '../../../../src/plan/recommend/rules/dilution.js';
import { needleFor } from '../../../../src/plan/recommend/rules/needle.js';
import { sessionsFromRecommendation } from '../../../../src/plan/dots/from-recommendation.js';

const base: RecommendInput = {
  skinTone: { ita: 45, confidence: 0.9, undertone: 'neutral' },
  hairColour: { lightness: 25, greyFraction: 0.05, confidence: 0.9 },
  contrast: { deltaE00: 42 },
  norwood: { level: 4 },
  sex: 'male',
  age: 40,
};

/** Every { value, reason } leaf in an object tree. */
function reasonedLeaves(x: unknown, path = ''): [string, unknown][] {
  if (!x || typeof x !== 'object') return [];
  const o = x as Record<string, unknown>;
  if ('value' in o && 'reason' in o) return [[path, o.reason], ...reasonedLeaves(o.value, path + '.value')];
  return Object.entries(o).flatMap(([k, v]) => reasonedLeaves(v, `${path}.${k}`));
}

describe('recommend: shape', () => {
  it('words its reasons and warnings for the practitioner: no internal document names or notes', () => {
    const inputs: RecommendInput[] = [
      { ...base, scars: [{ kind: 'linear', ageMonths: 3, raised: true }, { kind: 'punctate' }, { kind: 'irregular', ageMonths: 20, tone: 'red' }] },
      { ...base, skinTone: { ita: -40, confidence: 0.9, undertone: 'warm' }, hairColour: { lightness: 15, greyFraction: 0 } },
      { ...base, skinTone: { ita: 62, confidence: 0.2 }, hairColour: { lightness: 62, greyFraction: 0 }, contrast: { deltaE00: 10 }, sex: 'female', goals: 'more density' },
      { ...base, skinTone: null, hairColour: null, contrast: null, norwood: null, age: 19 },
    ];
    const texts = inputs.flatMap((i) => {
      const r = recommend(i);
      return [...reasonedLeaves(r).map(([, reason]) => String(reason)), ...r.warnings.map((w) => w.message)];
    });
    texts.push(...JSON.stringify(DEFAULT_CLINIC_TABLE).match(/"(reason|notes|[a-zA-Z]*Reason)":"[^"]*"/g)!);
    expect(texts.length).toBeGreaterThan(100);
    for (const t of texts) expect(t, t).not.toMatch(/DOMAIN|judgement|this skin and hair|set by the clinic/);
  });

  it('gives every value a reason', () => {
    const r = recommend({ ...base, scars: [{ kind: 'linear', ageMonths: 18 }] });
    const leaves = reasonedLeaves(r);
    expect(leaves.length).toBeGreaterThan(30);
    for (const [path, reason] of leaves) expect(typeof reason === 'string' && reason.length > 5, path).toBe(true);
  });

  it('fills DESIGN plan.sessions[k] fields (index, densityPerCm2, dilution, needle) in order', () => {
    const r = recommend(base);
    expect(r.sessions.map(planSessionFields)).toEqual([
      { index: 0, densityPerCm2: 27, dilution: '18:1', needle: '0803RL, 3 points, 0.25 mm round liner' },
      { index: 1, densityPerCm2: 63, dilution: '14:1', needle: '0803RL, 3 points, 0.25 mm round liner' },
      { index: 2, densityPerCm2: 90, dilution: '12:1', needle: '0803RL, 3 points, 0.25 mm round liner' },
    ]);
  });

  it('is pure: the same input gives the same output', () => {
    expect(recommend(base)).toEqual(recommend(base));
  });
});

describe('recommend: density per zone and session', () => {
  it('follows 30 → 70 → 100 % of 90 FU/cm² in the fill zone, sparser at the hairline', () => {
    const r = recommend(base);
    const fill = r.sessions.map((s) => s.zones.find((z) => z.zone === 'fill')!);
    expect(fill.map((z) => z.densityPerCm2.value)).toEqual([27, 63, 90]);
    expect(fill.map((z) => z.addedPerCm2.value)).toEqual([27, 36, 27]);
    const hairline = r.sessions.map((s) => s.zones.find((z) => z.zone === 'hairline')!);
    expect(hairline.map((z) => z.densityPerCm2.value)).toEqual([16.2, 37.8, 54]);
  });

  it.each([
    ['shaved look', 'I want the buzz-cut look', 90],
    ['density under long hair', 'more density, I keep my hair long', 63],
  ])('scales the final density for the %s goal', (_n, goals, final) => {
    const r = recommend({ ...base, goals });
    expect(r.sessions.at(-1)!.densityPerCm2.value).toBe(final);
  });

  it('uses the clinic table when one is given', () => {
    const t = structuredClone(DEFAULT_CLINIC_TABLE) as any;
    t.id = 'clinic-7';
    t.naturalDensity.fuPerCm2 = 100;
    t.densitySchedule = [
      { cumulativeFraction: 0.5, reason: 'our first pass is denser' },
      { cumulativeFraction: 1, reason: 'and we finish in two' },
    ];
    const r = recommend(base, parseClinicTable(t));
    expect(r.table.id).toBe('clinic-7');
    expect(r.sessions.map((s) => s.densityPerCm2.value)).toEqual([50, 100]);
    expect(r.sessions[0].densityFraction.reason).toBe('our first pass is denser');
  });

  it('keeps a session in which the schedule adds nothing as a review visit at the same densities', () => {
    const t = structuredClone(DEFAULT_CLINIC_TABLE) as any;
    t.densitySchedule = [
      { cumulativeFraction: 0.4, reason: 'first pass at 40 %' },
      { cumulativeFraction: 0.4, reason: 'review visit: nothing added' },
      { cumulativeFraction: 1, reason: 'full density' },
    ];
    for (const scars of [[], [{ kind: 'linear' as const, ageMonths: 18 }]]) {
      const r = recommend({ ...base, goals: 'shaved look', scars }, parseClinicTable(t));
      const review = r.sessions[1];
      if (scars.length) {
        // the scar still builds up in that visit, so it alone is planned there
        expect(review.zones.map((z) => z.zone)).toEqual(['scar']);
      } else {
        expect(review.zones.map((z) => z.zone)).toEqual(['hairline', 'fill']);
        expect(review.zones.every((z) => z.addedPerCm2.value === 0)).toBe(true);
        expect(review.densityPerCm2.value).toBe(r.sessions[0].densityPerCm2.value);
      }
      expect(r.sessions.at(-1)!.densityPerCm2.value).toBeGreaterThan(review.densityPerCm2.value);
    }
  });
});

describe('recommend: dilution table', () => {
  // [ITA, hair L*, grey fraction, final-session water parts]
  it.each([
    [60, 15, 0, 10], // very light, black
    [60, 60, 0, 22], // very light, light: ~20:1 and more (DOMAIN)
    [45, 25, 0, 12], // light, dark brown
    [35, 35, 0, 13], // intermediate, brown
    [20, 15, 0, 4], // tan, black
    [0, 15, 0, 2], // brown, black: little dilution
    [-45, 10, 0, 2], // dark, black: little dilution but not undiluted
    [50, 55, 0.7, 24], // light, grey
  ])('ITA %f°, hair L* %f (grey %f) → %i:1 in the last session', (ita, L, grey, parts) => {
    const r = recommend({ ...base, skinTone: { ita, confidence: 0.9 }, hairColour: { lightness: L, greyFraction: grey, confidence: 0.9 }, contrast: null });
    expect(r.sessions.at(-1)!.dilution.value.waterParts).toBe(parts);
  });

  it('starts lighter and darkens: session multipliers 1.5, 1.2, 1', () => {
    const parts = [0, 1, 2].map((k) => dilutionFor(DEFAULT_CLINIC_TABLE, 'intermediate', 'brown', k, 'fill').value.waterParts);
    expect(parts).toEqual([20, 16, 13]);
  });

  it('never goes below 2:1 on brown or dark skin (blue-shift risk) and says so', () => {
    const t = structuredClone(DEFAULT_CLINIC_TABLE) as any;
    t.dilution.rows[5].waterParts.black = 0;
    const d = dilutionFor(parseClinicTable(t), 'dark', 'black', 2, 'fill');
    expect(d.value.waterParts).toBe(2);
    expect(d.reason).toMatch(/blue/);
    const r = recommend({ ...base, skinTone: { ita: -45 } });
    expect(r.warnings.map((w) => w.code)).toContain('blue-shift-risk');
  });

  it.each([
    // ita, calibrated through a card, category read, warned
    [-45, false, 'dark', true],
    [-8.7, undefined, 'brown', true], // L5-026's fused reading, no card
    [-45, true, 'dark', false], // a card sets the exposure too
    [20, false, 'tan', false],
    [36.2, false, 'intermediate', false],
  ] as const)('cautions on a %s° reading (card: %s) read as %s skin without a card: %s', (ita, calibrated, category, warned) => {
    // review of session 45: L4-012's five views 30 % darker read -33.5 deg ("dark", dilution 3:1) for 36.2 deg
    const r = recommend({ ...base, skinTone: { ita, confidence: 0.25, ...(calibrated === undefined ? {} : { calibrated }) } });
    expect(r.basis.skinCategory.value).toBe(category);
    const w = r.warnings.find((x) => x.code === 'dark-skin-unconfirmed');
    expect(Boolean(w)).toBe(warned);
    if (w) {
      expect(w.severity).toBe('caution');
      expect(w.message).toBe(`The photos read ${category} skin (ITA ${ita.toFixed(1)}°) without a colour card: photos exposed darker read darker skin, and the little water this dilution uses cannot be undone on lighter skin. Confirm the skin tone in person (or photograph with a colour card) before the first session.`);
    }
  });

  it('uses less water over scars', () => {
    expect(dilutionFor(DEFAULT_CLINIC_TABLE, 'light', 'dark brown', 2, 'scar').value.waterParts).toBe(10);
  });
});

describe('recommend: needles per zone', () => {
  it.each([
    ['hairline', 'light', 'black', '0601RL', 0.2],
    ['fill', 'light', 'black', '0803RL', 0.25],
    ['fill', 'dark', 'black', '1003RL', 0.3],
    ['fill', 'very light', 'light', '0603RL', 0.2],
    ['scar', 'light', 'black', '0601RL', 0.2],
  ] as const)('%s zone, %s skin, %s hair → %s (%f mm)', (zone, skin, hair, code, mm) => {
    const n = needleFor(DEFAULT_CLINIC_TABLE, zone, skin, hair, 'punctate').value;
    expect(n.code).toBe(code);
    expect(n.diameterMm).toBe(mm);
  });

  it.each([
    ['linear', '0603RL'],
    ['irregular', '0601RL'],
    ['punctate', '0601RL'],
  ] as const)('a %s scar gets its own row of the table (%s)', (kind, code) => {
    expect(needleFor(DEFAULT_CLINIC_TABLE, 'scar', 'light', 'black', kind).value.code).toBe(DEFAULT_CLINIC_TABLE.needles.scar[kind].needle.code);
    expect(DEFAULT_CLINIC_TABLE.needles.scar[kind].needle.code).toBe(code);
  });

  // The review (session 43): one needle for every scar, the first listed's, with no word of the others.
  it("with scars of two kinds, names the other kind's own needle", () => {
    const r = recommend({ ...base, scars: [{ kind: 'linear', ageMonths: 24 }, { kind: 'punctate', ageMonths: 24 }] });
    const needle = r.sessions[0].zones.find((z) => z.zone === 'scar')!.needle;
    expect(needle.value.code).toBe(DEFAULT_CLINIC_TABLE.needles.scar.linear.needle.code);
    expect(needle.reason).toMatch(/^linear scar \(the main scar of those listed\): .*the punctate scar's own needle is 0601RL, 1 point, 0\.20 mm round liner: switch for it\.$/);
    const one = recommend({ ...base, scars: [{ kind: 'punctate', ageMonths: 24 }] }).sessions[0].zones.find((z) => z.zone === 'scar')!.needle.reason;
    expect(one).toMatch(/^punctate scar: /);
    // an irregular and a punctate scar share a needle: nothing to switch
    const same = recommend({ ...base, scars: [{ kind: 'irregular', ageMonths: 24 }, { kind: 'punctate', ageMonths: 24 }] }).sessions[0].zones.find((z) => z.zone === 'scar')!.needle.reason;
    expect(same).not.toMatch(/main scar|switch/);
    expect(one).not.toMatch(/main scar|switch/);
  });

  // The review (session 43): "Light hair on fair skin" for skin never measured, "dark hair" never read.
  it('a needle chosen for the skin and hair says when either was assumed or stated', () => {
    const blondNoSkin = recommend({ ...base, skinTone: null, hairColour: null, statedHairColour: 'blonde' }).sessions[0].zones.find((z) => z.zone === 'fill')!.needle;
    expect(blondNoSkin.value.code).toBe('0603RL');
    expect(blondNoSkin.reason).toMatch(/Here: assumed very light skin \(not measured\) with light hair \(as the client states\)\.$/);
    const darkNoHair = recommend({ ...base, skinTone: { ita: -40, confidence: 0.9 }, hairColour: null }).sessions[0].zones.find((z) => z.zone === 'fill')!.needle;
    expect(darkNoHair.value.code).toBe('1003RL');
    expect(darkNoHair.reason).toMatch(/Here: dark skin with assumed .* hair \(not read\)\.$/);
    expect(recommend({ ...base, skinTone: { ita: -40, confidence: 0.9 } }).sessions[0].zones.find((z) => z.zone === 'fill')!.needle.reason).not.toMatch(/Here:/);
  });

  it('single point at the hairline, groups for fill', () => {
    const r = recommend(base);
    const s = r.sessions[0];
    expect(s.zones.find((z) => z.zone === 'hairline')!.needle.value.points).toBe(1);
    expect(s.zones.find((z) => z.zone === 'fill')!.needle.value.points).toBe(3);
  });
});

describe('recommend: zones, goals, sessions and interval', () => {
  it.each([
    [{ norwood: { level: 1 } }, ['fill']],
    [{ norwood: { level: 3 } }, ['fill']], // density under the hair is assumed for early loss
    [{ norwood: { level: 3 }, goals: 'shaved look' }, ['hairline', 'fill']],
    [{ norwood: { level: 4 } }, ['hairline', 'fill']],
    [{ sex: 'female' as const, norwood: { level: 3 } }, ['fill']],
    [{ norwood: { level: 1 }, scars: [{ kind: 'linear' as const, ageMonths: 20 }] }, ['scar']],
    [{ norwood: { level: 5 }, scars: [{ kind: 'punctate' as const, ageMonths: 20 }] }, ['hairline', 'fill', 'scar']],
  ])('%j → zones %j', (extra, zones) => {
    expect(recommend({ ...base, ...extra }).basis.zones.value).toEqual(zones);
  });

  it('plans 3 sessions 7–14 days apart, 4 sessions 21–28 days apart with scars', () => {
    const plain = recommend(base);
    expect(plain.sessionCount.value).toBe(3);
    expect(plain.intervalDays.value).toEqual({ min: 7, max: 14 });
    expect(plain.sessions.map((s) => s.dayOffset.value)).toEqual([0, 7, 14]);
    const scar = recommend({ ...base, scars: [{ kind: 'linear', ageMonths: 24 }] });
    expect(scar.sessionCount.value).toBe(4);
    expect(scar.intervalDays.value).toEqual({ min: 21, max: 28 });
    // The last session only works the scar.
    expect(scar.sessions[3].zone).toBe('scar');
    expect(scar.sessions[3].zones.map((z) => z.zone)).toEqual(['scar']);
    expect(scar.sessions.map((s) => s.zones.find((z) => z.zone === 'scar')!.densityPerCm2.value)).toEqual([22.5, 45, 67.5, 90]);
  });
});

describe('recommend: a scar too young to treat', () => {
  // It was planned from the first session (22.5/cm², 14:1) beside its "wait" stop warning (the
  // recommendation review, session 43): now its zone stays at no density, and the plan is the hair loss's.
  const young = recommend({ ...base, scars: [{ kind: 'linear', ageMonths: 2, source: 'stated' }] });

  it('leaves the scar zone at no density in every session, saying when it can be treated', () => {
    const scarZones = young.sessions.map((s) => s.zones.find((z) => z.zone === 'scar'));
    expect(scarZones[0]!.densityPerCm2.value).toBe(0);
    expect(scarZones[0]!.densityPerCm2.reason).toMatch(/^not in this plan: a scar is 2 months old and is treated from 6 months \(in about 4 months\)/);
    expect(scarZones.slice(1).every((z) => z === undefined || z.densityPerCm2.value === 0)).toBe(true);
    expect(young.basis.zones.value).toContain('scar');
  });

  it("plans the hair loss's own sessions and intervals, not the scar's", () => {
    const none = recommend(base);
    expect(young.sessionCount.value).toBe(none.sessionCount.value);
    expect(young.intervalDays).toEqual(none.intervalDays);
    expect(young.sessions.map((s) => s.zones.find((z) => z.zone === 'fill')?.densityPerCm2.value)).toEqual(none.sessions.map((s) => s.zones.find((z) => z.zone === 'fill')?.densityPerCm2.value));
  });

  it('gives the dot plan no scar density, and says the plan leaves the scar untreated', () => {
    const specs = sessionsFromRecommendation(young.sessions);
    expect(specs.map((x) => x.zoneDensityPerCm2?.scar)).toEqual(young.sessions.map(() => 0));
    expect(specs[0].densityPerCm2).toBeGreaterThan(0);
    const w = young.warnings.find((x) => x.code === 'scar-too-young')!;
    expect(w.severity).toBe('stop');
    expect(w.message).toMatch(/at least 6–12 months old and has settled\. This plan leaves the scar untreated/);
  });

  it('a clinic minimum of 12 months or more is said as it is, not as "24–12"', () => {
    const t = structuredClone(DEFAULT_CLINIC_TABLE) as any;
    t.scar.minAgeMonths = 24;
    const r = recommend({ ...base, scars: [{ kind: 'linear', ageMonths: 14 }] }, parseClinicTable(t));
    expect(r.warnings.find((x) => x.code === 'scar-too-young')!.message).toMatch(/wait until it is at least 24 months old/);
    expect(recommend({ ...base, scars: [{ kind: 'linear' }] }, parseClinicTable(t)).warnings.find((x) => x.code === 'scar-age-unknown')!.message).toMatch(/at least 24 months old/);
  });

  it('a scar old enough is planned as before', () => {
    const r = recommend({ ...base, scars: [{ kind: 'linear', ageMonths: 7 }] });
    expect(r.sessions[0].zones.find((z) => z.zone === 'scar')!.densityPerCm2.value).toBeGreaterThan(0);
  });
});

describe('recommend: warnings', () => {
  const codes = (input: RecommendInput) => recommend(input).warnings.map((w) => w.code);

  it.each([
    [{ scars: [{ kind: 'linear' as const, ageMonths: 3 }] }, 'scar-too-young', 'stop'],
    [{ scars: [{ kind: 'linear' as const, ageMonths: 12, raised: true }] }, 'scar-raised', 'caution'],
    [{ scars: [{ kind: 'irregular' as const, ageMonths: 12, tone: 'red' as const }] }, 'scar-not-pale', 'caution'],
    [{ scars: [{ kind: 'punctate' as const }] }, 'scar-age-unknown', 'info'],
    [{ age: 22 }, 'young-client', 'caution'],
    [{ skinTone: null }, 'skin-tone-missing', 'caution'],
    [{ skinTone: { ita: 40, confidence: 0.2 } }, 'skin-tone-uncertain', 'caution'],
    [{ hairColour: null }, 'hair-colour-missing', 'caution'],
    [{ skinTone: { ita: 60 }, hairColour: { lightness: 60, greyFraction: 0 }, contrast: { deltaE00: 12 } }, 'low-contrast', 'info'],
    // light hair on darker skin, or named on the form only, had no note (the recommendation review, session 43)
    [{ skinTone: { ita: 20 }, hairColour: { lightness: 60, greyFraction: 0 }, contrast: null }, 'light-hair', 'info'],
    [{ hairColour: null, statedHairColour: 'blonde' }, 'light-hair', 'info'],
    [{ skinTone: { ita: 45 }, hairColour: { lightness: 75, greyFraction: 0.8 } }, 'grey-hair', 'info'],
    // rules no test had checked (the recommendation review, session 43)
    [{ scars: [{ kind: 'linear' as const, ageMonths: 12, deltaE76: 17.8 }] }, 'scar-obvious', 'info'],
    [{ scars: [{ kind: 'linear' as const, ageMonths: 12 }] }, 'scar-retention', 'info'],
    [{ sex: 'male' as const, norwood: { level: 4 } }, 'hairline-conservative', 'info'],
    [{}, 'healed-lighter', 'info'],
  ])('%j warns %s (%s)', (extra, code, severity) => {
    const w = recommend({ ...base, ...extra }).warnings.find((x) => x.code === code);
    expect(w, code).toBeDefined();
    expect(w!.severity).toBe(severity);
  });

  it('no scar-obvious note under ΔE76 17.8 (Cheon 2010), no scar notes without scars', () => {
    expect(codes({ ...base, scars: [{ kind: 'linear', ageMonths: 12, deltaE76: 17.7 }] })).not.toContain('scar-obvious');
    expect(codes(base)).not.toContain('scar-retention');
  });

  it('warns of a cool pigment on dark skin only when no other pigment suits', () => {
    const t = structuredClone(DEFAULT_CLINIC_TABLE) as any;
    t.pigments = [{ id: 'cool', name: 'Blue-black', undertone: 'cool' }];
    t.defaultPigment = 'cool';
    const table = parseClinicTable(t);
    const w = recommend({ ...base, skinTone: { ita: -40 } }, table).warnings.find((x) => x.code === 'cool-pigment-dark-skin');
    expect(w?.severity).toBe('caution');
    expect(w?.message).toMatch(/"Blue-black" is cool-toned: on dark skin it risks a blue\/green shift/);
    expect(recommend({ ...base, skinTone: { ita: 50 } }, table).warnings.map((x) => x.code)).not.toContain('cool-pigment-dark-skin');
  });

  it.each([
    [10, 'low'],
    [30, 'medium'],
    [60, 'high'],
  ] as const)('hair-to-skin ΔE00 %i is %s contrast', (deltaE00, band) => {
    expect(recommend({ ...base, contrast: { deltaE00 } }).basis.contrast.value).toBe(band);
  });

  it('names red hair as red, and says nothing of light hair for dark hair', () => {
    expect(recommend({ ...base, hairColour: null, statedHairColour: 'ginger' }).warnings.find((w) => w.code === 'light-hair')!.message).toMatch(/^Red hair: .*cannot take the hair's red colour/);
    expect(codes(base)).not.toContain('light-hair');
  });

  it("says why the skin tone is missing when the colour stage said why", () => {
    const r = recommend({ ...base, skinTone: null, skinToneMissing: 'not read from any photo: the skin region\'s hue (1°) is outside skin hues (15–95°): pinker than skin (all 5 photos)' });
    expect(r.warnings.find((w) => w.code === 'skin-tone-missing')!.message).toBe(
      "Skin tone could not be measured (not read from any photo: the skin region's hue (1°) is outside skin hues (15–95°): pinker than skin (all 5 photos)): dilution assumes very light skin (the most water: dots can be darkened at the next session, not lightened); do a test patch.",
    );
    expect(recommend({ ...base, skinTone: null }).warnings.find((w) => w.code === 'skin-tone-missing')!.message).toMatch(/^Skin tone could not be measured \(no usable scalp skin in the photos\)/);
  });

  it('says the goal was assumed when neither the goal nor a male client was given', () => {
    expect(recommend({ ...base, sex: undefined }).basis.goal).toEqual({
      value: 'shaved-look',
      source: 'assumed',
      reason: 'Sex and goal not given: the shaved ("buzz-cut") look, the most common SMP goal, is assumed; give the client\'s goal to plan for it.',
    });
    expect(recommend({ ...base, sex: 'other' }).basis.goal.reason).toMatch(/^Goal not given: /);
    // a goal given that names no look is not "not given"
    expect(recommend({ ...base, sex: undefined, goals: 'I want to look younger' }).basis.goal.reason).toMatch(/^The goal "I want to look younger" names no look \(shaved, density or scars\): the shaved/);
    expect(recommend(base).basis.goal.reason).toMatch(/^Assumed for pattern hair loss in men \(no goal given\): the client keeps the head shaved/);
  });

  it('does not use a skin tone measured too unsurely: the lightest category (the most water), with a warning, as if not measured', () => {
    const unsure = recommend({ ...base, skinTone: { ita: -7.8, undertone: 'cool', confidence: 0.045 } });
    const unmeasured = recommend({ ...base, skinTone: null });
    expect(unsure.basis.skinCategory.value).toBe('very light');
    expect(unsure.basis.skinCategory.reason).toBe('ITA -7.8° was measured with confidence 0.04, under the 0.15 a reading needs to be used; the lightest category is assumed (the most water: dots can be darkened later, not lightened).');
    const w = unsure.warnings.find((x) => x.code === 'skin-tone-unreliable')!;
    expect(w.severity).toBe('caution');
    expect(w.message).toMatch(/^Skin tone measured too unsurely to use \(confidence 0\.04\): dilution assumes very light skin \(the most water/);
    // as much water as any measured category gives the same hair (dark brown): 14:1 in the last session, not 9:1
    const lastFill = (r: typeof unsure) => r.sessions.at(-1)!.zones.find((z) => z.zone === 'fill')!.dilution.value.waterParts;
    expect(lastFill(unsure)).toBe(14);
    for (const ita of [60, 45, 35, 20, 0, -40]) expect(lastFill(recommend({ ...base, skinTone: { ita, confidence: 0.9 } }))).toBeLessThanOrEqual(lastFill(unsure));
    expect(unsure.warnings.map((x) => x.code)).not.toContain('blue-shift-risk');
    // the dilution and pigment are those of unmeasured skin
    expect(unsure.pigment.value).toEqual(unmeasured.pigment.value);
    expect(unsure.sessions.map((s) => s.zones.map((z) => z.dilution.value))).toEqual(unmeasured.sessions.map((s) => s.zones.map((z) => z.dilution.value)));
    expect(unsure.confidence).toBe(unmeasured.confidence);
    // nothing else rests on the reading either: no Fitzpatrick note, no contrast band from it
    const withType = recommend({ ...base, skinTone: { ita: -7.8, fitzpatrick: 5, confidence: 0.045 }, contrast: { deltaE00: 12 } });
    expect(withType.warnings.map((x) => x.code)).not.toContain('fitzpatrick-estimated');
    expect(withType.basis.contrast.value).toBe('unknown');
    // at the floor it is used
    expect(recommend({ ...base, skinTone: { ita: -7.8, confidence: 0.15 } }).basis.skinCategory.value).toBe('brown');
  });

  it('is never surer for a reading that is missing than for the weakest reading it would use', () => {
    const at = (skinConfidence: number | null, hairConfidence: number | null) =>
      recommend({
        ...base,
        skinTone: skinConfidence === null ? null : { ita: 40, confidence: skinConfidence },
        hairColour: hairConfidence === null ? null : { lightness: 25, greyFraction: 0, confidence: hairConfidence },
        contrast: null,
      }).confidence;
    expect(at(null, 0.9)).toBeLessThanOrEqual(at(0.15, 0.9));
    expect(at(null, 0.9)).toBeLessThan(at(0.2, 0.9));
    expect(at(0.9, null)).toBeLessThanOrEqual(at(0.9, 0.15));
    expect(at(null, null)).toBeLessThanOrEqual(at(0.15, 0.15));
    expect(at(null, null)).toBeGreaterThan(0);
  });

  it('cautions that a donor area read bare all over (a shaved head) may make the grade too high', () => {
    const w = (input: RecommendInput) => recommend(input).warnings.find((x) => x.code === 'donor-bare');
    const shaved = w({ ...base, norwood: { level: 7, stage: '7', donorBare: 0.995 } })!;
    expect(shaved.severity).toBe('caution');
    expect(shaved.message).toBe(
      "The back and sides (the donor area) read 100 % bare: the head looks shaved, or its hair is too short or light for the photos to show. The grade reads the hair that remains there, so Norwood 7 may be too high: judge the stage in person, or from photos after a few weeks' growth.",
    );
    // under the cut (L7-015 0.80, L6-024's grey stubble 0.81), no donor seen, or a woman: nothing
    expect(w({ ...base, norwood: { level: 6, stage: '6', donorBare: 0.8 } })).toBeUndefined();
    expect(w({ ...base, norwood: { level: 6, stage: '6', donorBare: null } })).toBeUndefined();
    expect(w({ ...base, sex: 'female', norwood: { level: 6, stage: '6', donorBare: 0.99 }, ludwig: { grade: 'II' } })).toBeUndefined();
  });

  it('reads "more coverage" as a density goal', () => {
    expect(recommend({ ...base, sex: 'female', goals: 'more coverage at the crown' }).basis.goal).toMatchObject({ value: 'density', source: 'stated' });
    // a scar named first still leads
    expect(recommend({ ...base, goals: 'coverage of my scar' }).basis.goal.value).toBe('scar-camouflage');
  });

  it('says the added density on the same scale as the cumulative one (the goal factor included)', () => {
    const r = recommend({ ...base, goals: 'more density, I keep my hair long' });
    const added = r.sessions[1].addedPerCm2;
    const m = /^(\d+) % of ([\d.]+) dots\/cm² \(the cumulative figure's full density\) added on top of session 1\.$/.exec(added.reason);
    expect(m, added.reason).not.toBeNull();
    expect(Math.abs((Number(m![1]) / 100) * Number(m![2]) - added.value)).toBeLessThan(0.6);
  });

  it('cautions that density asked for on a temples-and-front stage fills bare skin in front of the hair', () => {
    const caution = (input: RecommendInput) => recommend(input).warnings.find((w) => w.code === 'density-bare-front');
    const asked = { ...base, goals: 'more density, I keep my hair long' };
    for (const stage of ['2', '2A', '3', '3A']) {
      const w = caution({ ...asked, norwood: { level: Number.parseInt(stage, 10), stage } })!;
      expect(w.severity).toBe('caution');
      expect(w.message).toMatch(new RegExp(`^Norwood ${stage} recedes at the temples and front: the plan fills the bare skin there, in front of the hair`));
      expect(w.message).toMatch(/a plan edit with the bald zone's factor at 0 keeps the dots under the hair/);
    }
    // not with a vertex to fill, a later stage, another goal, an assumed goal, or a woman (Ludwig keeps the front)
    expect(caution({ ...asked, norwood: { level: 3, stage: '3V' } })).toBeUndefined();
    expect(caution({ ...asked, norwood: { level: 4, stage: '4' } })).toBeUndefined();
    expect(caution({ ...base, goals: 'shaved look', norwood: { level: 2, stage: '2' } })).toBeUndefined();
    expect(caution({ ...base, norwood: { level: 2, stage: '2' } })).toBeUndefined();
    expect(caution({ ...asked, sex: 'female', norwood: { level: 2, stage: '2' }, ludwig: { grade: 'I' } })).toBeUndefined();
    // a woman whose front her Ludwig grade found receded: the same caution, worded for her
    expect(caution({ ...asked, sex: 'female', norwood: { level: 4, stage: '4' }, ludwig: { grade: 'I', frontalReceded: true } })!.message).toMatch(
      /^The frontal hairline is receded: the plan fills the bare skin there, in front of the hair/,
    );
  });

  it('warns about a possible scar without planning for it', () => {
    const r = recommend({ ...base, possibleScars: [{ photo: 2, kind: 'irregular', confidence: 0.871 }] });
    const w = r.warnings.find((x) => x.code === 'scar-possible')!;
    expect(w.severity).toBe('info');
    expect(w.message).toBe(
      'Photo 3 may show an irregular scar, too unsure to plan for (confidence 0.87): check it in person, and state it with the consultation to plan its camouflage.',
    );
    // with the finder's reason, the reason and not the confidence: "confidence 0.95, too unsure" read as
    // a contradiction for a sure-looking patch at the head's edge
    const edge = recommend({ ...base, possibleScars: [{ photo: 3, kind: 'irregular', confidence: 0.95, unsureWhy: "it lies at the head's edge" }] });
    expect(edge.warnings.find((x) => x.code === 'scar-possible')!.message).toBe(
      "Photo 4 may show an irregular scar, too unsure to plan for (it lies at the head's edge): check it in person, and state it with the consultation to plan its camouflage.",
    );
    expect(r.basis.zones.value).not.toContain('scar');
    expect(r.sessionCount.value).toBe(recommend(base).sessionCount.value);
    expect(() => recommend({ ...base, possibleScars: [{ photo: -1, kind: 'linear' }] })).toThrow(/possibleScars\[0\]\.photo must be a photo index >= 0, got -1/);
    expect(() => recommend({ ...base, possibleScars: [{ photo: 0, kind: 'burn' as never }] })).toThrow(/possibleScars\[0\]\.kind/);
  });

  it('does not warn about scars or youth when there are none', () => {
    const c = codes(base);
    expect(c).not.toContain('scar-too-young');
    expect(c).not.toContain('young-client');
    expect(c).not.toContain('blue-shift-risk');
    expect(c).not.toContain('no-hair-loss');
  });

  it('cautions that SMP may not be needed when no hair loss was graded and no scar is listed', () => {
    const caution = (input: RecommendInput) => recommend(input).warnings.find((w) => w.code === 'no-hair-loss');
    expect(caution({ ...base, norwood: { level: 1 } })).toMatchObject({ severity: 'caution', message: expect.stringMatching(/^The photos show no hair loss \(Norwood 1\): SMP may not be needed/) });
    // A woman is read on her own scale: Ludwig "none", whatever the Norwood level says.
    const woman = { ...base, sex: 'female' as const, norwood: { level: 2 } };
    expect(caution({ ...woman, ludwig: { grade: 'none' } })!.message).toMatch(/^The photos show no clear thinning \(Ludwig\)/);
    expect(caution({ ...woman, ludwig: { grade: 'I' } })).toBeUndefined();
    expect(caution({ ...base, norwood: { level: 1 }, ludwig: { grade: 'II' } })).toBeUndefined();
    // Beside it, the woman's plan note does not name a thinning the grade did not find.
    const note = (input: RecommendInput) => recommend(input).warnings.find((w) => w.code === 'female-pattern')?.message;
    expect(note({ ...woman, ludwig: { grade: 'none' } })).toBe("A woman's plan: the hairline is kept; dots add density between hairs.");
    expect(note({ ...woman, ludwig: { grade: 'II' } })).toBe('Female pattern (Ludwig) thinning: the hairline is kept; dots add density between hairs.');
    // a receded front is not what Ludwig grades: a caution to assess it, not "the hairline is kept" as if all were in pattern
    const receded = recommend({ ...woman, ludwig: { grade: 'I', frontalReceded: true } }).warnings.find((w) => w.code === 'female-pattern')!;
    expect(receded.severity).toBe('caution');
    expect(receded.message).toMatch(/^The frontal hairline is receded, which female pattern thinning \(Ludwig\) keeps: assess the front in person before treating\./);
    // what to check, without saying where the plan put the line (by her front edge, or by head size when no face was found)
    // It said "the plan does not restore the receded front" while the plan filled the temple (the review, session 43).
    expect(receded.message).toMatch(/Check where the plan draws the hairline against her own front edge: its middle keeps to her hair, but its temple ends follow the design rules, so the plan may fill a receded temple corner; .*factor to 0 in a plan edit to add density only\.$/);
    expect(note({ ...woman, ludwig: { grade: 'I', frontalReceded: false } })).toBe('Female pattern (Ludwig) thinning: the hairline is kept; dots add density between hairs.');
    // A scar is something to treat; an ungraded consultation says nothing either way.
    expect(caution({ ...base, norwood: { level: 1 }, scars: [{ kind: 'linear', source: 'stated' }] })).toBeUndefined();
    expect(caution({ ...base, norwood: null })).toBeUndefined();
  });

  it('cautions when no graded photo showed the front, and says so where the hairline zone is chosen', () => {
    const unseen = recommend({ ...base, norwood: { level: 5, stage: '5', frontSeen: false } });
    expect(unseen.warnings.find((w) => w.code === 'front-not-seen')).toMatchObject({
      severity: 'caution',
      message: expect.stringMatching(/^No photo shows the front of the head \(hairline and temples\): Norwood 5 rests on the other views alone/),
    });
    expect(unseen.basis.zones.reason).toContain('hairline: Norwood 5 has a receded front (no photo shows the front: graded from the crown and sides)');
    // a woman is graded on Ludwig, which a back view can show
    const woman = recommend({ ...base, sex: 'female', norwood: { level: 4, stage: '4', frontSeen: false }, ludwig: { grade: 'none' } });
    expect(woman.warnings.map((w) => w.code)).not.toContain('front-not-seen');
    for (const norwood of [{ level: 5, frontSeen: true }, { level: 5 }, null]) {
      const r = recommend({ ...base, norwood });
      expect(r.warnings.map((w) => w.code)).not.toContain('front-not-seen');
      expect(r.basis.zones.reason).not.toContain('no photo shows the front');
    }
  });

  it('cautions when one photo reads far from the others (another person, or a wrong view)', () => {
    const viewOutlier = { photo: 2, view: 'top', level: 6.4, others: 2.3 };
    const r = recommend({ ...base, norwood: { level: 3, stage: '3', viewOutlier } });
    expect(r.warnings.find((w) => w.code === 'views-disagree')).toEqual({
      code: 'views-disagree',
      severity: 'caution',
      message:
        'Photo 3 (top) reads Norwood 6.4 on its own, the other photos 2.3: check that every photo shows this client and is given as the right view. The grade leaves it out; the skin tone still uses it; the plan is drawn on another photo where one can be planned.',
    });
    for (const input of [{ ...base, norwood: { level: 3, viewOutlier: null } }, { ...base, sex: 'female' as const, norwood: { level: 3, viewOutlier }, ludwig: { grade: 'I' as const } }]) {
      expect(recommend(input).warnings.map((w) => w.code)).not.toContain('views-disagree');
    }
  });
});

describe('recommend: pigment and hair', () => {
  it('picks no warm pigment for warm skin when the measured hair reads ash or grey-neutral', () => {
    // L2-022 (second practitioner review): hair #51585c, L* 37, chroma 4.0, h 244°, warm skin
    const ash = recommend({ ...base, skinTone: { ita: 45, undertone: 'warm' }, hairColour: { lightness: 37, chroma: 4, hueAngle: 244 } });
    expect(ash.pigment.value.id).toBe('carbon-black-neutral');
    expect(ash.pigment.reason).toMatch(/^warm skin undertone, but the hair reads ash \(hue 244°, outside the 20–100° of warm brown and blond hair\): no warm-toned pigment/);
    expect(recommend({ ...base, skinTone: { ita: 45, undertone: 'warm' }, hairColour: { lightness: 37, chroma: 1.2, hueAngle: 60 } }).pigment.reason).toMatch(/the hair reads near-neutral \(chroma 1\.2\)/);
    // warm brown hair (h 36-64° in ../shared) keeps the warm pick; a hair colour the client stated has no hue to judge
    expect(recommend({ ...base, skinTone: { ita: 45, undertone: 'warm' }, hairColour: { lightness: 37, chroma: 7, hueAngle: 55 } }).pigment.value.id).toBe('carbon-black-warm');
    expect(recommend({ ...base, skinTone: { ita: 45, undertone: 'warm' }, hairColour: null, statedHairColour: 'brown' }).pigment.value.id).toBe('carbon-black-warm');
    expect(() => recommend({ ...base, hairColour: { lightness: 37, hueAngle: 400 } })).toThrow(/hairColour\.hueAngle must be in 0\.\.360, got 400/);
  });

  it('picks a warm pigment for warm skin with brown hair, the neutral default otherwise', () => {
    expect(recommend({ ...base, skinTone: { ita: 45, undertone: 'warm' }, hairColour: { lightness: 35 } }).pigment.value.id).toBe('carbon-black-warm');
    expect(recommend({ ...base, skinTone: { ita: 45, undertone: 'warm' }, hairColour: { lightness: 15 } }).pigment.value.id).toBe('carbon-black-neutral');
    expect(recommend(base).pigment.value.id).toBe('carbon-black-neutral');
  });

  it('never picks a cool black for dark skin when another pigment suits', () => {
    const t = structuredClone(DEFAULT_CLINIC_TABLE) as any;
    t.pigments.unshift({ id: 'cool', name: 'Blue-black', undertone: 'cool' });
    t.defaultPigment = 'cool';
    const r = recommend({ ...base, skinTone: { ita: -40 } }, parseClinicTable(t));
    expect(r.pigment.value.id).not.toBe('cool');
    expect(r.pigment.reason).toMatch(/blue/);
  });

  it.each([
    ['salt and pepper', 'grey'],
    ['dark brown', 'dark brown'],
    ['Black', 'black'],
    ['blonde', 'light'],
    ['brown', 'brown'],
    ['purple', null],
    // the colour said first; a shade word before "brown" names a brown (the diff review)
    ['Brown, a few grey hairs', 'brown'],
    ['grey, used to be brown', 'grey'],
    ['light brown', 'brown'],
    ['reddish brown', 'brown'],
    ['red', 'light'],
    ['dark blond', 'light'],
    ['strawberry blonde', 'light'],
    // whole words: "colored" holds "red", "fairly" holds "fair" (the recommendation review, session 43)
    ['colored black', 'black'],
    ['coloured, naturally dark brown', 'dark brown'],
    ['fairly dark brown', 'dark brown'],
    ['greying', 'grey'],
    ['dark-brown', 'dark brown'],
    // a colour said as what the hair is not
    ['not black, dark brown', 'dark brown'],
    ['no longer brown, grey now', 'grey'],
    ['never really blond, brown', 'brown'],
  ])('reads stated hair colour "%s" as %s', (text, group) => {
    expect(hairGroupFromText(text)).toBe(group);
  });

  it('uses the stated hair colour when hair was not measured', () => {
    const r = recommend({ ...base, hairColour: null, statedHairColour: 'blond' });
    expect(r.basis.hairGroup.value).toBe('light');
    expect(r.basis.hairGroup.reason).toMatch(/blond/);
  });

  it('rejects nonsense input with a precise message', () => {
    expect(() => recommend({ ...base, skinTone: { ita: NaN } })).toThrow(/skinTone.ita/);
    expect(() => recommend({ ...base, norwood: { level: 9 } })).toThrow(/norwood.level/);
    expect(() => recommend({ ...base, hairColour: { lightness: 130 } })).toThrow(/lightness/);
    // an angle past ±90° and confidences past 1 were taken as they came (the recommendation review, session 43)
    expect(() => recommend({ ...base, skinTone: { ita: 400 } })).toThrow(/skinTone.ita must be a finite number in -90..90/);
    expect(() => recommend({ ...base, skinTone: { ita: -90.5 } })).toThrow(/skinTone.ita/);
    expect(recommend({ ...base, skinTone: { ita: -90 } }).basis.skinCategory.value).toBe('dark');
    expect(() => recommend({ ...base, skinTone: { ita: 45, confidence: 5 } })).toThrow(/skinTone.confidence must be in 0..1/);
    expect(() => recommend({ ...base, hairColour: { lightness: 25, confidence: -0.1 } })).toThrow(/hairColour.confidence must be in 0..1/);
  });
});

describe('clinic tables and inputs', () => {
  it('merges a partial clinic table over the default and validates the result', async () => {
    const { clinicTableFrom, CLINIC_TABLE_JSON_SCHEMA } = await import('../../../../src/plan/recommend/index.js');
    const t = clinicTableFrom({ id: 'c1', pigments: [{ id: 'p', name: 'Brand P', undertone: 'neutral' }], defaultPigment: 'p' });
    expect(t.id).toBe('c1');
    expect(t.pigments.map((p) => p.id)).toEqual(['p']);
    expect(t.naturalDensity.fuPerCm2).toBe(90);
    expect(recommend(base, t).pigment.value.name).toBe('Brand P');
    expect(() => clinicTableFrom({ pigments: [] })).toThrow(/pigments/);
    expect(() => clinicTableFrom('x')).toThrow(/JSON object/);
    expect(CLINIC_TABLE_JSON_SCHEMA).toHaveProperty('properties.dilution');
    // changed without an id of its own, the table is not called "default"; unchanged, it is
    expect(clinicTableFrom({ naturalDensity: { fuPerCm2: 100, reason: 'our count' } }).id).toBe('default+clinic');
    expect(clinicTableFrom({}).id).toBe('default');
  });

  it('refuses a table whose densest zone a plan edit could not send back, and intervals past a year', async () => {
    const { clinicTableFrom } = await import('../../../../src/plan/recommend/index.js');
    // DOMAIN.md: 80–100 FU/cm², impressions ≈ 100/cm²: 200 was taken (the recommendation review, session 43)
    expect(() => clinicTableFrom({ naturalDensity: { fuPerCm2: 200, reason: 'a dense count' } })).toThrow(/naturalDensity.fuPerCm2/);
    const dense = { naturalDensity: { fuPerCm2: 120, reason: 'a dense count' }, zones: { fill: { densityFactor: 1.5, reason: 'denser fill' } } };
    expect(clinicTableFrom(dense).naturalDensity.fuPerCm2 * clinicTableFrom(dense).zones.fill.densityFactor).toBeLessThanOrEqual(200);
    expect(() => clinicTableFrom({ intervalDays: { default: { min: 1_000_000, max: 2_000_000_000, reason: 'a long wait' } } })).toThrow(/intervalDays/);
    expect(clinicTableFrom({ intervalDays: { default: { min: 7, max: 365, reason: 'up to a year' } } }).intervalDays.default.max).toBe(365);
  });

  // Each valid by type, each against DOMAIN.md, each taken and used in silence before (the recommendation
  // review, session 43).
  it.each([
    ['no dilution floor on dark skin', { dilution: { minWaterPartsDarkSkin: 0 } }, /blue\/green shift[\s\S]*minWaterPartsDarkSkin/],
    ['session 1 darkest', { dilution: { sessionMultipliers: [0.5, 1, 2] } }, /session 1 is the lightest/],
    ['a 15-point magnum of 0.5 mm as fill', { needles: { fill: { default: { needle: { code: '0803RL', points: 15, diameterMm: 0.5, configuration: 'magnum' }, reason: 'big' } } } }, /points|diameterMm/],
    ['a code that says another gauge', { needles: { fill: { default: { needle: { code: '0803RL', points: 3, diameterMm: 0.35, configuration: 'round liner' }, reason: 'odd' } } } }, /code 0803RL is gauge 08 \(0\.25 mm\), not 0\.35 mm/],
    ['a code that says another count', { needles: { hairline: { needle: { code: '0601RL', points: 3, diameterMm: 0.2, configuration: 'round liner' }, reason: 'odd' } } }, /code 0601RL has 1 point\(s\), not 3/],
    ['a hairline denser than the fill', { zones: { hairline: { densityFactor: 1.5, reason: 'dense line' } } }, /zones.hairline.densityFactor/],
    ['one scar session', { scar: { sessions: 1 } }, /at least 2: scars are camouflaged in 2–4 sessions/],
    ['scars treated at any age', { scar: { minAgeMonths: 0 } }, /at least 6: camouflage works on scars at least 6–12 months old/],
    ['240:1', { dilution: { rows: DEFAULT_CLINIC_TABLE.dilution.rows.map((r) => ({ ...r, waterParts: { black: 60, 'dark brown': 60, brown: 60, light: 60, grey: 60 } })) } }, /waterParts/],
    ['every head grey', { hairGroups: { greyFractionAtLeast: 0 } }, /greyFractionAtLeast/],
  ])('refuses a table with %s', async (_name, patch, message) => {
    const { clinicTableFrom } = await import('../../../../src/plan/recommend/index.js');
    expect(() => clinicTableFrom(patch)).toThrow(message);
  });

  it('takes a brand code in another form as it is', async () => {
    const { clinicTableFrom } = await import('../../../../src/plan/recommend/index.js');
    const t = clinicTableFrom({ needles: { hairline: { needle: { code: 'NANO-1', points: 1, diameterMm: 0.18, configuration: 'round liner' }, reason: 'our nano needle' } } });
    expect(t.needles.hairline.needle.code).toBe('NANO-1');
  });

  it('builds its input from the fused colour', async () => {
    const { recommendInputFrom } = await import('../../../../src/plan/recommend/index.js');
    const input = recommendInputFrom(
      {
        skinTone: { ita: 30, category: 'intermediate', fitzpatrick: 3, monk: 4, undertone: 'warm', confidence: 0.7 } as any,
        hairColour: { lightness: 22, chroma: 5, greyFraction: 0.1, name: 'dark brown', confidence: 0.8 } as any,
        contrast: { deltaE00: 35, deltaE76: 45, deltaL: 40 },
        calibrated: false,
        reasons: [],
      },
      { norwood: { level: 3 }, age: 33, hairColour: 'brown' },
    );
    expect(input.skinTone!.ita).toBe(30);
    expect(input.hairColour!.lightness).toBe(22);
    expect(input.statedHairColour).toBe('brown');
    const r = recommend(input);
    expect(r.basis.skinCategory.value).toBe('intermediate');
    expect(r.basis.hairGroup.value).toBe('dark brown');
    // the hue reaches the rules; without a skin tone, the colour stage's reason does, once worded
    const noSkin = recommendInputFrom(
      {
        skinTone: null,
        hairColour: { lightness: 37, chroma: 4, hueAngle: 244, greyFraction: 0.08, name: 'brown', confidence: 0.8 } as any,
        contrast: null,
        calibrated: false,
        reasons: ['skin tone: not read from any photo: too little visible scalp skin (12 usable pixels, need 400) (the photo)'],
      },
      {},
    );
    expect(noSkin.hairColour!.hueAngle).toBe(244);
    expect(noSkin.skinToneMissing).toBe('too little visible scalp skin (12 usable pixels, need 400) (the photo)');
  });
});
