// What the Norwood grader returns (DESIGN §3: norwood.stage, .level, .probabilities, .confidence,
// assessable, reasons), plus the measurements that explain it and what each photo contributed.
import type { View, ZoneName } from '../geometry/types.js';
import type { ViewOutlier } from './consistency.js';

export const NORWOOD_STAGES = ['1', '2', '2A', '3', '3A', '3V', '4', '4A', '5', '5A', '6', '7'] as const;
export type NorwoodStage = (typeof NORWOOD_STAGES)[number];
export const MAJOR_LEVELS = [1, 2, 3, 4, 5, 6, 7] as const;
export type MajorLevel = (typeof MAJOR_LEVELS)[number];

/**
 * How well the graded photos showed a zone: 'well' when a photo of a view weighted at least
 * WELL_SEEN_WEIGHT for it (grade.ts ZONE_VIEW_WEIGHT) measured it, 'partly' when only views that glimpse it
 * did (its figure is then a glimpse, e.g. the crown from a side photo), 'no' when no photo measured it.
 */
export type ZoneSeen = 'well' | 'partly' | 'no';

export interface FusedZone {
  /** bald fraction, averaged over the photos that show the zone, weighted by how well each view shows it */
  bald: number | null;
  /** the photos (indices into the input) that measured it */
  photos: number[];
  /** how well those photos showed it ('no' exactly when `photos` is empty and `bald` null) */
  seen: ZoneSeen;
}

export interface ViewContribution {
  /** index of the photo in the input */
  photo: number;
  view: View;
  assessable: boolean;
  /** weight of this photo in the log-linear pool (0 when it was left out); weights summing below 1 are scaled up to 1 */
  weight: number;
  /** this photo's own most likely major level and probabilities (levels the fit knows) */
  level: number | null;
  probabilities: Record<string, number> | null;
  /**
   * what the mask-pattern model alone read in this photo (its most likely level and probabilities),
   * already part of `probabilities`; null when it was not used for this photo
   */
  pattern: { level: number; probabilities: Record<string, number> } | null;
  /** why it was left out, if it was */
  reasons: string[];
}

export interface NorwoodMeasurements {
  zones: Record<ZoneName, FusedZone>;
  hairline: {
    /** mid-frontal recession (head widths), from front and top views */
    centre: number | null;
    /** temple recession beyond the centre (head widths): > 0 classic M, ~0 a straight band (A variants) */
    templeExcess: number | null;
  };
  /** overall bald share of the scalp, averaged over the photos */
  bald: number | null;
}

export interface NorwoodResult {
  assessable: boolean;
  reasons: string[];
  stage: NorwoodStage | null;
  level: MajorLevel | null;
  /** { "1": p, ..., "7": p } summing to 1; null when not assessable (like stage and level) */
  probabilities: Record<string, number> | null;
  confidence: number;
  /** which rules shaped the stage beyond the fitted level (level 1, A and vertex variants) */
  rules: string[];
  measurements: NorwoodMeasurements;
  views: ViewContribution[];
  /**
   * A photo whose own grade is more than two levels from the others' (consistency.ts): another person,
   * a wrong view, or a misread photo. It is left out of the fused grade and measurements (weight 0, with
   * a reason). Null when the photos agree or fewer than three were graded.
   */
  viewOutlier: ViewOutlier | null;
}
