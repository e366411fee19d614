// Skin tone of one photo from its robust scalp-skin colour.
import { chroma, hueAngle, labToHex, type Lab } from './convert.js';
import { ita as itaOf, itaCategory } from './ita.js';
import { nearestMonk } from './monk.js';
import { fitzpatrickFromIta } from './fitzpatrick.js';
import { undertoneOf, type UndertoneCuts } from './undertone.js';
import type { SkinTone } from './types.js';

/** ITA half-width (degrees) from calibration alone: with a card, from a scene estimate, uncorrected. */
export const ITA_CALIBRATION_ERROR = { card: 3, estimated: 8, none: 10 } as const;

export interface SkinToneContext {
  calibration: keyof typeof ITA_CALIBRATION_ERROR;
  /** 0..1 confidence in the white balance. */
  wbConfidence: number;
  undertoneCuts: UndertoneCuts;
}

export interface SkinEvidence {
  lab: Lab;
  /** Pixels the colour came from. */
  kept: number;
  itaIqr: number;
  /** Fraction of the band with red clipped. */
  redClipped: number;
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
  // Uneven light across the skin adds to the calibration error; the sampling error of a median over
  // thousands of pixels is negligible.
  const itaUncertainty = Math.hypot(ITA_CALIBRATION_ERROR[ctx.calibration], e.itaIqr / 4);
  return {
    ...readSkinLab(e.lab, itaUncertainty, ctx.undertoneCuts),
    pixels: e.kept,
    itaIqr: e.itaIqr,
    itaUncertainty,
    confidence: skinConfidence(e, ctx.wbConfidence),
  };
}

/**
 * 0..1: enough pixels (saturating at a few thousand), an even colour (per-pixel ITA IQR well under
 * ~20°), red not clipped, and a trusted white balance.
 */
export function skinConfidence(e: SkinEvidence, wbConfidence: number): number {
  const amount = 1 - Math.exp(-e.kept / 1500);
  const evenness = Math.exp(-Math.max(0, e.itaIqr - 10) / 25);
  const exposure = 1 - Math.min(1, e.redClipped * 1.5);
  return clamp01(amount * evenness * exposure * (0.4 + 0.6 * wbConfidence));
}

/** Why a measured colour cannot be skin, or null when it can. */
export function implausibleSkin(lab: Lab, p: { hueMin: number; hueMax: number; chromaMin: number; chromaMax: number }): string | null {
  const h = hueAngle(lab);
  const c = chroma(lab);
  if (c < p.chromaMin) return `the skin region is nearly grey (chroma ${c.toFixed(1)}): probably grey hair or background taken for skin`;
  if (c > p.chromaMax) return `the skin region is too saturated for skin (chroma ${c.toFixed(1)}): probably clothing taken for skin`;
  if (h < p.hueMin || h > p.hueMax) return `the skin region's hue (${h.toFixed(0)}°) is outside skin hues (${p.hueMin}–${p.hueMax}°): probably not skin`;
  return null;
}

export function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
