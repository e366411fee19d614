// Files with no record: a record's row is deleted before its files (so nothing can read a half-deleted
// record), and a crash or a failed removal between the two left the photos on disk for good, unseen by the
// API, exports and retention, though the clinic had deleted them. Swept when the service starts, before any
// request: every record's row is written before its first file, so a folder without a row is an orphan.
import type { BlobStore, Store } from '../store/store.js';

export async function removeOrphanFiles(store: Store, blobs: BlobStore): Promise<{ clinics: number; records: number }> {
  let clinics = 0;
  let records = 0;
  for (const { clinicId, recordIds } of await blobs.listFolders()) {
    if (!(await store.getClinic(clinicId))) {
      await blobs.deleteClinic(clinicId);
      clinics++;
      continue;
    }
    const known = await store.recordIds(clinicId);
    for (const id of recordIds) {
      if (known.has(id)) continue;
      await blobs.deleteRecord(clinicId, id);
      records++;
    }
  }
  return { clinics, records };
}
