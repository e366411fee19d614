// The recommendation engine's sessions (src/plan/recommend) as the dot engine's SessionSpec: values
// come wrapped as { value, reason }; the fill zone sets the session's density, dilution and needle,
// and the hairline and scar zones their own cumulative densities, needles and dilutions. Typed structurally, so the two
// engines stay independent.
import type { SessionSpec } from './plan.js';

interface Reasoned<T> {
  value: T;
}
interface RecommendedNeedle {
  code: string;
  diameterMm: number;
  points?: number;
  configuration?: string;
}
interface RecommendedDilution {
  waterParts: number;
  label?: string;
}
export interface RecommendedSessionLike {
  index: number;
  densityPerCm2: Reasoned<number>;
  dilution: Reasoned<RecommendedDilution>;
  needle: Reasoned<RecommendedNeedle>;
  zones?: { zone: string; densityPerCm2: Reasoned<number>; needle?: Reasoned<RecommendedNeedle>; dilution?: Reasoned<RecommendedDilution> }[];
}

export function sessionsFromRecommendation(sessions: RecommendedSessionLike[]): SessionSpec[] {
  if (!Array.isArray(sessions) || sessions.length === 0) throw new RangeError('the recommendation has no sessions');
  // A session that leaves a zone out (e.g. a scar-only touch-up) adds nothing there: the zone keeps the
  // cumulative density of the session before, instead of falling back to the fill density.
  // The fill too: a scar-only session after the fill's last step (a clinic with more scar sessions than
  // density steps) had its scar density taken as the fill's, which then fell (90 -> 72) and refused edits.
  let before: { fill?: number; hairline?: number; scar?: number } = {};
  // No session treats a hairline zone, while the sessions do name their zones (a woman keeps her own
  // hairline, Ludwig): the line only limits the treated area, and the band behind it is fill, at the
  // fill's density with the fill's needle and dilution. Its dots had been drawn as hairline dots (finer,
  // lighter: dotLook's hairline look) with a needle and dilution no setting in the report named.
  const asFill = hairlineAsFill(sessions);
  return sessions.map((s) => {
    const zoneOf = (name: 'fill' | 'hairline' | 'scar') => s.zones?.find((z) => z.zone === name);
    const fz = zoneOf('fill'), hz = zoneOf('hairline'), sz = zoneOf('scar');
    // Sessions listed without zones are the fill's own.
    const fill = fz?.densityPerCm2.value ?? (s.zones && s.zones.length > 0 ? before.fill : undefined) ?? s.densityPerCm2.value;
    const hairline = asFill ? fill : (hz?.densityPerCm2.value ?? before.hairline), scar = sz?.densityPerCm2.value ?? before.scar;
    before = { fill, hairline, scar };
    // The hairline's and the scar's own needle and dilution, for their dots' size and shade.
    const tools: NonNullable<SessionSpec['zoneTools']> = {};
    for (const [name, z] of [['hairline', asFill ? (fz ?? s) : hz], ['scar', sz]] as const) {
      if (z?.needle && z.dilution) tools[name] = { needle: z.needle.value, dilution: dilutionOf(z.dilution.value) };
    }
    return {
      index: s.index,
      densityPerCm2: fill,
      ...(hairline !== undefined || scar !== undefined
        ? { zoneDensityPerCm2: { ...(hairline !== undefined ? { hairline } : {}), ...(scar !== undefined ? { scar } : {}) } }
        : {}),
      dilution: dilutionOf(s.dilution.value),
      needle: s.needle.value,
      ...(Object.keys(tools).length ? { zoneTools: tools } : {}),
    };
  });
}

/**
 * The sessions name their zones and none treats a hairline (the client keeps her own): the dot plan then
 * fills the band behind the line as fill (sessionsFromRecommendation), which the report needs to know too.
 */
export function hairlineAsFill(sessions: readonly { zones?: readonly { zone: string }[] }[]): boolean {
  return sessions.some((s) => (s.zones?.length ?? 0) > 0) && !sessions.some((s) => s.zones?.some((z) => z.zone === 'hairline'));
}

/** The dot engine's dilution: the recommendation's without its pigment parts (always 1). */
function dilutionOf(d: RecommendedDilution): SessionSpec['dilution'] {
  return { waterParts: d.waterParts, label: d.label };
}
