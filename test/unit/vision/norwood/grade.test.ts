import { describe, expect, it } from 'vitest';
import { analyzeGeometry } from '../../../../src/vision/geometry/analyze.js';
import { ZONES, type PhotoGeometry, type View, type ZoneName } from '../../../../src/vision/geometry/types.js';
import { expectedLevel } from '../../../../src/vision/norwood/consistency.js';
import { fuseMeasurements, gradeNorwood, REASON_NO_USABLE_PHOTO, WELL_SEEN_WEIGHT, withPattern, ZONE_VIEW_WEIGHT } from '../../../../src/vision/norwood/grade.js';
import type { GraderParams, OrdinalModel } from '../../../../src/vision/norwood/params.js';
import { DEFAULT_STAGE_RULES } from '../../../../src/vision/norwood/rules.js';
import { MASK_FEATURES } from '../../../../src/vision/norwood/view-features.js';
import { drawHead, flat } from '../geometry/synthetic-head.js';

// A hand-made grader: every view reads only the overall bald share (the third-last mask feature),
// so the expected levels are known: latent = 10 * bald, thresholds at 2.5, 4, 5.5, 7, 8.5 (levels 2..7).
function ordinalOnBald(): OrdinalModel {
  const mean = new Array(MASK_FEATURES).fill(0);
  const scale = new Array(MASK_FEATURES).fill(1);
  const beta = new Array(MASK_FEATURES).fill(0);
  beta[MASK_FEATURES - 3] = 10;
  return { mean, scale, beta, thresholds: [2.5, 4, 5.5, 7, 8.5] };
}
const vm = { full: null, maskOnly: ordinalOnBald(), weight: 1, weightMaskOnly: 1 };
const params: GraderParams = {
  levels: [2, 3, 4, 5, 6, 7],
  preferred: 'full',
  views: { front: vm, top: vm, left: vm, right: vm, back: vm },
  rules: DEFAULT_STAGE_RULES,
};

/** A top view whose scalp is bald inside radius r around the crown-to-front axis. */
function topWithBald(r: number): PhotoGeometry {
  return analyzeGeometry(drawHead({ view: 'top', bald: (u, v) => u * u + (v + 0.1) ** 2 < r * r }), 'top');
}

describe('gradeNorwood fusion', () => {
  const light = topWithBald(0.3);
  const heavy = topWithBald(0.85);
  const back = analyzeGeometry(drawHead({ view: 'back', bald: (u, v) => u * u + (v + 0.4) ** 2 < 0.2 }), 'back');

  it('a single photo gives a level, probabilities over 1..7 that sum to 1, and a confidence', () => {
    const r = gradeNorwood([light], { params });
    expect(r.assessable).toBe(true);
    expect(Object.keys(r.probabilities!)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(Object.values(r.probabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(r.confidence).toBe(r.probabilities![String(r.level)]);
    expect(r.views).toHaveLength(1);
    expect(r.views[0].weight).toBe(1);
  });

  it('more bald scalp gives a higher level', () => {
    expect(gradeNorwood([heavy], { params }).level!).toBeGreaterThan(gradeNorwood([light], { params }).level!);
  });

  it('fuses any subset: the pooled answer lies between the photos', () => {
    const a = gradeNorwood([light], { params }).level!;
    const b = gradeNorwood([heavy], { params }).level!;
    const both = gradeNorwood([light, heavy], { params }).level!;
    expect(both).toBeGreaterThanOrEqual(Math.min(a, b));
    expect(both).toBeLessThanOrEqual(Math.max(a, b));
    const three = gradeNorwood([light, back, heavy], { params });
    expect(three.views.map((v) => v.view)).toEqual(['top', 'back', 'top']);
  });

  it('names a photo far from the others, unless asked not to look (a woman, graded on Ludwig)', () => {
    const three = [light, light, heavy].map((g) => gradeNorwood([g], { params }).views[0].probabilities!);
    const r = gradeNorwood([light, light, heavy], { params });
    // The heavy top view reads more than two levels above the light ones on its own.
    expect(expectedLevel(three[2]) - expectedLevel(three[0])).toBeGreaterThan(2);
    expect(r.viewOutlier).toMatchObject({ photo: 2, view: 'top' });
    expect(r.reasons.some((x) => x.startsWith('photo 3 (top) reads level') && x.includes('was left out of the grade'))).toBe(true);
    // Left out: the grade is the two light photos' alone.
    expect(r.views[2].weight).toBe(0);
    expect(r.views[2].reasons[0]).toMatch(/^left out of the grade: it reads level \d\.\d on its own/);
    const lights = gradeNorwood([light, light], { params });
    expect(r.level).toBe(lights.level);
    expect(r.probabilities).toEqual(lights.probabilities);
    expect(gradeNorwood([light, light, heavy], { params, checkViews: false }).viewOutlier).toBeNull();
    expect(gradeNorwood([light, heavy], { params }).viewOutlier).toBeNull();
  });

  it('two photos of one view share that view\u2019s weight', () => {
    const r = gradeNorwood([light, light, back], { params });
    expect(r.views.map((v) => v.weight)).toEqual([0.5, 0.5, 1]);
  });

  it('a lone photo of a low-weight view is used as is', () => {
    const low = { ...params, views: { ...params.views, top: { ...vm, weightMaskOnly: 0.01 } } };
    const alone = gradeNorwood([heavy], { params: low });
    expect(alone.views[0].weight).toBe(1);
    expect(alone.level).toBe(gradeNorwood([heavy], { params }).level);
  });

  it('agreeing photos raise the confidence', () => {
    expect(gradeNorwood([heavy, heavy, back], { params }).confidence).toBeGreaterThanOrEqual(gradeNorwood([heavy], { params }).confidence);
  });

  it('photos without a head are left out with their reasons; none usable means not assessable', () => {
    const empty = analyzeGeometry(flat(0), 'auto');
    const r = gradeNorwood([empty, light], { params });
    expect(r.assessable).toBe(true);
    expect(r.views[0]).toMatchObject({ assessable: false, weight: 0, level: null });
    expect(r.views[0].reasons).toContain('no head found in the photo');
    const none = gradeNorwood([empty], { params });
    expect(none).toMatchObject({ assessable: false, stage: null, level: null, confidence: 0 });
    expect(none.reasons[0]).toBe(REASON_NO_USABLE_PHOTO);
    expect(none.probabilities).toBeNull(); // not a distribution of zeros: DESIGN §3 says they sum to 1
    expect(gradeNorwood([], { params }).assessable).toBe(false);
  });

  it('a closeup never grades on its own', () => {
    const close = analyzeGeometry(flat(2), 'auto');
    expect(close.view).toBe('closeup');
    expect(gradeNorwood([close], { params }).assessable).toBe(false);
  });

  it('a full head of hair seen from the top is level 1 by the zone rule', () => {
    const full = analyzeGeometry(drawHead({ view: 'top' }), 'top');
    const r = gradeNorwood([full], { params });
    expect(r.stage).toBe('1');
    expect(r.level).toBe(1);
    expect(r.probabilities!['2']).toBe(0);
    expect(r.rules.join(' ')).toMatch(/level 1/);
  });

  it('reports the fused zone measurements with the photos that showed them, and how well', () => {
    const r = gradeNorwood([light, back], { params });
    expect(r.measurements.zones.crown.photos).toEqual([0, 1]);
    expect(r.measurements.zones.frontal.photos).toEqual([0]);
    expect(r.measurements.zones.donor.bald).not.toBeNull();
    expect(r.measurements.zones.crown.seen).toBe('well');
    // the donor area from the back photo (weight 1), not only the top's glimpse of it
    expect(r.measurements.zones.donor.seen).toBe('well');
  });

  it('checks its inputs', () => {
    expect(() => gradeNorwood([light], { params, features: [] })).toThrow(/features has 0 entries/);
  });
});

describe('fuseMeasurements: how well each zone was seen', () => {
  // Synthetic geometries: a drawn top view's measurements under another view's name, with every zone's
  // bald fraction set by hand (null where the photo does not show the zone), so only the view decides.
  const base = analyzeGeometry(drawHead({ view: 'top', bald: (u, v) => u * u + (v + 0.1) ** 2 < 0.25 }), 'top');
  function photo(view: View, bald: Partial<Record<ZoneName, number | null>> = {}): PhotoGeometry {
    const zones = Object.fromEntries(ZONES.map((z) => [z, { ...base.zones[z], bald: z in bald ? bald[z]! : 0.5, visible: bald[z] !== null }]));
    return { ...base, view, zones: zones as PhotoGeometry['zones'] };
  }
  const seenOf = (views: PhotoGeometry[], usable = views.map(() => true)) =>
    Object.fromEntries(Object.entries(fuseMeasurements(views, usable).zones).map(([z, f]) => [z, f.seen]));

  it('a top photo sees every zone well but the back and sides, which it only glimpses', () => {
    expect(seenOf([photo('top')])).toEqual({ frontal: 'well', templeLeft: 'well', templeRight: 'well', midScalp: 'well', crown: 'well', donor: 'partly' });
  });

  it('a side photo sees its own temple and the back and sides well, the crown and the front only partly', () => {
    // The review's B: top and back refused, only the right side left: "crown 0 %" came from this glimpse.
    expect(seenOf([photo('right')])).toEqual({ frontal: 'partly', templeLeft: 'no', templeRight: 'well', midScalp: 'partly', crown: 'partly', donor: 'well' });
  });

  it('a front photo sees the mid-scalp well (weight 0.6, the threshold itself), its forehead-filled front boxes partly', () => {
    expect(ZONE_VIEW_WEIGHT.midScalp.front).toBe(WELL_SEEN_WEIGHT);
    expect(seenOf([photo('front')])).toEqual({ frontal: 'partly', templeLeft: 'partly', templeRight: 'partly', midScalp: 'well', crown: 'no', donor: 'no' });
  });

  it('one well-placed photo makes a zone well seen, whatever glimpses it too', () => {
    const r = fuseMeasurements([photo('left'), photo('back')], [true, true]);
    expect(r.zones.crown).toMatchObject({ photos: [0, 1], seen: 'well' });
    expect(r.zones.frontal).toMatchObject({ photos: [0], seen: 'partly' });
  });

  it('a photo left out (refused, an outlier) or that does not show the zone does not count', () => {
    expect(seenOf([photo('top'), photo('left')], [false, true])).toEqual(seenOf([photo('left')]));
    const r = fuseMeasurements([photo('top', { crown: null }), photo('right')], [true, true]);
    expect(r.zones.crown).toMatchObject({ photos: [1], seen: 'partly' });
    expect(fuseMeasurements([photo('back', { crown: null })], [true]).zones.crown).toEqual({ bald: null, photos: [], seen: 'no' });
    expect(seenOf([])).toEqual(Object.fromEntries(ZONES.map((z) => [z, 'no'])));
  });

  it('follows the view weights for every zone and view: well from a weight of WELL_SEEN_WEIGHT up, no figure means not seen', () => {
    for (const view of ['front', 'top', 'left', 'right', 'back', 'closeup'] as View[]) {
      const r = fuseMeasurements([photo(view)], [true]);
      for (const z of ZONES) {
        const w = ZONE_VIEW_WEIGHT[z][view] ?? 0;
        expect(r.zones[z].seen, `${z} from ${view}`).toBe(w === 0 ? 'no' : w >= WELL_SEEN_WEIGHT ? 'well' : 'partly');
        expect(r.zones[z].seen === 'no').toBe(r.zones[z].bald === null);
        expect(r.zones[z].seen === 'no').toBe(r.zones[z].photos.length === 0);
      }
    }
  });
});

describe('the mask-pattern model in the grade', () => {
  const light = topWithBald(0.3);
  const back = analyzeGeometry(drawHead({ view: 'back', bald: (u, v) => u * u + (v + 0.4) ** 2 < 0.2 }), 'back');
  const weights = { front: 1, top: 1, left: 1, right: 1, back: 1 };
  const withFusion = (exponent: number, w = weights): GraderParams => ({ ...params, pattern: { full: { exponent, weights: w }, maskOnly: { exponent, weights: w } } });
  // a pattern sure of level 7
  const seven = [0.01, 0.01, 0.01, 0.01, 0.01, 0.95];

  it('withPattern multiplies p by q^exponent and renormalises', () => {
    const r = withPattern([0.5, 0.5], [0.2, 0.8], 1);
    expect(r[0]).toBeCloseTo(0.2, 12);
    expect(r[1]).toBeCloseTo(0.8, 12);
    const h = withPattern([0.5, 0.5], [0.2, 0.8], 0.5);
    expect(h[1] / h[0]).toBeCloseTo(2, 12);
    expect(withPattern([0.3, 0.7], [0.2, 0.8], 0)).toEqual([0.3, 0.7]);
    expect(() => withPattern([0.5, 0.5], [1], 1)).toThrow(/pattern has 1 levels/);
    expect(() => withPattern([0.5, 0.5], [0, 1], 1)).toThrow(/\(0, 1\]/);
    expect(() => withPattern([0.5, 0.5], [0.5, 0.5], -1)).toThrow(/>= 0/);
  });

  it('moves the photo\'s distribution towards the pattern\'s when the parameters use it', () => {
    const mid = topWithBald(0.6);
    const base = gradeNorwood([mid], { params: withFusion(1) });
    const moved = gradeNorwood([mid], { params: withFusion(1), patterns: [seven] });
    expect(moved.probabilities!['7']).toBeGreaterThan(base.probabilities!['7']);
    expect(moved.level!).toBeGreaterThan(base.level!);
    expect(moved.views[0].probabilities!['7']).toBeGreaterThan(base.views[0].probabilities!['7']);
    // what the pattern model alone read is reported beside the combined distribution
    expect(moved.views[0].pattern).toEqual({ level: 7, probabilities: { '2': 0.01, '3': 0.01, '4': 0.01, '5': 0.01, '6': 0.01, '7': 0.95 } });
    expect(base.views[0].pattern).toBeNull();
  });

  it('is ignored without fitted pattern parameters, with exponent 0, and for photos without one', () => {
    const base = gradeNorwood([light], { params });
    expect(gradeNorwood([light], { params, patterns: [seven] }).probabilities).toEqual(base.probabilities);
    const zero = gradeNorwood([light], { params: withFusion(0), patterns: [seven] });
    expect(zero.probabilities).toEqual(base.probabilities);
    expect(zero.views[0].pattern).toBeNull();
    expect(gradeNorwood([light], { params: withFusion(1), patterns: [null] }).probabilities).toEqual(base.probabilities);
  });

  it('weights a photo with a pattern by the pattern fusion weights of its view', () => {
    const r = gradeNorwood([light, back], { params: withFusion(1, { ...weights, top: 3 }), patterns: [seven, null] });
    expect(r.views[0].weight).toBe(3);
    expect(r.views[1].weight).toBe(1);
  });

  it('checks its inputs', () => {
    expect(() => gradeNorwood([light], { params, patterns: [] })).toThrow(/patterns has 0 entries/);
  });
});
