import { describe, expect, it } from 'vitest';
import { cueEstimate, DEFAULT_PRIORS } from '../../../../src/plan/scale/cues.js';
import { combineScale, framePrior } from '../../../../src/plan/scale/estimate.js';
import { headCue, headExtent } from '../../../../src/plan/scale/head-size.js';

/** An ellipse mask (1 inside) of semi-axes a (across) and b (down) centred at (cx, cy). */
function ellipse(w: number, h: number, cx: number, cy: number, a: number, b: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1) m[y * w + x] = 1;
  return m;
}

describe('scale cues', () => {
  it('turns a card of known size into mm per pixel with the pixel error as its spread', () => {
    const e = cueEstimate({ kind: 'marker', sizeMm: 85.6, sizePx: 428, sigmaPx: 2 });
    expect(e.mmPerPixel).toBeCloseTo(0.2, 6);
    expect(e.relativeSigma).toBeCloseTo(2 / 428, 6);
  });

  it('gives the head-size prior its population spread (~7 %)', () => {
    const e = cueEstimate({ kind: 'headBreadth', widthPx: 500 });
    expect(e.mmPerPixel).toBeCloseTo(155 / 500, 6);
    expect(e.relativeSigma).toBeGreaterThan(0.06);
    expect(e.relativeSigma).toBeLessThan(0.08);
    expect(cueEstimate({ kind: 'headBreadth', widthPx: 500, clipped: true }).relativeSigma).toBeGreaterThan(0.25);
  });

  it('uses the iris (11.7 ± 0.5 mm) with its measurement error', () => {
    const e = cueEstimate({ kind: 'iris', diameterPx: 40 });
    expect(e.mmPerPixel).toBeCloseTo(11.7 / 40, 6);
    expect(e.relativeSigma).toBeGreaterThan(DEFAULT_PRIORS.irisMm[1] / 11.7);
  });

  it('rejects sizes that are not positive', () => {
    expect(() => cueEstimate({ kind: 'marker', sizeMm: 0, sizePx: 10 })).toThrow(/sizeMm/);
    expect(() => cueEstimate({ kind: 'iris', diameterPx: Number.NaN })).toThrow(/diameterPx/);
  });
});

describe('combining cues', () => {
  it('lets a measured card dominate the head prior and reports it as the source', () => {
    const s = combineScale(
      [
        { kind: 'headBreadth', widthPx: 500 }, // says 0.31 mm/px
        { kind: 'marker', sizeMm: 85.6, sizePx: 428, sigmaPx: 2 }, // says 0.20 mm/px
      ],
      { width: 640, height: 640 },
    );
    expect(s.source).toBe('marker');
    // The head says 55 % more, far beyond its 7 %: it contradicts the card and is left out.
    expect(s.mmPerPixel).toBeCloseTo(0.2, 6);
    expect(s.relativeSigma).toBeLessThan(0.005);
  });

  it('leaves out a cue that contradicts the most precise one by more than 3 SD', () => {
    const frame = { width: 640, height: 640 };
    const card = { kind: 'marker', sizeMm: 85.6, sizePx: 128, sigmaPx: 2 } as const; // 0.67 mm/px ±1.6 %
    const head = { kind: 'headBreadth', widthPx: 600 } as const; // 0.26 mm/px ±7 %: 13 SD off
    const s = combineScale([head, card], frame);
    expect(s.mmPerPixel).toBeCloseTo(85.6 / 128, 6);
    expect(s.relativeSigma).toBeCloseTo(cueEstimate(card).relativeSigma, 9);
    expect(s.cues.map((c) => c.conflict ?? false)).toEqual([true, false]);
    // Within 3 SD the head still counts, pulling slightly.
    const near = combineScale([{ kind: 'headBreadth', widthPx: 215 }, card], frame); // 0.72 mm/px: ~1 SD off
    expect(near.cues.some((c) => c.conflict)).toBe(false);
    expect(near.mmPerPixel).toBeGreaterThan(85.6 / 128);
  });

  it('drops no cue between cues of about the same precision: there is no telling which is wrong', () => {
    const frame = { width: 640, height: 640 };
    // The pupils (0.90 mm/px ±7.4 %) and the head (0.39 mm/px ±7.1 %), 2.3x apart: both are averaged
    // (about their geometric mean), neither is dropped.
    const s = combineScale([{ kind: 'interpupillary', distancePx: 70 }, { kind: 'headBreadth', widthPx: 400 }], frame);
    expect(s.cues.some((c) => c.conflict)).toBe(false);
    expect(s.mmPerPixel).toBeGreaterThan(155 / 400);
    expect(s.mmPerPixel).toBeLessThan(63 / 70);
    expect(Math.abs(Math.log(s.mmPerPixel / Math.sqrt((155 / 400) * (63 / 70))))).toBeLessThan(0.05);
  });

  it('tightens when two independent cues agree (inverse-variance weighting)', () => {
    const a = { kind: 'interpupillary', distancePx: 210 } as const;
    const one = combineScale([a], { width: 640, height: 640 });
    const two = combineScale([a, { kind: 'iris', diameterPx: 39 }], { width: 640, height: 640 });
    expect(two.relativeSigma).toBeLessThan(one.relativeSigma);
    const sa = cueEstimate(a).relativeSigma, sb = cueEstimate({ kind: 'iris', diameterPx: 39 }).relativeSigma;
    expect(two.relativeSigma).toBeCloseTo(1 / Math.sqrt(1 / sa ** 2 + 1 / sb ** 2), 9);
  });

  it('falls back to a frame prior that says "unknown" (40 %)', () => {
    const s = combineScale([], { width: 1000, height: 800 });
    expect(s).toEqual(framePrior(1000, 800));
    expect(s.source).toBe('none');
    expect(s.relativeSigma).toBe(0.4);
  });
});

describe('head size from the mask', () => {
  it('measures the head breadth of an ellipse over its upper part, ignoring wider shoulders below', () => {
    const w = 400, h = 400;
    const m = ellipse(w, h, 200, 170, 120, 150);
    // Shoulders: a wide band at the bottom, attached to the head.
    for (let y = 330; y < 400; y++) for (let x = 10; x < 390; x++) m[y * w + x] = 1;
    const e = headExtent(m, w, h, 'down', 'front')!;
    expect(e.widthPx).toBeGreaterThan(235);
    expect(e.widthPx).toBeLessThanOrEqual(241);
    expect(e.clipped).toBe(false);
    expect(headCue(e, 'front')).toEqual({ kind: 'headBreadth', widthPx: e.widthPx, clipped: false });
  });

  it('works whichever way the photo is turned and flags heads cut by the frame', () => {
    const w = 300, h = 200;
    const m = ellipse(w, h, 150, 100, 90, 60); // head lying sideways: down = right
    const e = headExtent(m, w, h, 'right', 'top')!;
    expect(e.widthPx).toBeGreaterThan(115);
    expect(e.widthPx).toBeLessThanOrEqual(121);
    const cut = headExtent(ellipse(200, 300, 100, 150, 140, 120), 200, 300, 'down', 'top')!;
    expect(cut.clipped).toBe(true);
    expect(headCue(e, 'left')?.kind).toBe('headLength');
    expect(headCue(e, 'closeup')).toBeNull();
    expect(headExtent(new Uint8Array(100), 10, 10)).toBeNull();
  });
});
