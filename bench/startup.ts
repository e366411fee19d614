// The start-up sweep of orphan files (src/api/orphan-files.ts), which runs before the service takes its
// first request, on a data directory of RECORDS stored records in CLINICS clinics, ORPHANS of them with
// files but no row (and one clinic with files but no row): the sweep's time as a ratio to only walking
// the folders it must walk (listFolders, the floor any sweep pays), and per 1,000 records.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { FileBlobStore } from '../src/store/file-blobs.js';
import { removeOrphanFiles } from '../src/api/orphan-files.js';
import { median } from './_photos.js';

const CLINICS = 10;
const RECORDS = 5000;
const ORPHANS = 250;
const ROUNDS = 3;
const FILE = new Uint8Array(64);

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const store = new SqliteStore(join(dir, 'smp.sqlite'));
  const blobs = new FileBlobStore(join(dir, 'files'));
  try {
    const clinics: string[] = [];
    for (let c = 0; c < CLINICS; c++) clinics.push((await store.createClinic(`bench-${c}`)).id);
    for (let i = 0; i < RECORDS; i++) {
      const clinicId = clinics[i % CLINICS]!;
      const id = randomUUID();
      await store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: 'bench' });
      await blobs.putAll(clinicId, id, [{ name: 'photo-0.jpg', bytes: FILE }, { name: 'overlay-0.png', bytes: FILE }]);
    }
    const ratios: number[] = [];
    const sweepMs: number[] = [];
    let removed = { clinics: 0, records: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // what a crash between a row's deletion and its files' leaves behind
      for (let i = 0; i < ORPHANS; i++) await blobs.put(clinics[i % CLINICS]!, randomUUID(), 'photo-0.jpg', FILE);
      await blobs.put(randomUUID(), randomUUID(), 'photo-0.jpg', FILE);

      const l0 = performance.now();
      await blobs.listFolders();
      const listMs = performance.now() - l0;
      const s0 = performance.now();
      removed = await removeOrphanFiles(store, blobs);
      const ms = performance.now() - s0;
      sweepMs.push(ms);
      ratios.push(ms / listMs);
    }
    const folders = RECORDS + ORPHANS;
    console.log(
      `start-up orphan sweep over ${folders} record folders in ${CLINICS + 1} clinics (removed ${removed.records} records, ${removed.clinics} clinic): ` +
        `${median(ratios).toFixed(2)}x the time of only listing the folders; ${((median(sweepMs) / folders) * 1000).toFixed(0)} ms per 1,000 record folders on this machine`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
