// Undertone from the CIELAB hue angle of the skin: lower h_ab = redder/pinker (cool), higher = more
// yellow/golden (warm). The cut points are a documented default, not a published standard; a photo's
// hue depends on white balance more than its L* does, so the confidence falls near the cut points.
import type { Lab } from './convert.js';
import { hueAngle } from './convert.js';

export type Undertone = 'warm' | 'neutral' | 'cool';

export interface UndertoneCuts {
  /** h_ab below this is cool (degrees). */
  coolBelow: number;
  /** h_ab above this is warm (degrees). */
  warmAbove: number;
}

export const DEFAULT_UNDERTONE_CUTS: UndertoneCuts = { coolBelow: 50, warmAbove: 62 };

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
  // 6° from a cut point (about the hue error a 15 % channel cast leaves after white balance) ≈ 0.63.
  const confidence = 1 - Math.exp(-margin / 6);
  return { undertone, hueAngle: h, confidence };
}
