// Physical scale of a photo from every available cue: estimates are combined by inverse-variance
// weighting of log(mm per pixel), so the best evidence dominates (a measured card beats a head-size
// prior ~20 to 1) and independent cues tighten each other.
import { cueEstimate, DEFAULT_PRIORS, type CueEstimate, type ScaleCue, type ScaleCueKind, type ScalePriors } from './cues.js';

export interface ScaleEstimate {
  mmPerPixel: number;
  /** 1 SD of mmPerPixel (mm per pixel). */
  sigma: number;
  /** sigma / mmPerPixel. */
  relativeSigma: number;
  /** The cue with the largest weight; 'given' when the caller set the scale; 'none' when only the last-resort frame prior was used. */
  source: ScaleCueKind | 'given' | 'none';
  cues: CueEstimate[];
}

/**
 * Last resort when no cue is usable: assume the head spans 80 % of the photo's shorter side, with a
 * 40 % spread that says "unknown" to every consumer.
 */
export function framePrior(width: number, height: number, priors: ScalePriors = DEFAULT_PRIORS): ScaleEstimate {
  const mmPerPixel = priors.headBreadthMm[0] / (0.8 * Math.min(width, height));
  return { mmPerPixel, sigma: 0.4 * mmPerPixel, relativeSigma: 0.4, source: 'none', cues: [] };
}

export function combineScale(cues: ScaleCue[], frame: { width: number; height: number }, priors: ScalePriors = DEFAULT_PRIORS): ScaleEstimate {
  if (cues.length === 0) return framePrior(frame.width, frame.height, priors);
  const estimates = cues.map((c) => cueEstimate(c, priors));
  let wSum = 0, logSum = 0, best = estimates[0];
  for (const e of estimates) {
    const w = 1 / e.relativeSigma ** 2;
    wSum += w;
    logSum += w * Math.log(e.mmPerPixel);
    if (e.relativeSigma < best.relativeSigma) best = e;
  }
  const mmPerPixel = Math.exp(logSum / wSum);
  const relativeSigma = Math.sqrt(1 / wSum);
  return { mmPerPixel, sigma: relativeSigma * mmPerPixel, relativeSigma, source: best.kind, cues: estimates };
}
