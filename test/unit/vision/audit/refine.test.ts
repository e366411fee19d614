import { beforeAll, describe, expect, it } from 'vitest';
import { maskedNcc, refineRegistration, registrationCorrelation, scaleHomography } from '../../../../src/vision/audit/refine.js';
import { registerToReference } from '../../../../src/vision/audit/register.js';
import { loadOpenCv, type OpenCv } from '../../../../src/vision/audit/opencv.js';
import { multiply, similarity, transferError } from '../../../../src/vision/audit/homography.js';
import { randomSpec, synthPair } from '../../../../src/vision/audit/synth/pair.js';

let cv: OpenCv;
beforeAll(async () => {
  cv = await loadOpenCv();
});

const S = 256;
const centre = { x0: 0.2 * S, y0: 0.2 * S, x1: 0.8 * S, y1: 0.8 * S };

describe('maskedNcc', () => {
  it('is 1 for an affine copy, -1 for a negated one, and ignores masked-out pixels', () => {
    const a = Array.from({ length: 200 }, (_, i) => Math.sin(i));
    const mask = a.map((_, i) => (i < 150 ? 1 : 0));
    const b = a.map((v, i) => (i < 150 ? 3 * v + 2 : 99));
    expect(maskedNcc(a, b, mask)).toBeCloseTo(1, 10);
    expect(maskedNcc(a, a.map((v) => -v), mask)).toBeCloseTo(-1, 10);
  });
  it('is NaN for too few pixels or a constant side, and rejects mismatched lengths', () => {
    expect(maskedNcc([1, 2, 3], [1, 2, 3], [1, 1, 1])).toBeNaN();
    expect(maskedNcc(new Array(200).fill(1), Array.from({ length: 200 }, (_, i) => i), new Array(200).fill(1))).toBeNaN();
    expect(() => maskedNcc([1], [1, 2], [1])).toThrow(/lengths/);
  });
});

describe('scaleHomography', () => {
  it('scaling by s then by 1/s gives the input back', () => {
    const h = similarity(7, 1.02, 5, -3, 100, 80);
    const back = scaleHomography(scaleHomography(h, 0.5, 0.25), 2, 4);
    back.forEach((v, i) => expect(v).toBeCloseTo(h[i], 10));
  });
});

describe('refineRegistration', () => {
  it('pulls a transform that is 3 px off back within 1 px and raises the correlation', () => {
    const p = synthPair({ ...randomSpec(21, { width: S, height: S }), transform: { rotationDeg: 6, scale: 1, shiftX: 15, shiftY: -10 } });
    const off = multiply(similarity(0.5, 1, 2.5, -1.5, S / 2, S / 2), p.trueTransform);
    expect(transferError(off, p.trueTransform, centre).max).toBeGreaterThan(2.5);
    const r = refineRegistration(cv, p.before, p.after, off);
    expect(r.applied).toBe(true);
    expect(r.correlation).toBeGreaterThan(r.correlationBefore);
    expect(transferError(r.h, p.trueTransform, centre).max).toBeLessThan(1);
  });

  it('scores the true transform well above one 20 px off', () => {
    const p = synthPair(randomSpec(22, { width: S, height: S }));
    const good = registrationCorrelation(cv, p.before, p.after, p.trueTransform);
    const bad = registrationCorrelation(cv, p.before, p.after, multiply(similarity(0, 1, 20, 0, 0, 0), p.trueTransform));
    expect(good).toBeGreaterThan(0.5);
    expect(bad).toBeLessThan(good - 0.3);
  });

  it('rejects bad options', () => {
    const p = synthPair(randomSpec(23, { width: 64, height: 64 }));
    expect(() => refineRegistration(cv, p.before, p.after, p.trueTransform, { gaussSize: 4 })).toThrow(/gaussSize/);
    expect(() => refineRegistration(cv, p.before, p.after, p.trueTransform, { refineSide: 10 })).toThrow(/refineSide/);
  });
});

describe('registerToReference verification', () => {
  it('reports the refinement and correlation, and refuses when the correlation is below the minimum', () => {
    const p = synthPair(randomSpec(24, { width: S, height: S }));
    const ok = registerToReference(cv, p.before, p.after);
    expect(ok.registered).toBe(true);
    expect(ok.refinement).toMatch(/^(ecc-homography|none)$/);
    expect(ok.correlation!).toBeGreaterThan(0.1);
    const refused = registerToReference(cv, p.before, p.after, { minCorrelation: 1.01 });
    expect(refused.registered).toBe(false);
    expect(refused.transform).toBeNull();
    expect(refused.rmsErrorPx).toBeNull();
    expect(refused.reason).toMatch(/correlation/);
  });
});
