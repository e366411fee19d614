// Monk Skin Tone scale: nearest of the ten reference colours by CIEDE2000 (DOMAIN.md "Skin tone").
import { deltaE00, hexToLab, type Lab } from './convert.js';

export const MONK_HEX: readonly string[] = [
  '#f6ede4', '#f3e7db', '#f7ead0', '#eadaba', '#d7bd96', '#a07e56', '#825c43', '#604134', '#3a312a', '#292420',
];
export const MONK_LAB: readonly Lab[] = MONK_HEX.map(hexToLab);

export interface MonkMatch {
  /** 1..10 */
  monk: number;
  deltaE00: number;
  /** ΔE00 to the second-nearest reference: a small gap means an uncertain assignment. */
  runnerUp: { monk: number; deltaE00: number };
}

export function nearestMonk(lab: Lab): MonkMatch {
  const d = MONK_LAB.map((ref, i) => ({ monk: i + 1, deltaE00: deltaE00(lab, ref) })).sort((x, y) => x.deltaE00 - y.deltaE00);
  return { monk: d[0].monk, deltaE00: d[0].deltaE00, runnerUp: d[1] };
}
