// Session count, interval and per-session, per-zone densities.
import { cite } from './cite.js';
import type { ClinicTable, Goal, Zone } from '../schema.js';
import type { Reasoned, RecommendInput } from '../types.js';

export function sessionCountFor(table: ClinicTable, zones: Zone[]): Reasoned<number> {
  const base = table.densitySchedule.length;
  if (zones.includes('scar') && table.scar.sessions > base) {
    return { value: table.scar.sessions, reason: `${table.scar.sessions} sessions: scars need more passes than the ${base}-session schedule (${cite(table.scar.reason)}).` };
  }
  return { value: base, reason: `${base} sessions, one per step of the clinic's density schedule (${table.densitySchedule.map((s) => `${Math.round(s.cumulativeFraction * 100)} %`).join(' → ')}).` };
}

export function intervalFor(table: ClinicTable, zones: Zone[]): Reasoned<{ min: number; max: number }> {
  const row = zones.includes('scar') ? table.intervalDays.scar : table.intervalDays.default;
  return { value: { min: row.min, max: row.max }, reason: row.reason };
}

/** Cumulative fraction of natural density in a zone after session k (0-based) of `count`. */
export function cumulativeFraction(table: ClinicTable, zone: Zone, k: number, count: number): Reasoned<number> {
  const sched = table.densitySchedule;
  if (zone === 'scar') {
    const scarSessions = Math.max(1, Math.min(count, table.scar.sessions));
    const f = Math.min(1, (k + 1) / scarSessions) * sched[sched.length - 1].cumulativeFraction;
    return { value: f, reason: `scar area built up evenly over ${scarSessions} sessions: scar tissue holds pigment less well, so smaller steps.` };
  }
  if (k < sched.length) return { value: sched[k].cumulativeFraction, reason: sched[k].reason };
  return { value: sched[sched.length - 1].cumulativeFraction, reason: 'the schedule is complete: no new dots here (this session is for the scar area).' };
}

export function densityFor(
  table: ClinicTable,
  zone: Zone,
  goal: Goal,
  k: number,
  count: number,
): { fraction: Reasoned<number>; cumulative: Reasoned<number>; added: Reasoned<number> } {
  const natural = table.naturalDensity.fuPerCm2;
  const goalScale = table.goals[goal].densityScale;
  const zoneFactor = table.zones[zone].densityFactor;
  const now = cumulativeFraction(table, zone, k, count);
  const before = k > 0 ? cumulativeFraction(table, zone, k - 1, count).value : 0;
  const scale = natural * goalScale * zoneFactor;
  const round1 = (v: number) => Math.round(v * 10) / 10;
  const parts = [`${natural} FU/cm² natural (${cite(table.naturalDensity.reason)})`];
  if (goalScale !== 1) parts.push(`×${goalScale} for the "${goal}" goal (${cite(table.goals[goal].reason)})`);
  if (zoneFactor !== 1) parts.push(`×${zoneFactor} in the ${zone} zone (${cite(table.zones[zone].reason)})`);
  const cumulative = round1(now.value * scale);
  const added = round1(Math.max(0, now.value - before) * scale);
  return {
    fraction: { value: now.value, reason: now.reason },
    cumulative: { value: cumulative, reason: `${Math.round(now.value * 100)} % of ${parts.join(', ')}; placed at random (blue noise) to avoid a regular pattern.` },
    // the same scale as the cumulative figure: "40 % of natural density added" read wrong beside 25.2 when
    // the goal's ×0.7 applied (L3-006, density goal: 40 % of 90 × 0.7)
    added: {
      value: added,
      reason: k === 0 ? 'all dots of this zone are new in the first session.' : `${Math.round((now.value - before) * 100)} % of ${round1(scale)} dots/cm² (the cumulative figure's full density) added on top of session ${k}.`,
    },
  };
}

/** Extra check on age: young clients may lose more hair later. */
export function isYoung(input: RecommendInput): boolean {
  return input.age !== undefined && input.age < 25;
}
