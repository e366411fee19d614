// Which photo the dot plan is drawn on: the one that shows the most of the treated scalp. Top views show
// hairline, mid-scalp and crown together; then front (hairline), back (crown, donor), the sides.
import type { PhotoAnalysis } from './photo-task.js';

const VIEW_PREFERENCE: Record<string, number> = { top: 4, front: 3, back: 2, left: 1, right: 1, closeup: 0.5 };

export function choosePlanPhoto(photos: Pick<PhotoAnalysis, 'view' | 'quality' | 'headFound' | 'coverage'>[]): number {
  let best = -1;
  let bestScore = -Infinity;
  photos.forEach((p, i) => {
    if (!p.quality.assessable || !p.headFound || !p.coverage) return;
    const score = (VIEW_PREFERENCE[p.view] ?? 0) + p.coverage.skin + p.coverage.scar;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}
