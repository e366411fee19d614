// What the recommendation engine takes and gives. Every recommended value carries the reason it was
// chosen, so a practitioner can see (and a clinic can audit) why.
import type { Goal, HairGroup, ItaCategoryName, Needle, Pigment, Zone } from './schema.js';

export interface Reasoned<T> {
  value: T;
  reason: string;
}

/**
 * Where a basis value comes from: `measured` in the photos, `stated` with the consultation (the client's
 * hair colour, goal), or `assumed` (a default in place of a reading: the reasons that use it say so).
 */
export type BasisSource = 'measured' | 'stated' | 'assumed';

export interface Sourced<T> extends Reasoned<T> {
  source: BasisSource;
}

/** The skin-tone fields the rules read (the fused skinTone of src/vision/colour fits). */
export interface SkinToneInput {
  ita: number;
  category?: ItaCategoryName;
  fitzpatrick?: number;
  monk?: number;
  undertone?: 'warm' | 'neutral' | 'cool';
  confidence?: number;
  /** Read through a colour card (which sets the exposure too), not estimated from the photo alone. */
  calibrated?: boolean;
}

export interface HairColourInput {
  /** Hair L*. */
  lightness: number;
  chroma?: number;
  /** CIELAB hue angle (degrees): whether the hair is warm or ash. */
  hueAngle?: number;
  greyFraction?: number;
  name?: string;
  confidence?: number;
}

export interface ContrastInput {
  deltaE00: number;
  deltaE76?: number;
}

/** linear = FUT strip, punctate = FUE dots, irregular = trauma/other. */
export const SCAR_KINDS = ['linear', 'punctate', 'irregular'] as const;
export type ScarKind = (typeof SCAR_KINDS)[number];

export interface ScarInput {
  /** linear = FUT strip, punctate = FUE dots, irregular = trauma/other. */
  kind: ScarKind;
  ageMonths?: number;
  /** Raised (hypertrophic/keloid) scars take pigment badly. */
  raised?: boolean;
  /** Colour against the surrounding skin; camouflage suits paler scars best. */
  tone?: 'paler' | 'similar' | 'darker' | 'red';
  /** ΔE76 scar vs surrounding skin, when measured. */
  deltaE76?: number;
  areaCm2?: number;
  /** Where the scar is known from: stated by the client or clinic, found in a photo, or both. */
  source?: 'stated' | 'photo' | 'stated+photo';
  /** The photo (0-based index) it was found in. */
  photo?: number;
}

export interface RecommendInput {
  skinTone: SkinToneInput | null;
  /** Why no skin tone was measured, when it was not (the colour stage's note, without its "skin tone: " lead). */
  skinToneMissing?: string;
  hairColour: HairColourInput | null;
  contrast: ContrastInput | null;
  /**
   * The Norwood grade; `frontSeen: false` when no graded photo showed the front of the head (frontal
   * band and temples), so the grade rests on the other views alone.
   */
  norwood?: {
    level: number | null;
    stage?: string | null;
    frontSeen?: boolean;
    /** A photo whose own grade is far from the others' (src/vision/norwood/consistency.ts). */
    viewOutlier?: { photo: number; view: string; level: number; others: number } | null;
    /** Bare share of the donor area (back and sides), 0..1, when a photo showed it. */
    donorBare?: number | null;
  } | null;
  /** Women's grade (the consultation's pattern is Ludwig): 'none' when no clear thinning was found. */
  /** The Ludwig grade (women); `frontalReceded` when its frontal hairline is receded, which Ludwig does not grade. */
  ludwig?: { grade: 'none' | 'I' | 'II' | 'III'; frontalReceded?: boolean } | null;
  scars?: ScarInput[];
  /** Scars a photo may show but not surely: warned about, not planned for. */
  possibleScars?: { photo: number; kind: ScarKind; confidence?: number; unsureWhy?: string }[];
  sex?: 'male' | 'female' | 'other';
  age?: number;
  /** Free text or one of the goal names; parsed for "scar", "density"/"thicker", "shaved"/"buzz". */
  goals?: string;
  /** What the client says their hair colour is (used when hair was not measured). */
  statedHairColour?: string;
}

export interface Dilution {
  /** N parts distilled water to 1 part pigment. */
  waterParts: number;
  pigmentParts: 1;
  /** "N:1" */
  label: string;
}

export interface ZonePlan {
  zone: Zone;
  /** Cumulative dots/cm² after this session. */
  densityPerCm2: Reasoned<number>;
  /** New dots/cm² placed in this session. */
  addedPerCm2: Reasoned<number>;
  dilution: Reasoned<Dilution>;
  needle: Reasoned<Needle>;
}

export interface RecommendedSession {
  /** 0-based, as plan.sessions[k].index. */
  index: number;
  /** The zone the top-level density/dilution/needle describe: fill when it is worked this session. */
  zone: Zone;
  /** Earliest day of this session counted from session 0. */
  dayOffset: Reasoned<number>;
  /** Cumulative fraction of natural density after this session (fill zone). */
  densityFraction: Reasoned<number>;
  /** Cumulative dots/cm² in the fill zone after this session (what the dot engine fills to). */
  densityPerCm2: Reasoned<number>;
  /** New dots/cm² in the fill zone this session. */
  addedPerCm2: Reasoned<number>;
  /** Fill-zone dilution (see zones for the others). */
  dilution: Reasoned<Dilution>;
  /** Fill-zone needle (see zones for the others). */
  needle: Reasoned<Needle>;
  zones: ZonePlan[];
}

export type WarningSeverity = 'info' | 'caution' | 'stop';

export interface RecommendationWarning {
  code: string;
  severity: WarningSeverity;
  message: string;
}

export interface Recommendation {
  table: { id: string; version: string };
  basis: {
    skinCategory: Sourced<ItaCategoryName>;
    hairGroup: Sourced<HairGroup>;
    contrast: Reasoned<'low' | 'medium' | 'high' | 'unknown'>;
    goal: Sourced<Goal>;
    zones: Reasoned<Zone[]>;
  };
  pigment: Reasoned<Pigment>;
  sessionCount: Reasoned<number>;
  intervalDays: Reasoned<{ min: number; max: number }>;
  sessions: RecommendedSession[];
  warnings: RecommendationWarning[];
  /** 0..1, from the confidences of the measurements the rules read. */
  confidence: number;
}
