// What an audit found, in brief, for the clinic's lists (GET /v1/audits and a client's history): read
// from the stored result the list has already loaded, so a list costs no file read per audit.
import type { z } from 'zod';
import type { StoredRecord } from '../store/store.js';
import { listItem } from './schemas/record-list.js';
import type { AuditListItemSchema, AuditOutcomeSchema } from './schemas/audit-list.js';

export function auditOutcome(r: StoredRecord): z.infer<typeof AuditOutcomeSchema> {
  // audits stored before matchSure existed have none: null, as for a reading not made
  const a = r.result as { assessable?: boolean; scar?: { match?: { after?: string | null }; matchSure?: { after?: boolean | null } }; flags?: { id?: string }[] } | null;
  if (r.status !== 'completed' || !a) return null;
  return {
    assessable: a.assessable === true,
    // an audit that could not judge the camouflage gives no band, though it may have measured one
    match: a.assessable === true ? (a.scar?.match?.after ?? null) : null,
    matchSure: a.assessable === true ? (a.scar?.matchSure?.after ?? null) : null,
    flags: (a.flags ?? []).map((f) => f.id).filter((id): id is string => typeof id === 'string'),
  };
}

export function auditListItem(r: StoredRecord): z.infer<typeof AuditListItemSchema> {
  return { ...listItem(r), outcome: auditOutcome(r) };
}
