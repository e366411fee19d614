// The hairline of each distinct session: the designed line, and the first session's raised
// (conservative) line drawn at its offset behind it.
import type { Plan } from '../dots/plan.js';
import { normals } from '../hairline/spline.js';
import { scalpOnRight } from '../density/signed-distance.js';
import type { Point } from '../hairline/types.js';

export interface SessionHairline {
  /** Sessions (0-based) that use this line. */
  sessions: number[];
  raiseMm: number;
  raised: boolean;
  points: Point[];
}

/** The line moved `mm` towards the scalp along its normals (display only; the field uses exact distances). */
export function offsetLine(points: Point[], down: Point, mm: number, mmPerPixel: number): Point[] {
  if (mm === 0) return points;
  const n = normals(points);
  // normals() point left of travel (y down); the scalp side is left unless scalpOnRight.
  const sign = scalpOnRight(points, down) ? -1 : 1;
  const d = (sign * mm) / mmPerPixel;
  return points.map((p, i) => [p[0] + n[i][0] * d, p[1] + n[i][1] * d]);
}

export function sessionHairlines(plan: Plan): SessionHairline[] {
  if (!plan.hairline) return [];
  const byRaise = new Map<number, number[]>();
  plan.hairlineRaiseMm.forEach((r, s) => byRaise.set(r, [...(byRaise.get(r) ?? []), s]));
  return [...byRaise.entries()].map(([raiseMm, sessions]) => ({
    sessions,
    raiseMm,
    raised: raiseMm > 0,
    points: offsetLine(plan.hairline!.points, plan.hairline!.down, raiseMm, plan.scale.mmPerPixel),
  }));
}
