// Records in the SQLite store: clientRef (the clinic's id for a client) stored, filtered by, and added to
// a database made before it existed; completeRecord says whether the record was still there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'records-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('records', () => {
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
});
