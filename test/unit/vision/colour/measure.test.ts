import { describe, expect, it } from 'vitest';
import { measurePhotoColour, clipRefusal } from '../../../../src/vision/colour/measure.js';
import { fuseSkinTone, fusedItaUncertainty, TYPICAL_ITA_SPREAD } from '../../../../src/vision/colour/fuse.js';
import { withSettings } from '../../../../src/vision/colour/settings.js';
import { estimateIlluminant, gainsFor, MAX_GAIN } from '../../../../src/vision/colour/white-balance.js';
import { regionColour } from '../../../../src/vision/colour/lab-sample.js';
import { IDENTITY, correctImage, diagonal } from '../../../../src/vision/colour/correction.js';
import { applyChannelCast } from '../../../../src/vision/colour/cast.js';
import { SRGB_TO_LINEAR, linearToSrgb8, srgb8ToLab } from '../../../../src/vision/colour/convert.js';
import { ita } from '../../../../src/vision/colour/ita.js';
import type { RgbImage, Segmentation } from '../../../../src/vision/image.js';
import type { PhotoColour } from '../../../../src/vision/colour/types.js';
import { labelledScene } from '../scene-fixture.js';

const W = 120;
const H = 100;

/** Grey textured background, a skin block (x 20..69) and a hair block (x 70..109), labels to match. */
function scene(skin: [number, number, number] = [205, 150, 125], hair: [number, number, number] = [50, 38, 30]): { img: RgbImage; seg: Segmentation } {
  return labelledScene(W, H, (x, y) => {
    const shade = 0.85 + 0.3 * (y / H); // uneven light down the image
    let rgb: number[];
    let cls = 0;
    if (y >= 10 && y < 90 && x >= 20 && x < 70) {
      rgb = skin.map((v) => v * shade);
      cls = 1;
    } else if (y >= 10 && y < 90 && x >= 70 && x < 110) {
      rgb = hair.map((v) => v * shade + ((x * 7 + y * 3) % 9));
      cls = 2;
    } else {
      const g = 110 + ((x * 13 + y * 29) % 60);
      rgb = [g, g, g];
    }
    return { rgb: rgb.map((v) => Math.max(1, Math.min(255, Math.round(v)))), cls };
  });
}

const noCard = withSettings({ detectCard: false, skin: { minPixels: 200 }, hair: { minPixels: 200 }, whiteBalance: { minPixels: 500 } });

describe('white balance estimate', () => {
  it('is equivariant: a linear channel gain moves the estimate by exactly that gain', () => {
    // Dark enough that the cast clips nothing (clipped pixels carry no information and are skipped).
    const { img } = scene([120, 90, 70]);
    const gains: [number, number, number] = [1.3, 1, 0.8];
    const cast = correctImage(img, diagonal(gains));
    for (const method of ['grey-world', 'shades-of-grey', 'grey-edge'] as const) {
      const a = estimateIlluminant(img, null, { method })!.rgb;
      const b = estimateIlluminant(cast, null, { method })!.rgb;
      expect(b[0] / a[0]).toBeCloseTo(1.3, 1);
      expect(b[2] / a[2]).toBeCloseTo(0.8, 1);
    }
  });

  it('a red cast that clips red in bright pixels leaves the blue estimate exactly as it was, and vice versa', () => {
    // Background grey 110..169 plus a bright wall (220..240) whose red or blue clips under a +15 % cast.
    const { img } = labelledScene(W, H, (x, y) => {
      const g = x < 60 ? 110 + ((x * 13 + y * 29) % 60) : 220 + ((x * 7 + y * 11) % 21);
      return { rgb: [g, g, Math.round(g * 0.95)], cls: 0 };
    });
    const red = applyChannelCast(img, 0, 1.15);
    const blue = applyChannelCast(img, 2, 1.15);
    expect(red.data.some((v, i) => i % 3 === 0 && v === 255)).toBe(true);
    for (const method of ['grey-world', 'shades-of-grey', 'grey-edge'] as const) {
      const a = estimateIlluminant(img, null, { method, p: 2 })!.rgb;
      expect(estimateIlluminant(red, null, { method, p: 2 })!.rgb[2]).toBe(a[2]);
      expect(estimateIlluminant(blue, null, { method, p: 2 })!.rgb[0]).toBe(a[0]);
      // The cast channel itself moves by about the cast (8-bit ×1.15 is ≈ ×1.36 in linear light).
      expect(estimateIlluminant(red, null, { method, p: 2 })!.rgb[0] / a[0]).toBeGreaterThan(1.25);
    }
  });

  it('keeps green and clamps implausible corrections', () => {
    expect(gainsFor([2, 1, 0.5])).toEqual([0.5, 1, 2]);
    expect(gainsFor([10, 1, 1])).toEqual([1 / MAX_GAIN, 1, 1]);
    expect(gainsFor([2, 1, 1], 0)).toEqual([1, 1, 1]);
  });

  it('ignores masked-out pixels', () => {
    const { img, seg } = scene();
    const bg = Uint8Array.from(seg.labels, (l) => (l === 0 ? 1 : 0));
    const e = estimateIlluminant(img, bg, { method: 'grey-world' })!.rgb;
    expect(e[0]).toBeCloseTo(1, 6);
    expect(e[2]).toBeCloseTo(1, 6);
  });
});

describe('region colour', () => {
  it('takes the per-channel median of the green-ranked band', () => {
    const { img, seg } = scene();
    const mask = Uint8Array.from(seg.labels, (l) => (l === 1 ? 1 : 0));
    const all = regionColour(img, mask, IDENTITY, { band: [0, 1], maxPixels: 1e6 })!;
    const lit = regionColour(img, mask, IDENTITY, { band: [0.5, 1], maxPixels: 1e6 })!;
    expect(all.kept).toBe(50 * 80);
    expect(lit.kept).toBe(50 * 40);
    // The lit half is brighter than the whole.
    expect(lit.rgb[1]).toBeGreaterThan(all.rgb[1]);
    // Chromaticity of a uniformly shaded colour does not depend on the band (up to 8-bit rounding).
    expect(lit.rgb[0] / lit.rgb[1]).toBeCloseTo(all.rgb[0] / all.rgb[1], 1);
  });

  it('selects the same pixels under a blue cast that clips blue in part of the band, and reports the clipping', () => {
    const { img, seg } = scene([235, 215, 200]);
    const mask = Uint8Array.from(seg.labels, (l) => (l === 1 ? 1 : 0));
    const cast = applyChannelCast(img, 2, 1.15);
    const o = { band: [0.5, 0.97] as [number, number], maxPixels: 1e6 };
    const a = regionColour(img, mask, IDENTITY, o)!;
    const b = regionColour(cast, mask, IDENTITY, o)!;
    expect(b.blueClipped).toBeGreaterThan(0);
    expect(b.blueClipped).toBeLessThan(0.5);
    expect(a.blueClipped).toBe(0);
    expect(b.kept).toBe(a.kept);
    expect(b.rgb[0]).toBe(a.rgb[0]);
    expect(b.rgb[1]).toBe(a.rgb[1]);
    expect(b.rgb[2] / a.rgb[2]).toBeGreaterThan(1.3);
  });

  it('tolerates a red channel clipped in part of the band', () => {
    const { img, seg } = scene([240, 150, 125]);
    const mask = Uint8Array.from(seg.labels, (l) => (l === 1 ? 1 : 0));
    const c = regionColour(img, mask, IDENTITY, { band: [0, 1], maxPixels: 1e6 })!;
    expect(c.redClipped).toBeGreaterThan(0);
    expect(c.redClipped).toBeLessThan(0.5);
    expect(c.rgb[0]).toBeLessThan(1);
  });
});

describe('measurePhotoColour', () => {
  it('measures skin tone, hair colour and contrast on a synthetic photo', () => {
    const { img, seg } = scene();
    const m = measurePhotoColour(img, seg, noCard);
    const s = m.skinTone!;
    expect(s).not.toBeNull();
    // The background is neutral grey, so white balance leaves the skin as it is.
    expect(m.whiteBalance.gains[0]).toBeCloseTo(1, 1);
    const lab = srgb8ToLab(205, 150, 125);
    expect(Math.abs(s.lab[0] - lab[0])).toBeLessThan(6);
    expect(s.ita).toBeCloseTo(ita(s.lab[0], s.lab[2]), 10);
    expect(s.fitzpatrick).toBeGreaterThanOrEqual(s.fitzpatrickRange[0]);
    expect(s.fitzpatrick).toBeLessThanOrEqual(s.fitzpatrickRange[1]);
    expect(s.confidence).toBeGreaterThan(0.3);
    expect(m.hairColour!.lightness).toBeLessThan(30);
    expect(['black', 'dark brown']).toContain(m.hairColour!.name);
    expect(m.contrast!.deltaE00).toBeGreaterThan(20);
    expect(m.contrast!.deltaL).toBeGreaterThan(20);
  });

  it.each([
    [0, 1.15],
    [0, 0.85],
    [2, 1.15],
    [2, 0.85],
  ] as const)('undoes a channel-%i ×%f cast to within 2° ITA', (ch, f) => {
    const { img, seg } = scene();
    const ref = measurePhotoColour(img, seg, noCard).skinTone!.ita;
    const got = measurePhotoColour(applyChannelCast(img, ch, f), seg, noCard).skinTone!.ita;
    expect(Math.abs(got - ref)).toBeLessThan(2);
  });

  it('reads hair colour only inside hairRegion: a beard outside it is not the scalp hair', () => {
    // dark hair block on the left half of the hair (the "beard"), light hair on the right half (the scalp)
    const { img, seg } = scene();
    const data = Uint8Array.from(img.data);
    for (let y = 10; y < 90; y++) for (let x = 90; x < 110; x++) for (let c = 0; c < 3; c++) data[3 * (y * W + x) + c] = [150, 120, 90][c];
    const photo = { ...img, data };
    const scalpHalf = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 90; x < W; x++) scalpHalf[y * W + x] = 1;
    const all = measurePhotoColour(photo, seg, noCard).hairColour!;
    const scalp = measurePhotoColour(photo, seg, noCard, { hairRegion: scalpHalf }).hairColour!;
    expect(scalp.lightness).toBeGreaterThan(all.lightness + 10);
    expect(scalp.lightness).toBeCloseTo(srgb8ToLab(150, 120, 90)[0], 0);
    // no hair inside the region: none read, and the reason says the beard did not count
    const none = measurePhotoColour(photo, seg, noCard, { hairRegion: new Uint8Array(W * H) });
    expect(none.hairColour).toBeNull();
    expect(none.reasons.join(' ')).toMatch(/too little hair on the scalp \(a beard or the brows do not count\)/);
    expect(() => measurePhotoColour(photo, seg, noCard, { hairRegion: new Uint8Array(5) })).toThrow(/hairRegion has 5 entries/);
  });

  it('reads no hair colour from a bare scalp whose only hair is a sliver at the region edge (a shirt, a beard), and says why', () => {
    const { img, seg } = scene();
    // the region: the whole skin block (50 x 80 cells of skin) and a strip of the hair block beside it
    const region = (hairColumns: number): Uint8Array => {
      const r = new Uint8Array(W * H);
      for (let y = 0; y < H; y++) for (let x = 20; x < 70 + hairColumns; x++) r[y * W + x] = 1;
      return r;
    };
    const lenient = withSettings({ detectCard: false, skin: { minPixels: 200 }, hair: { minPixels: 20, erodeFrac: 0 }, whiteBalance: { minPixels: 500 } });
    // 1 column of hair against 50 of skin: about 2 % of the scalp, under the 3 % share
    const sliver = measurePhotoColour(img, seg, lenient, { hairRegion: region(1) });
    expect(sliver.hairColour).toBeNull();
    expect(sliver.reasons.join(' ')).toMatch(/hair on 2\.0 % of the scalp only \(need 3 %\): a bare or shaved scalp/);
    // 5 columns: about 9 %, read
    const band = measurePhotoColour(img, seg, lenient, { hairRegion: region(5) });
    expect(band.hairColour?.name).toBeTruthy();
    // without a scalp region (a close-up) the share is not judged: the sliver alone, relabelled as the
    // only hair in the photo (the rest of the hair block read as skin), is still read
    const sliverSeg = { ...seg, labels: Uint8Array.from(seg.labels), probs: Float32Array.from(seg.probs) };
    const n = W * H;
    for (let y = 0; y < H; y++) {
      for (let x = 71; x < 110; x++) {
        const i = y * W + x;
        if (sliverSeg.labels[i] !== 2) continue;
        sliverSeg.labels[i] = 1;
        sliverSeg.probs[n + i] = sliverSeg.probs[2 * n + i];
        sliverSeg.probs[2 * n + i] = 0;
      }
    }
    expect(measurePhotoColour(img, sliverSeg, lenient).hairColour).not.toBeNull();
    const everywhere = new Uint8Array(W * H).fill(1);
    expect(measurePhotoColour(img, sliverSeg, lenient, { hairRegion: everywhere }).hairColour).toBeNull();
    // the share is a setting: at 0 the sliver is read
    const anyShare = withSettings({ detectCard: false, skin: { minPixels: 200 }, hair: { minPixels: 20, erodeFrac: 0, minScalpShare: 0 }, whiteBalance: { minPixels: 500 } });
    expect(measurePhotoColour(img, seg, anyShare, { hairRegion: region(1) }).hairColour).not.toBeNull();
  });

  it('reads no skin tone or hair colour from a black-and-white photo, and says why', () => {
    const { img, seg } = scene();
    const grey = Uint8Array.from(img.data);
    for (let i = 0; i < grey.length; i += 3) {
      const y = Math.round(0.299 * grey[i] + 0.587 * grey[i + 1] + 0.114 * grey[i + 2]);
      grey[i] = grey[i + 1] = grey[i + 2] = y;
    }
    const m = measurePhotoColour({ ...img, data: grey }, seg, noCard);
    expect(m.skinTone).toBeNull();
    expect(m.hairColour).toBeNull();
    expect(m.contrast).toBeNull();
    expect(m.reasons).toEqual(['the photo is black and white: skin tone and hair colour need a colour photo']);
  });

  it('returns null skin with a reason when there is too little skin', () => {
    const { img, seg } = scene();
    const labels = Uint8Array.from(seg.labels, (l) => (l === 1 ? 0 : l));
    const m = measurePhotoColour(img, { ...seg, labels }, noCard);
    expect(m.skinTone).toBeNull();
    expect(m.contrast).toBeNull();
    expect(m.reasons.join(' ')).toMatch(/too little visible scalp skin/);
  });

  it('refuses skin that covers less of the frame than minAreaFraction, whatever its pixel count', () => {
    const { img, seg } = scene(); // skin block 50 x 80 of 120 x 100: about a third of the frame
    const measured = measurePhotoColour(img, seg, withSettings({ ...noCard, skin: { ...noCard.skin, minAreaFraction: 0.2 } }));
    expect(measured.skinTone).not.toBeNull();
    const refused = measurePhotoColour(img, seg, withSettings({ ...noCard, skin: { ...noCard.skin, minAreaFraction: 0.5 } }));
    expect(refused.skinTone).toBeNull();
    expect(refused.reasons.join(' ')).toMatch(/too little visible scalp skin \(\d+\.\d % of the photo, need 50\.0 %\)/);
    // the hair is still measured: only the skin reading needs the area
    expect(refused.hairColour).not.toBeNull();
  });

  it('refuses a "skin" region whose colour cannot be skin (e.g. a blue shirt)', () => {
    const { img, seg } = scene([60, 80, 170]);
    const m = measurePhotoColour(img, seg, noCard);
    expect(m.skinTone).toBeNull();
    expect(m.reasons.join(' ')).toMatch(/not skin|too saturated for skin/);
  });

  it('refuses skin red-clipped in most of its lit band: the colour is unknown, not just uncertain', () => {
    // red 250 under light rising down the image: the lit half of the skin is clipped at 255
    const { img, seg } = scene([250, 150, 125]);
    const m = measurePhotoColour(img, seg, noCard);
    expect(m.skinTone).toBeNull();
    expect(m.reasons.join(' ')).toMatch(/red clipped in \d+ % of the lit skin \(over 50 %\), so its colour is unknown/);
    // with both refusals off the same photo is read (with a confidence of ~0: clipping is its main term)
    const lax = measurePhotoColour(img, seg, withSettings({ ...noCard, skin: { ...noCard.skin, maxRedClipped: 1, minConfidence: 0 } }));
    expect(lax.skinTone!.confidence).toBeLessThan(0.05);
    expect(lax.reasons.join(' ')).toMatch(/skin over-exposed: red clipped in \d+ % of the lit skin(?! \(over)/);
    // the warning follows its own setting
    const quiet = measurePhotoColour(img, seg, withSettings({ ...noCard, skin: { ...noCard.skin, maxRedClipped: 1, minConfidence: 0, warnRedClipped: 1 } }));
    expect(quiet.reasons.join(' ')).not.toMatch(/red clipped/);
  });

  it('refuses a reading below the minimum confidence, and reports it at or above', () => {
    const { img, seg } = scene();
    const c = measurePhotoColour(img, seg, noCard).skinTone!.confidence;
    const strict = measurePhotoColour(img, seg, withSettings({ ...noCard, skin: { ...noCard.skin, minConfidence: c + 0.01 } }));
    expect(strict.skinTone).toBeNull();
    expect(strict.reasons.join(' ')).toMatch(/skin tone too uncertain to report \(confidence \d\.\d\d, need ≥ /);
    expect(strict.hairColour).not.toBeNull(); // hair is measured on its own
    expect(measurePhotoColour(img, seg, withSettings({ ...noCard, skin: { ...noCard.skin, minConfidence: c - 0.01 } })).skinTone).not.toBeNull();
  });

  it('rejects a segmentation of another size', () => {
    const { img, seg } = scene();
    expect(() => measurePhotoColour(img, { ...seg, width: 10 }, noCard)).toThrow(/segmentation is 10x100/);
  });
});

describe('clipRefusal', () => {
  it('refuses only past the limit and checks its argument', () => {
    expect(clipRefusal(0.5, 0.5)).toBeNull();
    expect(clipRefusal(0.51, 0.5)).toMatch(/red clipped in 51 % of the lit skin/);
    expect(clipRefusal(0.6, 0.5, 'blue')).toMatch(/blue clipped in 60 % of the lit skin/);
    expect(() => clipRefusal(1.2, 0.5)).toThrow(/clipped must be in \[0, 1\], got 1.2/);
  });
});

describe('fuseSkinTone', () => {
  const photo = (L: number, b: number, conf = 0.8, hairL = 20, itaUncertainty = 8): PhotoColour => {
    const m = measurePhotoColour(scene().img, scene().seg, noCard);
    return {
      ...m,
      skinTone: { ...m.skinTone!, lab: [L, 12, b], ita: ita(L, b), confidence: conf, itaUncertainty },
      hairColour: { ...m.hairColour!, lab: [hairL, 3, 4], lightness: hairL, confidence: conf },
    };
  };

  it('averages agreeing views and drops an outlier view', () => {
    const f = fuseSkinTone([photo(65, 16), photo(64, 15), photo(66, 17), photo(40, 14)]);
    expect(f.skinTone!.photosUsed).toBe(3);
    expect(f.skinTone!.photosMeasured).toBe(4);
    expect(f.skinTone!.lab[0]).toBeCloseTo(65, 5);
    expect(f.skinTone!.ita).toBeCloseTo(ita(65, 16), 5);
    expect(Number.isInteger(f.skinTone!.fitzpatrick)).toBe(true);
    expect(f.skinTone!.monk).toBeGreaterThanOrEqual(1);
    expect(f.reasons.join(' ')).toMatch(/outlier/);
    expect(f.contrast!.deltaE00).toBeGreaterThan(0);
  });

  it('is less confident when views disagree', () => {
    const agree = fuseSkinTone([photo(65, 16), photo(64, 15), photo(66, 17)]).skinTone!.confidence;
    const disagree = fuseSkinTone([photo(70, 16), photo(60, 15), photo(55, 17)]).skinTone!.confidence;
    expect(disagree).toBeLessThan(agree);
  });

  it('gives one photo the typical spread of views, not none: less sure than three that agree, no surer than five that disagree (practitioner review, L6-026)', () => {
    // one photo: its confidence × the agreement at 9° (TYPICAL_ITA_SPREAD) × the support of one photo (0.6 + 0.4/3)
    const one = fuseSkinTone([photo(62, 14, 0.8)]);
    expect(one.skinTone!.confidence).toBeCloseTo(0.8 * Math.exp(-(TYPICAL_ITA_SPREAD - 3) / 15) * (0.6 + 0.4 / 3), 6);
    expect(one.hairColour!.confidence).toBeCloseTo(0.8 * (0.6 + 0.4 / 3), 6);
    const three = fuseSkinTone([photo(62, 14, 0.8), photo(62, 14, 0.8), photo(62, 14, 0.8)]);
    expect(three.skinTone!.confidence).toBeCloseTo(0.8, 6);
    expect(three.hairColour!.confidence).toBeCloseTo(0.8, 6);
    // five views about 9° apart read about as sure as the one photo alone
    const spread = fuseSkinTone([photo(70, 16), photo(66, 15), photo(62, 14), photo(58, 16), photo(55, 15)]).skinTone!;
    expect(Math.abs(spread.confidence - one.skinTone!.confidence)).toBeLessThan(0.15);
  });

  it('is never more certain than its only photo (practitioner review: ±15.2° photo, ±8° fused)', () => {
    const one = photo(62, 14, 0.7, 20, 15.2);
    expect(one.whiteBalance.method).not.toBe('none'); // estimated: its calibration part is 8°
    expect(fuseSkinTone([one]).skinTone!.itaUncertainty).toBeCloseTo(15.2, 6);
    expect(fuseSkinTone([photo(62, 14, 0.7, 20, 17.4)]).skinTone!.itaUncertainty).toBeCloseTo(17.4, 6);
  });

  it('shrinks with several agreeing photos only in the part they do not share', () => {
    // Three alike photos: √(8² + (15.2² − 8²)/3) = 10.6°, not the calibration's 8°.
    const three = fuseSkinTone([photo(62, 14, 0.7, 20, 15.2), photo(62, 14, 0.7, 20, 15.2), photo(62, 14, 0.7, 20, 15.2)]).skinTone!;
    expect(three.itaUncertainty).toBeCloseTo(Math.sqrt(64 + (15.2 ** 2 - 64) / 3), 6);
    expect(three.itaUncertainty).toBeLessThan(15.2);
    expect(three.itaUncertainty).toBeGreaterThan(8);
  });

  it('fusedItaUncertainty: shared calibration, independent rest, observed spread as a floor', () => {
    const p = (u: number, c = 8, w = 1) => ({ itaUncertainty: u, calibrationError: c, weight: w });
    expect(fusedItaUncertainty([p(15.2)], 0)).toBeCloseTo(15.2, 9);
    expect(fusedItaUncertainty([p(3, 3)], 0)).toBeCloseTo(3, 9); // a card photo: calibration only
    // Four alike photos: the rest halves, the calibration stays.
    expect(fusedItaUncertainty([p(10), p(10), p(10), p(10)], 0)).toBeCloseTo(Math.hypot(8, 3), 9);
    // Photos that disagree more than their own uncertainties say: the spread's standard error rules.
    expect(fusedItaUncertainty([p(10), p(10), p(10), p(10)], 20)).toBeCloseTo(Math.hypot(8, 10), 9);
    // Weights: a photo with all the weight keeps its own uncertainty.
    expect(fusedItaUncertainty([p(15.2, 8, 1), p(9, 8, 1e-9)], 0)).toBeCloseTo(15.2, 6);
    expect(fusedItaUncertainty([p(200, 10)], 0)).toBe(90);
    expect(() => fusedItaUncertainty([], 0)).toThrow(/at least one photo/);
  });

  it('returns null with a reason when no photo has skin', () => {
    const m = photo(65, 16);
    const f = fuseSkinTone([{ ...m, skinTone: null }]);
    expect(f.skinTone).toBeNull();
    expect(f.reasons.join(' ')).toMatch(/no photo shows enough scalp skin/);
    expect(fuseSkinTone([]).skinTone).toBeNull();
  });

  it("says why no skin tone was read from the photos' own notes, alike notes counted once", () => {
    const m = photo(65, 16);
    const pink = (h: number) => ({ ...m, skinTone: null, reasons: [`the skin region's hue (${h}°) is outside skin hues (15–95°): pinker than skin: skin under a pink or magenta light, or whose white balance a coloured background threw off, or not skin at all`, 'too little hair on the scalp (a beard or the brows do not count) (0 usable pixels, need 400)'] });
    const few = { ...m, skinTone: null, reasons: ['too little visible scalp skin (120 usable pixels, need 400)', 'white balance not corrected: too little background (3 usable pixels)'] };
    // L7-015: five pink photos, "no photo shows enough scalp skin" had been said
    expect(fuseSkinTone([pink(1), pink(0), pink(3), pink(353), pink(360)]).reasons).toEqual([
      "skin tone: not read from any photo: the skin region's hue (1°) is outside skin hues (15–95°): pinker than skin: skin under a pink or magenta light, or whose white balance a coloured background threw off, or not skin at all (all 5 photos)",
    ]);
    expect(fuseSkinTone([pink(2), few, few]).reasons).toEqual([
      "skin tone: not read from any photo: too little visible scalp skin (120 usable pixels, need 400) (2 of 3 photos); the skin region's hue (2°) is outside skin hues (15–95°): pinker than skin: skin under a pink or magenta light, or whose white balance a coloured background threw off, or not skin at all (1 of 3 photos)",
    ]);
    expect(fuseSkinTone([few]).reasons[0]).toBe('skin tone: not read from any photo: too little visible scalp skin (120 usable pixels, need 400) (the photo)');
  });

  it('says why no hair colour was read when the photos say why, and only then', () => {
    const m = photo(65, 16);
    const blown = { ...m, hairColour: null, reasons: ['hair colour not read: 21 % of the head is blown out to white, and over-exposure makes hair read lighter than it is'] };
    const grey = { ...m, hairColour: null, reasons: ['the photo is black and white: skin tone and hair colour need a colour photo'] };
    const bare = { ...m, hairColour: null, reasons: ['too little hair (12 usable pixels, need 400)'] };
    expect(fuseSkinTone([blown, blown, grey]).reasons).toContain(
      'hair colour: not read from any photo: 21 % of the head is blown out to white, and over-exposure makes hair read lighter than it is; the photo is black and white: skin tone and hair colour need a colour photo',
    );
    expect(fuseSkinTone([bare]).reasons).toContain('hair colour: no photo shows enough hair');
    // One readable photo is enough: nothing is said.
    expect(fuseSkinTone([blown, photo(65, 16)]).reasons.join(' ')).not.toMatch(/hair colour/);
  });
});

describe('linear-light helpers', () => {
  it('round-trip through correctImage with the identity', () => {
    const { img } = scene();
    expect(correctImage(img, IDENTITY).data).toEqual(img.data);
    expect(linearToSrgb8(SRGB_TO_LINEAR[200])).toBe(200);
  });
});
