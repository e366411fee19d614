// What a consultation without a crown view (top / back) or a hairline view (front / top) leaves open: said
// in norwood.reasons and printed beside the stage in the report (practitioner review: a lone front photo
// was graded Norwood 2 with no word that the crown was never seen).
import { describe, expect, it } from 'vitest';
import { renderReportPdf } from '../../../../src/plan/render/report.js';
import { analyzeGeometry } from '../../../../src/vision/geometry/analyze.js';
import type { PhotoGeometry } from '../../../../src/vision/geometry/types.js';
import { gradeNorwood } from '../../../../src/vision/norwood/grade.js';
import type { GraderParams, OrdinalModel } from '../../../../src/vision/norwood/params.js';
import { A_VARIANT_UNCHECKED, DEFAULT_STAGE_RULES, unseenZoneReasons, VERTEX_UNCHECKED } from '../../../../src/vision/norwood/rules.js';
import { MASK_FEATURES } from '../../../../src/vision/norwood/view-features.js';
import { drawHead } from '../geometry/synthetic-head.js';
import { pdfText } from '../../../helpers/pdf-text.js';

// The hand-made grader of grade.test.ts: every view reads only the overall bald share.
function ordinalOnBald(): OrdinalModel {
  const beta = new Array(MASK_FEATURES).fill(0);
  beta[MASK_FEATURES - 3] = 10;
  return { mean: new Array(MASK_FEATURES).fill(0), scale: new Array(MASK_FEATURES).fill(1), beta, thresholds: [2.5, 4, 5.5, 7, 8.5] };
}
const vm = { full: null, maskOnly: ordinalOnBald(), weight: 1, weightMaskOnly: 1 };
const params: GraderParams = { levels: [2, 3, 4, 5, 6, 7], preferred: 'full', views: { front: vm, top: vm, left: vm, right: vm, back: vm }, rules: DEFAULT_STAGE_RULES };

const bald = (r: number) => (u: number, v: number) => u * u + (v + 0.1) ** 2 < r * r;
const photo = (view: 'top' | 'front' | 'back' | 'left' | 'right', r = 0.3): PhotoGeometry => analyzeGeometry(drawHead({ view, bald: bald(r) }), view);
const CROWN = /^no (usable )?top or back photo: the crown was (not seen|seen only at an angle, from the side)/;
const HAIRLINE = /^no (usable )?front or top photo: the frontal hairline and temples were not seen/;

describe('what missing views leave open (norwood.reasons)', () => {
  it('a lone front photo says the crown was not seen and what that leaves open', () => {
    // the synthetic front frames the face's skin too: its thresholds are raised so that it reads level 2
    const frontLow = { ...params, views: { ...params.views, front: { ...vm, maskOnly: { ...ordinalOnBald(), thresholds: [20, 21, 22, 23, 24] } } } };
    const r = gradeNorwood([photo('front')], { params: frontLow });
    expect(r.assessable).toBe(true);
    expect(r.level).toBe(2);
    expect(r.reasons).toContain('no top or back photo: the crown was not seen, so a vertex (3V) or crown loss (stage 4 and up) cannot be ruled out');
    expect(r.reasons.some((x) => HAIRLINE.test(x))).toBe(false);
  });

  it('a top photo shows both: no zone reason', () => {
    const r = gradeNorwood([photo('top')], { params });
    expect(r.reasons.some((x) => CROWN.test(x) || HAIRLINE.test(x))).toBe(false);
  });

  it('left + back: the hairline was not seen, once, in place of the rules\u2019 own "not checked" note', () => {
    const r = gradeNorwood([photo('left'), photo('back')], { params });
    expect(r.reasons.filter((x) => HAIRLINE.test(x))).toHaveLength(1);
    expect(r.reasons.some((x) => CROWN.test(x))).toBe(false);
    expect(r.reasons).not.toContain(A_VARIANT_UNCHECKED);
    expect(r.reasons.join(' ')).not.toMatch(/level 1 not checked/);
  });

  it('sides only: neither zone was seen, both are said', () => {
    const r = gradeNorwood([photo('left'), photo('right')], { params });
    expect(r.reasons.filter((x) => CROWN.test(x) || HAIRLINE.test(x))).toHaveLength(2);
  });

  it('a photo with no head (no view read: its view a placeholder) is no "usable" photo of that view', () => {
    const blob = { ...photo('back'), headFound: false, assessable: false, viewSource: 'none' as const, reasons: ['no head found'] };
    const r = gradeNorwood([photo('front'), blob], { params });
    expect(r.reasons.some((x) => x.startsWith('no top or back photo: the crown was not seen'))).toBe(true);
  });

  it('a top photo sent but not graded (quality gate) is "no usable" top photo', () => {
    const refused = { ...photo('top'), assessable: false, reasons: ['the photo failed the quality gate'] };
    const r = gradeNorwood([photo('front'), refused], { params });
    expect(r.reasons.some((x) => x.startsWith('no usable top or back photo: the crown was not seen'))).toBe(true);
  });

  it('a lone photo still grades on its own distribution (measured calibrated per view subset: see grade.ts)', () => {
    const r = gradeNorwood([photo('back')], { params });
    expect(r.views[0].weight).toBe(1);
    for (const l of ['3', '4', '5', '6', '7']) expect(r.probabilities![l]).toBeCloseTo(r.views[0].probabilities![l], 3);
  });
});

describe('unseenZoneReasons', () => {
  const set = (...v: string[]) => new Set(v) as Set<never>;
  it('names the stages each missing zone leaves open, by level', () => {
    expect(unseenZoneReasons(2, '2', set('front'), set('front')).crown).toMatch(/a vertex \(3V\) or crown loss \(stage 4 and up\) cannot be ruled out$/);
    expect(unseenZoneReasons(3, '3V', set('left'), set('left')).crown).toMatch(/how far the crown loss goes \(a higher stage\) cannot be ruled out$/);
    expect(unseenZoneReasons(5, '5', set('front'), set('front')).crown).toMatch(/how far the crown loss goes/);
    expect(unseenZoneReasons(7, '7', set('front'), set('front')).crown).toBeNull();
    expect(unseenZoneReasons(2, '2', set('back'), set('back')).hairline).toMatch(/level 1 \(no recession\), 2 and 2A .* cannot be told apart$/);
    expect(unseenZoneReasons(4, '4', set('back'), set('back')).hairline).toMatch(/an A variant \(4A, the front receding as one band\) cannot be ruled out$/);
    // the views the front was judged from, as they were
    expect(unseenZoneReasons(6, '6', set('back'), set('back')).hairline).toMatch(/judged from the back only$/);
    expect(unseenZoneReasons(6, '6', set('left', 'back'), set('left', 'back')).hairline).toMatch(/judged from the sides and the back only$/);
    // side photos measure the crown at an angle: it was seen, not well
    expect(unseenZoneReasons(3, '3V', set('left', 'right'), set('left', 'right')).crown).toMatch(/the crown was seen only at an angle, from the side, so how far/);
    expect(unseenZoneReasons(2, '2', set('front'), set('front')).crown).toMatch(/the crown was not seen/);
    expect(unseenZoneReasons(4, '4', set('top'), set('top'))).toEqual({ crown: null, hairline: null });
    expect(unseenZoneReasons(4, '4', set('front', 'back'), set('front', 'back'))).toEqual({ crown: null, hairline: null });
    expect(unseenZoneReasons(4, '4', set('front'), set('front', 'top')).crown).toMatch(/^no usable top or back photo/);
    expect(VERTEX_UNCHECKED).toMatch(/vertex variant not checked/);
  });
});

describe('the report prints the Norwood caveats beside the stage', () => {
  it('a man\u2019s report lists norwood.reasons after the stage; none when there are none, nor for a woman', async (ctx) => {
    const crown = 'no top or back photo: the crown was not seen, so a vertex (3V) or crown loss (stage 4 and up) cannot be ruled out';
    const norwood = { stage: '2', level: 2, confidence: 0.68, reasons: [crown] };
    const [man, clean, woman] = await Promise.all([
      renderReportPdf({ consultation: { pattern: 'norwood', assessable: true, reasons: [], norwood } }).then(pdfText),
      renderReportPdf({ consultation: { pattern: 'norwood', assessable: true, reasons: [], norwood: { ...norwood, reasons: [] } } }).then(pdfText),
      renderReportPdf({ consultation: { pattern: 'ludwig', assessable: true, reasons: [], norwood, ludwig: { grade: 'I', confidence: 0.6 } } }).then(pdfText),
    ]);
    if (man === null) return ctx.skip();
    expect(man).toContain('Hair loss stage: Norwood 2 (p 0.68) clinicians grading the same photos agree with each other only moderately (the same stage 62–69 % of the time): read ±1 stage as the realistic error Norwood caveats: no top or back photo: the crown was not seen, so a vertex (3V) or crown loss (stage 4 and up) cannot be ruled out');
    expect(clean).not.toContain('Norwood caveats');
    expect(woman).not.toContain('Norwood caveats');
  });

  it('leaves the hairline caveat to the front-not-seen caution when the recommendation has one', async (ctx) => {
    const hairline = 'no front or top photo: the frontal hairline and temples were not seen, so the front was judged from the back only';
    const norwood = { stage: '6', level: 6, confidence: 0.5, reasons: [hairline] };
    const recommendation = { warnings: [{ code: 'front-not-seen', severity: 'caution', message: 'No photo shows the front of the head.' }] };
    const [warned, alone] = await Promise.all([
      renderReportPdf({ consultation: { pattern: 'norwood', assessable: true, reasons: [], norwood, recommendation } }).then(pdfText),
      renderReportPdf({ consultation: { pattern: 'norwood', assessable: true, reasons: [], norwood } }).then(pdfText),
    ]);
    if (warned === null) return ctx.skip();
    expect(warned).not.toContain('Norwood caveats');
    expect(warned).toContain('No photo shows the front of the head.');
    expect(alone).toContain('Norwood caveats: no front or top photo');
  });
});
