// What the dot plan achieves beside what it aims for, for report.pdf's dot plan table. A session's
// `densityPerCm2` is the target on fully treated scalp; the plan's own `achievedPerCm2` (dots placed over
// each zone's area in the plan photo) can be far lower: the density tapers over the soft edge behind the
// hairline, and a small bald area is mostly that edge (L2-001's front view: 17.3 /cm² on bald against 63).
// Printed as they were, the targets read as what the client gets.
import type { PlanSummary } from '../dots/summary.js';
import { DEFAULT_TREATMENT, type TreatmentOverrides } from '../density/treatment.js';
import { isNum } from './pick.js';

type Zone = 'bald' | 'thinning' | 'scar' | 'hairline';
const ZONES: Zone[] = ['bald', 'thinning', 'scar', 'hairline'];

/** Achieved this far under the target (a share of it) is said under the table, with why. */
export const ACHIEVED_SHORTFALL = 0.25;

const r0 = (v: number): string => v.toFixed(0);

/**
 * The zone the table's Achieved column shows: bald scalp, whose target is the session's density, where
 * the photo has any; else the zone with the most area. Null for a plan without per-zone figures (stored
 * before they existed) or with no treated area.
 */
export function achievedZone(plan: Pick<PlanSummary, 'sessions' | 'areaCm2'>): Zone | null {
  const has = (z: Zone) => (plan.areaCm2?.[z] ?? 0) > 0 && plan.sessions.length > 0 && plan.sessions.every((s) => isNum(s.achievedPerCm2?.[z]));
  if (has('bald')) return 'bald';
  const rest = ZONES.filter(has).sort((a, b) => plan.areaCm2[b] - plan.areaCm2[a]);
  return rest[0] ?? null;
}

export interface AchievedColumn {
  zone: Zone;
  header: string;
  /** One cell per session, in the plan's order. */
  cells: string[];
  /** Said under the table: what the column is and, where it falls short of the target, why. */
  note: string;
}

/**
 * The Achieved column of the dot plan table and its note; null where the plan has no per-zone figures.
 * `zoneFactor`: a plan edit's zone factors, which scale the target the bald scalp is held to.
 */
export function achievedColumn(plan: Pick<PlanSummary, 'sessions' | 'areaCm2'>, zoneFactor?: TreatmentOverrides['zoneFactor']): AchievedColumn | null {
  const zone = achievedZone(plan);
  if (!zone) return null;
  const cells = plan.sessions.map((s) => r0(s.achievedPerCm2[zone]!));
  const area = plan.areaCm2[zone];
  const areaWords = `${area < 1 ? area.toFixed(1) : r0(area)} cm²`;
  const defined = ` Achieved is the dots this plan places on the ${zone} scalp in this photo, per cm² of it.`;
  if (zone !== 'bald') {
    const why: Record<Exclude<Zone, 'bald'>, string> = {
      thinning: 'thinning scalp takes a share of the target, by the hair it keeps',
      hairline: 'the hairline band tapers over its soft edge',
      scar: 'a scar is filled to match the scalp around it',
    };
    return { zone, header: `Achieved /cm² (${zone})`, cells, note: `${defined} This photo shows no bald scalp; ${why[zone]}, so it reads under the target.` };
  }
  // The last session is the result: compared with its target, scaled by a plan edit's bald factor.
  const last = plan.sessions[plan.sessions.length - 1];
  const target = last.densityPerCm2 * (zoneFactor?.bald ?? 1);
  const achieved = last.achievedPerCm2.bald!;
  const asked = last.plannedPerCm2?.bald;
  let note = defined;
  if (target > 0 && achieved < (1 - ACHIEVED_SHORTFALL) * target) {
    const under = Math.round(100 * (1 - achieved / target));
    note += ` After session ${last.index + 1} it is ${r0(achieved)}, ${under} % under the target of ${r0(target)}:`;
    const tapered = isNum(asked) && asked < (1 - ACHIEVED_SHORTFALL) * target;
    const short = isNum(asked) && achieved < 0.9 * asked;
    if (tapered || !isNum(asked)) {
      note += ` the density tapers over the plan's ${r0(DEFAULT_TREATMENT.featherMm)} mm soft edge behind the hairline, and the less bald scalp a photo shows (here ${areaWords}), the more of it lies in that edge.`;
    }
    // under the target with neither cause clear alone: the spacing is the rest of it
    if (isNum(asked) && (short || !tapered)) note += ` ${tapered ? 'Also, fewer' : 'Fewer'} dots fit there than the plan asks (${r0(asked)} /cm²): dots keep their spacing, which a small or narrow area loses at its borders.`;
  }
  return { zone, header: 'Achieved /cm² (bald)', cells, note };
}
