import { describe, expect, it } from 'vitest';
import { converter, formatHex } from 'culori';
import { webModule } from './load.js';

interface Described {
  headline: string;
  detail: string;
  stage: string;
  level: number | null;
  probabilities: { level: number; p: number }[];
}
/** The no-break space the page puts between a number and "%". */
const NB = '\u00a0';

interface DescribeModule {
  aboutPercent(p: unknown): string | null;
  describeNorwood(n: unknown): Described | null;
  describeLudwig(n: unknown): Described | null;
  ludwigGrade(s: unknown): number | null;
  describeSkinTone(t: unknown): { headline: string; sure: string | null; lines: string[]; swatch: string | null } | null;
  describeHairColour(h: unknown): { headline: string; sure: string | null; lines: string[]; swatch: string | null } | null;
  describeCoverage(photo: unknown, opts?: { scars?: boolean }): string | null;
  hasScars(c: unknown): boolean;
  monkShade(t: unknown): number | null;
  partialBasis(c: unknown): string | null;
  scaleNote(sex: unknown): string | null;
  withoutCitations(t: string): string;
  withoutDarkBlur(checks: unknown): { id: string }[];
  roughly(n: number): string | null;
  labToHex(lab: [number, number, number]): string;
  reasonsByPhoto(r: unknown): { photo: number | null; view: string | null; text: string }[];
  personDetail(d: string): string;
  NORWOOD_WORDS: Record<string, string>;
}

const d = await webModule<DescribeModule>('describe.js');

describe('describeNorwood', () => {
  it('says the stage in plain words with how sure it is', () => {
    const r = d.describeNorwood({ stage: '4', level: 4, confidence: 0.7, probabilities: { 1: 0, 2: 0, 3: 0.18, 4: 0.7, 5: 0.12, 6: 0, 7: 0 } });
    expect(r!.headline).toBe(`Moderate hair loss at the crown and temples (Norwood 4, about 70${NB}% sure)`);
    expect(r!.probabilities.map((x) => x.level)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r!.probabilities[3].p).toBe(0.7);
  });

  it('names a close second stage and keeps the variant letters', () => {
    const r = d.describeNorwood({ stage: '3v', level: 3, confidence: 0.52, probabilities: { 3: 0.52, 4: 0.41, 2: 0.07 } });
    expect(r!.stage).toBe('3V');
    expect(r!.headline).toBe(`Thinning at the crown, with some hair loss at the temples (Norwood 3V, about 50${NB}% sure)`);
    expect(r!.detail).toContain('Stage 4 is also possible');
  });

  it('has words for all 12 Norwood grades', () => {
    expect(Object.keys(d.NORWOOD_WORDS).sort()).toEqual(['1', '2', '2A', '3', '3A', '3V', '4', '4A', '5', '5A', '6', '7'].sort());
  });

  it('gives nothing for a missing, unassessable or unknown stage', () => {
    expect(d.describeNorwood(null)).toBeNull();
    expect(d.describeNorwood({ stage: null, level: null })).toBeNull();
    expect(d.describeNorwood({ stage: '4', assessable: false })).toBeNull();
    expect(d.describeNorwood({ stage: '9' })).toBeNull();
  });

  it('leaves out the confidence when there is none', () => {
    expect(d.describeNorwood({ stage: '2', level: 2 })!.headline).toBe('Slight hair loss at the temples (Norwood 2)');
  });
});

describe('describeLudwig', () => {
  it('reads Roman and Arabic grades', () => {
    expect([d.ludwigGrade('II'), d.ludwigGrade('3'), d.ludwigGrade(1), d.ludwigGrade('IV'), d.ludwigGrade(null)]).toEqual([2, 3, 1, null, null]);
  });

  it('describes a grade', () => {
    const r = d.describeLudwig({ stage: 'I', confidence: 0.81, probabilities: { 1: 0.81, 2: 0.19 } });
    expect(r!.headline).toBe(`Mild thinning over the top of the head; the front hairline is kept (Ludwig I, about 80${NB}% sure)`);
    expect(r!.probabilities).toEqual([{ level: 1, p: 0.81 }, { level: 2, p: 0.19 }, { level: 3, p: 0 }]);
  });
});

describe('percentages', () => {
  it('rounds a probability to the nearest 5 %', () => {
    // with a no-break space, so large text never leaves "%" alone at the start of a line
    expect([d.aboutPercent(0.7), d.aboutPercent(0.68), d.aboutPercent(0.724), d.aboutPercent(1), d.aboutPercent(0)]).toEqual([
      `about 70${NB}%`,
      `about 70${NB}%`,
      `about 70${NB}%`,
      `about 100${NB}%`,
      `about 0${NB}%`,
    ]);
    expect(d.aboutPercent(1.2)).toBeNull();
    expect(d.aboutPercent(Number.NaN)).toBeNull();
  });

  it('states the scalp coverage as whole percentages', () => {
    expect(d.describeCoverage({ scalpCoverage: { hair: 0.6234, skin: 0.3766, scar: 0 } })).toBe(`The scalp in this photo: hair 62${NB}%, bare scalp 38${NB}%.`);
    expect(d.describeCoverage({ scalpCoverage: { hair: 0.5, skin: 0.45, scar: 0.05 }, coverage: { hair: 0.1, skin: 0.9, scar: 0 } })).toBe(
      `The scalp in this photo: hair 50${NB}%, bare scalp 45${NB}%, scar 5${NB}%.`,
    );
    expect(d.describeCoverage(null)).toBeNull();
    expect(d.describeCoverage({ coverage: null, scalpCoverage: null })).toBeNull();
  });

  // A front view's head region is mostly face: its coverage read "bare scalp 97 %" for a man with a full
  // top of hair (the contract review of session 43). A record from before scalpCoverage says "skin".
  it('without a scalp coverage, says the whole head\'s skin, not bare scalp', () => {
    expect(d.describeCoverage({ coverage: { hair: 0.0253, skin: 0.9745, scar: 0.0002 } })).toBe(`All of your head in this photo: hair 3${NB}%, skin 97${NB}%.`);
  });

  it('gives a small scar share only when the consultation has scars', () => {
    // The review's top photo of a man with no scar: "scar 1 %" (0.78 %) is the segmenter's noise.
    const top = { scalpCoverage: { hair: 0.5088, skin: 0.4834, scar: 0.0078 } };
    expect(d.describeCoverage(top)).toBe(`The scalp in this photo: hair 51${NB}%, bare scalp 48${NB}%.`);
    expect(d.describeCoverage(top, { scars: false })).not.toContain('scar 1');
    expect(d.describeCoverage(top, { scars: true })).toContain(`scar 1${NB}%`);
    expect(d.describeCoverage({ scalpCoverage: { hair: 0.5, skin: 0.5, scar: 0.002 } }, { scars: true })).not.toContain('scar');
    expect(d.hasScars({ scars: { planned: [], possible: [] } })).toBe(false);
    expect(d.hasScars({ scars: { planned: [], possible: [{ kind: 'linear' }] } })).toBe(true);
    expect(d.hasScars({ scars: { planned: [{ kind: 'linear' }], possible: [] } })).toBe(true);
    expect(d.hasScars({ input: { scars: [{ kind: 'punctate' }] } })).toBe(true);
    expect(d.hasScars(null)).toBe(false);
  });
});

describe('colour', () => {
  const toRgb = converter('rgb');
  it('converts CIELAB (D65) to the same sRGB hex as culori', () => {
    for (const lab of [
      [62, 14, 18],
      [35, 8, 12],
      [90, 1, 5],
      [50, 0, 0],
      [20, 5, 10],
      [75, 10, 25],
    ] as [number, number, number][]) {
      const ref = formatHex(toRgb({ mode: 'lab65', l: lab[0], a: lab[1], b: lab[2] }));
      expect(d.labToHex(lab), JSON.stringify(lab)).toBe(ref);
    }
  });

  it('describes skin tone with the Fitzpatrick estimate explained and the ITA angle', () => {
    const tone = { ita: 62.4, category: 'very light', lab: [70, 12, 10], fitzpatrick: 1, monk: 4, monkDeltaE00: 8, monkShown: { shown: true }, undertone: 'warm' };
    const r = d.describeSkinTone(tone);
    expect(r!.headline).toBe('Very light skin tone');
    expect(r!.lines.join(' ')).toContain('Fitzpatrick type I (always burns, never tans)');
    expect(r!.lines.join(' ')).toContain('Monk skin tone 4 of 10');
    // the service's monkShown decides: an answer without it shows no Monk shade
    const { monkShown: _shown, ...older } = tone;
    expect(d.describeSkinTone(older)!.lines.join(' ')).not.toContain('Monk');
    expect(r!.lines.join(' ')).toContain('ITA angle of 62°');
    expect(r!.swatch).toMatch(/^#[0-9a-f]{6}$/);
    expect(d.describeSkinTone({ category: 'light' })).toBeNull();
  });

  // The review's skin tone (A-consultation.json): ITA 56.4°, very light, Fitzpatrick I in a range I–III,
  // Monk 5 at ΔE00 21, confidence 0.45.
  const reviewed = {
    ita: 56.398,
    category: 'very light',
    lab: [72.3, 27.7, 14.8],
    hex: '#ea9e98',
    monk: 5,
    monkDeltaE00: 21.14,
    fitzpatrick: 1,
    fitzpatrickRange: [1, 3],
    undertone: 'cool',
    confidence: 0.453,
  };

  it('shows the Fitzpatrick range, not one type, when the range spans several', () => {
    const text = d.describeSkinTone(reviewed)!.lines.join(' ');
    expect(text).toContain('Fitzpatrick type I to III (from "always burns, never tans" to "sometimes burns, tans gradually")');
    expect(text).not.toContain('Fitzpatrick type I (');
    // a one-type range reads as that type
    expect(d.describeSkinTone({ ...reviewed, fitzpatrickRange: [1, 1] })!.lines.join(' ')).toContain('Fitzpatrick type I (always burns, never tans)');
  });

  it('says how sure the skin tone and the hair colour are, in words', () => {
    expect(d.describeSkinTone(reviewed)!.sure).toBe('unsure');
    expect(d.describeSkinTone(reviewed)!.lines[0]).toMatch(/^How sure we are: unsure\./);
    expect(d.describeSkinTone({ ...reviewed, confidence: 0.9 })!.sure).toBe('fairly sure');
    expect(d.describeSkinTone({ ...reviewed, confidence: undefined })!.sure).toBeNull();
    const hair = d.describeHairColour({ name: 'brown', confidence: 0.654 })!;
    expect(hair.sure).toBe('moderately sure');
    expect(hair.lines.join(' ')).toContain('How sure we are: moderately sure');
  });

  it("shows the Monk shade exactly where the service's monkShown says it is shown", () => {
    // the review's tone: ΔE00 21, which the service does not show ('not-close')
    const hidden = { ...reviewed, monkShown: { shown: false, why: 'not-close' } };
    expect(d.monkShade(hidden)).toBeNull();
    expect(d.describeSkinTone(hidden)!.lines.join(' ')).not.toContain('Monk');
    expect(d.monkShade({ ...reviewed, monkShown: { shown: false, why: 'other-category' } })).toBeNull();
    expect(d.monkShade({ ...reviewed, monkShown: { shown: true } })).toBe(5);
    expect(d.describeSkinTone({ ...reviewed, monkShown: { shown: true } })!.lines.join(' ')).toContain('Monk skin tone 5 of 10');
    // no rule of its own: a close match in the skin's own category, which the service would show, is
    // not shown on an answer that does not say so (an older answer), nor on a malformed one
    for (const monkShown of [undefined, null, {}, { shown: 'yes' }, true]) expect(d.monkShade({ ita: 45, category: 'light', monk: 5, monkDeltaE00: 5, monkShown }), JSON.stringify(monkShown)).toBeNull();
    // shown, but no Monk reading to show
    for (const monk of [undefined, 0, 11, 4.5, '4']) expect(d.monkShade({ ita: 45, monk, monkShown: { shown: true } })).toBeNull();
  });

  it("keeps no copy of the service's Monk rule (its cut, the swatch angles, the ITA bands)", () => {
    const page = d as unknown as Record<string, unknown>;
    for (const name of ['MONK_MAX_DELTA_E00', 'MONK_ITA', 'ITA_LOWER_BOUNDS', 'ITA_CATEGORIES', 'itaCategory']) expect(page[name], name).toBeUndefined();
  });

  it('prefers the service swatch and mentions grey only when there is some', () => {
    expect(d.describeHairColour({ name: 'dark brown', hex: '#3B2A20', greyFraction: 0.12 })).toEqual({ headline: `Dark brown hair, about 10${NB}% grey`, sure: null, lines: [], swatch: '#3b2a20' });
    expect(d.describeHairColour({ name: 'black', greyFraction: 0.01 })!.headline).toBe('Black hair');
    expect(d.describeHairColour({})).toBeNull();
  });
});

describe('reasons and errors', () => {
  it("splits the service's per-photo reasons and cleans error details for a person", () => {
    expect(d.reasonsByPhoto(['photo 2 (top): the photo is blurred', 'no head found', 'photo 6: no head found in the photo'])).toEqual([
      { photo: 1, view: 'top', text: 'the photo is blurred' },
      { photo: null, view: null, text: 'no head found' },
      { photo: 5, view: null, text: 'no head found in the photo' },
    ]);
    expect(d.personDetail('photo 1, field "front" (trunc.jpg): the jpeg file could not be decoded (it looks truncated or damaged): VipsJpeg: premature end of JPEG image')).toBe(
      'the jpeg file could not be decoded (it looks truncated or damaged)',
    );
    expect(d.personDetail('the queue is full')).toBe('the queue is full');
  });
});

describe('qualityNotes', async () => {
  const q = await webModule<{ qualityNotes(x: unknown): { errors: string[]; warnings: string[] } }>('describe.js');
  it('splits the checks into errors and warnings', () => {
    const notes = q.qualityNotes({
      assessable: false,
      reasons: ['the photo is too bright', 'the photo is a little soft'],
      checks: [
        { id: 'blur', severity: 'warning', value: 10, message: 'the photo is a little soft' },
        { id: 'exposure', severity: 'error', value: 230, message: 'the photo is too bright' },
        { id: 'colour-cast', severity: 'ok', value: 0.1, message: 'no strong colour cast' },
      ],
    });
    expect(notes).toEqual({ errors: ['the photo is too bright'], warnings: ['the photo is a little soft'] });
  });

  it('does not call a photo blurred for being dark', () => {
    // The review's darkened back photo: sharp, but its Laplacian variance fell with the light (7.5).
    const notes = q.qualityNotes({
      assessable: false,
      reasons: ['the photo is too dark; turn on the room lights', 'the photo is a little soft; hold the phone still'],
      checks: [
        { id: 'exposure', severity: 'error', value: 21, message: 'the photo is too dark; turn on the room lights' },
        { id: 'blur', severity: 'warning', value: 7.49, message: 'the photo is a little soft; hold the phone still' },
      ],
    });
    expect(notes).toEqual({ errors: ['the photo is too dark; turn on the room lights'], warnings: [] });
  });

  it('keeps a blur error beside a dark warning: the blur is what refuses the photo', () => {
    const notes = q.qualityNotes({
      assessable: false,
      reasons: [],
      checks: [
        { id: 'blur', severity: 'error', value: 4.2, message: 'the photo is blurred; hold the phone still' },
        { id: 'exposure', severity: 'warning', value: 85, message: 'the photo is too dark; turn on the room lights' },
      ],
    });
    expect(notes).toEqual({ errors: ['the photo is blurred; hold the phone still'], warnings: ['the photo is too dark; turn on the room lights'] });
  });

  it('falls back to the reasons when there are no checks', () => {
    expect(q.qualityNotes({ assessable: false, reasons: ['no head found'] })).toEqual({ errors: ['no head found'], warnings: [] });
    expect(q.qualityNotes({ assessable: true, reasons: ['slightly dark'] })).toEqual({ errors: [], warnings: ['slightly dark'] });
    expect(q.qualityNotes(null)).toEqual({ errors: [], warnings: [] });
  });
});

describe('zones and Ludwig none', async () => {
  const z = await webModule<{
    describeZones(zones: unknown, photos?: unknown): string | null;
    describeLudwig(l: unknown): { headline: string; level: number } | null;
  }>('describe.js');
  const EXPLAINED = 'These are shares of each area; the figure under each photo is for all of the scalp that photo shows.';
  const FOREHEAD = 'The front and temple areas also take in some forehead where a photo shows it.';

  it('lists the bare share of each zone the service saw well, most first, and says what the figures are', () => {
    const zones = {
      frontal: { bald: 0.34, photos: [0], seen: 'well' },
      templeLeft: { bald: 0.52, photos: [0], seen: 'well' },
      templeRight: { bald: null, photos: [], seen: 'no' },
      midScalp: { bald: 0.2, photos: [1], seen: 'well' },
      crown: { bald: 0.61, photos: [1], seen: 'well' },
      donor: { bald: 0.02, photos: [2], seen: 'well' },
    };
    const photos = [{ index: 0, view: 'top' }, { index: 1, view: 'top' }, { index: 2, view: 'back' }];
    expect(z.describeZones(zones, photos)).toBe(
      `Bare skin in each area, combined from the photos that show it: crown 60${NB}%, left temple 50${NB}%, front 35${NB}%, top 20${NB}%, back and sides 0${NB}%. ` +
        `${EXPLAINED} Not seen in your photos: right temple.`,
    );
    expect(z.describeZones({ crown: { bald: 0.4, seen: 'well' } })).toBe(`Bare skin in each area, combined from the photos that show it: crown 40${NB}%. ${EXPLAINED}`);
    expect(z.describeZones({ frontal: { bald: null, seen: 'no' } })).toBeNull();
    expect(z.describeZones(undefined)).toBeNull();
  });

  it("takes how well each zone was seen from the service's seen, whatever the views", () => {
    // The review's B: top and back photos refused, only the right side used (photo 1); the service says
    // which zones that photo only glimpses (src/vision/norwood/grade.ts WELL_SEEN_WEIGHT).
    const zones = {
      frontal: { bald: 0.5624, photos: [1], seen: 'partly' },
      templeLeft: { bald: null, photos: [], seen: 'no' },
      templeRight: { bald: 0.7551, photos: [1], seen: 'well' },
      midScalp: { bald: 0.0044, photos: [1], seen: 'partly' },
      crown: { bald: 0.0001, photos: [1], seen: 'partly' },
      donor: { bald: 0.6517, photos: [1], seen: 'well' },
    };
    const photos = [{ index: 0, view: 'top' }, { index: 1, view: 'right' }, { index: 2, view: 'back' }];
    const text = z.describeZones(zones, photos)!;
    expect(text).toBe(
      `Bare skin in each area, combined from the photos that show it: right temple 75${NB}%, back and sides 65${NB}%. ${EXPLAINED} ` +
        'Only partly seen in your photos, so not given: front, top and crown. Not seen in your photos: left temple.',
    );
    expect(text).not.toMatch(/(top|crown) 0/);
    // the page does not second-guess the service: a side photo's crown given as well seen is shown
    expect(z.describeZones({ crown: { bald: 0.3, photos: [1], seen: 'well' } }, photos)).toContain(`crown 30${NB}%`);
    expect(z.describeZones({ crown: { bald: 0.3, photos: [0], seen: 'partly' } }, photos)).toBe('No area of your scalp shows clearly enough in your photos to measure it. Only partly seen in your photos, so not given: crown.');
    // a zone with no figure is not seen, whatever it says
    expect(z.describeZones({ crown: { bald: null, photos: [], seen: 'well' }, donor: { bald: 0.1, photos: [2], seen: 'well' } }, photos)).toContain('Not seen in your photos: crown.');
  });

  it('gives no figure for a zone of a record stored before the service said how well it was seen', () => {
    // No seen: only what no photo measured is known (bald null, no photos); the rest is neither a figure nor "not seen".
    const old = { crown: { bald: 0.0001, photos: [1] }, frontal: { bald: 0.56, photos: [1] }, templeLeft: { bald: null, photos: [] } };
    expect(z.describeZones(old, [{ index: 0, view: 'top' }, { index: 1, view: 'right' }])).toBe('Not seen in your photos: left temple.');
    expect(z.describeZones({ crown: { bald: 0.4, photos: [0] } }, [{ index: 0, view: 'top' }])).toBeNull();
    // an unknown value of seen counts as not said
    expect(z.describeZones({ crown: { bald: 0.4, photos: [0], seen: 'maybe' } })).toBeNull();
  });

  it('says the front box takes in forehead only where a front photo fed it', () => {
    const photos = [{ index: 0, view: 'front' }, { index: 1, view: 'top' }];
    expect(z.describeZones({ frontal: { bald: 0.4, photos: [0, 1], seen: 'well' } }, photos)).toContain(FOREHEAD);
    expect(z.describeZones({ frontal: { bald: 0.4, photos: [1], seen: 'well' } }, photos)).not.toContain(FOREHEAD);
    // a front photo alone weighs too little for the front zone (it takes in the forehead): the service says partly
    expect(z.describeZones({ frontal: { bald: 0.85, photos: [0], seen: 'partly' }, crown: { bald: 0.3, photos: [1], seen: 'well' } }, photos)).toContain(
      'Only partly seen in your photos, so not given: front.',
    );
  });

  it("reads the service's fused zones as fuseMeasurements writes them", async () => {
    // replaces the page's copy of the grader's view weights: the service's own output, a right side photo alone
    const { analyzeGeometry } = await import('../../../src/vision/geometry/analyze.js');
    const { fuseMeasurements } = await import('../../../src/vision/norwood/grade.js');
    const { drawHead } = await import('../vision/geometry/synthetic-head.js');
    const top = analyzeGeometry(drawHead({ view: 'top', bald: (u, v) => u * u + (v + 0.1) ** 2 < 0.25 }), 'top');
    const right = { ...top, view: 'right' as const };
    const { zones } = fuseMeasurements([right], [true]);
    const text = z.describeZones(zones, [{ index: 0, view: 'right' }])!;
    expect(text).toMatch(/^Bare skin in each area, combined from the photos that show it: /);
    expect(text).toContain('Only partly seen in your photos, so not given: ');
    expect(text).toMatch(/not given: [^.]*crown/);
    expect(text).toContain('Not seen in your photos: left temple.');
  });

  it('says when a woman shows no thinning', () => {
    const r = z.describeLudwig({ assessable: true, grade: 'none', confidence: 0.9 });
    expect(r).toMatchObject({ level: 0, headline: `No clear thinning over the top of the head (about 90${NB}% sure)` });
    expect(z.describeLudwig({ assessable: true, grade: 'II', confidence: 0.6 })!.headline).toContain(`(Ludwig II, about 60${NB}% sure)`);
  });
});

describe('recommendation engine answer', async () => {
  const r = await webModule<{
    recommendationView(rec: unknown): {
      rows: { key: string; label: string; value: string; reason: string | null }[];
      technical: { key: string; label: string; value: string; reason: string | null }[];
      basis: string | null;
      notes: { severity: string; text: string }[];
      confidence: number | null;
    };
    planRows(plan: unknown, rec: unknown): { session: number; dots: string; dotsAbout: string; builds: string; densityPerCm2: string; dilution: string; needle: string }[];
    findLinkOf(links: unknown, prefix: string, ext: string[]): string | null;
    needleWords(n: unknown): string | null;
    withoutCitations(t: string): string;
  }>('describe.js');
  const needle = { code: '0603RL', points: 3, diameterMm: 0.2, configuration: 'round liner' };
  const session = (index: number, water: number, density: number) => ({
    index,
    zone: 'fill',
    densityFraction: { value: [0.3, 0.7, 1][index], reason: 'build up gradually' },
    densityPerCm2: { value: density, reason: 'cumulative' },
    dilution: { value: { waterParts: water, pigmentParts: 1, label: `${water}:1` }, reason: 'light skin shows dots strongly' },
    needle: { value: needle, reason: 'fine dots' },
    zones: [],
  });
  const rec = {
    table: { id: 'default', version: '1' },
    basis: {
      skinCategory: { value: 'light', reason: 'ITA 45' },
      hairGroup: { value: 'dark brown', reason: 'L* 28' },
      contrast: { value: 'high', reason: 'dE 30' },
      goal: { value: 'shaved-look', reason: 'default' },
      zones: { value: ['fill', 'hairline'], reason: 'loss' },
    },
    pigment: { value: { id: 'cb-neutral', name: 'Carbon black, neutral (generic)', undertone: 'neutral', hairGroups: [], skinCategories: [] }, reason: 'neutral stays grey-black' },
    sessionCount: { value: 3, reason: 'three sessions build density.' },
    intervalDays: { value: { min: 10, max: 14 }, reason: 'let the skin heal.' },
    sessions: [session(0, 18, 24), session(1, 14, 56), session(2, 12, 80)],
    warnings: [
      { code: 'depth', severity: 'info', message: 'Keep the needle shallow (DOMAIN "Needles and depth").' },
      { code: 'scar-young', severity: 'stop', message: 'The scar is too young: wait.' },
    ],
    confidence: 0.72,
  };

  it('shows the client what it aims for, the pigment and the sessions, in plain words', () => {
    const v = r.recommendationView(rec);
    expect(v.rows.map((x) => [x.key, x.value])).toEqual([
      ['aims', 'A shaved look'],
      ['pigment', 'Carbon black, neutral (generic)'],
      ['sessions', '3 sessions, 10 to 14 days apart'],
    ]);
    expect(v.rows[0].reason).toBe('The plan covers dots over the thin or bare areas and a new hairline.');
    expect(v.rows[2].reason).toMatch(/^Each session adds dots between the earlier ones/);
    expect(v.basis).toBe('Based on: light skin, dark brown hair, strong contrast between hair and skin.');
  });

  it('keeps needle codes, dilution ratios and the engine\'s reasons for the practitioner', () => {
    const v = r.recommendationView(rec);
    expect(v.technical.map((x) => [x.key, x.value])).toEqual([
      ['pigment', 'Carbon black, neutral (generic)'],
      ['sessions', '3 sessions, 10 to 14 days apart'],
      ['dilution', '18:1 in the first session, 12:1 in the last'],
      ['needle', '0603RL, 3 points, 0.20 mm, round liner'],
      ['density', 'about 80 dots per cm² by the last session'],
    ]);
    expect(v.technical[1].reason).toBe('three sessions build density. let the skin heal.');
    const client = JSON.stringify(v.rows);
    for (const jargon of ['0603RL', '18:1', 'per cm²', 'round liner']) expect(client).not.toContain(jargon);
    expect(v.notes).toEqual([
      { severity: 'info', text: 'Keep the needle shallow.' },
      { severity: 'stop', text: 'The scar is too young: wait.' },
    ]);
    expect(v.confidence).toBe(0.72);
  });

  it('still shows simple { value, reason } entries it does not know (to the practitioner), and nothing for nothing', () => {
    expect(r.recommendationView({ hairline: { value: 'natural, slightly irregular', reason: 'avoids the helmet look' } }).technical).toEqual([
      { key: 'hairline', label: 'Hairline', explain: expect.any(String), value: 'natural, slightly irregular', reason: 'avoids the helmet look' },
    ]);
    expect(r.recommendationView(null)).toEqual({ rows: [], technical: [], basis: null, notes: [], confidence: null });
  });

  // The review's B: skin tone not measured, no goal given (B-consultation.json).
  const assumed = {
    ...rec,
    basis: {
      skinCategory: { value: 'very light', source: 'assumed', reason: 'Skin tone not measured; the lightest category is assumed.' },
      hairGroup: { value: 'brown', source: 'measured', reason: 'Hair L* 31.4' },
      contrast: { value: 'unknown', reason: 'not measured' },
      goal: { value: 'shaved-look', source: 'assumed', reason: 'Sex and goal not given: the shaved look is assumed.' },
      zones: { value: ['hairline', 'fill'], reason: 'loss' },
    },
    pigment: { value: { name: 'Carbon black, neutral (generic)' }, reason: 'the default pigment, suited to assumed very light skin (not measured) with brown hair.' },
    intervalDays: { value: { min: 7, max: 14 }, reason: 'Common practice: 1–2 weeks, enough to settle (no published figure; a clinic can set its own).' },
  };

  it('says an assumed skin tone is assumed, and an assumed goal is our suggestion', () => {
    const v = r.recommendationView(assumed);
    expect(v.basis).toBe('Based on: very light skin (assumed, not measured from your photos), brown hair.');
    expect(v.rows[0].value).toBe('We assumed a shaved look');
    expect(v.rows[0].reason).toContain('tell your practitioner what you want');
    expect(v.rows[1].reason).toBe('the default pigment, suited to assumed very light skin (not measured) with brown hair.');
    expect(JSON.stringify(v.rows)).not.toContain('no published figure');
    expect(v.technical.find((x) => x.key === 'sessions')!.reason).toContain('(no published figure; a clinic can set its own)');
  });

  it('takes citations out of a reason for the client', () => {
    expect(r.withoutCitations('Session 3 completes 100 % of natural density (Liu 2025).')).toBe('Session 3 completes 100 % of natural density.');
    expect(r.withoutCitations('Light and sparse (Liu 2025, J Cosmet Dermatol, n = 10): judge the shade.')).toBe('Light and sparse: judge the shade.');
    expect(r.withoutCitations('1–2 weeks (no published figure; a clinic can set its own).')).toBe('1–2 weeks.');
    expect(r.withoutCitations('Keep it shallow (DOMAIN "Needles").')).toBe('Keep it shallow.');
    expect(r.withoutCitations('18:1 for brown hair (Fair skin shows every dot)')).toBe('18:1 for brown hair (Fair skin shows every dot)');
  });

  it('builds the session table from the plan, or from the recommendation without one', () => {
    const plan = { sessions: [{ index: 0, dots: 9849, densityPerCm2: 24, dilution: '18:1', needle: '0603RL, 3 points, 0.20 mm round liner' }], totalDots: 9849 };
    expect(r.planRows(plan, rec)).toEqual([
      { session: 1, dots: '9,849', dotsAbout: '9,800', builds: `30${NB}% of the full density`, densityPerCm2: '24', dilution: '18:1', needle: '0603RL, 3 points, 0.20 mm round liner' },
    ]);
    expect(r.planRows(null, rec).map((x) => [x.session, x.dots, x.densityPerCm2, x.dilution])).toEqual([
      [1, '–', '24', '18:1'],
      [2, '–', '56', '14:1'],
      [3, '–', '80', '12:1'],
    ]);
    expect(r.planRows(undefined, undefined)).toEqual([]);
  });

  it('picks links by kind, so plan.csv is never shown as the plan image', () => {
    const links = { self: '/c', plan: '/c/files/plan.csv', plan_svg: '/c/files/plan.svg', preview: '/c/files/preview.png', report: '/c/files/report.pdf' };
    expect(r.findLinkOf(links, 'plan', ['.svg', '.png'])).toBe('/c/files/plan.svg');
    expect(r.findLinkOf(links, 'report', ['.pdf'])).toBe('/c/files/report.pdf');
    expect(r.findLinkOf(links, 'preview', ['.pdf'])).toBeNull();
  });
});

describe('what the results rest on', () => {
  const quality = (assessable: boolean) => ({ assessable, reasons: [], checks: [] });
  // The review's B: the top photo of a wall and a dark back photo refused, the right side used.
  const b = {
    photos: [
      { index: 0, view: 'top', quality: quality(false), headFound: false },
      { index: 1, view: 'right', quality: quality(true), headFound: true },
      { index: 2, view: 'back', quality: quality(false), headFound: false },
    ],
  };

  it('says when the results rest on some of the photos only', () => {
    expect(d.partialBasis(b)).toMatch(/^Based on 1 of your 3 photos \(right side\): the others could not be judged/);
    const two = { photos: [...b.photos, { index: 3, view: 'front', quality: quality(true), headFound: true }] };
    expect(d.partialBasis(two)).toMatch(/^Based on 2 of your 4 photos \(right side and front\): the others could not/);
    // one photo refused: "the other", not "the others" (the web page review, session 43)
    const one = { photos: [b.photos[1], { index: 3, view: 'front', quality: quality(true), headFound: true }, b.photos[0]] };
    expect(d.partialBasis(one)).toMatch(/^Based on 2 of your 3 photos \(right side and front\): the other could not be judged/);
  });

  it('says nothing when every photo, or none, was used', () => {
    expect(d.partialBasis({ photos: [b.photos[1]] })).toBeNull();
    expect(d.partialBasis({ photos: [b.photos[0], b.photos[2]] })).toBeNull();
    expect(d.partialBasis({})).toBeNull();
  });

  it("says the stage is on the men's scale, and why, when the sex was not given", () => {
    expect(d.scaleNote('')).toContain('Norwood scale, which describes hair loss in men: we use it when you left "Sex" blank');
    expect(d.scaleNote(undefined)).toContain('you left "Sex" blank');
    expect(d.scaleNote('other')).toContain('your sex was not given as female');
    expect(d.scaleNote('male')).toBeNull();
    expect(d.scaleNote('female')).toBeNull();
  });

  it('rounds dot counts to what a person can use', () => {
    expect([d.roughly(9), d.roughly(136), d.roughly(624), d.roughly(2082), d.roughly(18000), d.roughly(-1)]).toEqual(['9', '140', '620', '2,100', '18,000', null]);
  });
});
