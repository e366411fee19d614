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
  recommendationRows(r: unknown): { key: string; label: string; explain: string | null; value: string; reason: string | null }[];
  findLink(links: unknown, ...prefixes: string[]): string | null;
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

describe('recommendation and links', () => {
  it('turns { value, reason } entries into labelled rows with explanations', () => {
    const rows = d.recommendationRows({
      pigment: { value: 'neutral dark grey', reason: 'matches dark brown hair on intermediate skin' },
      dilution: { value: 8, reason: 'medium contrast' },
      needle: { value: '0603 (0.20 mm, 3-point)', reason: null },
      sessionCount: 3,
      skipped: null,
    });
    expect(rows.map((r) => r.label)).toEqual(['Pigment shade', 'Dilution', 'Needle', 'Session count']);
    expect(rows[1]).toMatchObject({ value: '8', reason: 'medium contrast' });
    expect(rows[1].explain).toContain('parts of water');
    expect(rows[3]).toMatchObject({ value: '3', reason: null, explain: null });
  });

  it('finds links by key prefix, the shortest key first', () => {
    const links = { self: '/x', plan_svg: '/p.svg', preview_top: '/pt.png', report: '/r.pdf', plan_csv: '/p.csv' };
    expect(d.findLink(links, 'preview')).toBe('/pt.png');
    expect(d.findLink(links, 'report')).toBe('/r.pdf');
    expect(d.findLink(links, 'plan_svg', 'plan')).toBe('/p.svg');
    expect(d.findLink(links, 'audit')).toBeNull();
    expect(d.findLink(undefined, 'report')).toBeNull();
  });

  it("splits the service's per-photo reasons and cleans error details for a person", () => {
    expect(d.reasonsByPhoto(['photo 2 (top): the photo is blurred', 'no head found'])).toEqual([
      { photo: 1, view: 'top', text: 'the photo is blurred' },
      { photo: null, view: null, text: 'no head found' },
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
    expect(z.describeZones(zones)).toBe('Bare scalp by area, roughly: crown 60 %, left temple 50 %, front 35 %, top 20 %, back and sides 0 %.');
    expect(z.describeZones({ frontal: { bald: null } })).toBeNull();
    expect(z.describeZones(undefined)).toBeNull();
  });

  it('says when a woman shows no thinning', () => {
    const r = z.describeLudwig({ assessable: true, grade: 'none', confidence: 0.9 });
    expect(r).toMatchObject({ level: 0, headline: 'No clear thinning over the top of the head (about 90 % sure)' });
    expect(z.describeLudwig({ assessable: true, grade: 'II', confidence: 0.6 })!.headline).toContain('(Ludwig II, about 60 % sure)');
  });
});
