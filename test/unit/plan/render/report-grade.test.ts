// What a practitioner found missing or misleading in report.pdf for held-out people: a Monk shade the
// web page hides (L3-033, L4-012, L6-027), "clinicians agree within ±1 stage" read as agreement with this
// grade, no close second stage and no per-zone figures, a woman's Ludwig notes dropped (L3-033 as
// female: a receded frontal hairline), and "Healed Ø" for a by-eye preview size.
import { describe, expect, it } from 'vitest';
import { planDots } from '../../../../src/plan/dots/plan.js';
import { planSummary } from '../../../../src/plan/dots/summary.js';
import { renderReportPdf } from '../../../../src/plan/render/report.js';
import { ALSO_POSSIBLE_MIN_P, ludwigCaveats, norwoodStageWords, zoneShareWords } from '../../../../src/plan/render/report-grade.js';
import type { RgbImage } from '../../../../src/vision/image.js';
import { sceneLabels, sceneSegmentation } from '../synthetic.js';
import { pdfText } from '../../../helpers/pdf-text.js';

const report = (consultation: Record<string, unknown>) => renderReportPdf({ consultation }).then(pdfText);
const fivePhotos = ['front', 'top', 'left', 'right', 'back'].map((view, index) => ({ index, view, viewSource: 'given' }));
/** L6-027's fused zones as the service gives them (norwood.measurements.zones). */
const l6027Zones = {
  frontal: { bald: 0.9971, photos: [0, 1, 2, 3], seen: 'well' },
  templeLeft: { bald: 0.9882, photos: [0, 1, 2], seen: 'well' },
  templeRight: { bald: 0.9982, photos: [0, 1, 3], seen: 'well' },
  midScalp: { bald: 0.9583, photos: [0, 1, 2, 3, 4], seen: 'well' },
  crown: { bald: 0.8123, photos: [1, 2, 3, 4], seen: 'well' },
  donor: { bald: 0.8029, photos: [1, 2, 3, 4], seen: 'well' },
};
const l6027Norwood = {
  stage: '7',
  level: 7,
  confidence: 0.5332,
  probabilities: { 1: 0, 2: 0, 3: 0.0005, 4: 0.0084, 5: 0.0718, 6: 0.3861, 7: 0.5332 },
  reasons: [],
  measurements: { zones: l6027Zones },
};

describe('report: Monk shade only where the web page shows it', () => {
  it('says no Monk swatch is close when the skin is more than 15 ΔE00 from it (L6-027: Monk 5 at 18.9)', async () => {
    const skinTone = { ita: 56.96, itaUncertainty: 9.9, category: 'very light', fitzpatrick: 1, fitzpatrickRange: [1, 3], monk: 5, monkDeltaE00: 18.89, confidence: 0.9 };
    const [far, close, otherCategory] = await Promise.all([
      report({ skinTone }),
      report({ skinTone: { ...skinTone, monk: 4, monkDeltaE00: 12 } }),
      // L4-012: intermediate skin, whose nearest swatch (Monk 5) is light
      report({ skinTone: { ...skinTone, ita: 36.2, category: 'intermediate', monkDeltaE00: 12 } }),
    ]);
    if (far === null) return;
    expect(far).toContain('Fitzpatrick ~1 (estimate, types 1-3 possible), no Monk swatch close, confidence 0.90');
    expect(far).not.toMatch(/Monk \d/);
    expect(close).toContain('types 1-3 possible), Monk 4, confidence 0.90');
    expect(otherCategory).toContain('no Monk swatch of this ITA category');
    expect(otherCategory).not.toMatch(/Monk \d/);
  });
});

describe('report: the grade as a practitioner weighs it', () => {
  it('names the levels close behind the stage, most likely first', () => {
    expect(norwoodStageWords({ stage: '6', level: 6, confidence: 0.39, probabilities: { 4: 0.1, 5: 0.24, 6: 0.39, 7: 0.23, 3: 0.04 } })).toBe('Norwood 6 (p 0.39); 5 (0.24) and 7 (0.23) also possible');
    expect(norwoodStageWords(l6027Norwood)).toBe('Norwood 7 (p 0.53); 6 (0.39) also possible');
    // L3-033: 3 at 0.10 is under ALSO_POSSIBLE_MIN_P
    expect(ALSO_POSSIBLE_MIN_P).toBe(0.2);
    expect(norwoodStageWords({ stage: '2', level: 2, confidence: 0.8951, probabilities: { 1: 0, 2: 0.8951, 3: 0.0955, 4: 0.0088 } })).toBe('Norwood 2 (p 0.90)');
    // a variant: its level's probability; a record without probabilities: the confidence
    expect(norwoodStageWords({ stage: '3V', level: 3, confidence: 0.45, probabilities: { 3: 0.45, 4: 0.3, 2: 0.25 } })).toBe('Norwood 3V (p 0.45); 4 (0.30) and 2 (0.25) also possible');
    expect(norwoodStageWords({ stage: '3', confidence: 0.39 })).toBe('Norwood 3 (p 0.39)');
    expect(norwoodStageWords({ stage: null })).toBeNull();
  });

  it('says clinicians agree with each other only moderately, not that they agree with this grade (L6-027)', async () => {
    const text = await report({ pattern: 'norwood', photos: fivePhotos, norwood: l6027Norwood });
    if (text === null) return;
    expect(text).not.toContain('clinicians agree within ±1 stage');
    expect(text).toContain('Hair loss stage: Norwood 7 (p 0.53); 6 (0.39) also possible clinicians grading the same photos agree with each other only moderately (the same stage 62–69 % of the time): read ±1 stage as the realistic error');
  });

  it('prints the bare share of each zone and how well the photos saw it (L6-027)', async () => {
    const text = await report({ pattern: 'norwood', photos: fivePhotos, norwood: l6027Norwood });
    if (text === null) return;
    expect(text).toContain(
      'Bare by zone: frontal 100 %, left temple 99 %, right temple 100 %, mid-scalp 96 %, crown 81 %, donor 80 % bare share of each zone, combined over the photos that show it; every figure seen well; the frontal and temple figures take in some forehead where the front photo shows it.',
    );
  });

  it('marks a zone only glimpsed or not seen, and gives an older record\'s figures without a judgement', () => {
    const glimpsed = { ...l6027Zones, crown: { bald: 0.41, photos: [2, 3], seen: 'partly' }, donor: { bald: null, photos: [], seen: 'no' } };
    const [value, note] = zoneShareWords(glimpsed, fivePhotos.slice(0, 4))!;
    expect(value.replace(/\u00a0/g, ' ')).toBe('frontal 100 %, left temple 99 %, right temple 100 %, mid-scalp 96 %, crown 41 % (partly seen), donor not seen');
    expect(note).toContain("unmarked figures seen well; 'partly seen': only photos that glimpse the zone measured it, a rough figure");
    // stored before `seen`: the figures as they are, no "seen well"; no front photo, no forehead note
    const old = Object.fromEntries(Object.entries(l6027Zones).map(([k, z]) => [k, { bald: z.bald, photos: z.photos.filter((i) => i > 0) }]));
    const [oldValue, oldNote] = zoneShareWords({ ...old, donor: { bald: null, photos: [] } }, fivePhotos)!;
    expect(oldValue.replace(/\u00a0/g, ' ')).toBe('frontal 100 %, left temple 99 %, right temple 100 %, mid-scalp 96 %, crown 81 %, donor not measured');
    expect(oldNote).toBe('bare share of each zone, combined over the photos that show it.');
    expect(zoneShareWords(undefined)).toBeNull();
  });

  it("prints the grade's caveats (a photo left out as an outlier) beside the stage", async () => {
    const reasons = ['photo 3 (left) reads level 3.0, the other photos 6.2, and was left out of the grade: check that it shows the same person and the view given'];
    const text = await report({ pattern: 'norwood', photos: fivePhotos, norwood: { ...l6027Norwood, reasons } });
    if (text === null) return;
    expect(text).toContain('Norwood caveats: photo 3 (left) reads level 3.0, the other photos 6.2, and was left out of the grade');
  });
});

describe("report: a woman's Ludwig notes", () => {
  const ludwig = {
    grade: 'none',
    confidence: 0.7185,
    reasons: [],
    notes: ['the frontal hairline is receded: Ludwig assumes it is kept; the Norwood pattern may describe this loss better'],
    measurements: { zones: l6027Zones },
  };

  it('prints the notes and reasons under the grade (L3-033 as female: a receded hairline)', async () => {
    const text = await report({ pattern: 'ludwig', photos: fivePhotos, norwood: l6027Norwood, ludwig });
    if (text === null) return;
    expect(text).toContain('Hair loss stage: no clear thinning (Ludwig) confidence 0.72 Ludwig caveats: the frontal hairline is receded: Ludwig assumes it is kept; the Norwood pattern may describe this loss better');
    expect(text).toContain('Bare by zone: frontal 100 %');
    expect(ludwigCaveats({ ...ludwig, reasons: ['no top photo'], notes: ['no top photo: the part line was not measured'] })).toEqual(['no top photo', 'no top photo: the part line was not measured']);
    expect(ludwigCaveats(null)).toEqual([]);
  });
});

// The not-assessable review (session 43): a woman's report for a photo of a wall repeated the reasons as
// "Ludwig caveats" and printed "Bare by zone: frontal not seen, …, donor not seen — …; every figure seen
// well"; every report ended by calling a healed-result image a simulation, with none in it.
describe('report: a consultation that could not be judged', () => {
  const unseen = Object.fromEntries(Object.keys(l6027Zones).map((z) => [z, { bald: null, photos: [], seen: 'no' }]));
  const notJudged = {
    assessable: false,
    reasons: ['photo 1 (top): no head found'],
    pattern: 'ludwig',
    photos: [{ index: 0, view: 'top', viewSource: 'given' }],
    ludwig: { grade: null, confidence: 0, reasons: ['no top or back photo shows the crown and mid-scalp'], notes: [], measurements: { zones: unseen } },
  };

  it("prints a woman's reasons once, with no caveats or zone line under no grade", async () => {
    const text = await report(notJudged);
    if (text === null) return;
    expect(text).toContain('Not assessable: photo 1 (top): no head found');
    expect(text).not.toContain('Ludwig caveats');
    expect(text).not.toContain('Bare by zone');
  });

  it('calls no figure "seen well" where no zone was seen', () => {
    const [parts, note] = zoneShareWords(unseen)!;
    expect(parts).toMatch(/^frontal not seen, .*donor not seen$/);
    expect(note).not.toContain('seen well');
  });

  it('speaks of the healed-result simulation only where the report shows one', async () => {
    const text = await report(notJudged);
    if (text === null) return;
    expect(text).not.toContain('healed-result image');
    expect(text).toContain('Stage and skin tone are photo estimates, not a diagnosis.');
  });
});

describe('report: the preview dot size is not a healed size', () => {
  it('calls the 0.60 mm column the dot as the preview draws it in a photo, never the healed dot size', async () => {
    const { width, height, labels } = sceneLabels();
    const data = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) data.set(labels[i] === 1 ? [214, 170, 140] : labels[i] === 2 ? [70, 50, 40] : [120, 120, 125], 3 * i);
    const image: RgbImage = { width, height, data };
    const needle = { code: '0803RL', diameterMm: 0.25 };
    const plan = planDots({ image, seg: sceneSegmentation(), view: 'top', scale: 0.4, seed: 4, sessions: [0.3, 1].map((f, index) => ({ index, densityPerCm2: 90 * f, dilution: { waterParts: 12 }, needle })) });
    const text = await renderReportPdf({ consultation: {}, plan: planSummary(plan) }).then(pdfText);
    if (text === null) return;
    expect(text).not.toMatch(/Healed Ø/);
    expect(text).toMatch(/Main Preview Est\. time .*needle dot Ø mm/); // the header, wrapped over two lines
    expect(text).toContain('0.60');
    expect(text).toContain(
      "Preview dot Ø is the dot's apparent size in a photo as the healed-result simulation draws it: 2.4 times the needle diameter in the settings table, for ink spread plus light scatter in the skin blurring it. A by-eye model, not a size measured on the skin (at the surface a healed dot looks about 0.1 mm).",
    );
  });
});
