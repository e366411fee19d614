// What the dot plan achieves beside what it aims for, for report.pdf's dot plan table. A session's
// `densityPerCm2` is the target on fully treated scalp; the plan's own `achievedPerCm2` (dots placed over
// each zone's area in the plan photo) can be far lower: the density tapers over the soft edge behind the
// hairline, and a small bald area is mostly that edge (L2-001's front view: 17.3 /cm² on bald against 63).
// Printed as they were, the targets read as what the client gets.
//
// The column shows the zones that hold the dots: a thinning-only plan whose photo shows a sliver of bald
// scalp (0.2 cm² holding 1 of 105 dots) had printed the bald sliver's "0 / 4 / 4" and a note on how far
// under the target it falls, and never the thinning zone's density, which held the other 104 dots.
import type { PlanSummary } from '../dots/summary.js';
import { DEFAULT_TREATMENT, type TreatmentOverrides } from '../density/treatment.js';
import { isNum } from './pick.js';

type Zone = 'bald' | 'thinning' | 'scar' | 'hairline';
const ZONES: Zone[] = ['bald', 'thinning', 'scar', 'hairline'];

/** Achieved this far under the target (a share of it) is said under the table, with why. */
export const ACHIEVED_SHORTFALL = 0.25;

/** A zone holding less than this share of the plan's dots gets no column (unless no zone holds more). */
export const ACHIEVED_MIN_DOT_SHARE = 0.2;

/** At most this many Achieved columns: the table keeps to the page's width. */
export const ACHIEVED_MAX_COLUMNS = 2;

const r0 = (v: number): string => v.toFixed(0);

type Areas = PlanSummary['areaCm2'];

/**
 * The treated area as printed: its total and each zone's part, at one precision, the parts adding up to
 * the total as printed (largest remainders). One decimal where the total is under 10 cm² or a zone under
 * 0.5 cm² would print as 0 ("8 cm²: bald 0, thinning 7" had been printed for 0.2 and 7.4 cm²); whole cm²
 * otherwise. A zone of no area prints "0".
 */
export function areaFigures(area: Areas): { total: string; parts: Record<Zone, string> } {
  const values = ZONES.map((z) => Math.max(0, area[z] ?? 0));
  const sum = values.reduce((a, b) => a + b, 0);
  const digits = sum < 10 || values.some((v) => v > 0 && v < 0.5) ? 1 : 0;
  const unit = 10 ** digits;
  const target = Math.round(sum * unit);
  const floors = values.map((v) => Math.floor(v * unit + 1e-9));
  let left = target - floors.reduce((a, b) => a + b, 0);
  // the remainder to the zones whose parts were cut most (only zones with area)
  const order = values.map((v, k) => ({ k, frac: v * unit - floors[k] })).filter(({ k }) => values[k] > 0).sort((a, b) => b.frac - a.frac);
  for (const { k } of order) {
    if (left <= 0) break;
    floors[k]++;
    left--;
  }
  const text = (units: number, v: number): string => (v === 0 || units === 0 ? '0' : (units / unit).toFixed(digits));
  const parts = Object.fromEntries(ZONES.map((z, k) => [z, text(floors[k], values[k])])) as Record<Zone, string>;
  return { total: text(target, sum), parts };
}

/** Whether every session has the zone's achieved figure and the photo shows the zone. */
function hasFigures(plan: Pick<PlanSummary, 'sessions' | 'areaCm2'>, z: Zone): boolean {
  return (plan.areaCm2?.[z] ?? 0) > 0 && plan.sessions.length > 0 && plan.sessions.every((s) => isNum(s.achievedPerCm2?.[z]));
}

/** About how many of the plan's dots (after the last session) lie in the zone: its achieved density over its area. */
function dotsIn(plan: Pick<PlanSummary, 'sessions' | 'areaCm2'>, z: Zone): number {
  const last = plan.sessions[plan.sessions.length - 1];
  return Math.max(0, (last.achievedPerCm2[z] ?? 0) * plan.areaCm2[z]);
}

/**
 * The zones the table's Achieved columns show, bald first: those holding at least ACHIEVED_MIN_DOT_SHARE
 * of the dots (the most-holding ACHIEVED_MAX_COLUMNS of them). Where no dots are placed: bald scalp,
 * whose target is the session's density, where the photo has any, else the zone with the most area.
 * Empty for a plan without per-zone figures (stored before they existed) or with no treated area.
 */
export function achievedZones(plan: Pick<PlanSummary, 'sessions' | 'areaCm2'>): Zone[] {
  const zones = ZONES.filter((z) => hasFigures(plan, z));
  if (!zones.length) return [];
  const dots = new Map(zones.map((z) => [z, dotsIn(plan, z)]));
  const all = [...dots.values()].reduce((a, b) => a + b, 0);
  if (all > 0) {
    const holding = zones.filter((z) => dots.get(z)! >= ACHIEVED_MIN_DOT_SHARE * all).sort((a, b) => dots.get(b)! - dots.get(a)!);
    const shown = new Set(holding.slice(0, ACHIEVED_MAX_COLUMNS));
    return ZONES.filter((z) => shown.has(z));
  }
  if (zones.includes('bald')) return ['bald'];
  return [zones.sort((a, b) => plan.areaCm2[b] - plan.areaCm2[a])[0]];
}

export interface AchievedColumns {
  /** One column per zone shown, bald first. */
  columns: { zone: Zone; header: string; /** One cell per session, in the plan's order. */ cells: string[] }[];
  /** Said under the table: what the columns are and, where they fall short of the target, why. */
  note: string;
}

const WHY_UNDER: Record<Exclude<Zone, 'bald'>, string> = {
  thinning: 'thinning scalp takes a share of the target, by the hair it keeps',
  hairline: 'the hairline band tapers over its soft edge',
  scar: 'a scar is filled to match the scalp around it',
};

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * The Achieved columns of the dot plan table and their note; null where the plan has no per-zone figures.
 * `zoneFactor`: a plan edit's zone factors, which scale the target the bald scalp is held to.
 */
export function achievedColumns(plan: Pick<PlanSummary, 'sessions' | 'areaCm2'>, zoneFactor?: TreatmentOverrides['zoneFactor']): AchievedColumns | null {
  const zones = achievedZones(plan);
  if (!zones.length) return null;
  const columns = zones.map((zone) => ({ zone, header: `Achieved /cm² (${zone})`, cells: plan.sessions.map((s) => r0(s.achievedPerCm2[zone]!)) }));
  const areas = areaFigures(plan.areaCm2);
  const last = plan.sessions[plan.sessions.length - 1];
  let note =
    zones.length === 1
      ? ` Achieved is the dots this plan places on the ${zones[0]} scalp in this photo, per cm² of it.`
      : ` Achieved is the dots this plan places on the ${zones.join(' and on the ')} scalp in this photo, per cm² of each.`;
  // Bald scalp the photo shows but the columns leave out: it holds too few of the dots to read a density from.
  if (!zones.includes('bald') && (plan.areaCm2?.bald ?? 0) > 0) {
    const held = hasFigures(plan, 'bald') ? Math.round(dotsIn(plan, 'bald')) : null;
    const holds = held === null ? 'holds few of the dots' : held === 0 ? `holds none of the ${last.cumulativeDots} dots` : `holds about ${held} of the ${last.cumulativeDots} dots`;
    note += ` The bald scalp in this photo (${areas.parts.bald} cm²) ${holds}, too few to read a density from: it has no column.`;
  }
  if (zones.includes('bald')) {
    // The last session is the result: compared with its target, scaled by a plan edit's bald factor.
    const target = last.densityPerCm2 * (zoneFactor?.bald ?? 1);
    const achieved = last.achievedPerCm2.bald!;
    const asked = last.plannedPerCm2?.bald;
    if (target > 0 && achieved < (1 - ACHIEVED_SHORTFALL) * target) {
      const under = Math.round(100 * (1 - achieved / target));
      note += ` ${zones.length > 1 ? 'On the bald scalp, after' : 'After'} session ${last.index + 1} it is ${r0(achieved)}, ${under} % under the target of ${r0(target)}:`;
      const tapered = isNum(asked) && asked < (1 - ACHIEVED_SHORTFALL) * target;
      const short = isNum(asked) && achieved < 0.9 * asked;
      if (tapered || !isNum(asked)) {
        note += ` the density tapers over the plan's ${r0(DEFAULT_TREATMENT.featherMm)} mm soft edge behind the hairline, and the less bald scalp a photo shows (here ${areas.parts.bald} cm²), the more of it lies in that edge.`;
      }
      // under the target with neither cause clear alone: the spacing is the rest of it
      if (isNum(asked) && (short || !tapered)) note += ` ${tapered ? 'Also, fewer' : 'Fewer'} dots fit there than the plan asks (${r0(asked)} /cm²): dots keep their spacing, which a small or narrow area loses at its borders.`;
    }
  }
  const others = zones.filter((z): z is Exclude<Zone, 'bald'> => z !== 'bald');
  if (others.length) {
    const lead = (plan.areaCm2?.bald ?? 0) > 0 ? '' : 'This photo shows no bald scalp; ';
    const why = others.map((z) => WHY_UNDER[z]).join(', and ');
    note += ` ${lead ? lead + why : capital(why)}, so ${others.length > 1 ? 'they read' : 'it reads'} under the target.`;
  }
  return { columns, note };
}
