// Physical sizes the photo can be measured against, each with its spread. Scale (mm per pixel) is a
// size in mm over a size in pixels; a cue's relative uncertainty is that of its mm size (people vary)
// combined with that of its pixel measurement (and, for body priors, pose and perspective).
//
// Sources (means ± 1 SD, adults):
// - Horizontal visible iris diameter 11.7 ± 0.5 mm, nearly constant across people (the reason phone
//   and face-tracking SDKs use it for metric scale; e.g. MediaPipe Iris: 11.7 mm).
// - Interpupillary distance 63 ± 3.5 mm (men ~64, women ~62; Dodgson 2004, 3976 adults).
// - Head breadth (eurion to eurion) men 156 ± 6 mm, women 148 ± 6 mm, head length 197 ± 7 mm
//   (ANSUR II 2012). A photo outline adds hair and sees the head at an angle from close range, so
//   the priors below widen the spread to ~7 % (breadth) and ~8 % (length).

export type ScaleCue =
  /** A marker or colour card of known size, measured in the photo by the caller. */
  | { kind: 'marker'; sizeMm: number; sizePx: number; /** 1 SD of the pixel measurement; default 1.5 px + 1 % */ sigmaPx?: number }
  /** Horizontal iris diameter in pixels (e.g. from face landmarks). */
  | { kind: 'iris'; diameterPx: number; sigmaPx?: number }
  /** Pupil-to-pupil distance in pixels. */
  | { kind: 'interpupillary'; distancePx: number; sigmaPx?: number }
  /** Width of the head outline across the head (top, front, back views), in pixels. */
  | { kind: 'headBreadth'; widthPx: number; /** the outline is cut by the photo frame: the width is a lower bound */ clipped?: boolean }
  /** Length of the head outline front to back (side views), in pixels. */
  | { kind: 'headLength'; lengthPx: number; clipped?: boolean };

export type ScaleCueKind = ScaleCue['kind'];

export interface CueEstimate {
  kind: ScaleCueKind;
  mmPerPixel: number;
  /** 1 SD relative to mmPerPixel. */
  relativeSigma: number;
  /** Contradicts a cue at least twice as precise by more than 3 SD: left out of the combined scale (estimate.ts). */
  conflict?: true;
}

/** Population size and spread (mm) behind each body cue; clinic-adjustable. */
export interface ScalePriors {
  irisMm: [number, number];
  interpupillaryMm: [number, number];
  headBreadthMm: [number, number];
  headLengthMm: [number, number];
}

export const DEFAULT_PRIORS: ScalePriors = {
  irisMm: [11.7, 0.5],
  interpupillaryMm: [63, 3.5],
  // Sex-pooled breadth plus a few mm of hair; spread widened for pose and perspective.
  headBreadthMm: [155, 11],
  headLengthMm: [200, 16],
};

/** A clipped outline only bounds the size: its estimate gets this much extra relative spread. */
const CLIPPED_EXTRA = 0.25;

function positive(value: number, name: string): void {
  if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name} must be a positive number, got ${value}`);
}

/** mm per pixel and its relative 1 SD from one cue. */
export function cueEstimate(cue: ScaleCue, priors: ScalePriors = DEFAULT_PRIORS): CueEstimate {
  const fromSize = (mm: number, mmSd: number, px: number, pxSd: number, extra = 0): CueEstimate => ({
    kind: cue.kind,
    mmPerPixel: mm / px,
    relativeSigma: Math.sqrt((mmSd / mm) ** 2 + (pxSd / px) ** 2 + extra ** 2),
  });
  switch (cue.kind) {
    case 'marker':
      positive(cue.sizeMm, 'marker sizeMm');
      positive(cue.sizePx, 'marker sizePx');
      // A printed card's size is exact; what varies is where its edges were found.
      return fromSize(cue.sizeMm, 0, cue.sizePx, cue.sigmaPx ?? 1.5 + 0.01 * cue.sizePx);
    case 'iris':
      positive(cue.diameterPx, 'iris diameterPx');
      return fromSize(priors.irisMm[0], priors.irisMm[1], cue.diameterPx, cue.sigmaPx ?? 1 + 0.05 * cue.diameterPx);
    case 'interpupillary':
      positive(cue.distancePx, 'interpupillary distancePx');
      return fromSize(priors.interpupillaryMm[0], priors.interpupillaryMm[1], cue.distancePx, cue.sigmaPx ?? 2 + 0.02 * cue.distancePx);
    case 'headBreadth':
      positive(cue.widthPx, 'head widthPx');
      return fromSize(priors.headBreadthMm[0], priors.headBreadthMm[1], cue.widthPx, 2, cue.clipped ? CLIPPED_EXTRA : 0);
    case 'headLength':
      positive(cue.lengthPx, 'head lengthPx');
      return fromSize(priors.headLengthMm[0], priors.headLengthMm[1], cue.lengthPx, 2, cue.clipped ? CLIPPED_EXTRA : 0);
  }
}
