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
interface DescribeModule {
  aboutPercent(p: unknown): string | null;
  describeNorwood(n: unknown): Described | null;
  describeLudwig(n: unknown): Described | null;
  ludwigGrade(s: unknown): number | null;
  describeSkinTone(t: unknown): { headline: string; lines: string[]; swatch: string | null } | null;
  describeHairColour(h: unknown): { headline: string; swatch: string | null } | null;
  describeCoverage(c: unknown): string | null;
  labToHex(lab: [number, number, number]): string;
  reasonsByPhoto(r: unknown): { photo: number | null; view: string | null; text: string }[];
  personDetail(d: string): string;
  NORWOOD_WORDS: Record<string, string>;
}

const d = await webModule<DescribeModule>('describe.js');

describe('describeNorwood', () => {
  it('says the stage in plain words with how sure it is', () => {
    const r = d.describeNorwood({ stage: '4', level: 4, confidence: 0.7, probabilities: { 1: 0, 2: 0, 3: 0.18, 4: 0.7, 5: 0.12, 6: 0, 7: 0 } });
    expect(r!.headline).toBe('Moderate hair loss at the crown and temples (Norwood 4, about 70 % sure)');
    expect(r!.probabilities.map((x) => x.level)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r!.probabilities[3].p).toBe(0.7);
  });

  it('names a close second stage and keeps the variant letters', () => {
    const r = d.describeNorwood({ stage: '3v', level: 3, confidence: 0.52, probabilities: { 3: 0.52, 4: 0.41, 2: 0.07 } });
    expect(r!.stage).toBe('3V');
    expect(r!.headline).toBe('Thinning at the crown, with some hair loss at the temples (Norwood 3V, about 50 % sure)');
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
    expect(r!.headline).toBe('Mild thinning over the top of the head; the front hairline is kept (Ludwig I, about 80 % sure)');
    expect(r!.probabilities).toEqual([{ level: 1, p: 0.81 }, { level: 2, p: 0.19 }, { level: 3, p: 0 }]);
  });
});

describe('percentages', () => {
  it('rounds a probability to the nearest 5 %', () => {
    expect([d.aboutPercent(0.7), d.aboutPercent(0.68), d.aboutPercent(0.724), d.aboutPercent(1), d.aboutPercent(0)]).toEqual([
      'about 70 %',
      'about 70 %',
      'about 70 %',
      'about 100 %',
      'about 0 %',
    ]);
    expect(d.aboutPercent(1.2)).toBeNull();
    expect(d.aboutPercent(Number.NaN)).toBeNull();
  });

  it('states coverage as whole percentages and leaves out a negligible scar', () => {
    expect(d.describeCoverage({ hair: 0.6234, skin: 0.3766, scar: 0 })).toBe('Of your head in this photo: hair 62 %, bare scalp 38 %.');
    expect(d.describeCoverage({ hair: 0.5, skin: 0.45, scar: 0.05 })).toBe('Of your head in this photo: hair 50 %, bare scalp 45 %, scar 5 %.');
    expect(d.describeCoverage(null)).toBeNull();
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
    const r = d.describeSkinTone({ ita: 38.4, category: 'intermediate', lab: [62, 12, 17], fitzpatrick: 3, monk: 4, undertone: 'warm' });
    expect(r!.headline).toBe('Intermediate skin tone');
    expect(r!.lines.join(' ')).toContain('Fitzpatrick type III (sometimes burns, tans gradually)');
    expect(r!.lines.join(' ')).toContain('Monk skin tone 4 of 10');
    expect(r!.lines.join(' ')).toContain('ITA angle of 38°');
    expect(r!.swatch).toMatch(/^#[0-9a-f]{6}$/);
    expect(d.describeSkinTone({ category: 'light' })).toBeNull();
  });

  it('prefers the service swatch and mentions grey only when there is some', () => {
    expect(d.describeHairColour({ name: 'dark brown', hex: '#3B2A20', greyFraction: 0.12 })).toEqual({ headline: 'Dark brown hair, about 10 % grey', swatch: '#3b2a20' });
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
      reasons: ['the photo is too dark', 'the photo is a little soft'],
      checks: [
        { id: 'blur', severity: 'warning', value: 10, message: 'the photo is a little soft' },
        { id: 'exposure', severity: 'error', value: 20, message: 'the photo is too dark' },
        { id: 'colour-cast', severity: 'ok', value: 0.1, message: 'no strong colour cast' },
      ],
    });
    expect(notes).toEqual({ errors: ['the photo is too dark'], warnings: ['the photo is a little soft'] });
  });

  it('falls back to the reasons when there are no checks', () => {
    expect(q.qualityNotes({ assessable: false, reasons: ['no head found'] })).toEqual({ errors: ['no head found'], warnings: [] });
    expect(q.qualityNotes({ assessable: true, reasons: ['slightly dark'] })).toEqual({ errors: [], warnings: ['slightly dark'] });
    expect(q.qualityNotes(null)).toEqual({ errors: [], warnings: [] });
  });
});

describe('zones and Ludwig none', async () => {
  const z = await webModule<{
    describeZones(zones: unknown): string | null;
    describeLudwig(l: unknown): { headline: string; level: number } | null;
  }>('describe.js');
  it('lists the bare share of each measured zone, most first', () => {
    const zones = {
      frontal: { bald: 0.34, photos: [0] },
      templeLeft: { bald: 0.52, photos: [0] },
      templeRight: { bald: null, photos: [] },
      midScalp: { bald: 0.2, photos: [1] },
      crown: { bald: 0.61, photos: [1] },
      donor: { bald: 0.02, photos: [2] },
    };
    expect(z.describeZones(zones)).toBe(
      'Skin showing by area of your photos, roughly: crown 60 %, left temple 50 %, front 35 %, top 20 %, back and sides 0 %. ' +
        'The front and temple areas also take in some forehead where a photo shows it.',
    );
    expect(z.describeZones({ crown: { bald: 0.4 } })).toBe('Skin showing by area of your photos, roughly: crown 40 %.');
    expect(z.describeZones({ frontal: { bald: null } })).toBeNull();
    expect(z.describeZones(undefined)).toBeNull();
  });

  it('says when a woman shows no thinning', () => {
    const r = z.describeLudwig({ assessable: true, grade: 'none', confidence: 0.9 });
    expect(r).toMatchObject({ level: 0, headline: 'No clear thinning over the top of the head (about 90 % sure)' });
    expect(z.describeLudwig({ assessable: true, grade: 'II', confidence: 0.6 })!.headline).toContain('(Ludwig II, about 60 % sure)');
  });
});

describe('recommendation engine answer', async () => {
  const r = await webModule<{
    recommendationView(rec: unknown): { rows: { key: string; label: string; value: string; reason: string | null }[]; basis: string | null; notes: { severity: string; text: string }[]; confidence: number | null };
    planRows(plan: unknown, rec: unknown): { session: number; dots: string; densityPerCm2: string; dilution: string; needle: string }[];
    findLinkOf(links: unknown, prefix: string, ext: string[]): string | null;
    needleWords(n: unknown): string | null;
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

  it('shows pigment, sessions, dilution, needle and density in words, with reasons', () => {
    const v = r.recommendationView(rec);
    expect(v.rows.map((x) => [x.key, x.value])).toEqual([
      ['pigment', 'Carbon black, neutral (generic)'],
      ['sessions', '3 sessions, 10 to 14 days apart'],
      ['dilution', '18:1 in the first session, 12:1 in the last'],
      ['needle', '0603RL, 3 points, 0.20 mm, round liner'],
      ['density', 'about 80 dots per cm² by the last session'],
    ]);
    expect(v.rows[1].reason).toBe('three sessions build density. let the skin heal.');
    expect(v.basis).toBe('Based on: light skin, dark brown hair, strong contrast between hair and skin, aiming for a shaved look.');
    expect(v.notes).toEqual([
      { severity: 'info', text: 'Keep the needle shallow.' },
      { severity: 'stop', text: 'The scar is too young: wait.' },
    ]);
    expect(v.confidence).toBe(0.72);
  });

  it('still shows simple { value, reason } entries it does not know, and nothing for nothing', () => {
    expect(r.recommendationView({ hairline: { value: 'natural, slightly irregular', reason: 'avoids the helmet look' } }).rows).toEqual([
      { key: 'hairline', label: 'Hairline', explain: expect.any(String), value: 'natural, slightly irregular', reason: 'avoids the helmet look' },
    ]);
    expect(r.recommendationView(null)).toEqual({ rows: [], basis: null, notes: [], confidence: null });
  });

  it('builds the session table from the plan, or from the recommendation without one', () => {
    const plan = { sessions: [{ index: 0, dots: 9800, densityPerCm2: 24, dilution: '18:1', needle: '0603RL, 3 points, 0.20 mm round liner' }], totalDots: 9800 };
    expect(r.planRows(plan, rec)).toEqual([{ session: 1, dots: '9,800', densityPerCm2: '24', dilution: '18:1', needle: '0603RL, 3 points, 0.20 mm round liner' }]);
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
