import { describe, expect, it } from 'vitest';
import { analyzeGeometry, REASON_LITTLE_SCALP, REASON_NO_HEAD } from '../../../../src/vision/geometry/analyze.js';
import { loadGeometryParams } from '../../../../src/vision/geometry/params.js';
import { ZONES, type PhotoFeatures } from '../../../../src/vision/geometry/types.js';
import { drawHead, flat, turnClockwise } from './synthetic-head.js';

const crownBald = (u: number, v: number): boolean => u * u + (v + 0.35) ** 2 < 0.3 ** 2;
// classic M: both temples recede deep, the mid-frontal peninsula stays
const templesBald = (u: number, v: number): boolean => v > 0.35 && Math.abs(u) > 0.3 && Math.abs(u) < 0.9;
// A pattern: the whole front edge recedes as one straight band
const frontBandBald = (u: number, v: number): boolean => v > 0.45;

/** A 6 x 6 speck of skin on a 128 x 128 background: no head. */
function speckOfSkin() {
  const seg = flat(0);
  const n = 128 * 128;
  for (let y = 60; y < 66; y++) for (let x = 60; x < 66; x++) {
    const i = y * 128 + x;
    seg.probs[i] = 0.01;
    seg.probs[n + i] = 0.97;
    seg.labels[i] = 1;
  }
  return seg;
}

describe('analyzeGeometry on a drawn top view', () => {
  const seg = drawHead({ view: 'top', bald: crownBald });

  it('finds the head, keeps the given view and reads the photo as upright', () => {
    const g = analyzeGeometry(seg, 'top');
    expect(g.headFound).toBe(true);
    expect(g.assessable).toBe(true);
    expect(g.reasons).toEqual([]);
    expect(g.view).toBe('top');
    expect(g.viewSource).toBe('given');
    expect(g.orientation).toBe(0);
  });

  it('puts the bald patch in the crown zone and leaves the front haired', () => {
    const g = analyzeGeometry(seg, 'top');
    expect(g.zones.crown.visible).toBe(true);
    expect(g.zones.crown.bald!).toBeGreaterThan(0.3);
    expect(g.zones.frontal.bald!).toBeLessThan(0.05);
    expect(g.zones.midScalp.bald!).toBeLessThan(g.zones.crown.bald!);
  });

  it.each([90, 180, 270] as const)('turned by %i degrees: same zones, orientation reported', (deg) => {
    const upright = analyzeGeometry(seg, 'top');
    const g = analyzeGeometry(turnClockwise(seg, deg), 'top');
    // relative to the upright reading (exact by construction), and absolute with the shipped parameters
    expect(g.orientation).toBe((upright.orientation + deg) % 360);
    expect(g.orientationConfidence).toBeCloseTo(upright.orientationConfidence, 6);
    expect(g.orientation).toBe(deg);
    for (const z of ZONES) expect(g.zones[z].bald).toBe(upright.zones[z].bald);
    expect(g.baldGrid).toEqual(upright.baldGrid);
    expect(g.hairline).toEqual(upright.hairline);
    expect(g.coverage).toEqual(upright.coverage);
  });

  it('maps zone polygons back onto the turned photo', () => {
    const g = analyzeGeometry(turnClockwise(seg, 90), 'top');
    const up = analyzeGeometry(seg, 'top');
    // a 90-degree clockwise turn sends (x, y) to (H - y, x)
    const [x, y] = up.zones.crown.polygon[0];
    const turned = g.zones.crown.polygon.map(([a, b]) => `${a},${b}`);
    expect(turned).toContain(`${128 - y},${x}`);
  });
});

describe('hairline recession', () => {
  it('an M-shaped recession has temples deeper than the centre', () => {
    const g = analyzeGeometry(drawHead({ view: 'top', bald: templesBald }), 'top');
    expect(g.hairline.templeExcess!).toBeGreaterThan(0.1);
    expect(g.zones.templeLeft.bald!).toBeGreaterThan(0.3);
    expect(g.zones.templeRight.bald!).toBeGreaterThan(0.3);
  });

  it('a straight receded band: the centre recedes at least as far as the temples (no peninsula)', () => {
    const g = analyzeGeometry(drawHead({ view: 'top', bald: frontBandBald }), 'top');
    expect(g.hairline.templeExcess!).toBeLessThanOrEqual(0);
    expect(g.hairline.centre!).toBeGreaterThan(0.15);
  });

  it('a full head of hair has almost no recession', () => {
    const g = analyzeGeometry(drawHead({ view: 'top' }), 'top');
    expect(g.hairline.centre!).toBeLessThan(0.05);
    expect(Math.abs(g.hairline.templeExcess!)).toBeLessThan(0.05);
    expect(g.zones.frontal.bald!).toBeLessThan(0.05);
  });
});

describe('coverage', () => {
  it('counts hair, skin and scar over the head region', () => {
    const scar = (u: number, v: number): boolean => Math.abs(u) < 0.1 && v > -0.5 && v < 0.5;
    const g = analyzeGeometry(drawHead({ view: 'top', scar }), 'top');
    expect(g.coverage.hair + g.coverage.skin + g.coverage.scar).toBeCloseTo(1, 3);
    expect(g.coverage.scar).toBeGreaterThan(0.03);
    expect(g.coverage.hair).toBeGreaterThan(0.6);
  });

  // A front view's head region is mostly face: its skin is not bare scalp. The scalp coverage leaves out
  // the part where the view shows the face.
  it('a front view with a full head of hair: the head region is mostly skin, its scalp nearly all hair', () => {
    const g = analyzeGeometry(drawHead({ view: 'front' }), 'front');
    expect(g.coverage.skin).toBeGreaterThan(0.5);
    expect(g.scalpCoverage).not.toBeNull();
    const c = g.scalpCoverage!;
    expect(c.hair + c.skin + c.scar).toBeCloseTo(1, 3);
    expect(c.hair).toBeGreaterThan(0.8);
    expect(c.skin).toBeLessThan(g.coverage.skin / 2);
  });

  it('a bald crown seen from the top: the scalp coverage shows the bald share, the same after a turn', () => {
    const g = analyzeGeometry(drawHead({ view: 'top', bald: crownBald }), 'top');
    expect(g.scalpCoverage!.skin).toBeGreaterThan(0.1);
    expect(analyzeGeometry(turnClockwise(drawHead({ view: 'top', bald: crownBald }), 90), 'top').scalpCoverage).toEqual(g.scalpCoverage);
  });

  it('no head, no scalp coverage', () => {
    expect(analyzeGeometry(flat(0), 'auto').scalpCoverage).toBeNull();
  });
});

describe('not assessable', () => {
  it('an empty frame has no head', () => {
    const g = analyzeGeometry(flat(0), 'auto');
    expect(g.headFound).toBe(false);
    expect(g.assessable).toBe(false);
    expect(g.reasons).toContain(REASON_NO_HEAD);
  });

  it('a speck of skin is not a head', () => {
    const seg = speckOfSkin();
    const g = analyzeGeometry(seg, 'top');
    expect(g.headFound).toBe(false);
    expect(g.reasons).toEqual([REASON_NO_HEAD]);
  });

  it('a head mostly out of frame shows too little scalp', () => {
    // only the lowest rows of a front view (the face) remain
    const seg = drawHead({ view: 'front' });
    const n = 128 * 128;
    for (let i = 0; i < 118 * 128; i++) {
      seg.probs[i] = 0.97;
      seg.probs[n + i] = 0.01;
      seg.probs[2 * n + i] = 0.01;
      seg.probs[3 * n + i] = 0.01;
      seg.labels[i] = 0;
    }
    const g = analyzeGeometry(seg, 'front');
    expect(g.assessable).toBe(false);
    expect(g.reasons.length).toBe(1);
    expect([REASON_NO_HEAD, REASON_LITTLE_SCALP]).toContain(g.reasons[0]);
  });
});

describe('no head, view auto: no view claimed, no zone measured', () => {
  // a head-shaped mask the image features call no head (a plasma-noise picture: mask "back", 80 %)
  const features: PhotoFeatures = { model: 'test', embeddings: [0, 1, 2, 3].map(() => new Float32Array([1])), levelScores: [] };
  const params = {
    ...loadGeometryParams(),
    orientationJoint: null,
    headImage: { classes: ['nohead', 'head'], mean: [0], scale: [1], weights: [[1], [-1]], bias: [0, 0], threshold: 0.5 },
  };

  it('keeps a view in the field (the six-view contract) but claims it with confidence 0, source none', () => {
    const g = analyzeGeometry(drawHead({ view: 'back' }), 'auto', { features, params });
    expect(g.headFound).toBe(false);
    expect(g.reasons).toEqual([REASON_NO_HEAD]);
    expect(g.viewSource).toBe('none');
    expect(g.viewConfidence).toBe(0);
    for (const z of ZONES) expect(g.zones[z]).toMatchObject({ visible: false, bald: null });
    expect(g.hairline.centre).toBeNull();
    expect(g.partWidth).toBeNull();
  });

  it('a speck of skin read with view auto: no zone of it reads 100 % bald', () => {
    const seg = speckOfSkin();
    const g = analyzeGeometry(seg, 'auto');
    expect(g.headFound).toBe(false);
    expect(g.viewSource).toBe('none');
    expect(g.viewConfidence).toBe(0);
    for (const z of ZONES) expect(g.zones[z].bald).toBeNull();
  });

  it('the same head found: the view is classified as before', () => {
    const g = analyzeGeometry(drawHead({ view: 'back' }), 'auto', { features, params: { ...params, headImage: null } });
    expect(g.headFound).toBe(true);
    expect(g.viewSource).toBe('classified');
    expect(g.viewConfidence).toBeGreaterThan(0);
  });
});

describe('view', () => {
  it('a frame filled with scalp is a closeup when the view is auto', () => {
    const g = analyzeGeometry(flat(2), 'auto');
    expect(g.view).toBe('closeup');
    expect(g.viewSource).toBe('classified');
    expect(g.zones.crown.visible).toBe(false);
  });

  it('rejects an unknown view', () => {
    expect(() => analyzeGeometry(flat(0), 'side' as never)).toThrow(/view must be one of/);
  });

  it('profiles: a left view and its mirror image (right) measure the same visible temple', () => {
    const bald = (u: number, v: number): boolean => u < -0.3 && v > -0.2;
    const left = analyzeGeometry(drawHead({ view: 'left', bald }), 'left');
    const right = analyzeGeometry(drawHead({ view: 'right', bald }), 'right');
    expect(left.zones.templeLeft.bald).toBe(right.zones.templeRight.bald);
    expect(left.zones.crown.bald).toBe(right.zones.crown.bald);
    expect(left.zones.templeRight.visible).toBe(false);
  });
});

describe('analyzeGeometry scalp region (where hair counts for the hair colour)', () => {
  const at = (g: ReturnType<typeof analyzeGeometry>, x: number, y: number): number => {
    const r = g.scalpRegion!;
    return r.mask[Math.floor((y * r.height) / g.height) * r.width + Math.floor((x * r.width) / g.width)];
  };

  it('a profile: the cranium counts, the face below and in front of it does not', () => {
    const g = analyzeGeometry(drawHead({ view: 'left' }), 'left');
    expect(at(g, 70, 30)).toBe(1); // top of the cranium
    expect(at(g, 100, 60)).toBe(1); // back of the head (donor)
    expect(at(g, 40, 110)).toBe(0); // jaw and chin, where a beard grows
  });

  it('follows the photo when it is turned, and mirrors for a right profile', () => {
    const turned = analyzeGeometry(turnClockwise(drawHead({ view: 'left' }), 180), 'left');
    expect(turned.orientation).toBe(180);
    expect(at(turned, 127 - 70, 127 - 30)).toBe(1);
    expect(at(turned, 127 - 40, 127 - 110)).toBe(0);
    const right = analyzeGeometry(drawHead({ view: 'right' }), 'right');
    expect(at(right, 127 - 70, 30)).toBe(1);
    expect(at(right, 127 - 40, 110)).toBe(0);
  });

  it('a top view counts the whole head; no head gives no region', () => {
    const g = analyzeGeometry(drawHead({ view: 'top', bald: crownBald }), 'top');
    expect(at(g, 64, 20)).toBe(1);
    expect(at(g, 64, 95)).toBe(1);
    expect(at(g, 3, 3)).toBe(0); // background
    expect(analyzeGeometry(speckOfSkin(), 'auto').scalpRegion).toBeNull();
  });
});
