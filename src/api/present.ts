// Stored record -> API representation, with every stored file as a URL.
import type { StoredRecord } from '../store/store.js';
import { storedPlanUprightTurn, storedUprightTurn } from '../pipeline/plan-photo.js';
import { monkShownField } from '../vision/colour/monk.js';

/**
 * A consultation's analysis with the display decisions the service makes for report.pdf, so that the
 * web page (web/js) shows the same without copies of the rules: photos[i].uprightTurn and
 * plan.uprightTurn (plan-photo.ts uprightTurn), and skinTone.monkShown, per photo and fused (monk.ts
 * monkShown). Worked out each time an answer is given, not stored: records stored before these fields
 * get them too, and a rule changed later applies to every answer. The API (presentConsultation) and
 * `smp analyze --json` both give the analysis through here.
 */
export function presentAnalysis<T extends object>(analysis: T): T {
  const a = analysis as Record<string, unknown>;
  const out: Record<string, unknown> = { ...a };
  if (Array.isArray(a.photos)) {
    out.photos = a.photos.map((p: unknown) =>
      p && typeof p === 'object' ? { ...p, uprightTurn: storedUprightTurn(p), ...('skinTone' in p ? { skinTone: withMonkShown((p as { skinTone: unknown }).skinTone) } : {}) } : p,
    );
  }
  if ('skinTone' in a) out.skinTone = withMonkShown(a.skinTone);
  if (a.plan && typeof a.plan === 'object') out.plan = { ...a.plan, uprightTurn: storedPlanUprightTurn(a.plan, a.photos) };
  return out as T;
}

/** A skin tone with its monkShown, where it has a Monk reading; anything else as it is. */
function withMonkShown(tone: unknown): unknown {
  const monkShown = monkShownField(tone);
  return monkShown ? { ...(tone as object), monkShown } : tone;
}

export function presentConsultation(rec: StoredRecord, files: string[]): Record<string, unknown> {
  const base = `/v1/consultations/${rec.id}`;
  const url = (name: string) => `${base}/files/${name}`;
  const result = presentAnalysis(rec.result ?? {}) as { photos?: { index: number }[] } & Record<string, unknown>;
  const photos = (result.photos ?? []).map((p) => {
    const urls: Record<string, string> = {};
    for (const f of files) {
      const m = /^(photo|overlay|mask)-(\d+)(?:-([a-z]+))?\.(jpg|png)$/.exec(f);
      if (m && Number(m[2]) === p.index) urls[m[3] ? `mask_${m[3]}` : m[1]] = url(f);
    }
    return { ...p, urls };
  });
  const links: Record<string, string> = { self: base };
  for (const f of files) if (!/^(photo|overlay|mask)-/.test(f)) links[linkName(f)] = url(f);
  return {
    id: rec.id,
    status: rec.status,
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    clientRef: rec.clientRef,
    input: rec.input,
    error: rec.error,
    ...result,
    ...('planRequest' in result ? { planRequest: presentPlanRequest(result.planRequest) } : {}),
    photos,
    links,
  };
}

/**
 * The stored plan input as shown: the dots already tattooed that a plan edit sent (up to 100,000, 1.3 MB
 * of JSON on every read) as their count and sessions. The plan's own dots, the kept ones included, are
 * in dots.csv; a plan edit reads the stored input, not this.
 */
function presentPlanRequest(planRequest: unknown): unknown {
  if (!planRequest || typeof planRequest !== 'object') return planRequest;
  const { existingDots, ...rest } = planRequest as { existingDots?: { x?: unknown[]; session?: unknown[] } | null } & Record<string, unknown>;
  if (!existingDots || !Array.isArray(existingDots.x)) return planRequest;
  const sessions = Array.isArray(existingDots.session) ? [...new Set(existingDots.session)].sort((a, b) => Number(a) - Number(b)) : [];
  return { ...rest, existingDots: { count: existingDots.x.length, sessions } };
}

export function presentAudit(rec: StoredRecord, files: string[]): Record<string, unknown> {
  const links: Record<string, string> = { self: `/v1/audits/${rec.id}` };
  for (const f of files) links[linkName(f)] = `/v1/audits/${rec.id}/files/${f}`;
  return { id: rec.id, status: rec.status, createdAt: rec.createdAt, clientRef: rec.clientRef, error: rec.error, audit: rec.result, links };
}

/** A file's key among a record's links: report.pdf -> report, side-by-side.png -> side_by_side. */
export function linkName(file: string): string {
  return file.replace(/\.[a-z]+$/, '').replace(/[^a-zA-Z0-9]+/g, '_');
}
