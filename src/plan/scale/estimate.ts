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

/**
 * A cue further than this many combined SDs (log scale) from the most precise one contradicts it, when
 * that one is at least CONFLICT_PRECISION times as precise; between cues of about the same precision
 * there is no telling which is wrong, and both are averaged as before.
 */
export const CONFLICT_SDS = 3;
export const CONFLICT_PRECISION = 2;

export function combineScale(cues: ScaleCue[], frame: { width: number; height: number }, priors: ScalePriors = DEFAULT_PRIORS): ScaleEstimate {
  if (cues.length === 0) return framePrior(frame.width, frame.height, priors);
  const estimates = cues.map((c) => cueEstimate(c, priors));
  let best = estimates[0];
  for (const e of estimates) if (e.relativeSigma < best.relativeSigma) best = e;
  // A cue that contradicts the most precise one (a head prior 2.6x off a measured card: a hand or a
  // wall in the head's outline, or a card of another size than the clinic stated) is not averaged in:
  // inverse-variance weighting would still pull the result part of the way towards it.
  const conflicts = (e: CueEstimate): boolean =>
    e !== best &&
    e.relativeSigma >= CONFLICT_PRECISION * best.relativeSigma &&
    Math.abs(Math.log(e.mmPerPixel / best.mmPerPixel)) > CONFLICT_SDS * Math.hypot(e.relativeSigma, best.relativeSigma);
  let wSum = 0, logSum = 0;
  const out: CueEstimate[] = [];
  for (const e of estimates) {
    if (conflicts(e)) {
      out.push({ ...e, conflict: true });
      continue;
    }
    const w = 1 / e.relativeSigma ** 2;
    wSum += w;
    logSum += w * Math.log(e.mmPerPixel);
    out.push(e);
  }
  const mmPerPixel = Math.exp(logSum / wSum);
  const relativeSigma = Math.sqrt(1 / wSum);
  return { mmPerPixel, sigma: relativeSigma * mmPerPixel, relativeSigma, source: best.kind, cues: out };
}
