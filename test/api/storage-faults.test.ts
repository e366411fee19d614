// The data directory's disk filling up while an analysis writes its files: the answer says so (507
// storage-full), the files written so far are removed and the record does not stay 'processing'. The files
// and SQLite share one disk, so SQLite cannot store the failure until those files are gone again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import type { RecordKind } from '../../src/store/store.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

const diskFull = (code: 'ENOSPC' | 'SQLITE_FULL') => Object.assign(new Error(code === 'ENOSPC' ? 'ENOSPC: no space left on device, write' : 'database or disk is full'), { code });

/**
 * A disk with room for `room` more files of the clinic: the write past it fails (ENOSPC), and from then on
 * SQLite's writes fail too (SQLITE_FULL) until the clinic's record folders are empty again.
 */
function fillDiskAfter(clinicId: string, room: number): () => void {
  const { blobs, store } = t.app;
  const putAll = blobs.putAll.bind(blobs);
  const saved = { failRecord: store.failRecord, deleteRecord: store.deleteRecord, completeRecord: store.completeRecord };
  const written = new Set<string>();
  let full = false;
  // All or none, as the file store writes a record's files: the write that does not fit fails whole.
  blobs.putAll = async (clinic, record, files) => {
    if (clinic === clinicId && written.size + files.length > room) {
      full = true;
      throw diskFull('ENOSPC');
    }
    await putAll(clinic, record, files);
    if (clinic === clinicId) for (const f of files) written.add(`${record}/${f.name}`);
  };
  const stillFull = async () => {
    if (!full) return false;
    const records = new Set([...written].map((w) => w.split('/')[0]));
    for (const r of records) if ((await blobs.list(clinicId, r)).length > 0) return true;
    return (full = false);
  };
  for (const method of ['failRecord', 'deleteRecord', 'completeRecord'] as const) {
    const original = saved[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
    (store as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      if (await stillFull()) throw diskFull('SQLITE_FULL');
      return original(...args);
    };
  }
  return () => {
    blobs.putAll = putAll;
    Object.assign(store, saved);
  };
}

function send(auth: Record<string, string>, path: string, parts: Part[]) {
  const { body, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: path, payload: body, headers: { ...headers, ...auth } });
}

async function records(kind: RecordKind, clinicId: string) {
  return t.app.store.listRecords(kind, clinicId);
}

describe('the disk fills up while an analysis writes its files', () => {
  it('an async consultation ends failed with storage-full and keeps no file', async () => {
    const auth = await t.auth('disk-full-async');
    const clinicId = (await t.app.store.getClinicByName('disk-full-async'))!.id;
    const restore = fillDiskAfter(clinicId, 2);
    try {
      const res = await send(auth, '/v1/consultations?async=true', [{ name: 'closeup', value: await texturedJpeg(320, 240), filename: 'c.jpg' }]);
      expect(res.statusCode, res.body).toBe(202);
      const id = res.json().id as string;
      let rec = await t.app.store.getRecord('consultation', clinicId, id);
      for (let i = 0; i < 600 && rec?.status === 'processing'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        rec = await t.app.store.getRecord('consultation', clinicId, id);
      }
      expect(rec?.status).toBe('failed');
      expect(rec?.error?.type).toMatch(/\/storage-full$/);
      expect(await t.app.blobs.list(clinicId, id)).toEqual([]);
    } finally {
      restore();
    }
  });

  it('a synchronous consultation answers 507 storage-full and keeps nothing', async () => {
    const auth = await t.auth('disk-full-sync');
    const clinicId = (await t.app.store.getClinicByName('disk-full-sync'))!.id;
    const restore = fillDiskAfter(clinicId, 2);
    try {
      const res = await send(auth, '/v1/consultations', [{ name: 'closeup', value: await texturedJpeg(320, 240), filename: 'c.jpg' }]);
      expect(res.statusCode, res.body).toBe(507);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toMatch(/\/storage-full$/);
    } finally {
      restore();
    }
    expect(await records('consultation', clinicId)).toEqual([]);
  });

  it('an audit answers 507 storage-full and keeps nothing', async () => {
    const auth = await t.auth('disk-full-audit');
    const clinicId = (await t.app.store.getClinicByName('disk-full-audit'))!.id;
    const restore = fillDiskAfter(clinicId, 1);
    try {
      const photo = await texturedJpeg(320, 240);
      const res = await send(auth, '/v1/audits', [
        { name: 'before', value: photo, filename: 'b.jpg' },
        { name: 'after', value: photo, filename: 'a.jpg' },
      ]);
      expect(res.statusCode, res.body).toBe(507);
      expect(res.json().type).toMatch(/\/storage-full$/);
    } finally {
      restore();
    }
    expect(await records('audit', clinicId)).toEqual([]);
  });
});
