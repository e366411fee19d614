// What a practitioner found missing in report.pdf: a scar found only in the photos printed as a fact
// (L3-004's back view: light glinting off dark crown hair read as a sure punctate scar, which alone adds
// the scar zone, a fourth session and longer intervals), densities that are targets printed as if the
// plan reached them (L2-001's front view: 17.3 /cm² on bald against 63, its small bald area almost all
// soft edge), and nothing of what the consultation was given (sex, age, stated hair colour, goals, notes).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planDots } from '../../../../src/plan/dots/plan.js';
import { planSummary, type PlanSummary } from '../../../../src/plan/dots/summary.js';
import { renderReportPdf } from '../../../../src/plan/render/report.js';
import { plannedScarConfidences, scarLines } from '../../../../src/plan/render/report-scars.js';
import { achievedColumns, achievedZones, areaFigures } from '../../../../src/plan/render/report-density.js';
import { givenLines, MAX_NOTES_CHARS, oneParagraph } from '../../../../src/plan/render/report-inputs.js';
import type { RgbImage } from '../../../../src/vision/image.js';
import { sceneLabels, sceneSegmentation } from '../synthetic.js';
import { pdfPages, pdfText } from '../../../helpers/pdf-text.js';

const report = (consultation: Record<string, unknown>, plan?: PlanSummary) => renderReportPdf({ consultation, ...(plan ? { plan } : {}) }).then(pdfText);

/** L3-004's photos as `smp analyze --json` gives them (front, top, left, right, back), with the scars each showed. */
const l3004Photos = [
  { index: 0, view: 'front', viewSource: 'given', scars: [{ kind: 'punctate', confidence: 0.77, sure: false }] },
  { index: 1, view: 'top', viewSource: 'given', scars: [{ kind: 'punctate', confidence: 0.751, sure: true }] },
  { index: 2, view: 'left', viewSource: 'given', scars: [] },
  { index: 3, view: 'right', viewSource: 'given', scars: [] },
  { index: 4, view: 'back', viewSource: 'given', scars: [{ kind: 'punctate', confidence: 0.755, sure: true }] },
];

describe('report: a scar found only in the photos is for the practitioner to confirm', () => {
  it("prints L3-004's found punctate scar with its confidence and that the client did not state it", async () => {
    const text = await report({ pattern: 'norwood', photos: l3004Photos, scars: { planned: [{ kind: 'punctate', source: 'photo', photo: 4 }], possible: [] } });
    if (text === null) return;
    expect(text).not.toContain('Scars: Scar 1 (punctate, found in photo 5)');
    expect(text).toContain(
      'Scar 1: punctate, found in photo 5 (back, confidence 0.76), not stated by the client: confirm it in person the scar zone, its sessions and intervals are planned for this find alone',
    );
  });

  it('leaves stated scars as they were, and says nothing of what rests on a find when a stated scar is planned too', async () => {
    const planned = [
      { kind: 'linear', ageMonths: 14, source: 'stated', photo: undefined },
      { kind: 'punctate', source: 'stated+photo', photo: 4 },
      { kind: 'irregular', source: 'photo', photo: 1 },
    ];
    const photos = l3004Photos.map((p) => (p.index === 1 ? { ...p, scars: [{ kind: 'irregular', confidence: 0.912, sure: true }] } : p));
    const text = await report({ photos, scars: { planned, possible: [] } });
    if (text === null) return;
    expect(text).toContain('Scars: Scar 1 (linear, stated); Scar 2 (punctate, stated, seen in photo 5) Scar 3: irregular, found in photo 2 (top, confidence 0.91), not stated by the client: confirm it in person');
    expect(text).not.toContain('planned for this find alone');
  });

  it('finds each planned scar again among its photo\'s sure finds, surest first, the stated ones first', () => {
    const photos = [{ index: 0, scars: [
      { kind: 'linear', confidence: 0.7, sure: true },
      { kind: 'linear', confidence: 0.95, sure: true },
      { kind: 'linear', confidence: 0.99, sure: false }, // only possible: not planned
      { kind: 'punctate', confidence: 0.8, sure: true },
    ] }];
    const planned = [
      { kind: 'linear', source: 'stated+photo', photo: 0 },
      { kind: 'linear', source: 'photo', photo: 0 },
      { kind: 'punctate', source: 'photo', photo: 0 },
      { kind: 'irregular', source: 'stated' },
    ] as const;
    expect(plannedScarConfidences({ photos }, [...planned])).toEqual([0.95, 0.7, 0.8, null]);
    // a record without the photos' finds: no confidence to print, the rest is said all the same
    expect(scarLines({ scars: { planned: [{ kind: 'punctate', source: 'photo', photo: 4 }] } }).found).toEqual([
      { label: 'Scar 1', value: 'punctate, found in photo 5, not stated by the client: confirm it in person' },
    ]);
  });
});

/** The synthetic scene's plan, with L2-001's front-view figures put in (smp analyze --json). */
function l2001Plan(): PlanSummary {
  const { width, height, labels } = sceneLabels();
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(labels[i] === 1 ? [214, 170, 140] : labels[i] === 2 ? [70, 50, 40] : [120, 120, 125], 3 * i);
  const image: RgbImage = { width, height, data };
  const needle = { code: '0803RL', diameterMm: 0.25 };
  const plan = planSummary(planDots({ image, seg: sceneSegmentation(), view: 'top', scale: 0.4, seed: 4, sessions: [0.3, 0.7, 1].map((f, index) => ({ index, densityPerCm2: 63 * f, dilution: { waterParts: 14 }, needle })) }));
  const figures = [
    { densityPerCm2: 18.9, achievedPerCm2: { bald: 0, thinning: 0.5 }, plannedPerCm2: { bald: 0, thinning: 0.4 } },
    { densityPerCm2: 44.1, achievedPerCm2: { bald: 11.7, thinning: 10.5 }, plannedPerCm2: { bald: 12, thinning: 10.7 } },
    { densityPerCm2: 63, achievedPerCm2: { bald: 17.3, thinning: 15.1 }, plannedPerCm2: { bald: 17.2, thinning: 15.2 } },
  ];
  return { ...plan, areaCm2: { bald: 1.8, thinning: 3.7, scar: 0, hairline: 0 }, sessions: plan.sessions.map((s, k) => ({ ...s, ...figures[k] })) };
}

describe('report: what the dot plan achieves beside its target', () => {
  it("prints L2-001's achieved density on bald scalp and why it is far under the target, and the thinning scalp's beside it", async () => {
    const text = await report({}, l2001Plan());
    if (text === null) return;
    // the headers, wrapped over lines: bald (31 of the 87 dots) and thinning (56 of them) each hold a share
    expect(text).toMatch(/Target \/ Achieved \/ Achieved \/ .*\(bald\) .*\(thinning\)/);
    expect(text).toMatch(/ 3 \d+ \d+ 63 17 15 14:1 0803RL /); // session 3: target 63, achieved 17 on bald, 15 on thinning
    expect(text).toContain(
      "Achieved is the dots this plan places on the bald and on the thinning scalp in this photo, per cm² of each. On the bald scalp, after session 3 it is 17, 73 % under the target of 63: the density tapers over the plan's 7 mm soft edge behind the hairline, and the less bald scalp a photo shows (here 1.8 cm²), the more of it lies in that edge. Thinning scalp takes a share of the target, by the hair it keeps, so it reads under the target.",
    );
    // the area's parts as the note names them
    expect(text).toContain('Treated area in this photo: 5.5 cm² bald 1.8, thinning 3.7, hairline 0, scar 0');
    const pages = await renderReportPdf({ consultation: {}, plan: l2001Plan() }).then(pdfPages);
    expect(pages!.filter((p) => p.trim()).length).toBe(1);
  });

  it('says nothing of a shortfall where the plan reaches its target, and names fewer dots fitting than asked', () => {
    const plan = l2001Plan();
    const reached = { ...plan, sessions: plan.sessions.map((s) => ({ ...s, achievedPerCm2: { bald: s.densityPerCm2 * 0.9 }, plannedPerCm2: { bald: s.densityPerCm2 } })) };
    expect(achievedColumns(reached)!.note).not.toContain('under the target');
    // a plan edit's bald factor lowers the target the bald scalp is held to
    expect(achievedColumns(plan, { bald: 0.25 })!.note).not.toContain('% under the target');
    const crowded = { ...plan, sessions: plan.sessions.map((s) => ({ ...s, achievedPerCm2: { bald: s.densityPerCm2 * 0.5 }, plannedPerCm2: { bald: s.densityPerCm2 } })) };
    expect(achievedColumns(crowded)!.note).toContain('After session 3 it is 32, 50 % under the target of 63: Fewer dots fit there than the plan asks (63 /cm²)');
  });

  it('shows the largest zone where no bald scalp is planned, and keeps the old table for plans without per-zone figures', async () => {
    const plan = l2001Plan();
    const thinning = { ...plan, areaCm2: { ...plan.areaCm2, bald: 0 } };
    expect(achievedZones(thinning)).toEqual(['thinning']);
    expect(achievedColumns(thinning)!.columns.map((c) => c.header)).toEqual(['Achieved /cm² (thinning)']);
    expect(achievedColumns(thinning)!.note).toContain('This photo shows no bald scalp; thinning scalp takes a share of the target, by the hair it keeps');
    const old = { ...plan, sessions: plan.sessions.map(({ achievedPerCm2: _a, plannedPerCm2: _p, ...s }) => s) } as unknown as PlanSummary;
    expect(achievedColumns(old)).toBeNull();
    const text = await report({}, old);
    if (text === null) return;
    expect(text).toContain('Density /cm²');
    expect(text).not.toContain('Achieved');
  });
});

/** Every word of the first page with its box (points), through poppler; null without it. */
function wordBoxes(pdf: Buffer): { text: string; xMax: number; yMin: number }[] | null {
  if (!existsSync('/usr/bin/pdftotext')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const html = execFileSync('/usr/bin/pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, 'r.pdf'), '-']).toString();
    return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({ text: m[3], xMax: Number(m[2]), yMin: Number(m[1]) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('report: what the consultation was given', () => {
  const input = {
    views: ['front', 'top'],
    sex: 'female',
    age: 41,
    hairColour: 'dark brown',
    goals: 'thicker on top\r\nbut keep my own hairline',
    notes: `Allergic to lidocaine.\n\n\tPrefers mornings.\u202e ${'x'.repeat(150)} ${'and more '.repeat(80)}`,
  };

  it('prints sex, age, stated hair colour, goals and notes from the record\'s input, the free text folded and cut', async () => {
    const text = await report({ pattern: 'ludwig', input, hairColour: { name: 'black', confidence: 0.9 } });
    if (text === null) return;
    expect(text).toContain('Given with the consultation Sex: female graded on the Ludwig scale Age: 41 Hair colour as stated: dark brown Goals: “thicker on top / but keep my own hairline” Notes: Allergic to lidocaine. / Prefers mornings. xxxx');
    expect(text).not.toContain('\u202e');
    const notes = givenLines({ input }).find((g) => g.label === 'Notes')!.value;
    expect([...notes].length).toBeLessThanOrEqual(MAX_NOTES_CHARS);
    expect(notes).toMatch(/ and more and…$/); // cut at a word
    expect(text).toContain(notes.slice(-40));
  });

  it('says the sex was not given, and takes the fields the pipeline spreads at the top level (not the analysis\' hair colour reading)', async () => {
    const text = await report({ pattern: 'norwood', age: 29, goals: 'shaved look', hairColour: { name: 'black', confidence: 0.9 }, norwood: { stage: '5', confidence: 0.6 } });
    if (text === null) return;
    expect(text).toContain("Given with the consultation Sex: not given graded as a man's, on the Norwood scale; a woman's hair loss takes another scale: give the sex with the consultation Age: 29 Goals: “shaved look” Assessment");
    expect(text).not.toContain('Hair colour as stated');
    // a plan alone is no consultation: nothing is said to be missing
    const bare = await report({}, l2001Plan());
    expect(bare).not.toContain('Given with the consultation');
  });

  it('keeps a long word and many lines inside the page', async () => {
    const pdf = await renderReportPdf({ consultation: { pattern: 'norwood', input: { sex: 'male', notes: `${'y'.repeat(400)}\n`.repeat(3), goals: 'z'.repeat(250) } } });
    const words = wordBoxes(pdf);
    if (words === null) return;
    const pageWidth = 595.28;
    expect(Math.max(...words.map((w) => w.xMax))).toBeLessThanOrEqual(pageWidth - 40 + 1);
    const ys = words.filter((w) => /^[yz]+…?$/.test(w.text));
    expect(ys.length).toBeGreaterThan(3);
    const assessment = words.find((w) => w.text === 'Assessment');
    expect(assessment).toBeDefined();
    expect(Math.max(...ys.map((w) => w.yMin))).toBeLessThan(assessment!.yMin);
    expect(pdfPages(pdf)!.filter((p) => p.trim()).length).toBe(1);
  });

  it("folds the line breaks of the client's goal where the recommendation quotes it", async () => {
    const goal = { value: 'density', source: 'stated', reason: 'The client wants more apparent density under their hair ("thicker on top\nbut keep my hairline").' };
    const text = await report({ recommendation: { basis: { goal } } });
    if (text === null) return;
    expect(text).toContain('Goal: density under longer hair The client wants more apparent density under their hair ("thicker on top / but keep my hairline").');
  });

  it('folds and cuts free text', () => {
    expect(oneParagraph('  a\r\n\r\nb\tc\u0000d\u200b ', 100)).toBe('a / b c d');
    expect(oneParagraph('\n \t', 100)).toBeNull();
    expect(oneParagraph(42, 100)).toBeNull();
    expect(oneParagraph('one two three four five six seven', 20)).toBe('one two three four…');
    expect(oneParagraph('x'.repeat(30), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
