// The consultation's scars: those the client or clinic states (kind, age, raised; what no photo can tell)
// and those the photos show (kind, colour against the skin). One scar is usually seen from several
// views, and photos cannot be matched point to point, so the scars of one kind are counted from the
// photo that shows most of them. A stated scar and a found one of the same kind are taken to be the
// same scar, in order, and merged; the rest are listed as they are.
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
  /** The segmentation's confidence (src/vision/scars/find-scars.ts). */
  confidence?: number;
  /** Sure enough to plan for; a scar that is not is only a possible one (see possibleScars). */
  sure?: boolean;
  /** Why a scar that is not sure is only possible, in words. */
  unsureWhy?: string;
}

/** A found scar not sure enough to plan for: the practitioner checks it in person. */
export interface PossibleScar {
  photo: number;
  kind: ScarKind;
  confidence?: number;
  /** Why it is too unsure to plan for, in words (FoundScar.unsureWhy). */
  unsureWhy?: string;
}

/**
 * The scars to plan for: the stated ones, merged with the sure found ones of the same kind, then the
 * other sure found ones. Found scars that are not sure are left out (possibleScars lists them).
 */
export function mergeScars(stated: readonly StatedScar[], found: readonly FoundScarInput[]): ScarInput[] {
  const left = distinctScars(found.filter((f) => f.sure !== false));
  const out: ScarInput[] = stated.map((s) => {
    const i = left.findIndex((f) => f.kind === s.kind);
    if (i < 0) return { ...s, source: 'stated' };
    const [f] = left.splice(i, 1);
    return { ...s, ...colourOf(f), source: 'stated+photo', photo: f.photo };
  });
  for (const f of left) out.push({ kind: f.kind, ...colourOf(f), source: 'photo', photo: f.photo });
  return out;
}

/**
 * Found scars told apart across views: per kind, those of the photo that shows most of that kind (ties:
 * the surer photo), surest first; the other photos' scars of the kind are taken to be the same ones.
 */
export function distinctScars(found: readonly FoundScarInput[]): FoundScarInput[] {
  const byKind = new Map<ScarKind, Map<number, FoundScarInput[]>>();
  for (const f of found) {
    const photos = byKind.get(f.kind) ?? new Map<number, FoundScarInput[]>();
    photos.set(f.photo, [...(photos.get(f.photo) ?? []), f]);
    byKind.set(f.kind, photos);
  }
  const surest = (xs: FoundScarInput[]) => Math.max(...xs.map((x) => x.confidence ?? 0));
  const out: FoundScarInput[] = [];
  for (const photos of byKind.values()) {
    const best = [...photos.values()].reduce((a, b) => (b.length > a.length || (b.length === a.length && surest(b) > surest(a)) ? b : a));
    out.push(...[...best].sort((a, b) => (b.confidence ?? 0) - (a.confidence ?? 0)));
  }
  return out;
}

/** Found scars not sure enough to plan for, unless a stated or sure found scar of the same kind covers them. */
export function possibleScars(stated: readonly StatedScar[], found: readonly FoundScarInput[]): PossibleScar[] {
  const covered = new Set([...stated.map((s) => s.kind), ...found.filter((f) => f.sure !== false).map((f) => f.kind)]);
  return distinctScars(found.filter((f) => f.sure === false && !covered.has(f.kind)))
    .map((f) => ({ photo: f.photo, kind: f.kind, ...(f.confidence !== undefined ? { confidence: f.confidence } : {}), ...(f.unsureWhy ? { unsureWhy: f.unsureWhy } : {}) }));
}

/**
 * Why a possible scar is not planned for, in words: the finder's reason, else its confidence; null with
 * neither. The recommendation's scar-possible warning and the report's "Possible scars" line both say it.
 */
export function possibleScarWhy(p: Pick<PossibleScar, 'confidence' | 'unsureWhy'>): string | null {
  if (p.unsureWhy) return p.unsureWhy;
  return p.confidence !== undefined ? `confidence ${p.confidence.toFixed(2)}` : null;
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
