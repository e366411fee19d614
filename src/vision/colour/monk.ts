// Monk Skin Tone scale: the reference whose own ITA° is nearest the skin's (DOMAIN.md "Skin tone").
// Not the nearest in full CIELAB: skin in a photo reads pinker and darker (L* 62–67, b* 4–17 on the
// development people) than the ten yellow swatches, so by CIEDE2000 nearly everyone matched MST 6 (a
// mid-brown, ITA 11°) even at ITA 61°, "very light" beside "Monk 6" in one report line. Matching by
// ITA agrees with the ITA category and the Fitzpatrick estimate by construction: the swatch's own
// category is never more than one from the skin's (the swatches leave "intermediate" empty).
import { deltaE00, hexToLab, type Lab } from './convert.js';
import { ita, itaCategory } from './ita.js';

/**
 * The largest CIEDE2000 from the skin to its Monk swatch at which the shade is still shown. Neighbouring
 * Monk swatches are 1.9 to 18.8 apart (median 7.7): a skin further than 15 from its swatch is further
 * from it than all but one pair of neighbours are from each other, so "Monk 5" would name a shade that
 * visibly is not the person's (the review's very light skin read Monk 5, a mid shade, at 21). The web
 * page reads the decision from the answer (skinTone.monkShown, monkShownField) and keeps no copy.
 */
export const MONK_MAX_DELTA_E00 = 15;

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

/**
 * Whether a skin tone's Monk shade is worth showing, as report.pdf and the web page show it (the page
 * reads it from the answer's skinTone.monkShown, monkShownField):
 * `{ monk }` when it is; `{ monk: null, why }` when it is not, 'not-close' when the skin is more than
 * MONK_MAX_DELTA_E00 from the swatch, 'other-category' when the swatch's own ITA category is not the
 * skin's (Monk 5, "light", beside "very light" skin contradicts it; the swatches leave "intermediate"
 * empty). Null when there is no Monk reading. Reads the consultation JSON's skinTone loosely.
 */
export function monkShown(tone: unknown): { monk: number } | { monk: null; why: 'not-close' | 'other-category' } | null {
  if (!tone || typeof tone !== 'object') return null;
  const t = tone as { monk?: unknown; monkDeltaE00?: unknown; category?: unknown; ita?: unknown };
  const monk = t.monk;
  if (typeof monk !== 'number' || !Number.isInteger(monk) || monk < 1 || monk > 10) return null;
  if (typeof t.monkDeltaE00 === 'number' && Number.isFinite(t.monkDeltaE00) && t.monkDeltaE00 > MONK_MAX_DELTA_E00) return { monk: null, why: 'not-close' };
  const category = typeof t.category === 'string' ? t.category : typeof t.ita === 'number' && Number.isFinite(t.ita) ? itaCategory(t.ita) : null;
  if (category && itaCategory(MONK_ITA[monk - 1]) !== category) return { monk: null, why: 'other-category' };
  return { monk };
}

/** The answer's skinTone.monkShown: whether the Monk shade is shown (report.pdf, the web page) and, if not, why. */
export type MonkShownField = { shown: true } | { shown: false; why: 'not-close' | 'other-category' };

/** monkShown as the consultation JSON carries it (skinTone.monkShown); null where there is no Monk reading. */
export function monkShownField(tone: unknown): MonkShownField | null {
  const shown = monkShown(tone);
  if (!shown) return null;
  return shown.monk === null ? { shown: false, why: shown.why } : { shown: true };
}
