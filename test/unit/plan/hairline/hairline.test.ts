import { describe, expect, it } from 'vitest';
import { irregularOffsets, roughen } from '../../../../src/plan/hairline/irregular.js';
import { belowEightCmRule, designPoints, frontHairEdge, givenHairline, headFrame, LOW_HAIRLINE_MARGIN_MM, OWN_EDGE_MARGIN_MM, proposeHairline, topViewFrame, type HeadShape } from '../../../../src/plan/hairline/propose.js';
import { keepsOwnHairline, keepsOwnTemples } from '../../../../src/plan/hairline/keep.js';
import { normals, polylineLength, resample, smoothCurve } from '../../../../src/plan/hairline/spline.js';
import type { Point } from '../../../../src/plan/hairline/types.js';

/** A 320x320 head ellipse (cells of 2 px), breadth 400 px, centred at (320, 340) px. */
function headShape(hairAbove?: number): HeadShape {
  const width = 320, height = 320, cellPx = 2;
  const mask = new Uint8Array(width * height);
  const hair = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (((x - 160) / 100) ** 2 + ((y - 170) / 130) ** 2 <= 1) {
        mask[y * width + x] = 1;
        // Hair down to row `hairAbove`, bare forehead below.
        if (hairAbove !== undefined && y < hairAbove) hair[y * width + x] = 1;
      }
    }
  }
  return { mask, width, height, cellPx, hair: hairAbove === undefined ? undefined : hair };
}

const MMPP = 155 / 400; // 400 px breadth = 155 mm

describe('spline and resampling', () => {
  it('passes through its design points and resamples evenly', () => {
    const pts: Point[] = [[0, 0], [50, 20], [100, 0]];
    const c = smoothCurve(pts, 2);
    expect(c[0]).toEqual([0, 0]);
    expect(c[c.length - 1]).toEqual([100, 0]);
    expect(c.some(([x, y]) => Math.abs(x - 50) < 1.5 && Math.abs(y - 20) < 0.5)).toBe(true);
    const gaps = c.slice(1).map((p, i) => Math.hypot(p[0] - c[i][0], p[1] - c[i][1]));
    for (const g of gaps.slice(0, -1)) expect(g).toBeCloseTo(2, 1);
    expect(resample([[0, 0], [10, 0]], 2.5)).toHaveLength(5);
    expect(() => resample([[0, 0], [Infinity, 0]], 1)).toThrow('polyline segment 1 is not finite');
    expect(() => smoothCurve([[1e308, 1e308], [-1e308, -1e308]], 1)).toThrow(RangeError);
    expect(normals([[0, 0], [1, 0], [2, 0]])[1]).toEqual([0, -1]); // left of travel, y down
  });
});

describe('irregularity', () => {
  it('has the asked SD, is tapered at the ends, and is reproducible by seed', () => {
    const s = Array.from({ length: 1201 }, (_, i) => i * 0.1); // 120 mm every 0.1 mm
    const macroOnly = irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0 }, 3);
    const mid = macroOnly.slice(100, 1100);
    const sd = Math.sqrt(mid.reduce((a, v) => a + v * v, 0) / mid.length);
    expect(sd).toBeGreaterThan(0.9);
    expect(sd).toBeLessThan(2.2);
    expect(macroOnly[0]).toBeCloseTo(0, 9);
    expect(macroOnly[1200]).toBeCloseTo(0, 9);
    expect(irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0.5 }, 3)).toEqual(irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0.5 }, 3));
    expect(irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0.5 }, 4)).not.toEqual(irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0.5 }, 3));
  });

  it('micro jitter is fine structure: its own SD, decorrelated within ~10 mm, unlike the macro waves', () => {
    const s = Array.from({ length: 1201 }, (_, i) => i * 0.1);
    const macro = irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0 }, 3);
    const both = irregularOffsets(s, 120, { macroMm: 1.5, microMm: 0.5 }, 3);
    const micro = both.map((v, i) => v - macro[i]).slice(100, 1100);
    const sd = (v: number[]): number => Math.sqrt(v.reduce((a, x) => a + x * x, 0) / v.length);
    expect(sd(micro)).toBeGreaterThan(0.3);
    expect(sd(micro)).toBeLessThan(0.7);
    const autocorr = (v: number[], lag: number): number => {
      let num = 0;
      for (let i = 0; i + lag < v.length; i++) num += v[i] * v[i + lag];
      return num / (v.length - lag) / sd(v) ** 2;
    };
    expect(Math.abs(autocorr(micro, 100))).toBeLessThan(0.3); // 10 mm apart
    expect(autocorr(macro.slice(100, 1100), 30)).toBeGreaterThan(0.5); // 3 mm apart: smooth waves
  });

  it('roughens a straight line within a few mm of it, keeping its ends', () => {
    const line: Point[] = [[0, 100], [400, 100]];
    const rough = roughen(line, MMPP, { macroMm: 1.3, microMm: 0.45 }, 11);
    const dev = rough.map(([, y]) => (y - 100) * MMPP);
    expect(Math.max(...dev.map(Math.abs))).toBeLessThan(6);
    expect(Math.sqrt(dev.reduce((a, v) => a + v * v, 0) / dev.length)).toBeGreaterThan(0.5);
    expect(rough[0][1]).toBeCloseTo(100, 6);
    expect(rough[rough.length - 1][0]).toBeCloseTo(400, 6);
  });
});

describe('proposed hairline', () => {
  it('finds the head frame of an ellipse', () => {
    const f = headFrame(headShape(), [0, 1])!;
    expect(f.breadth).toBeGreaterThan(396);
    expect(f.breadth).toBeLessThan(406);
    expect(f.centre[0]).toBeCloseTo(321, -1);
    expect(f.top[1]).toBeLessThan(90);
  });

  it('top view: mid-frontal point ~0.42 head breadths in front of the centre, temples recessed behind it', () => {
    const d = designPoints({ view: 'top', head: headShape(), down: [0, 1], mmPerPixel: MMPP, seed: 1 })!;
    const f = headFrame(headShape(), [0, 1])!;
    const [endL, ftL, mid, ftR, endR] = d.control;
    expect((mid[1] - f.centre[1]) / f.breadth).toBeCloseTo(0.42, 2);
    expect(mid[0]).toBeCloseTo(f.centre[0], 0);
    expect(ftL[1]).toBeLessThan(mid[1]);
    expect(ftR[1]).toBeLessThan(mid[1]);
    expect(endL[0]).toBeLessThan(ftL[0]);
    expect(endR[0]).toBeGreaterThan(ftR[0]);
    expect(d.method).toBe('head-geometry');
  });

  it('follows an existing front edge of the hair that reaches further forward than the rule', () => {
    // Hair down to row 250 of 300 (cells): the edge is at ~500 px, ahead of the rule's ~507?
    const withHair = designPoints({ view: 'top', head: headShape(270), down: [0, 1], mmPerPixel: MMPP, seed: 1 })!;
    const f = headFrame(headShape(), [0, 1])!;
    expect(frontHairEdge(headShape(270), f, [0, 1], MMPP)![1]).toBeCloseTo(538, -1);
    expect(withHair.control[2][1]).toBeGreaterThan(530);
    expect(withHair.notes[0]).toMatch(/existing front edge/);
    expect(withHair.caution).toBeUndefined(); // anchored on the hair: no head-size caution
    // A bald head has no edge: the rule stands.
    expect(frontHairEdge(headShape(), f, [0, 1], MMPP)).toBeNull();
  });

  it('top view past the front of the head: the frame comes from the hair, not from the face and shoulders', () => {
    // The cranium (hair, rows 40-200 of an ellipse 100 cells wide) above a band of face and shoulders
    // (skin, rows 200-320, the full 320-cell width), as when the camera looks past the forehead.
    const width = 320, height = 320, cellPx = 2;
    const mask = new Uint8Array(width * height), hair = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const c = y * width + x;
        const cranium = ((x - 160) / 100) ** 2 + ((y - 130) / 90) ** 2 <= 1;
        if (cranium && y < 200) hair[c] = 1;
        if (cranium || y >= 200) mask[c] = 1;
      }
    }
    const head: HeadShape = { mask, width, height, cellPx, hair };
    const whole = headFrame(head, [0, 1])!;
    expect(whole.breadth).toBeGreaterThan(600); // the shoulders' width
    const f = topViewFrame(head, [0, 1])!;
    expect(f.from).toBe('hair');
    expect(f.breadth).toBeGreaterThan(390);
    expect(f.breadth).toBeLessThan(406);
    expect(f.centre[1]).toBeCloseTo(261, -1); // the cranium's widest line (row 130)
    const d = designPoints({ view: 'top', head, down: [0, 1], mmPerPixel: MMPP, seed: 1 })!;
    // The mid-frontal point lands at the front of the cranium (~400 px), not on the face: the whole-mask
    // frame (640 px wide, centred on the shoulders' first row at 402 px) put it at 671 px, past the photo.
    expect(d.control[2][1]).toBeGreaterThan(380);
    expect(d.control[2][1]).toBeLessThan(440);
    // Hair over less than 0.6 of the head's breadth (a bald top, hair only in the middle): the head frame stands.
    const narrow = new Float32Array(width * height);
    for (let c = 0; c < narrow.length; c++) if (Math.abs((c % width) - 160) < 40) narrow[c] = hair[c];
    expect(topViewFrame({ ...head, hair: narrow }, [0, 1])!.from).toBe('head');
    expect(topViewFrame({ mask, width, height, cellPx }, [0, 1])!.from).toBe('head');
  });

  it('keeps the person\'s own hairline when asked: the line runs at most 5 mm in front of the hair\'s front edge', () => {
    // Hair down to row 200 (400 px): the head-size rule puts the mid-frontal point ~20 mm lower.
    const head = headShape(200);
    const rule = designPoints({ view: 'top', head, down: [0, 1], mmPerPixel: MMPP, seed: 1 })!;
    const edge = frontHairEdge(head, topViewFrame(head, [0, 1])!, [0, 1], MMPP)!;
    expect(edge[1]).toBeCloseTo(400, -1);
    expect((rule.control[2][1] - edge[1]) * MMPP).toBeGreaterThan(15);
    const kept = designPoints({ view: 'top', head, down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true })!;
    expect((kept.control[2][1] - edge[1]) * MMPP).toBeCloseTo(OWN_EDGE_MARGIN_MM, 6);
    expect(kept.notes[0]).toMatch(/5 mm in front of the person's own hairline, which is kept: \d+ mm behind where head size alone would place it/);
    expect(kept.caution).toBeUndefined();
    // The frontotemporal angles move with the mid-frontal point.
    expect((kept.control[2][1] - kept.control[1][1]) * MMPP).toBeCloseTo(10, 6);
    // A rule point already behind the edge, or no edge at all (a bald front): nothing changes.
    const high = headShape(300);
    expect(designPoints({ view: 'top', head: high, down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true })!.control).toEqual(
      designPoints({ view: 'top', head: high, down: [0, 1], mmPerPixel: MMPP, seed: 1 })!.control,
    );
    expect(designPoints({ view: 'top', head: headShape(), down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true })!.control).toEqual(
      designPoints({ view: 'top', head: headShape(), down: [0, 1], mmPerPixel: MMPP, seed: 1 })!.control,
    );
    // Hair to the edge of the photo with a thin crown: the crown's far side is no front edge.
    const crown = headShape(320);
    for (let y = 100; y < 130; y++) for (let x = 140; x < 180; x++) crown.hair![y * crown.width + x] = 0;
    const f = topViewFrame(crown, [0, 1])!;
    expect(frontHairEdge(crown, f, [0, 1], MMPP)![1]).toBeLessThan(f.centre[1]); // found behind the centre ...
    expect(designPoints({ view: 'top', head: crown, down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true })!.control).toEqual(
      designPoints({ view: 'top', head: crown, down: [0, 1], mmPerPixel: MMPP, seed: 1 })!.control,
    ); // ... and ignored
    // With face landmarks the 8 cm rule is held back the same way.
    const landmarks = { glabella: [320, 560] as Point, leftCanthus: [200, 580] as Point, rightCanthus: [440, 580] as Point };
    const fromFace = designPoints({ view: 'front', head: headShape(150), landmarks, mmPerPixel: MMPP, seed: 1, keepOwnHairline: true })!;
    expect(fromFace.method).toBe('landmarks');
    expect(fromFace.notes[0]).toMatch(/own hairline, which is kept: \d+ mm above the 8 cm rule/);
    expect(fromFace.control[2][1]).toBeCloseTo(300 + OWN_EDGE_MARGIN_MM / MMPP, -1);
  });

  it("keeps a woman's own receded temple corners too (keepOwnTemples); a man's kept hairline keeps its middle only", () => {
    // Hair to row 200 (400 px) in the middle, to row 170 (340 px, 23 mm further back) beyond 45 cells
    // (90 px) to either side: an M-shaped hairline whose temple corners are the person's own.
    const head = headShape(200);
    for (let y = 170; y < 200; y++) for (let x = 0; x < head.width; x++) if (Math.abs(x - 160) > 45) head.hair![y * head.width + x] = 0;
    const plain = designPoints({ view: 'top', head, down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: false })!;
    const kept = designPoints({ view: 'top', head, down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true, keepOwnTemples: true })!;
    const [endL, ftL, mid, ftR, endR] = kept.control;
    // a man's Norwood 2-3: the middle held as hers, the corners where the rules put them (his receded
    // temples are what SMP treats; holding them left every Norwood 2-3 front plan near empty)
    const his = designPoints({ view: 'top', head, down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true })!;
    expect(his.control[2]).toEqual(mid);
    // his corners keep the rules' place against his middle, as without a kept hairline, in the bare temples
    for (const k of [1, 3]) expect(his.control[2][1] - his.control[k][1]).toBeCloseTo(plain.control[2][1] - plain.control[k][1], 6);
    expect((his.control[1][1] - 340) * MMPP).toBeGreaterThan(10);
    expect(his.notes.some((n) => n.startsWith('frontotemporal angle'))).toBe(false);
    // the middle is held at its own edge (400 px) as before; each corner 5 mm in front of the temple's (340 px)
    expect((mid[1] - 400) * MMPP).toBeCloseTo(OWN_EDGE_MARGIN_MM, 0);
    for (const ft of [ftL, ftR]) expect((ft[1] - 340) * MMPP).toBeCloseTo(OWN_EDGE_MARGIN_MM, 0);
    // before, the corners stayed 10 mm behind the middle: 18 mm into the bare temples
    expect((plain.control[1][1] - 340) * MMPP).toBeGreaterThan(15);
    // the temporal ends move back with their corners, and the note says so
    expect(endL[1]).toBeLessThan(plain.control[0][1]);
    expect(endR[1]).toBeLessThan(plain.control[4][1]);
    expect(kept.notes.at(-1)).toMatch(/^frontotemporal angles held \d+ and \d+ mm back, 5 mm in front of the person's own temple hairline, which is kept$/);
    // a straight hairline (no receded corners): the corners stay where they were
    const straight = designPoints({ view: 'top', head: headShape(200), down: [0, 1], mmPerPixel: MMPP, seed: 1, keepOwnHairline: true, keepOwnTemples: true })!;
    expect(straight.notes.some((n) => n.startsWith('frontotemporal angle'))).toBe(false);
  });

  it('keeps the own hairline for Norwood 1-3 and every Ludwig grade, designs it from Norwood 4 on', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((l) => keepsOwnHairline('norwood', l))).toEqual([true, true, true, false, false, false, false]);
    expect(keepsOwnHairline('ludwig', null)).toBe(true);
    expect(keepsOwnHairline('norwood', null)).toBe(false); // not assessable: the rules stand
    expect(() => keepsOwnHairline('norwood', 8)).toThrow(/integer 1-7, got 8/);
    expect(() => keepsOwnHairline('norwood', 2.5)).toThrow(/integer 1-7/);
    expect([keepsOwnTemples('ludwig'), keepsOwnTemples('norwood')]).toEqual([true, false]);
  });

  it('with face landmarks: mid-frontal point 80 mm above the glabella (0.8 of it seen), frontotemporal angles over the lateral canthi', () => {
    const glabella: Point = [320, 500], leftCanthus: Point = [200, 520], rightCanthus: Point = [440, 520];
    const d = designPoints({ view: 'front', head: headShape(), landmarks: { glabella, leftCanthus, rightCanthus }, mmPerPixel: MMPP, seed: 1 })!;
    const [, ftL, mid, ftR] = d.control;
    expect(d.method).toBe('landmarks');
    expect(Math.hypot(mid[0] - glabella[0], mid[1] - glabella[1]) * MMPP).toBeCloseTo(80 * 0.8, 6);
    expect(mid[1]).toBeLessThan(glabella[1]);
    expect(ftL[0]).toBeCloseTo(200, 6);
    expect(ftR[0]).toBeCloseTo(440, 6);
    expect((mid[1] - ftL[1]) * MMPP).toBeCloseTo(10, 6);
  });

  it('measures how far a drawn line sits below the 8 cm rule where the face anchors it, by its middle', () => {
    const landmarks = { glabella: [320, 500] as Point, leftCanthus: [200, 520] as Point, rightCanthus: [440, 520] as Point };
    const input = { view: 'front', head: headShape(), landmarks, mmPerPixel: MMPP, seed: 1 };
    const ruleY = 500 - (80 * 0.8) / MMPP; // the rule's mid-frontal point, as the photo shows it
    // a line through the rule point, with temporal ends running 60 px down the sides: 0 mm, the ends do not count
    const at = (dy: number): Point[] => [[120, ruleY + dy + 60], [200, ruleY + dy + 10], [320, ruleY + dy], [440, ruleY + dy + 10], [520, ruleY + dy + 60]];
    expect(belowEightCmRule(at(0), input)!.mm).toBeCloseTo(0, 6);
    // 2-3 cm above the brows (the second practitioner review): about 40 mm below the rule
    const low = belowEightCmRule(at(40 / MMPP), input)!;
    expect(low).toEqual({ mm: expect.closeTo(40, 6), anchor: 'landmarks' });
    expect(low.mm).toBeGreaterThan(LOW_HAIRLINE_MARGIN_MM.landmarks);
    expect(belowEightCmRule(at(-10 / MMPP), input)!.mm).toBeCloseTo(-10, 6);
    // no face or brows: held against the head-size rule, the point designPoints places (a wider margin)
    const bySize = designPoints({ view: 'front', head: headShape(), mmPerPixel: MMPP, seed: 1 })!;
    expect(bySize.method).toBe('head-geometry');
    const sizeMid = bySize.control[2];
    const atSize = (dy: number): Point[] => [[sizeMid[0] - 200, sizeMid[1] + dy + 60], [sizeMid[0], sizeMid[1] + dy], [sizeMid[0] + 200, sizeMid[1] + dy + 60]];
    expect(belowEightCmRule(atSize(0), { ...input, landmarks: undefined })).toEqual({ mm: expect.closeTo(0, 6), anchor: 'head-size' });
    expect(belowEightCmRule(atSize(40 / MMPP), { ...input, landmarks: undefined })!.mm).toBeCloseTo(40, 6);
    expect(LOW_HAIRLINE_MARGIN_MM['head-size']).toBeGreaterThan(LOW_HAIRLINE_MARGIN_MM.landmarks);
    // a top view: its head-size rule is centimetres off, nothing to hold a line against
    expect(belowEightCmRule(at(0), { ...input, view: 'top' })).toBeNull();
  });

  it('with face landmarks: follows the hair where it reaches lower than the 8 cm rule', () => {
    const landmarks = { glabella: [320, 500] as Point, leftCanthus: [200, 520] as Point, rightCanthus: [440, 520] as Point };
    // Hair down to 400 px: ~65 px (25 mm) below the rule's 335 px, with bare forehead under it.
    const low = designPoints({ view: 'front', head: headShape(200), landmarks, mmPerPixel: MMPP, seed: 1 })!;
    expect(low.method).toBe('landmarks');
    expect(low.control[2][1]).toBeGreaterThan(395);
    expect(low.control[2][1]).toBeLessThan(405);
    expect(low.notes[0]).toMatch(/existing front edge of the hair, 2\d mm below the 8 cm rule/);
    expect((low.control[2][1] - low.control[1][1]) * MMPP).toBeCloseTo(10, 6); // angles move with it
    // Hair ending above the rule: the rule stands.
    const high = designPoints({ view: 'front', head: headShape(100), landmarks, mmPerPixel: MMPP, seed: 1 })!;
    expect((500 - high.control[2][1]) * MMPP).toBeCloseTo(64, 6);
  });

  it('with face landmarks: keeps the line on the forehead when the rule would reach the top of the head', () => {
    // Glabella 170 px below the head's top (80 px): the rule's 165 px would put the line at the top.
    const landmarks = { glabella: [320, 250] as Point, leftCanthus: [200, 270] as Point, rightCanthus: [440, 270] as Point };
    const d = designPoints({ view: 'front', head: headShape(), landmarks, mmPerPixel: MMPP, seed: 1 })!;
    expect(d.control[2][1]).toBeCloseTo(80 + 0.12 * 402, -1); // 0.12 head breadths below the top
    expect(d.notes[0]).toMatch(/0.12 head breadths below the top of the head/);
  });

  it('raises the whole line for a conservative session and is deterministic by seed', () => {
    const base = { view: 'top', head: headShape(), down: [0, 1] as Point, mmPerPixel: MMPP, seed: 5 };
    const a = proposeHairline(base)!, raised = proposeHairline({ ...base, raiseMm: 5 })!;
    expect((a.control[2][1] - raised.control[2][1]) * MMPP).toBeCloseTo(5, 6);
    expect(proposeHairline(base)!.points).toEqual(a.points);
    expect(proposeHairline({ ...base, seed: 6 })!.points).not.toEqual(a.points);
    expect(polylineLength(a.points) * MMPP).toBeGreaterThan(100);
    expect(proposeHairline({ ...base, view: 'back' })).toBeNull();
  });

  it('keeps a hand-drawn line as given and rejects broken ones', () => {
    const pts: Point[] = [[1, 2], [3, 4], [5, 4]];
    expect(givenHairline(pts).points).toEqual(pts);
    expect(() => givenHairline([[1, 2]])).toThrow(/at least 2/);
    expect(() => givenHairline([[1, 2], [Number.NaN, 1]])).toThrow(/finite/);
  });
});

describe('eyebrows as the glabella in front views', () => {
  /** Front face on 200x200 cells of 2 px: skin ellipse, brows as non-skin bands at row 120, eyes at 135. */
  function face(withBrows: boolean): HeadShape {
    const width = 200, height = 200, cellPx = 2;
    const mask = new Uint8Array(width * height), skinProb = new Float32Array(width * height), hairProb = new Float32Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const c = y * width + x;
        if (((x - 100) / 90) ** 2 + ((y - 100) / 99) ** 2 > 1) continue;
        mask[c] = 1;
        skinProb[c] = 0.9;
        const side = Math.abs(x - 100);
        // Brows: rows 116-123 (~6 mm), 12-45 mm (cells 15-58) out; eyes: rows 132-138.
        const brow = withBrows && y >= 116 && y < 124 && side >= 15 && side < 58;
        const eye = y >= 132 && y < 139 && side >= 18 && side < 50;
        if (brow || eye) skinProb[c] = 0.1; // grey brows read as neither skin nor hair
      }
    }
    return { mask, width, height, cellPx, hairProb, skinProb };
  }
  const MM = 155 / 360; // head 180 cells = 360 px wide

  it('finds the brows and puts the mid-frontal point above them', () => {
    const d = designPoints({ view: 'front', head: face(true), down: [0, 1], mmPerPixel: MM, seed: 1 })!;
    expect(d.method).toBe('eyebrows');
    // Brow centre row 120 -> y = 240 px; the point sits 80 mm x 0.8 above.
    expect(d.control[2][1]).toBeCloseTo(240 - (80 * 0.8) / MM, -1);
    expect(d.control[2][0]).toBeCloseTo(200, -1);
  });

  it('falls back to the head-size rule when the face shows no brow-like band', () => {
    const plain = face(false);
    plain.skinProb!.fill(0.9); // no brows, no eyes
    const d = designPoints({ view: 'front', head: plain, down: [0, 1], mmPerPixel: MM, seed: 1 })!;
    expect(d.method).toBe('head-geometry');
    // Nothing anchors it: the practitioner is told to check it, and that the head is whole.
    expect(d.caution).toMatch(/^No face or eyebrows were found in this front photo, so the hairline was placed by head size alone: check it/);
    expect(proposeHairline({ view: 'front', head: plain, down: [0, 1], mmPerPixel: MM, seed: 1 })!.caution).toBe(d.caution);
  });

  it('says when the head-size rule measured a head cut off at the top of the photo', () => {
    // The same face with its top 30 rows (60 px) cropped off: the outline's top is the photo's edge.
    const whole = face(false);
    whole.skinProb!.fill(0.9);
    const rows = 30, w = whole.width, h = whole.height - rows;
    const cut: HeadShape = { ...whole, height: h, mask: whole.mask.slice(rows * w), skinProb: whole.skinProb!.slice(rows * w), hairProb: whole.hairProb!.slice(rows * w) };
    const d = designPoints({ view: 'front', head: cut, down: [0, 1], mmPerPixel: MM, seed: 1 })!;
    expect(d.caution).toMatch(/measured from a head whose top is cut off by the photo \(the line then sits too low\)/);
    // Anchored lines carry no caution: the brows, the hair's own front edge.
    expect(designPoints({ view: 'front', head: face(true), down: [0, 1], mmPerPixel: MM, seed: 1 })!.caution).toBeUndefined();
    // A top view read by head size alone carries one (no brows; L5-014's line 2 cm low, L4-012's 3.5 cm back).
    const top = designPoints({ view: 'top', head: headShape(), down: [0, 1], mmPerPixel: MMPP, seed: 1 })!;
    expect(top.notes[0]).toMatch(/placed by head size/);
    expect(top.caution).toMatch(/^A top view shows no brows to measure from, so the hairline was placed by head size alone/);
    expect(designPoints({ view: 'front', head: headShape(150), down: [0, 1], mmPerPixel: MMPP, seed: 1 })!.caution).toBeUndefined();
  });
});
