// Whether one photo's hair loss disagrees with the rest of the consultation: a photo of someone else,
// a photo given as the wrong view, or a view the grader misread. Each photo's own grade (its expected
// major level) is compared with the median of the other photos' grades.
//
// Measured on ../shared (every person's five views; `node dist/test/eval/person-features.js`, then
// `/usr/bin/python3 datasets/views_disagree.py`): a gap of more than 2 levels flags 0 of 77 train and
// 0 of 19 held-out consultations as taken (those with three graded photos), and 36 % of consultations
// with one photo swapped for the same view of someone else (held-out: 68 % when that person's labelled
// level differs by 3, 93 % by 4 or more, 9 % by 1). Hair colour and skin tone tell people apart far
// less well (9-14 % of swaps at 5 % false alarms), so they are not used.
import { median } from '../colour/robust.js';
import type { ViewContribution } from './types.js';

export interface ViewOutlier {
  /** Index of the photo in the consultation, and its view. */
  photo: number;
  view: ViewContribution['view'];
  /** The photo's own expected major level (probability-weighted), one decimal. */
  level: number;
  /** Median of the other graded photos' expected levels, one decimal. */
  others: number;
}

/** More than this many major levels between a photo and the others: they disagree. */
export const MAX_VIEW_GAP = 2;

/** Probability-weighted major level of one photo's own distribution. */
export function expectedLevel(probabilities: Record<string, number>): number {
  let sum = 0, mass = 0;
  for (const [level, p] of Object.entries(probabilities)) {
    const l = Number(level);
    if (!Number.isFinite(l) || !(p >= 0)) throw new RangeError(`probabilities must map levels to p >= 0, got ${level}: ${p}`);
    sum += l * p;
    mass += p;
  }
  if (!(mass > 0)) throw new RangeError('probabilities must not all be 0');
  return sum / mass;
}

/**
 * The graded photo furthest from the median of the others, when more than `maxGap` levels away;
 * null with fewer than three graded photos (with two, neither can be told to be the odd one).
 */
export function viewOutlier(views: ViewContribution[], maxGap = MAX_VIEW_GAP): ViewOutlier | null {
  const graded = views.filter((v) => v.assessable && v.probabilities).map((v) => ({ v, level: expectedLevel(v.probabilities!) }));
  if (graded.length < 3) return null;
  let worst: ViewOutlier | null = null, gap = maxGap;
  for (const g of graded) {
    const others = median(graded.filter((o) => o !== g).map((o) => o.level));
    const d = Math.abs(g.level - others);
    if (d > gap) {
      gap = d;
      worst = { photo: g.v.photo, view: g.v.view, level: Math.round(g.level * 10) / 10, others: Math.round(others * 10) / 10 };
    }
  }
  return worst;
}
