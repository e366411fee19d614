// Monk Skin Tone scale: the reference whose own ITA° is nearest the skin's (DOMAIN.md "Skin tone").
// Not the nearest in full CIELAB: skin in a photo reads pinker and darker (L* 62–67, b* 4–17 on the
// development people) than the ten yellow swatches, so by CIEDE2000 nearly everyone matched MST 6 (a
// mid-brown, ITA 11°) even at ITA 61°, "very light" beside "Monk 6" in one report line. Matching by
// ITA agrees with the ITA category and the Fitzpatrick estimate by construction: the swatch's own
// category is never more than one from the skin's (the swatches leave "intermediate" empty).
import { deltaE00, hexToLab, type Lab } from './convert.js';
import { ita } from './ita.js';

export const MONK_HEX: readonly string[] = [
  '#f6ede4', '#f3e7db', '#f7ead0', '#eadaba', '#d7bd96', '#a07e56', '#825c43', '#604134', '#3a312a', '#292420',
];
export const MONK_LAB: readonly Lab[] = MONK_HEX.map(hexToLab);
/** Each reference's own ITA°, MST 1→10: 83.0 80.2 71.7 64.7 50.3 10.9 −20.1 −55.4 −78.3 −84.3 (strictly falling). */
export const MONK_ITA: readonly number[] = MONK_LAB.map((l) => ita(l[0], l[2]));

export interface MonkCandidate {
  /** 1..10 */
  monk: number;
  /** Skin ITA° minus the reference's ITA°: the matching distance. */
  itaDelta: number;
  /**
   * CIEDE2000 from the skin's colour to the reference's, for information only (not how it was chosen):
   * a photo's skin is typically 10–20 from every swatch (pinker, darker), so large values are normal.
   */
  deltaE00: number;
}

export interface MonkMatch extends MonkCandidate {
  /** The second-nearest reference by ITA: a small |itaDelta| gap means an uncertain assignment. */
  runnerUp: MonkCandidate;
}

export function nearestMonk(lab: Lab): MonkMatch {
  const angle = ita(lab[0], lab[2]);
  const d = MONK_LAB.map((ref, i) => ({ monk: i + 1, itaDelta: angle - MONK_ITA[i], deltaE00: deltaE00(lab, ref) })).sort(
    (x, y) => Math.abs(x.itaDelta) - Math.abs(y.itaDelta),
  );
  return { ...d[0], runnerUp: d[1] };
}
