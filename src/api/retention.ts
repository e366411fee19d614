// Storage limitation: a clinic may set how long its consultations and audits are kept (retentionDays in
// its settings); older ones are deleted with their photos and files, as if the clinic had deleted them,
// and each deletion is in its access log. Without the setting nothing expires: medical-record law decides
// the period, and it differs by country, so the clinic chooses.
import { z } from 'zod';
import { RECORD_KINDS, type BlobStore, type RecordKind, type Store } from '../store/store.js';
import { deleteRecordAndFiles } from './delete-record.js';

export const RetentionDaysSchema = z.number().int().min(1).max(36_500).describe('days a consultation or audit is kept; older ones are deleted');
const DAY_MS = 86_400_000;
const BATCH = 200;

/** The clinic's retention period in days, when it set one (settings were validated when saved). */
export function retentionDaysOf(settings: Record<string, unknown> | null | undefined): number | undefined {
  const parsed = RetentionDaysSchema.safeParse(settings?.retentionDays);
  return parsed.success ? parsed.data : undefined;
}

export interface ExpiredRecord {
  clinicId: string;
  kind: RecordKind;
  id: string;
}

/** Deletes every record older than its clinic's retention period at `now`; returns what was deleted. */
export async function purgeExpiredRecords(store: Store, blobs: BlobStore, now: Date): Promise<ExpiredRecord[]> {
  const deleted: ExpiredRecord[] = [];
  for (const clinic of await store.listClinics()) {
    const days = retentionDaysOf(clinic.settings);
    if (days === undefined) continue;
    const before = new Date(now.getTime() - days * DAY_MS).toISOString();
    for (const kind of RECORD_KINDS) {
      for (;;) {
        const batch = await store.listRecords(kind, clinic.id, { before, limit: BATCH });
        for (const rec of batch) {
          if (await deleteRecordAndFiles({ store, blobs }, kind, clinic.id, rec.id, { actor: 'retention', action: 'expire' })) deleted.push({ clinicId: clinic.id, kind, id: rec.id });
        }
        if (batch.length < BATCH) break;
      }
    }
  }
  return deleted;
}
