// Deleting a record as its clinic would, whoever asks (the DELETE routes, the retention sweep): the
// record with its idempotency keys and webhook events, then its files, then a line in the access log.
import type { BlobStore, RecordKind, Store } from '../store/store.js';

/** False when the clinic has no such record (nothing is touched then). */
export async function deleteRecordAndFiles(
  services: { store: Store; blobs: BlobStore },
  kind: RecordKind,
  clinicId: string,
  id: string,
  log: { actor: string; action: string },
): Promise<boolean> {
  if (!(await services.store.deleteRecord(kind, clinicId, id))) return false;
  await services.blobs.deleteRecord(clinicId, id);
  await services.store.logAccess({ clinicId, actor: log.actor, action: log.action, target: `${kind}:${id}` });
  return true;
}
