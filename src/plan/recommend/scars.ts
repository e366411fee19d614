// The consultation's scars: those the client or clinic states (kind, age, raised; what no photo can tell)
// and those the photos show (kind, colour against the skin). A stated scar and a found one of the same
// kind are taken to be the same scar, in order, and merged; the rest are listed as they are.
import type { ScarInput, ScarKind } from './types.js';

/** A scar as the consultation form states it. */
export interface StatedScar {
  kind: ScarKind;
  ageMonths?: number;
  raised?: boolean;
}

/** A scar found in photo `photo` (0-based), as the photo task describes it. */
export interface FoundScarInput {
  photo: number;
  kind: ScarKind;
  tone?: ScarInput['tone'];
  deltaE76?: number;
}

export function mergeScars(stated: readonly StatedScar[], found: readonly FoundScarInput[]): ScarInput[] {
  const left = [...found];
  const out: ScarInput[] = stated.map((s) => {
    const i = left.findIndex((f) => f.kind === s.kind);
    if (i < 0) return { ...s, source: 'stated' };
    const [f] = left.splice(i, 1);
    return { ...s, ...colourOf(f), source: 'stated+photo', photo: f.photo };
  });
  for (const f of left) out.push({ kind: f.kind, ...colourOf(f), source: 'photo', photo: f.photo });
  return out;
}

function colourOf(f: FoundScarInput): Pick<ScarInput, 'tone' | 'deltaE76'> {
  return { ...(f.tone ? { tone: f.tone } : {}), ...(f.deltaE76 !== undefined ? { deltaE76: f.deltaE76 } : {}) };
}

/** How a scar is named in warnings and reasons: "Scar 2 (linear, stated, seen in photo 3)". */
export function scarName(s: ScarInput, i: number): string {
  const where =
    s.source === 'stated' ? ', stated' : s.source === 'stated+photo' ? `, stated, seen in photo ${(s.photo ?? 0) + 1}` : s.source === 'photo' ? `, found in photo ${(s.photo ?? 0) + 1}` : '';
  return `Scar ${i + 1} (${s.kind}${where})`;
}
