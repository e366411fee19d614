// Undertone from the CIELAB hue angle of the skin: lower h_ab = redder/pinker (cool), higher = more
// yellow/golden (warm). There is no published standard for photos; the default cut points are the
// tertiles of the fused scalp-skin hue of the 78 development people (45° and 51°, teacher masks,
// default white balance), so the scale is relative to that population. A photo's hue depends on white
// balance more than its L* does, so the confidence falls near the cut points.
import type { Lab } from './convert.js';
import { hueAngle } from './convert.js';

export type Undertone = 'warm' | 'neutral' | 'cool';

export interface UndertoneCuts {
  /** h_ab below this is cool (degrees). */
  coolBelow: number;
  /** h_ab above this is warm (degrees). */
  warmAbove: number;
}

export const DEFAULT_UNDERTONE_CUTS: UndertoneCuts = { coolBelow: 45, warmAbove: 51 };

export interface UndertoneEstimate {
  undertone: Undertone;
  hueAngle: number;
  /** 0..1: how far the hue sits from the nearest cut point (0 = on it). */
  confidence: number;
}

export function undertoneOf(lab: Lab, cuts: UndertoneCuts = DEFAULT_UNDERTONE_CUTS): UndertoneEstimate {
  if (!(cuts.coolBelow < cuts.warmAbove)) throw new RangeError(`undertone cuts must satisfy coolBelow < warmAbove, got ${cuts.coolBelow}, ${cuts.warmAbove}`);
  const h = hueAngle(lab);
  const undertone: Undertone = h < cuts.coolBelow ? 'cool' : h > cuts.warmAbove ? 'warm' : 'neutral';
  const margin = Math.min(Math.abs(h - cuts.coolBelow), Math.abs(h - cuts.warmAbove));
  // 3° from a cut point ≈ 0.63: the tertiles are only 6° apart.
  const confidence = 1 - Math.exp(-margin / 3);
  return { undertone, hueAngle: h, confidence };
}
