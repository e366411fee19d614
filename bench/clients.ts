// One client's data, exported and erased (GET /v1/clients/:ref/export, DELETE /v1/clients/:ref), on a
// client with RECORDS consultations whose stored files have the sizes of a real one (random bytes: as
// incompressible as the JPEGs and PNGs they stand for).
// - export: building the ZIP stream, as a ratio to only reading the same files from the blob store (the
//   floor every export pays), and the memory it holds at its peak against the archive's size (streamed:
//   one file at a time, however large the archive);
// - erasure: deleting every record as a single DELETE does (store row, idempotency keys, webhook events,
//   files, access-log line), as a ratio to removing only the record folders from disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { FileBlobStore } from '../src/store/file-blobs.js';
import { clientArchive, clientRecords } from '../src/api/export/client-archive.js';
import { deleteRecordAndFiles } from '../src/api/delete-record.js';
import { median } from './_photos.js';

const RECORDS = 40;
/** The files of a one-photo consultation, by name and size (bytes), as stored for a top view here. */
const FILES: [string, number][] = [
  ['photo-0.jpg', 150_000],
  ['overlay-0.png', 220_000],
  ['mask-0-hair.png', 20_000],
  ['mask-0-skin.png', 20_000],
  ['mask-0-scar.png', 8_000],
  ['plan-0.png', 320_000],
  ['preview-0.png', 300_000],
  ['dots.csv', 120_000],
  ['report.pdf', 450_000],
];
const ROUNDS = 3;

/** A real collection before each memory sample, so garbage not yet collected is not counted as held. */
function collector(): () => void {
  setFlagsFromString('--expose_gc');
  return runInNewContext('gc') as () => void;
}

/** What dots.csv holds: numbers, as compressible as the real one. */
function csv(bytes: number): Uint8Array {
  const lines: string[] = ['x,y,zone,session'];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const line = `${(i * 7919) % 640}.${i % 10},${(i * 104729) % 640}.${i % 7},${i % 5},${1 + (i % 3)}`;
    lines.push(line);
    n += line.length + 1;
  }
  return new TextEncoder().encode(lines.join('\n'));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-clients-'));
  const store = new SqliteStore(join(dir, 'smp.sqlite'));
  const blobs = new FileBlobStore(join(dir, 'files'));
  const services = { store, blobs };
  const gc = collector();
  try {
    const clinicId = (await store.createClinic('bench')).id;
    const fill = async (round: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < RECORDS; i++) {
        const id = `r${round}-${i}`;
        await store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: 'bench', clientRef: `P-${round}` });
        await store.completeRecord('consultation', clinicId, id, { photos: [{ index: 0 }], norwood: { stage: '3' } });
        for (const [name, size] of FILES) await blobs.put(clinicId, id, name, name.endsWith('.csv') ? csv(size) : randomBytes(size));
        ids.push(id);
      }
      return ids;
    };

    const exportRatios: number[] = [];
    const eraseRatios: number[] = [];
    let archiveBytes = 0;
    let peakHeld = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const ids = await fill(round);
      const clientRef = `P-${round}`;

      // floor: read every file once
      const r0 = performance.now();
      for (const id of ids) for (const [name] of FILES) await blobs.get(clinicId, id, name);
      const readMs = performance.now() - r0;

      const e0 = performance.now();
      archiveBytes = 0;
      for await (const chunk of clientArchive(services, clinicId, clientRef, await clientRecords(store, clinicId, clientRef))) archiveBytes += chunk.length;
      exportRatios.push((performance.now() - e0) / readMs);

      // memory, in a pass of its own (collecting at every chunk costs time): what the stream holds on to
      gc();
      const base = process.memoryUsage();
      for await (const _ of clientArchive(services, clinicId, clientRef, await clientRecords(store, clinicId, clientRef))) {
        gc();
        const m = process.memoryUsage();
        peakHeld = Math.max(peakHeld, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
      }

      // erasure against removing the folders alone, on two equal clients
      const twin = await fill(round + 100);
      const d0 = performance.now();
      for (const id of twin) await blobs.deleteRecord(clinicId, id);
      const rmMs = performance.now() - d0;
      const x0 = performance.now();
      const records = await clientRecords(store, clinicId, clientRef);
      for (const r of records.consultations) await deleteRecordAndFiles(services, 'consultation', clinicId, r.id, { actor: 'bench', action: 'erase-client' });
      const eraseMs = performance.now() - x0;
      eraseRatios.push(eraseMs / rmMs);
      for (const id of twin) await store.deleteRecord('consultation', clinicId, id);
    }
    const mb = (b: number) => (b / 1e6).toFixed(1);
    console.log(
      `export of ${RECORDS} records (${mb(archiveBytes)} MB ZIP): ${median(exportRatios).toFixed(2)}x the time of only reading their files (1.00 = no cost beyond the reads); ` +
        `peak memory held while streaming ${mb(peakHeld)} MB = ${(peakHeld / archiveBytes).toFixed(2)} of the archive`,
    );
    console.log(`erasure of ${RECORDS} records: ${median(eraseRatios).toFixed(2)}x the time of only removing their folders (store rows, events and log lines are the rest)`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
