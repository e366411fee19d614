// One photo's colour: white balance (colour card when one is in the frame, otherwise an illuminant
// estimate over the pixels that are neither skin nor hair), then robust scalp-skin and hair colour.
// Pure and synchronous: it runs inside a worker thread.
import { assertRgb, type RgbImage, type Segmentation } from '../image.js';
import { deltaE00, deltaE76 } from './convert.js';
import { correctImage, diagonal, IDENTITY, type Matrix3 } from './correction.js';
import { and, confidentMask, count, dilate, erode, hairClass, not, skinClass } from './masks.js';
import { correctedLab, regionColour } from './lab-sample.js';
import { estimateIlluminant, gainsFor } from './white-balance.js';
import { calibrationOf, implausibleSkin, skinToneFromColour } from './skin-tone.js';
import { hairColourFrom } from './hair-colour.js';
import { exposureConfidence, exposureScale, frameMeanGreen, relativeExposure } from './exposure.js';
import { DEFAULT_COLOUR_SETTINGS, type ColourSettings } from './settings.js';
import { findColourCard } from './card/find-card.js';
import { isGreyscalePhoto } from './greyscale.js';
import type { Contrast, PhotoColour, WhiteBalanceInfo } from './types.js';

export interface MeasureExtras {
  /**
   * 1 where skin may count as scalp (e.g. the head's scalp zones from src/vision/geometry), same size
   * as the photo; without it every confident skin pixel counts (face and neck included).
   */
  skinRegion?: Uint8Array;
  /**
   * 1 where hair may count as scalp hair (the head's scalp zones, PhotoGeometry.scalpRegion scaled to the
   * photo), same size as the photo; without it every confident hair pixel counts. A beard, a moustache
   * and the brows lie outside the zones: on a shaved head they were the only hair, and named its colour
   * (L7-010's profiles: "dark brown" from the beard under grey stubble).
   */
  hairRegion?: Uint8Array;
}

/** Confident hair's share of the confident hair and skin inside the scalp region (null: none of either). */
function hairShareOf(region: Uint8Array, hair: Uint8Array, skin: Uint8Array): number | null {
  let hairPx = 0, skinPx = 0;
  for (let i = 0; i < region.length; i++) {
    if (!region[i]) continue;
    if (hair[i]) hairPx++;
    else if (skin[i]) skinPx++;
  }
  return hairPx + skinPx > 0 ? hairPx / (hairPx + skinPx) : null;
}

export function measurePhotoColour(
  img: RgbImage,
  seg: Segmentation,
  settings: ColourSettings = DEFAULT_COLOUR_SETTINGS,
  extras: MeasureExtras = {},
): PhotoColour {
  assertRgb(img);
  if (seg.width !== img.width || seg.height !== img.height) {
    throw new RangeError(`measurePhotoColour: segmentation is ${seg.width}x${seg.height}, image ${img.width}x${img.height}`);
  }
  const { width: w, height: h } = img;
  const side = Math.min(w, h);
  const px = (frac: number) => Math.max(0, Math.round(frac * side));
  const reasons: string[] = [];

  const skinAll = confidentMask(seg, skinClass, settings.skin.minProb);
  const hairAll = confidentMask(seg, hairClass, settings.hair.minProb);

  const wb = whiteBalance(img, seg, settings, reasons);
  if (isGreyscalePhoto(img)) {
    const why = 'the photo is black and white: skin tone and hair colour need a colour photo';
    return { skinTone: null, hairColour: null, whiteBalance: wb, contrast: null, reasons: [...reasons, why] };
  }

  let skinMask = erode(skinAll, w, h, px(settings.skin.erodeFrac));
  if (settings.skin.nearHairFrac !== null) skinMask = and(skinMask, dilate(hairAll, w, h, px(settings.skin.nearHairFrac)));
  if (extras.skinRegion) {
    if (extras.skinRegion.length !== w * h) throw new RangeError(`measurePhotoColour: skinRegion has ${extras.skinRegion.length} entries, image ${w * h}`);
    skinMask = and(skinMask, extras.skinRegion);
  }
  const skinBand = { band: settings.skin.band, maxPixels: settings.maxPixels };
  let skinC = regionColour(img, skinMask, wb.matrix, skinBand);
  const calibration = calibrationOf(wb);
  let skinTone: PhotoColour['skinTone'] = null;
  const skinShare = skinC ? skinC.pixels / (w * h) : 0;
  if (!skinC || skinC.pixels < settings.skin.minPixels) {
    reasons.push(`too little visible scalp skin (${skinC?.pixels ?? 0} usable pixels, need ${settings.skin.minPixels})`);
  } else if (skinShare < settings.skin.minAreaFraction) {
    reasons.push(
      `too little visible scalp skin (${(skinShare * 100).toFixed(1)} % of the photo, need ${(settings.skin.minAreaFraction * 100).toFixed(1)} %): ` +
        'skin seen between hairs mixes with hair and its shadows',
    );
  } else {
    // A card calibrates exposure as well as colour: the exposure check and compensation are for
    // uncalibrated photos.
    const exposure = wb.card ? null : skinExposure(img, skinC.rgb[1], settings.skin);
    let skinMatrix = wb.matrix;
    if (exposure && !exposure.refused && exposure.scale !== 1) {
      skinMatrix = wb.matrix.map((v) => v * exposure.scale) as Matrix3;
      skinC = regionColour(img, skinMask, skinMatrix, skinBand)!;
    }
    const lab = correctedLab(skinC, skinMatrix);
    const why = implausibleSkin(lab, settings.skin.plausible) ?? exposure?.refused ?? clipRefusal(skinC.redClipped, settings.skin.maxRedClipped) ?? clipRefusal(skinC.blueClipped, settings.skin.maxRedClipped, 'blue');
    if (why) reasons.push(why);
    else {
      skinTone = skinToneFromColour(
        { lab, kept: skinC.kept, itaIqr: skinC.itaIqr, redClipped: skinC.redClipped, exposureTrust: exposure?.trust ?? 1 },
        {
          calibration,
          wbConfidence: wb.confidence,
          undertoneCuts: settings.undertone,
          exposureLightnessError: wb.card ? 0 : settings.skin.exposureLightnessError,
        },
      );
      if (skinC.redClipped > settings.skin.warnRedClipped) reasons.push(`skin over-exposed: red clipped in ${(skinC.redClipped * 100).toFixed(0)} % of the lit skin`);
      if (skinTone.confidence < settings.skin.minConfidence) {
        reasons.push(
          `skin tone too uncertain to report (confidence ${skinTone.confidence.toFixed(2)}, need ≥ ${settings.skin.minConfidence}): ` +
            'too little even, well-exposed skin under a trusted white balance',
        );
        skinTone = null;
      }
    }
  }

  let hairMask = erode(hairAll, w, h, px(settings.hair.erodeFrac));
  if (extras.hairRegion) {
    if (extras.hairRegion.length !== w * h) throw new RangeError(`measurePhotoColour: hairRegion has ${extras.hairRegion.length} entries, image ${w * h}`);
    hairMask = and(hairMask, extras.hairRegion);
  }
  const hairC = regionColour(img, hairMask, wb.matrix, { band: settings.hair.band, maxPixels: settings.maxPixels });
  let hairColour: PhotoColour['hairColour'] = null;
  const scalpShare = extras.hairRegion ? hairShareOf(extras.hairRegion, hairAll, skinAll) : null;
  if (!hairC || hairC.pixels < settings.hair.minPixels) {
    const where = extras.hairRegion ? ' on the scalp (a beard or the brows do not count)' : '';
    reasons.push(`too little hair${where} (${hairC?.pixels ?? 0} usable pixels, need ${settings.hair.minPixels})`);
  } else if (scalpShare !== null && scalpShare < settings.hair.minScalpShare) {
    reasons.push(
      `hair on ${(scalpShare * 100).toFixed(1)} % of the scalp only (need ${(settings.hair.minScalpShare * 100).toFixed(0)} %): a bare or shaved scalp, ` +
        'and what reads as hair at its edge may be a shirt, a beard or the background',
    );
  } else {
    hairColour = hairColourFrom(correctedLab(hairC, wb.matrix), hairC.labs, hairC.kept, {
      greyChromaMax: settings.hair.greyChromaMax,
      greyLightnessMin: settings.hair.greyLightnessMin,
      wbConfidence: wb.confidence,
    });
  }

  const contrast: Contrast | null =
    skinTone && hairColour
      ? { deltaE00: deltaE00(skinTone.lab, hairColour.lab), deltaE76: deltaE76(skinTone.lab, hairColour.lab), deltaL: skinTone.lab[0] - hairColour.lab[0] }
      : null;
  return { skinTone, hairColour, whiteBalance: wb, contrast, reasons };
}

/**
 * Why a skin band with this much of one channel clipped has no known colour, or null: past one half
 * the band's median in that channel is itself clipped. Red clips on bright skin, blue under a blue cast.
 */
export function clipRefusal(clipped: number, max: number, channel: 'red' | 'blue' = 'red'): string | null {
  if (!(clipped >= 0 && clipped <= 1)) throw new RangeError(`clipRefusal: clipped must be in [0, 1], got ${clipped}`);
  return clipped > max
    ? `skin over-exposed: ${channel} clipped in ${(clipped * 100).toFixed(0)} % of the lit skin (over ${(max * 100).toFixed(0)} %), so its colour is unknown`
    : null;
}

/**
 * Was the lit skin exposed as the camera meant? Refused (with the reason) below the configured
 * relative exposure; otherwise a 0..1 trust. Green only, so a red or blue cast cannot change it.
 */
function skinExposure(img: RgbImage, skinGreen: number, s: ColourSettings['skin']): { trust: number; scale: number; refused: string | null } | null {
  if (s.minRelativeExposure === null && s.exposureCompensation === 0) return null;
  const frame = frameMeanGreen(img);
  if (!(skinGreen > 0) || !(frame > 0)) return { trust: 0, scale: 1, refused: 'the skin is black in this photo: exposure unknown' };
  const rel = relativeExposure(skinGreen, frame);
  const scale = exposureScale(rel, s.referenceExposure, s.exposureCompensation);
  if (s.minRelativeExposure === null) return { trust: 1, scale, refused: null };
  if (rel < s.minRelativeExposure) {
    return {
      trust: 0,
      scale,
      refused:
        `skin under-exposed for this photo (${Math.exp(rel).toFixed(2)}× the frame's mean brightness, need ≥ ${Math.exp(s.minRelativeExposure).toFixed(2)}×): ` +
        'backlit, the skin in shade, or hair taken for skin, so its lightness is not its own',
    };
  }
  return { trust: exposureConfidence(rel, s.minRelativeExposure, s.exposureSpan), scale, refused: null };
}

/** The correction for this photo: a card when found, else the configured scene estimate. */
export function whiteBalance(img: RgbImage, seg: Segmentation, settings: ColourSettings, reasons: string[] = []): WhiteBalanceInfo {
  const person = personMask(seg);
  if (settings.detectCard) {
    const card = findColourCard(img, undefined, person);
    if (card) {
      return {
        method: card.info.kind,
        gains: [card.matrix[0], card.matrix[4], card.matrix[8]],
        matrix: card.matrix,
        pixels: card.info.patches,
        card: card.info,
        confidence: card.confidence,
      };
    }
  }
  const s = settings.whiteBalance;
  if (s.method === 'none') return { method: 'none', gains: [1, 1, 1], matrix: IDENTITY, pixels: 0, confidence: 0.3 };
  const { width: w, height: h } = img;
  const side = Math.min(w, h);
  let region: Uint8Array | null = null;
  if (s.region === 'background') {
    const n = w * h;
    region = not(dilate(person, w, h, Math.round(s.marginFrac * side)));
    if (s.minBackgroundProb > 0) {
      const bgClass = 0;
      for (let i = 0; i < n; i++) if (seg.probs[bgClass * n + i] < s.minBackgroundProb) region[i] = 0;
    }
  }
  const usable = region ? count(region) : w * h;
  const est = usable >= s.minPixels ? estimateIlluminant(img, region, { method: s.method, p: s.p, greyQuantile: s.quantile }) : null;
  if (!est || est.pixels < s.minPixels) {
    reasons.push(`white balance not corrected: too little background (${est?.pixels ?? usable} usable pixels)`);
    return { method: 'none', gains: [1, 1, 1], matrix: IDENTITY, pixels: est?.pixels ?? 0, confidence: 0.3 };
  }
  const gains = gainsFor(est.rgb, s.strength);
  // A strong correction is more often a coloured wall or shirt than a coloured light.
  const logCast = Math.hypot(Math.log(gains[0]), Math.log(gains[2]));
  const confidence = (1 - Math.exp(-est.pixels / 20_000)) * Math.exp(-logCast / 0.5);
  return { method: s.method, gains, matrix: diagonal(gains), pixels: est.pixels, confidence };
}

/** 1 on skin or hair (arg-max). */
function personMask(seg: Segmentation): Uint8Array {
  const n = seg.width * seg.height;
  const person = new Uint8Array(n);
  for (let i = 0; i < n; i++) person[i] = seg.labels[i] === skinClass || seg.labels[i] === hairClass ? 1 : 0;
  return person;
}

/**
 * A grey-edge white-balanced copy of the photo (whole frame, no masks needed) for the segmentation
 * model: a model that has seen mostly camera-balanced photos labels a colour-cast photo differently,
 * which moves every colour measured through its masks. Measure on the original photo with masks
 * from this copy.
 */
export function balancedForSegmentation(img: RgbImage): RgbImage {
  assertRgb(img);
  const est = estimateIlluminant(img, null, { method: 'grey-edge', p: 2 });
  return est ? correctImage(img, diagonal(gainsFor(est.rgb))) : img;
}
