// The same photo sent twice in one consultation (under two views, or twice as auto) is one photo: counted
// twice it would weigh twice in the grade and the skin tone, and sent as another view it would also be
// graded as that view (one top photo sent as all five moved a Norwood 5 to 4 with more confidence).
import { createHash } from 'node:crypto';
import { withCheck, type QualityCheck } from '../vision/quality/gate.js';
import type { PhotoAnalysis } from './photo-task.js';

/**
 * For each photo, the index of the photo with the same bytes that is kept in its place, or -1 for a
 * photo kept. Of identical photos the first the quality gate passed is kept (a back photo sent as front,
 * refused by the view check, and again as back keeps the back one), else the first.
 */
export function keptCopies(photos: readonly Uint8Array[], passed: readonly boolean[]): number[] {
  if (passed.length !== photos.length) throw new RangeError(`keptCopies: ${passed.length} gate verdicts for ${photos.length} photos`);
  const groups = new Map<string, number[]>();
  photos.forEach((bytes, i) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const kept = photos.map(() => -1);
  for (const group of groups.values()) {
    const keep = group.find((i) => passed[i]) ?? group[0];
    for (const i of group) if (i !== keep) kept[i] = keep;
  }
  return kept;
}

/** The quality check that refuses photo `a` as a copy of photo `of`. */
export function copyCheck(a: Pick<PhotoAnalysis, 'view'>, of: Pick<PhotoAnalysis, 'index' | 'view'>): QualityCheck {
  const same = a.view === of.view ? '' : ` and cannot show the ${a.view} view too`;
  return {
    id: 'duplicate',
    severity: 'error',
    value: of.index + 1,
    message: `the same photo as photo ${of.index + 1} (${of.view}): it counts once${same}; send a photo of its own`,
  };
}

/** Photo `a` refused as a copy of `of`: no part in the grade, the colour or the plan, and no readings of its own. */
export function asCopyOf(a: PhotoAnalysis, of: PhotoAnalysis): PhotoAnalysis {
  return {
    ...a,
    quality: withCheck(a.quality, copyCheck(a, of)),
    skinTone: null,
    hairColour: null,
    colourNotes: [...a.colourNotes, `skin tone and hair colour not read again: the same photo as photo ${of.index + 1}`],
  };
}
