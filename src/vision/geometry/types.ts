// Types of the scalp geometry stage: what one photo's masks say about the head, in words and numbers.

export const VIEWS = ['front', 'top', 'left', 'right', 'back', 'closeup'] as const;
export type View = (typeof VIEWS)[number];

/** Views the fitted orientation/view model knows (closeup is decided by a rule: no head outline in frame). */
export const HEAD_VIEWS = ['front', 'top', 'left', 'right', 'back'] as const;
export type HeadView = (typeof HEAD_VIEWS)[number];

/** Clockwise rotation (degrees) that turned an upright photo into this one; rotate back by -orientation. */
export type Rotation = 0 | 90 | 180 | 270;
export const ROTATIONS: readonly Rotation[] = [0, 90, 180, 270];

export const ZONES = ['frontal', 'templeLeft', 'templeRight', 'midScalp', 'crown', 'donor'] as const;
export type ZoneName = (typeof ZONES)[number];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ZoneMeasure {
  /** whether this view shows enough of the zone (scalp pixels >= minimum) to measure it */
  visible: boolean;
  /** scalp pixels of the zone as a fraction of the head region */
  area: number;
  /** bald fraction: skin (and scar) over hair + skin + scar inside the zone; null when not visible */
  bald: number | null;
  /** the zone's outline in photo pixels (closed polygon, clockwise) */
  polygon: [number, number][];
}

/** Front-edge position of the hair, in head widths, measured from the front of the head outline inwards. */
export interface Hairline {
  /** recession at the mid-frontal point; null when the view does not show the frontal hairline */
  centre: number | null;
  left: number | null;
  right: number | null;
  /** mean temple recession minus centre recession: > 0 temples deeper (classic M), ~0 a straight band (A) */
  templeExcess: number | null;
}

export interface Coverage {
  hair: number;
  skin: number;
  scar: number;
}

/** Image embeddings of one photo (src/vision/norwood/features.ts): embeddings[k] is the photo turned
 * counter-clockwise by k quarter-turns, i.e. upright when the orientation is 90k degrees. */
export interface PhotoFeatures {
  model: string;
  embeddings: Float32Array[];
  /** per quarter-turn, the fine-tuned level scores, one per head view (HEAD_VIEWS order) */
  levelScores: Float32Array[];
  /** the same of the photo mirrored left-right (its quarter-turns counter-clockwise too), when asked for */
  mirrored?: { embeddings: Float32Array[]; levelScores: Float32Array[] };
}

export interface PhotoGeometry {
  /** size of the segmentation the geometry was measured on (the photo's pixel size) */
  width: number;
  height: number;
  headFound: boolean;
  /** head/no-head probability from the image features; null when no features were given */
  headProbability: number | null;
  /** false when this photo cannot be graded (reasons says why) */
  assessable: boolean;
  reasons: string[];
  orientation: Rotation;
  orientationConfidence: number;
  view: View;
  viewConfidence: number;
  /** 'none': sent as auto but no head found, so no view was read (`view` is a placeholder, confidence 0) */
  viewSource: 'given' | 'classified' | 'none';
  /** probabilities of the head views (front, top, left, right, back), whichever way the view was set */
  viewProbabilities: Record<HeadView, number>;
  head: {
    box: Box;
    /** outline of the head region in photo pixels */
    outline: [number, number][];
    /** head region area as a fraction of the photo */
    areaFraction: number;
    /** fraction of the head outline lying on the photo border (cut off by the frame) */
    borderFraction: number;
  };
  coverage: Coverage;
  /**
   * The same fractions over scalpRegion (the head box less the part the view may show the face in): what
   * a reader means by the scalp's hair and bare skin. null without a scalp region or with nothing in it.
   */
  scalpCoverage: Coverage | null;
  /** hair + skin + scar pixels of the scalp part of the head region, as a fraction of the photo */
  scalpFraction: number;
  zones: Record<ZoneName, ZoneMeasure>;
  hairline: Hairline;
  /** top view: median width of the bald strip along the midline (the part), in head widths; else null */
  partWidth: number | null;
  /** bald fraction on a GRID x GRID lattice over the canonical (upright, face-left for profiles) head box,
   * row-major from the top; null where a cell holds too little head */
  baldGrid: (number | null)[];
  /** head occupancy of the same cells (0..1) */
  headGrid: number[];
  /**
   * Head cells inside the head box less the part where the view may show the face (FACE_RECTS), on the
   * working grid (row-major, photo orientation; scale to the photo with scaleMask): the scalp this view
   * shows, without the neck and body below the box nor a beard or brows. null without a head view (no
   * head, a close-up).
   */
  scalpRegion: { width: number; height: number; mask: Uint8Array } | null;
}
