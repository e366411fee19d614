// A skin reading near a category boundary: the dilution follows the category the ITA falls in, but the
// neighbour across the boundary may take another dilution, and one person's photos spread by more than
// that (held-out person ITA SD about 10°). The practitioner review: L2-022 read 41.1°, 0.1° above the
// light / intermediate cut, and the report gave 16:1 with no word that 13:1 was as likely.
import { ITA_CATEGORIES, ITA_LOWER_BOUNDS, itaCategory } from '../../../vision/colour/ita.js';
import type { ClinicTable, HairGroup, ItaCategoryName } from '../schema.js';
import type { RecommendationWarning, RecommendInput } from '../types.js';
import { usableSkinTone } from './basis.js';
import { dilutionFor } from './dilution.js';

/**
 * Degrees from a category boundary within which the neighbour is named: the cast robustness of one photo
 * (|ΔITA| p95 about 2°, eval:colour) rounded up. A wider band (the reading's own ±) would name a
 * neighbour for nearly every client: the categories are only 13-14° wide.
 */
export const BORDERLINE_ITA = 3;

/** The neighbouring category across the nearest boundary when the ITA lies within `margin` of it. */
export function neighbourAcross(itaDeg: number, margin = BORDERLINE_ITA): { boundary: number; neighbour: ItaCategoryName } | null {
  let best: number | null = null;
  for (const b of ITA_LOWER_BOUNDS) if (Math.abs(itaDeg - b) < margin && (best === null || Math.abs(itaDeg - b) < Math.abs(itaDeg - best))) best = b;
  if (best === null) return null;
  const own = itaCategory(itaDeg);
  // the category on the other side: the boundary is the lower bound of the one above it
  const above = ITA_CATEGORIES[ITA_LOWER_BOUNDS.indexOf(best)];
  const below = ITA_CATEGORIES[ITA_LOWER_BOUNDS.indexOf(best) + 1];
  return { boundary: best, neighbour: own === above ? below : above };
}

/**
 * An info warning naming the neighbour's final fill dilution when a measured skin tone sits within
 * BORDERLINE_ITA of a boundary and the table dilutes the two categories differently; nothing otherwise
 * (an assumed skin, a reading too unsure to use, or a boundary the table does not act on).
 */
export function borderlineSkinWarning(input: RecommendInput, table: ClinicTable, skin: ItaCategoryName, hair: HairGroup, lastSession: number): RecommendationWarning | null {
  const s = usableSkinTone(input);
  if (!s) return null;
  const across = neighbourAcross(s.ita);
  if (!across) return null;
  const mine = dilutionFor(table, skin, hair, lastSession, 'fill').value;
  const theirs = dilutionFor(table, across.neighbour, hair, lastSession, 'fill').value;
  if (mine.waterParts === theirs.waterParts) return null;
  const gap = Math.abs(s.ita - across.boundary);
  return {
    code: 'skin-category-borderline',
    severity: 'info',
    message:
      `ITA ${s.ita.toFixed(1)}° is ${gap.toFixed(1)}° from the ${skin} / ${across.neighbour} boundary (${across.boundary}°): the settings follow ${skin} skin ` +
      `(${mine.label} by the last session), ${across.neighbour} skin would take ${theirs.label}. One person's photos differ by more than that: ` +
      'judge the healed shade of the first session before settling the dilution.',
  };
}
