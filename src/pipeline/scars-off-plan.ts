// Scars found in a photo other than the plan's. The recommendation plans a scar session for every scar
// planned for, but the dot plan is drawn on one photo: a scar seen only in another photo gets none of
// that session's dots (review of session 45: L3-004's fourth session, for an FUE field found in the back
// photo, placed 0 dots on the front view planned), which the plan must say. Judged by the plan's own scar
// area, not by the photo each scar is filed under: the scars of one kind are merged and filed under one of
// the photos that show them, so a scar filed under another photo may be on the plan's too.
import type { ScarInput } from '../plan/recommend/types.js';

export interface ScarsOffPlanWarning {
  code: 'scar-not-in-plan-photo';
  severity: 'caution';
  message: string;
}

/**
 * One caution per planned scar filed under another photo than `planIndex` (0-based photo indices), when
 * the plan holds no scar area (`planScarCm2`); none when it does.
 */
export function scarsOffPlanPhoto(planned: readonly ScarInput[], planIndex: number, views: readonly string[], planScarCm2: number): ScarsOffPlanWarning[] {
  if (planScarCm2 > 0) return [];
  const photoName = (k: number) => (views[k] ? `the ${views[k]} photo (photo ${k + 1})` : `photo ${k + 1}`);
  return planned.flatMap((s, i) => {
    if (s.photo === undefined || s.photo === planIndex) return [];
    return [{
      code: 'scar-not-in-plan-photo' as const,
      severity: 'caution' as const,
      message:
        `Scar ${i + 1} (${s.kind}) was found in ${photoName(s.photo)}, not in ${photoName(planIndex)} the plan is drawn on: ` +
        `this plan places no scar dots. Plan on that photo (a plan edit with photoIndex ${s.photo}) to place them, or treat it by eye with the scar settings.`,
    }];
  });
}
