// Records in the SQLite store: clientRef (the clinic's id for a client) stored, filtered by, and added to
// a database made before it existed; completeRecord says whether the record was still there.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore, withoutPhotoFileName } from '../../../src/store/sqlite-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'records-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('records', () => {
  it("takes the photo's file name out of failed records kept before it was left out, on open", async () => {
    const file = join(dir, 'smp.sqlite');
    let store = new SqliteStore(file);
    const detail = 'photo 1, field "top" (Maria-Gonzalez_DOB-1980-03-02_top.jpg): the JPEG file could not be decoded';
    await store.createRecord({ id: 'f', kind: 'consultation', clinicId: 'c1', input: {}, createdBy: null });
    await store.failRecord('consultation', 'c1', 'f', { type: 'corrupt-image', title: 'Corrupt image', detail, status: 422, field: 'top', photo: 1 });
    await store.createRecord({ id: 'g', kind: 'consultation', clinicId: 'c1', input: {}, createdBy: null });
    await store.failRecord('consultation', 'c1', 'g', { title: 'Analysis interrupted', detail: 'the service stopped during this analysis; submit the photos again' });
    await store.close();
    store = new SqliteStore(file);
    try {
      expect((await store.getRecord('consultation', 'c1', 'f'))!.error).toEqual({ type: 'corrupt-image', title: 'Corrupt image', detail: 'photo 1, field "top": the JPEG file could not be decoded', status: 422, field: 'top', photo: 1 });
      expect((await store.getRecord('consultation', 'c1', 'g'))!.error!.detail).toBe('the service stopped during this analysis; submit the photos again');
    } finally {
      await store.close();
    }
    expect(readFileSync(file).includes('Maria-Gonzalez')).toBe(false); // overwritten in the file too (secure_delete)
    expect(withoutPhotoFileName('photo 2, field "auto" (a (1).jpg): too small')).toBe('photo 2, field "auto": too small');
    expect(withoutPhotoFileName('photo 2, field "auto": too small')).toBe('photo 2, field "auto": too small');
  });

  it("keeps each record's clientRef and lists one client's records of one clinic, newest first", async () => {
    const store = new SqliteStore(join(dir, 'smp.sqlite'));
    try {
      const make = async (id: string, clinicId: string, clientRef?: string) => {
        await store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: null, clientRef });
        await new Promise((r) => setTimeout(r, 2)); // distinct createdAt
      };
      await make('a', 'c1', 'P-1');
      await make('b', 'c1', 'P-2');
      await make('c', 'c1', 'P-1');
      await make('d', 'c2', 'P-1');
      await make('e', 'c1');
      expect((await store.listRecords('consultation', 'c1', { clientRef: 'P-1' })).map((r) => r.id)).toEqual(['c', 'a']);
      expect((await store.listRecords('audit', 'c1', { clientRef: 'P-1' })).map((r) => r.id)).toEqual([]);
      expect((await store.listRecords('consultation', 'c1')).map((r) => [r.id, r.clientRef])).toEqual([['e', null], ['c', 'P-1'], ['b', 'P-2'], ['a', 'P-1']]);
      expect((await store.getRecord('consultation', 'c2', 'd'))!.clientRef).toBe('P-1');
      expect((await store.listClientRecords('consultation', 'c1', 'P-1')).map((r) => r.id)).toEqual(['a', 'c']); // oldest first, unpaged
    } finally {
      await store.close();
    }
  });

  it('pages through records created in the same millisecond without skipping any (before + beforeId)', async () => {
    const store = new SqliteStore(join(dir, 'smp.sqlite'));
    try {
      for (const id of ['r1', 'r2', 'r3', 'r4', 'r5']) await store.createRecord({ id, kind: 'consultation', clinicId: 'c1', input: {}, createdBy: null });
      // A batch of uploads lands within one millisecond: give r2..r4 the same createdAt.
      const db = new Database(join(dir, 'smp.sqlite'));
      db.prepare(`UPDATE records SET created_at = '2026-11-23T10:00:00.000Z' WHERE id IN ('r2', 'r3', 'r4')`).run();
      db.prepare(`UPDATE records SET created_at = '2026-11-23T09:00:00.000Z' WHERE id = 'r1'`).run();
      db.prepare(`UPDATE records SET created_at = '2026-11-23T11:00:00.000Z' WHERE id = 'r5'`).run();
      db.close();
      const seen: string[] = [];
      let page = await store.listRecords('consultation', 'c1', { limit: 2 });
      while (page.length) {
        seen.push(...page.map((r) => r.id));
        const last = page[page.length - 1];
        page = await store.listRecords('consultation', 'c1', { limit: 2, before: last.createdAt, beforeId: last.id });
      }
      expect(seen).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
      // before alone keeps its meaning: strictly older.
      expect((await store.listRecords('consultation', 'c1', { before: '2026-11-23T10:00:00.000Z' })).map((r) => r.id)).toEqual(['r1']);
    } finally {
      await store.close();
    }
  });

  it("keeps no access-log row for a clinic already deleted (a request still in flight when it went)", async () => {
    const store = new SqliteStore(join(dir, 'smp.sqlite'));
    try {
      const clinic = await store.createClinic('Gone');
      await store.logAccess({ clinicId: clinic.id, actor: 'key:abc', action: 'read', target: 'client:P-1' });
      expect(await store.readAccessLog(clinic.id)).toHaveLength(1);
      await store.deleteClinic(clinic.id);
      await store.logAccess({ clinicId: clinic.id, actor: 'key:abc', action: 'export', target: 'client:P-1' });
      expect(await store.readAccessLog(clinic.id)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('completeRecord answers false once the record is deleted', async () => {
    const store = new SqliteStore(join(dir, 'smp.sqlite'));
    try {
      await store.createRecord({ id: 'x', kind: 'audit', clinicId: 'c1', input: {}, createdBy: null });
      expect(await store.completeRecord('audit', 'c2', 'x', {})).toBe(false); // another clinic's
      expect(await store.deleteRecord('audit', 'c1', 'x')).toBe(true);
      expect(await store.completeRecord('audit', 'c1', 'x', { done: true })).toBe(false);
      expect(await store.getRecord('audit', 'c1', 'x')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('adds the client_ref column to a database made before it, keeping its records', async () => {
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, clinic_id TEXT NOT NULL, status TEXT NOT NULL,
      created_at TEXT NOT NULL, updated_at TEXT NOT NULL, input TEXT NOT NULL, result TEXT, error TEXT, created_by TEXT);
      INSERT INTO records VALUES ('old', 'consultation', 'c1', 'completed', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '{}', '{}', NULL, 'cli');`);
    old.close();
    const store = new SqliteStore(file);
    try {
      expect(await store.getRecord('consultation', 'c1', 'old')).toMatchObject({ id: 'old', clientRef: null, createdBy: 'cli' });
      await store.createRecord({ id: 'new', kind: 'consultation', clinicId: 'c1', input: {}, createdBy: null, clientRef: 'P-1' });
      expect((await store.listRecords('consultation', 'c1', { clientRef: 'P-1' })).map((r) => r.id)).toEqual(['new']);
    } finally {
      await store.close();
    }
  });

  it('leaves no byte of a deleted record in the database or its write-ahead log', async () => {
    const path = join(dir, 'smp.sqlite');
    const store = new SqliteStore(path);
    const marker = 'client-notes-5f1e2d3c-' + 'x'.repeat(40);
    const onDisk = () => ['', '-wal'].some((suffix) => existsSync(path + suffix) && readFileSync(path + suffix).includes(marker));
    try {
      await store.createRecord({ id: 'kept', kind: 'consultation', clinicId: 'c1', input: { notes: 'other' }, createdBy: null });
      await store.createRecord({ id: 'gone', kind: 'consultation', clinicId: 'c1', input: { notes: marker }, createdBy: null });
      await store.completeRecord('consultation', 'c1', 'gone', { summary: marker });
      expect(onDisk()).toBe(true);
      expect(await store.deleteRecord('consultation', 'c1', 'gone')).toBe(true);
      expect(onDisk()).toBe(false);
      await store.createRecord({ id: 'clinic-gone', kind: 'audit', clinicId: 'c2', input: { notes: marker }, createdBy: null });
      expect(onDisk()).toBe(true);
      await store.deleteClinic('c2');
      expect(onDisk()).toBe(false);
      expect(await store.getRecord('consultation', 'c1', 'kept')).not.toBeNull();
    } finally {
      await store.close();
    }
  });
});
