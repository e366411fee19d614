// Hairline design types. Points are image pixels [x, y] (y down).

export type Point = [number, number];

/** Face landmarks in image pixels, when a face is visible (front views). */
export interface FaceLandmarks {
  /** Between the eyebrows. */
  glabella: Point;
  /** Outer eye corners, on the photo's left and right. */
  leftCanthus: Point;
  rightCanthus: Point;
}

export interface HairlineDesign {
  /** The drawn hairline, from the head's image-left end to its image-right end; the scalp lies behind it (away from `down`). */
  points: Point[];
  /**
   * Smooth design points it was drawn through (editable handles): temporal end, frontotemporal
   * angle, mid-frontal point, frontotemporal angle, temporal end. Empty for a hairline given as is.
   */
  control: Point[];
  method: 'landmarks' | 'eyebrows' | 'head-geometry' | 'given';
  /** Unit image direction from the scalp towards the face. */
  down: Point;
  /** Where the design sits relative to the face (mm): mid-frontal point above glabella (landmarks) or in front of the head centre (top view). */
  notes: string[];
  /** Why the practitioner must check the line before using it (it rests on a guess), when it does. */
  caution?: string;
  /** A given line: how far (mm in the photo) its middle lies below the 8 cm rule, and what placed the rule's point (belowEightCmRule). */
  belowRule?: { mm: number; anchor: RuleAnchor };
}

/** What places the 8 cm rule's mid-frontal point a drawn line is held against. */
export type RuleAnchor = 'landmarks' | 'eyebrows' | 'head-size';

export interface Irregularity {
  /** SD (mm) of slow undulations along the line (wavelengths ~13-41 mm). */
  macroMm: number;
  /** SD (mm) of fine jitter (correlation ~2 mm). */
  microMm: number;
}

export const DEFAULT_IRREGULARITY: Irregularity = { macroMm: 1.3, microMm: 0.45 };
