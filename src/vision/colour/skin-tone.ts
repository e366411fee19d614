// Skin tone of one photo from its robust scalp-skin colour.
import { chroma, hueAngle, labToHex, type Lab } from './convert.js';
import { ita as itaOf, itaCategory } from './ita.js';
import { nearestMonk } from './monk.js';
import { fitzpatrickFromIta } from './fitzpatrick.js';
import { undertoneOf, type UndertoneCuts } from './undertone.js';
import { itaPerLightness } from './exposure.js';
import type { SkinTone } from './types.js';

/** ITA half-width (degrees) from calibration alone: with a card, from a scene estimate, uncorrected. */
export const ITA_CALIBRATION_ERROR = { card: 3, estimated: 8, none: 10 } as const;

/** How a photo's colour was calibrated, from its white balance: a colour card, an estimate, or none. */
export function calibrationOf(wb: { card?: unknown; method: string }): keyof typeof ITA_CALIBRATION_ERROR {
  return wb.card ? 'card' : wb.method === 'none' ? 'none' : 'estimated';
}

export interface SkinToneContext {
  calibration: keyof typeof ITA_CALIBRATION_ERROR;
  /** 0..1 confidence in the white balance. */
  wbConfidence: number;
  undertoneCuts: UndertoneCuts;
  /** L* error (1 SD) left by the exposure (0 with a card, which calibrates it). */
  exposureLightnessError?: number;
}

export interface SkinEvidence {
  lab: Lab;
  /** Pixels the colour came from. */
  kept: number;
  itaIqr: number;
  /** Fraction of the band with red clipped. */
  redClipped: number;
  /** 0..1 trust in the skin's exposure (exposure.ts); 1 when unknown or calibrated by a card. */
  exposureTrust?: number;
}

/** What a skin colour reads as: ITA and its category, Monk, a Fitzpatrick estimate, undertone. */
export type SkinReading = Pick<
  SkinTone,
  'ita' | 'category' | 'lab' | 'hex' | 'monk' | 'monkDeltaE00' | 'fitzpatrick' | 'fitzpatrickRange' | 'fitzpatrickNote' | 'undertone' | 'hueAngle'
>;

/** Shared by one photo's skin tone and the per-person fusion, so both read a colour the same way. */
export function readSkinLab(lab: Lab, itaUncertainty: number, undertoneCuts: UndertoneCuts): SkinReading {
  const angle = itaOf(lab[0], lab[2]);
  const monk = nearestMonk(lab);
  const fitz = fitzpatrickFromIta(angle, itaUncertainty);
  const tone = undertoneOf(lab, undertoneCuts);
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
  };
}

export function skinToneFromColour(e: SkinEvidence, ctx: SkinToneContext): SkinTone {
  // Uneven light across the skin and the exposure's L* error (through dITA/dL*, steep near L* = 50)
  // add to the calibration error; the sampling error of a median over thousands of pixels is negligible.
  const itaUncertainty = Math.min(90, Math.hypot(ITA_CALIBRATION_ERROR[ctx.calibration], e.itaIqr / 4, exposureItaError(e.lab, ctx.exposureLightnessError ?? 0)));
  return {
    ...readSkinLab(e.lab, itaUncertainty, ctx.undertoneCuts),
    pixels: e.kept,
    itaIqr: e.itaIqr,
    itaUncertainty,
    confidence: skinConfidence(e, ctx.wbConfidence),
  };
}

/** ITA error (degrees) from an L* error of `lightnessError` at this colour. */
export function exposureItaError(lab: Lab, lightnessError: number): number {
  if (!(lightnessError >= 0)) throw new RangeError(`exposureItaError: lightnessError must be >= 0, got ${lightnessError}`);
  return lightnessError === 0 ? 0 : lightnessError * itaPerLightness(lab[0], lab[2]);
}

/**
 * 0..1: enough pixels (saturating at a few thousand), an even colour (per-pixel ITA IQR well under
 * ~20°), red not clipped, skin exposed as the camera meant (exposure.ts), and a trusted white balance.
 */
export function skinConfidence(e: SkinEvidence, wbConfidence: number): number {
  const amount = 1 - Math.exp(-e.kept / 1500);
  const evenness = Math.exp(-Math.max(0, e.itaIqr - 10) / 25);
  const clipping = 1 - Math.min(1, e.redClipped * 1.5);
  const exposure = 0.3 + 0.7 * (e.exposureTrust ?? 1);
  return clamp01(amount * evenness * clipping * exposure * (0.4 + 0.6 * wbConfidence));
}

/** Why a measured colour cannot be skin, or null when it can. */
export function implausibleSkin(lab: Lab, p: { hueMin: number; hueMax: number; chromaMin: number; chromaMax: number; itaPivotMin?: number }): string | null {
  const h = hueAngle(lab);
  const c = chroma(lab);
  const pivot = itaPivotDistance(lab);
  if (p.itaPivotMin !== undefined && pivot < p.itaPivotMin) {
    return `the skin colour (L* ${lab[0].toFixed(0)}, b* ${lab[2].toFixed(1)}) is too close to ITA's pivot (L* 50, b* 0) for its angle to mean anything`;
  }
  if (c < p.chromaMin) return `the skin region is nearly grey (chroma ${c.toFixed(1)}): probably grey hair or background taken for skin`;
  if (c > p.chromaMax) return `the skin region is too saturated for skin (chroma ${c.toFixed(1)}): probably clothing taken for skin`;
  if (h < p.hueMin || h > p.hueMax) {
    // Just past either end is skin under a tinted light as often as not skin: L7-015's bald head under a
    // green tent read 0-3° (pink) on all five photos, and "probably not skin" told nobody what to change.
    const side = h < p.hueMin || h >= 300 ? 'pinker' : h < 180 ? 'greener' : null;
    const why = side
      ? `${side} than skin: skin under a ${side === 'pinker' ? 'pink or magenta' : 'green or yellow'} light, or whose white balance a coloured background threw off, or not skin at all`
      : 'probably not skin';
    return `the skin region's hue (${h.toFixed(0)}°) is outside skin hues (${p.hueMin}–${p.hueMax}°): ${why}`;
  }
  return null;
}

/** Distance of a colour from ITA's pivot (L* 50, b* 0) in the (b*, L*) plane. */
export function itaPivotDistance(lab: Lab): number {
  return Math.hypot(lab[0] - 50, lab[2]);
}

export function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
