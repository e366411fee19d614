// Which photo the dot plan is drawn on: the one that shows the most of the treated scalp. Top views show
// hairline, mid-scalp and crown together; then front (hairline), back (crown, donor), the sides. A front
// view with a usable face goes first: its hairline is placed from the face (glabella, canthi) and its
// scale measured from the eyes, instead of from a head-size prior.
import type { PhotoAnalysis } from './photo-task.js';

const VIEW_PREFERENCE: Record<string, number> = { top: 4, front: 3, back: 2, left: 1, right: 1, closeup: 0.5 };
/** Added to a front view whose face was found: enough to pass a top view of similar coverage. */
const FACE_BONUS = 1.5;

export function choosePlanPhoto(photos: Pick<PhotoAnalysis, 'view' | 'quality' | 'headFound' | 'coverage' | 'face'>[]): number {
  let best = -1;
  let bestScore = -Infinity;
  photos.forEach((p, i) => {
    if (!p.quality.assessable || !p.headFound || !p.coverage) return;
    const score = (VIEW_PREFERENCE[p.view] ?? 0) + (p.view === 'front' && p.face?.found ? FACE_BONUS : 0) + p.coverage.skin + p.coverage.scar;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
