// Finishing a record whose analysis ran while the clinic could delete it: the files are written, then the
// result; when the record is gone by then, the files just written go too, so nothing outlives a deletion.
import type { BlobStore, RecordKind, Store } from '../store/store.js';
import { Problem } from './problem.js';
import { clinicDeleted, invalidCredentials, type ClinicContext } from './plugins/auth.js';

/** False when the clinic deleted the record during the analysis (its files are removed again then). */
export async function completeRecordWithFiles(
  services: { store: Store; blobs: BlobStore },
  kind: RecordKind,
  clinicId: string,
  id: string,
  files: readonly { name: string; bytes: Uint8Array }[],
  result: Record<string, unknown>,
): Promise<boolean> {
  await services.blobs.putAll(clinicId, id, files);
  if (await services.store.completeRecord(kind, clinicId, id, result)) return true;
  // The deletion ran before or between the writes above: its file sweep may have missed them.
  await services.blobs.deleteRecord(clinicId, id);
  // The whole clinic was deleted (DELETE /v1/clinic): the writes above made its folder again.
  if (!(await services.store.getClinic(clinicId))) await services.blobs.deleteClinic(clinicId);
  return false;
}

/**
 * Called right after a create request stored its record: when the clinic was deleted meanwhile
 * (DELETE /v1/clinic ran while the photos were still being sent, after this request's key was checked),
 * the record goes again and the request ends, as it would have a moment later. Kept, it was analysed and
 * stored with its photos under a clinic that no longer exists: no key reached it and nothing deleted it.
 * A deletion after this check finds the record and takes it (completeRecordWithFiles then keeps nothing).
 */
export async function refuseIfClinicDeleted(services: { store: Store }, kind: RecordKind, clinicId: string, id: string): Promise<void> {
  if (await services.store.getClinic(clinicId)) return;
  await services.store.deleteRecord(kind, clinicId, id);
  throw clinicDeleted('this upload was being sent');
}

/**
 * The same for an upload link: when the link was ended while its photos were being sent (its client
 * erased, which deletes the client's links before it lists their records, or the link revoked), the
 * record goes again. Kept, it would be filed under a client the clinic had just erased.
 */
export async function refuseIfLinkEnded(services: { store: Store }, clinic: Pick<ClinicContext, 'id' | 'tokenId'>, kind: RecordKind, id: string): Promise<void> {
  if (!clinic.tokenId) return;
  const token = await services.store.getUploadToken(clinic.id, clinic.tokenId);
  if (token && !token.revokedAt) return;
  await services.store.deleteRecord(kind, clinic.id, id);
  // As any request with a link that no longer works: 401, here saying when it ended.
  throw invalidCredentials('this upload link was ended (revoked, or its client erased) while the photos were being sent; nothing was kept');
}

/** The answer to the request that started an analysis whose record was deleted before it finished. */
export function deletedDuringAnalysis(kind: RecordKind, id: string): Problem {
  return new Problem(410, 'deleted-during-analysis', 'Deleted during the analysis', `${kind} ${id} was deleted while it was being analysed; nothing of it was kept`);
}
