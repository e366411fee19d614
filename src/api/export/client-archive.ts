// A copy of everything the clinic holds on one client, as a ZIP (a client's request for their data):
// per consultation and audit its JSON as the API shows it and every stored file (photos without metadata,
// masks, plans, previews, reports), with an index. Streamed file by file, so memory holds one file at a
// time however many records the client has.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { BlobStore, RecordKind, Store, StoredRecord } from '../../store/store.js';
import { presentAudit, presentConsultation } from '../present.js';

/** Per kind of record: its list in ClientRecords (also its folder in the archive) and how the API shows it. */
export const CLIENT_RECORD_KINDS = [
  { kind: 'consultation', list: 'consultations', present: presentConsultation },
  { kind: 'audit', list: 'audits', present: presentAudit },
] as const satisfies readonly { kind: RecordKind; list: string; present: (rec: StoredRecord, files: string[]) => Record<string, unknown> }[];
/** Deflated; everything else (JPEG, PNG, PDF: compressed already) is stored as it is. */
const TEXT_FILE = /\.(json|csv|svg|txt)$/i;

export interface ClientRecords {
  consultations: StoredRecord[];
  audits: StoredRecord[];
}

/** Every consultation and audit of the client, oldest first. */
export async function clientRecords(store: Store, clinicId: string, clientRef: string): Promise<ClientRecords> {
  return { consultations: await store.listClientRecords('consultation', clinicId, clientRef), audits: await store.listClientRecords('audit', clinicId, clientRef) };
}

/**
 * The ZIP's bytes, a chunk at a time. Text (JSON, CSV, SVG) is deflated; photos, images and reports are
 * stored as they are (JPEG, PNG and PDF are compressed already). A file deleted meanwhile is left out.
 * The CRC and deflate run on the calling thread, one file at a time (a few ms each), with the blob
 * reads in between giving the event loop back.
 */
export async function* clientArchive(
  services: { blobs: BlobStore },
  clinicId: string,
  clientRef: string,
  records: ClientRecords,
  exportedAt = new Date(),
): AsyncGenerator<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  function* drain(): Generator<Uint8Array> {
    if (failure) throw failure;
    while (chunks.length) yield chunks.shift()!;
  }
  const add = (name: string, bytes: Uint8Array, mtime: Date, compress: boolean) => {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    entry.mtime = mtime;
    zip.add(entry);
    entry.push(bytes, true);
  };
  const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

  const index: { clientRef: string; exportedAt: string; consultations: unknown[]; audits: unknown[] } = {
    clientRef,
    exportedAt: exportedAt.toISOString(),
    consultations: [],
    audits: [],
  };
  for (const { kind, list, present } of CLIENT_RECORD_KINDS) {
    for (const rec of records[list]) {
      const folder = `${list}/${rec.id}`;
      const names = await services.blobs.list(clinicId, rec.id);
      const mtime = new Date(rec.updatedAt);
      const kept: string[] = [];
      for (const name of names) {
        const bytes = await services.blobs.get(clinicId, rec.id, name);
        if (!bytes) continue;
        add(`${folder}/${name}`, bytes, mtime, TEXT_FILE.test(name));
        kept.push(name);
        yield* drain();
      }
      add(`${folder}/${kind}.json`, json(present(rec, kept)), mtime, true);
      index[list].push({ id: rec.id, createdAt: rec.createdAt, status: rec.status, folder, files: [`${kind}.json`, ...kept] });
      yield* drain();
    }
  }
  add('index.json', json(index), exportedAt, true);
  add('README.txt', new TextEncoder().encode(readme(clientRef, exportedAt)), exportedAt, true);
  zip.end();
  yield* drain();
}

function readme(clientRef: string, at: Date): string {
  return [
    `Everything held on client ${clientRef}, exported ${at.toISOString()}.`,
    '',
    'index.json lists each consultation and audit, oldest first, with its folder and files.',
    'In each folder, consultation.json or audit.json is the record as the API shows it (its links point at',
    'the API); the other files are the stored photos (re-encoded without metadata or GPS) and the images',
    'and reports made from them.',
    '',
  ].join('\n');
}
