// The colour results one photo gives, and the per-person fusion of them (DESIGN.md §3: skinTone.ita,
// skinTone.lab, skinTone.fitzpatrick 1..6, skinTone.monk 1..10, photos[i].skinTone.ita).
import type { Lab, LinearRgb } from './convert.js';
import type { ItaCategory } from './ita.js';
import type { Undertone } from './undertone.js';
import type { Matrix3 } from './correction.js';
import type { IlluminantMethod } from './white-balance.js';

export interface SkinTone {
  /** ITA° on the white-balanced scalp skin. */
  ita: number;
  category: ItaCategory;
  /** CIELAB D65 [L*, a*, b*]. */
  lab: Lab;
  /** sRGB swatch of `lab`, for display. */
  hex: string;
  /** Monk Skin Tone 1..10: the swatch whose own ITA is nearest the skin's (monk.ts). */
  monk: number;
  /** CIEDE2000 from the skin to that swatch: information only (photo skin is pinker and darker than the swatches, typically 10-20). */
  monkDeltaE00: number;
  /** Fitzpatrick estimate 1..6 (from ITA: an estimate, see fitzpatrickNote). */
  fitzpatrick: number;
  fitzpatrickRange: [number, number];
  fitzpatrickNote: string;
  undertone: Undertone;
  /** h_ab (degrees) the undertone was read from. */
  hueAngle: number;
  /** Pixels the colour was computed from (after masks, clipping and trimming). */
  pixels: number;
  /** Per-pixel ITA inter-quartile range (degrees): how uneven the skin looked. */
  itaIqr: number;
  /** Half-width (degrees) of the plausible ITA interval: calibration + sampling. */
  itaUncertainty: number;
  confidence: number;
}

export interface HairColour {
  lab: Lab;
  hex: string;
  /** L* of the hair. */
  lightness: number;
  /** C*ab of the hair. */
  chroma: number;
  hueAngle: number;
  /** Fraction of hair pixels that are grey or white (low chroma, light). */
  greyFraction: number;
  /** Plain-words shade: black, dark brown, brown, light brown, blond, red, grey, white. */
  name: HairShade;
  pixels: number;
  confidence: number;
}

export type HairShade = 'black' | 'dark brown' | 'brown' | 'light brown' | 'blond' | 'red' | 'grey' | 'white';

export interface ColourCardInfo {
  kind: 'colour-chart-24' | 'grey-card';
  /** Corner points (x, y) of the card in image pixels, clockwise from the first patch's corner. */
  corners: [number, number][];
  /** Mean CIEDE2000 of the card's patches after correction vs their references. */
  residualDeltaE00: number;
  patches: number;
}

export interface WhiteBalanceInfo {
  method: 'none' | IlluminantMethod | 'grey-card' | 'colour-chart-24';
  /** Diagonal gains applied in linear light (r, g, b); the diagonal of `matrix` when a card was used. */
  gains: LinearRgb;
  /** The full linear-light correction applied (row-major 3x3). */
  matrix: Matrix3;
  /** Background pixels (or card patches) the estimate used. */
  pixels: number;
  card?: ColourCardInfo;
  confidence: number;
}

export interface Contrast {
  /** Hair-to-skin colour difference. */
  deltaE00: number;
  deltaE76: number;
  /** Skin L* minus hair L*: what shows as a dark-on-light dot. */
  deltaL: number;
}

export interface PhotoColour {
  skinTone: SkinTone | null;
  hairColour: HairColour | null;
  whiteBalance: WhiteBalanceInfo;
  contrast: Contrast | null;
  /** Why a part is null or uncertain, in words. */
  reasons: string[];
}

export interface FusedSkinTone extends Omit<SkinTone, 'itaIqr'> {
  /** Photos that contributed (after outlier rejection) / photos with skin measured. */
  photosUsed: number;
  photosMeasured: number;
  /** Standard deviation of ITA across the photos used (degrees); 0 with one photo. */
  itaSpread: number;
}

export interface FusedHairColour extends HairColour {
  photosUsed: number;
}

export interface FusedColour {
  skinTone: FusedSkinTone | null;
  hairColour: FusedHairColour | null;
  contrast: Contrast | null;
  /** True when at least one photo was calibrated with a colour card. */
  calibrated: boolean;
  reasons: string[];
}
