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
  let before: { hairline?: number; scar?: number } = {};
  return sessions.map((s) => {
    const zone = (name: string): number | undefined => s.zones?.find((z) => z.zone === name)?.densityPerCm2.value;
    const hairline = zone('hairline') ?? before.hairline, scar = zone('scar') ?? before.scar;
    before = { hairline, scar };
    // The hairline's and the scar's own needle and dilution, for their dots' size and shade.
    const tools: NonNullable<SessionSpec['zoneTools']> = {};
    for (const name of ['hairline', 'scar'] as const) {
      const z = s.zones?.find((x) => x.zone === name);
      if (z?.needle && z.dilution) tools[name] = { needle: z.needle.value, dilution: { waterParts: z.dilution.value.waterParts, label: z.dilution.value.label } };
    }
    return {
      index: s.index,
      densityPerCm2: s.densityPerCm2.value,
      ...(hairline !== undefined || scar !== undefined
        ? { zoneDensityPerCm2: { ...(hairline !== undefined ? { hairline } : {}), ...(scar !== undefined ? { scar } : {}) } }
        : {}),
      dilution: { waterParts: s.dilution.value.waterParts, label: s.dilution.value.label },
      needle: s.needle.value,
      ...(Object.keys(tools).length ? { zoneTools: tools } : {}),
    };
  });
}
