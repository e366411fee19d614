// The DESIGN.md §3 plan.sessions[k] fields a recommended session fills (the dot count comes from the
// dot engine): { index, dots, densityPerCm2, dilution, needle }.
import { needleLabel } from './rules/needle.js';
import type { RecommendedSession } from './types.js';

export interface PlanSessionFields {
  index: number;
  /** Cumulative dots/cm² in the fill zone after this session. */
  densityPerCm2: number;
  /** "N:1" water to pigment. */
  dilution: string;
  /** e.g. "0803RL, 3 points, 0.25 mm round liner". */
  needle: string;
}

export function planSessionFields(s: RecommendedSession): PlanSessionFields {
  return { index: s.index, densityPerCm2: s.densityPerCm2.value, dilution: s.dilution.value.label, needle: needleLabel(s.needle.value) };
}
