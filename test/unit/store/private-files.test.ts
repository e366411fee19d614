// Photos, results and the database are medical data: what the stores write is readable by the service
// user alone (folders 0700, files 0600) whatever the umask, and a database an older version left open
// to others is closed when the service opens it.
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../../src/store/file-blobs.js';
import { SqliteStore } from '../../../src/store/sqlite-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'private-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The group and other permission bits of a path (0 when only its owner may use it). */
const othersBits = (path: string) => statSync(path).mode & 0o077;

describe('stored data is private to the service user', () => {
  it('gives stored files 0600 and the folders it makes 0700', async () => {
    const blobs = new FileBlobStore(join(dir, 'data', 'files'));
    await blobs.putAll('clinic-a', 'rec-1', [{ name: 'photo-0.jpg', bytes: new Uint8Array([1, 2, 3]) }]);
    for (const p of ['data', 'data/files', 'data/files/clinic-a', 'data/files/clinic-a/rec-1', 'data/files/clinic-a/rec-1/photo-0.jpg']) {
      expect(othersBits(join(dir, p)), p).toBe(0);
    }
  });

  it('makes the database, its folder and its WAL files 0600 / 0700', async () => {
    const file = join(dir, 'data', 'smp.sqlite');
    const store = new SqliteStore(file);
    try {
      await store.createRecord({ id: 'r1', kind: 'consultation', clinicId: 'c1', input: {}, createdBy: null });
      const written = readdirSync(join(dir, 'data'));
      expect(written).toEqual(expect.arrayContaining(['smp.sqlite', 'smp.sqlite-wal', 'smp.sqlite-shm']));
      expect(othersBits(join(dir, 'data'))).toBe(0);
      for (const f of written) expect(othersBits(join(dir, 'data', f)), f).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("closes a database and a files folder an older version left readable by others, not the data folder (it may be shared)", async () => {
    const data = join(dir, 'data');
    mkdirSync(join(data, 'files', 'clinic-a'), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    chmodSync(join(data, 'files'), 0o755);
    const file = join(data, 'smp.sqlite');
    closeSync(openSync(file, 'w'));
    chmodSync(file, 0o644);
    const store = new SqliteStore(file);
    await store.close();
    new FileBlobStore(join(data, 'files'));
    expect(othersBits(file)).toBe(0);
    expect(statSync(join(data, 'files')).mode & 0o777).toBe(0o700); // the old photos below it are out of others' reach
    expect(statSync(data).mode & 0o777).toBe(0o755);
  });
});
