import { describe, expect, it } from 'vitest';
import { exposureConfidence, exposureScale, frameMeanGreen, itaPerLightness, relativeExposure } from '../../../../src/vision/colour/exposure.js';
import { labToLinear } from '../../../../src/vision/colour/convert.js';
import { exposureItaError, implausibleSkin, itaPivotDistance, skinConfidence } from '../../../../src/vision/colour/skin-tone.js';
import { SRGB_TO_LINEAR } from '../../../../src/vision/colour/convert.js';
import { ita } from '../../../../src/vision/colour/ita.js';
import { measurePhotoColour } from '../../../../src/vision/colour/measure.js';
import { withSettings } from '../../../../src/vision/colour/settings.js';
import { applyChannelCast } from '../../../../src/vision/colour/cast.js';
import type { RgbImage, Segmentation } from '../../../../src/vision/image.js';
import { labelledScene } from '../scene-fixture.js';

function solid(w: number, h: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb, 3 * i);
  return { width: w, height: h, data };
}

describe('frameMeanGreen', () => {
  it('is the linear-light green of a uniform frame, whatever red and blue are', () => {
    expect(frameMeanGreen(solid(4, 3, [10, 128, 250]))).toBeCloseTo(SRGB_TO_LINEAR[128], 12);
    expect(frameMeanGreen(solid(4, 3, [250, 128, 10]))).toBeCloseTo(SRGB_TO_LINEAR[128], 12);
  });

  it('averages in linear light, not in code values', () => {
    const img = solid(2, 1, [0, 0, 0]);
    img.data.set([0, 255, 0], 3);
    expect(frameMeanGreen(img)).toBeCloseTo(0.5, 12); // code 128 would decode to ~0.216
  });

  it('rejects a malformed image', () => {
    expect(() => frameMeanGreen({ width: 2, height: 2, data: new Uint8Array(5) })).toThrow();
  });
});

describe('relativeExposure', () => {
  it('is ln(skin / frame)', () => {
    expect(relativeExposure(0.2, 0.2)).toBe(0);
    expect(relativeExposure(0.1, 0.2)).toBeCloseTo(-Math.LN2, 12);
    expect(relativeExposure(0.4, 0.2)).toBeCloseTo(Math.LN2, 12);
  });

  it('is unchanged when the camera scales the whole frame', () => {
    expect(relativeExposure(0.3 * 0.37, 0.2 * 0.37)).toBeCloseTo(relativeExposure(0.3, 0.2), 12);
  });

  it('rejects non-positive greens', () => {
    expect(() => relativeExposure(0, 0.2)).toThrow(/> 0/);
    expect(() => relativeExposure(0.2, -1)).toThrow(/> 0/);
  });
});

describe('exposureConfidence', () => {
  it('rises linearly from 0 at the cut-off to 1 one span above it, clamped', () => {
    expect(exposureConfidence(-0.3, -0.3, 0.7)).toBe(0);
    expect(exposureConfidence(0.05, -0.3, 0.7)).toBeCloseTo(0.5, 12);
    expect(exposureConfidence(0.4, -0.3, 0.7)).toBeCloseTo(1, 12);
    expect(exposureConfidence(3, -0.3, 0.7)).toBe(1);
    expect(exposureConfidence(-2, -0.3, 0.7)).toBe(0);
  });

  it('rejects a zero span', () => {
    expect(() => exposureConfidence(0, -0.3, 0)).toThrow();
  });
});

describe('exposureScale', () => {
  it('is 1 at the reference exposure or at strength 0', () => {
    expect(exposureScale(0.3, 0.3, 0.5)).toBe(1);
    expect(exposureScale(-0.2, 0.3, 0)).toBe(1);
  });

  it('undoes the given fraction of the deviation, in ln units', () => {
    expect(exposureScale(0.9, 0.3, 0.5)).toBeCloseTo(Math.exp(-0.3), 12);
    expect(exposureScale(-0.1, 0.3, 0.5)).toBeCloseTo(Math.exp(0.2), 12);
    // Strength 1 puts the skin exactly at the reference multiple of its frame mean.
    const rel = 0.8;
    expect(Math.log(Math.exp(rel) * exposureScale(rel, 0.3, 1))).toBeCloseTo(0.3, 12);
  });

  it('rejects a strength outside [0, 1]', () => {
    expect(() => exposureScale(0, 0, 1.5)).toThrow(/strength/);
    expect(() => exposureScale(0, 0, -0.1)).toThrow(/strength/);
  });
});

describe('itaPerLightness', () => {
  it('matches the numerical derivative of ITA with respect to L*', () => {
    for (const [L, b] of [
      [65, 15],
      [45, 10],
      [80, 20],
      [30, 8],
    ]) {
      const h = 1e-4;
      const numeric = Math.abs((ita(L + h, b) - ita(L - h, b)) / (2 * h));
      expect(itaPerLightness(L, b)).toBeCloseTo(numeric, 6);
    }
  });

  it('is steepest near L* = 50 with a small b*', () => {
    expect(itaPerLightness(52, 8)).toBeGreaterThan(itaPerLightness(75, 8));
    expect(itaPerLightness(50, 0)).toBe(Infinity);
  });

  it('rejects non-finite input', () => {
    expect(() => itaPerLightness(NaN, 10)).toThrow();
  });
});

describe('exposureItaError', () => {
  it('is the L* error times dITA/dL*, and 0 without an L* error', () => {
    expect(exposureItaError([65, 12, 15], 0)).toBe(0);
    expect(exposureItaError([65, 12, 15], 6)).toBeCloseTo(6 * itaPerLightness(65, 15), 12);
    expect(() => exposureItaError([65, 12, 15], -1)).toThrow();
  });
});

describe('ITA pivot check', () => {
  const p = { hueMin: 15, hueMax: 95, chromaMin: 4, chromaMax: 50, itaPivotMin: 6 };
  it('measures the distance from (L* 50, b* 0)', () => {
    expect(itaPivotDistance([53, 9, 4])).toBeCloseTo(5, 12);
    expect(itaPivotDistance([50, 0, 0])).toBe(0);
  });

  it('refuses a colour next to the pivot and keeps one away from it', () => {
    expect(implausibleSkin([53, 6, 4], p)).toMatch(/pivot/);
    expect(implausibleSkin([45, 10, 15], p)).toBeNull();
    expect(implausibleSkin([53, 6, 4], { ...p, itaPivotMin: undefined })).toBeNull();
  });

  it('says which way a hue outside skin hues leans: pink or green is skin under a tinted light as often as not skin', () => {
    // L7-015: a bald head under a green tent, a* 14, b* 0 (hue 0°)
    expect(implausibleSkin([60, 14, 0.2], p)).toBe("the skin region's hue (1°) is outside skin hues (15–95°): pinker than skin: skin under a pink or magenta light, or whose white balance a coloured background threw off, or not skin at all");
    expect(implausibleSkin([60, 14, -3], p)).toMatch(/\(348°\).*: pinker than skin/);
    expect(implausibleSkin([60, -4, 12], p)).toMatch(/\(108°\).*: greener than skin: skin under a green or yellow light/);
    expect(implausibleSkin([60, -8, -10], p)).toMatch(/\(231°\).*: probably not skin$/);
  });
});

describe('skinConfidence', () => {
  it('falls with the exposure trust, to 0.3× at none', () => {
    const e = { lab: [65, 12, 15] as [number, number, number], kept: 20_000, itaIqr: 8, redClipped: 0 };
    const full = skinConfidence({ ...e, exposureTrust: 1 }, 1);
    expect(skinConfidence(e, 1)).toBeCloseTo(full, 12);
    expect(skinConfidence({ ...e, exposureTrust: 0 }, 1)).toBeCloseTo(0.3 * full, 12);
  });
});

/** A head-and-shoulders frame: background of `bg`, a skin block (x 20..69) of `skin`, labels to match. */
function frame(bg: number, skin: [number, number, number]): { img: RgbImage; seg: Segmentation } {
  return labelledScene(120, 100, (x, y) => {
    const isSkin = y >= 10 && y < 90 && x >= 20 && x < 70;
    const v = isSkin ? skin.map((c) => c + ((x + y) % 5)) : [bg + ((x * 7 + y * 3) % 9) - 4, bg + ((x * 5 + y) % 9) - 4, bg + ((x + y * 7) % 9) - 4];
    return { rgb: v.map((c) => Math.max(1, Math.min(254, c))), cls: isSkin ? 1 : 0 };
  });
}

describe('measurePhotoColour exposure check', () => {
  const settings = withSettings({ detectCard: false, skin: { minPixels: 200 }, hair: { minPixels: 200 }, whiteBalance: { minPixels: 500 } });

  it('refuses skin far darker than a bright frame (backlit), with the reason', () => {
    const { img, seg } = frame(235, [120, 85, 70]);
    const m = measurePhotoColour(img, seg, settings);
    expect(m.skinTone).toBeNull();
    expect(m.reasons.join(' ')).toMatch(/under-exposed/);
  });

  it('measures the same skin when the check is off, and against a mid-grey frame', () => {
    const { img, seg } = frame(235, [120, 85, 70]);
    expect(measurePhotoColour(img, seg, withSettings({ ...settings, skin: { ...settings.skin, minRelativeExposure: null } })).skinTone).not.toBeNull();
    const mid = frame(70, [120, 85, 70]);
    expect(measurePhotoColour(mid.img, mid.seg, settings).skinTone).not.toBeNull();
  });

  it('makes the same decision under a ±15 % red or blue cast (green only)', () => {
    for (const bg of [235, 70]) {
      const { img, seg } = frame(bg, [120, 85, 70]);
      const ref = measurePhotoColour(img, seg, settings).skinTone === null;
      for (const [ch, f] of [
        [0, 1.15],
        [2, 0.85],
      ] as const) {
        expect(measurePhotoColour(applyChannelCast(img, ch, f), seg, settings).skinTone === null).toBe(ref);
      }
    }
  });

  it('compensates half the skin exposure deviation from the reference, and nothing when off', () => {
    const off = withSettings({ ...settings, skin: { ...settings.skin, exposureCompensation: 0 } });
    const lit = frame(120, [150, 112, 95]); // skin a little above its frame mean
    const dark = frame(40, [150, 112, 95]); // the same skin pixels in a dark frame: the camera brightened them
    const litOff = measurePhotoColour(lit.img, lit.seg, off).skinTone!;
    const darkOff = measurePhotoColour(dark.img, dark.seg, off).skinTone!;
    expect(litOff.lab[0]).toBeCloseTo(darkOff.lab[0], 2); // (white balance differs a hair between the two frames)
    const litOn = measurePhotoColour(lit.img, lit.seg, settings).skinTone!;
    const darkOn = measurePhotoColour(dark.img, dark.seg, settings).skinTone!;
    expect(darkOn.lab[0]).toBeLessThan(litOn.lab[0]);
    // Linear-light ratio of the two compensated skins = exp(0.5 · (rel_dark − rel_lit)) = sqrt(frame_lit / frame_dark).
    const y = (lab: [number, number, number]) => labToLinear(lab)[1];
    const expected = Math.sqrt(frameMeanGreen(dark.img) / frameMeanGreen(lit.img));
    expect(y(darkOn.lab) / y(litOn.lab)).toBeCloseTo(expected, 2);
  });

  it('trusts skin near the cut-off less than well-exposed skin', () => {
    const dim = frame(120, [150, 112, 95]);
    const bright = frame(70, [150, 112, 95]);
    const a = measurePhotoColour(dim.img, dim.seg, settings).skinTone!;
    const b = measurePhotoColour(bright.img, bright.seg, settings).skinTone!;
    expect(a).not.toBeNull();
    expect(a.confidence).toBeLessThan(b.confidence);
  });
});
