// The same photo sent twice in one consultation (under two views, or twice as auto) is one photo: counted
// twice it would weigh twice in the grade and the skin tone, and sent as another view it would also be
// graded as that view (one top photo sent as all five moved a Norwood 5 to 4 with more confidence).
import { createHash } from 'node:crypto';
import { withCheck, type QualityCheck } from '../vision/quality/gate.js';
import type { PhotoAnalysis } from './photo-task.js';

/** For each photo, the index of the first earlier photo with the same bytes, or -1. */
export function earlierCopies(photos: readonly Uint8Array[]): number[] {
  const first = new Map<string, number>();
  return photos.map((bytes, i) => {
    const key = createHash('sha256').update(bytes).digest('hex');
    const seen = first.get(key);
    if (seen !== undefined) return seen;
    first.set(key, i);
    return -1;
  });
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
