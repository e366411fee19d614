// Skin tone of one photo from its robust scalp-skin colour.
import { labToHex, type Lab } from './convert.js';
import { ita as itaOf, itaCategory } from './ita.js';
import { nearestMonk } from './monk.js';
import { fitzpatrickFromIta } from './fitzpatrick.js';
import { undertoneOf, type UndertoneCuts } from './undertone.js';
import type { RobustColour } from './lab-sample.js';
import type { SkinTone } from './types.js';

/** ITA half-width (degrees) from calibration alone: with a card, and from a scene estimate. */
export const ITA_CALIBRATION_ERROR = { card: 3, estimated: 7, none: 10 } as const;

export interface SkinToneContext {
  calibration: keyof typeof ITA_CALIBRATION_ERROR;
  /** 0..1 confidence in the white balance. */
  wbConfidence: number;
  undertoneCuts: UndertoneCuts;
}

export function skinToneFromColour(c: RobustColour, ctx: SkinToneContext): SkinTone {
  const lab: Lab = c.lab;
  const angle = itaOf(lab[0], lab[2]);
  // Sampling error of the mean ITA is tiny with thousands of pixels; the spread term stands for uneven
  // light across the scalp, which a mean cannot remove.
  const itaUncertainty = Math.hypot(ITA_CALIBRATION_ERROR[ctx.calibration], c.itaIqr / 4);
  const monk = nearestMonk(lab);
  const fitz = fitzpatrickFromIta(angle, itaUncertainty);
  const tone = undertoneOf(lab, ctx.undertoneCuts);
  return {
    ita: angle,
    category: itaCategory(angle),
    lab,
    hex: labToHex(lab),
    monk: monk.monk,
    monkDeltaE00: monk.deltaE00,
    fitzpatrick: fitz.estimate,
    fitzpatrickRange: fitz.range,
    fitzpatrickNote: fitz.note,
    undertone: tone.undertone,
    hueAngle: tone.hueAngle,
    pixels: c.kept,
    itaIqr: c.itaIqr,
    itaUncertainty,
    confidence: skinConfidence(c, ctx.wbConfidence),
  };
}

/**
 * 0..1: enough pixels (saturating around a few thousand), an even colour (per-pixel ITA IQR well
 * under ~15°), and a trusted white balance.
 */
export function skinConfidence(c: RobustColour, wbConfidence: number): number {
  const amount = 1 - Math.exp(-c.kept / 1500);
  const evenness = Math.exp(-Math.max(0, c.itaIqr - 10) / 20);
  return clamp01(amount * evenness * (0.4 + 0.6 * wbConfidence));
}

export function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
