// API keys in the SQLite store: listing, revocation (with the last-key guard), last use, and the
// additive migration of databases made before labels and last use existed.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite-store.js';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'smp-keys-'));
  store = new SqliteStore(join(dir, 'smp.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('API keys', () => {
  it('lists a clinic its own keys only, newest first, with label and last use', async () => {
    const a = await store.createClinic('A');
    const b = await store.createClinic('B');
    const first = await store.addApiKey(a.id, 'h1', 'smp_aaaaaa', 'front desk');
    const second = await store.addApiKey(a.id, 'h2', 'smp_bbbbbb');
    await store.addApiKey(b.id, 'h3', 'smp_cccccc');
    await store.touchApiKey(first.id, '2026-11-22T10:00:00.000Z');
    const listed = await store.listApiKeys(a.id);
    expect(listed.map((k) => k.id)).toEqual([second.id, first.id]);
    expect(listed[1]).toMatchObject({ label: 'front desk', lastUsedAt: '2026-11-22T10:00:00.000Z', revokedAt: null });
    expect(listed[0]).toMatchObject({ label: null, lastUsedAt: null });
    expect(await store.getApiKey(b.id, first.id)).toBeNull();
  });

  it('revokes: the key stops authenticating, once; another clinic cannot; the last active key is kept when asked', async () => {
    const a = await store.createClinic('A');
    const b = await store.createClinic('B');
    const k1 = await store.addApiKey(a.id, 'h1', 'smp_aaaaaa');
    const k2 = await store.addApiKey(a.id, 'h2', 'smp_bbbbbb');
    expect(await store.revokeApiKey(b.id, k1.id)).toBeNull();
    expect(await store.findApiKeyByHash('h1')).not.toBeNull();

    const r = await store.revokeApiKey(a.id, k1.id, { keepOne: true });
    expect(r?.outcome).toBe('revoked');
    expect(r?.key.revokedAt).toMatch(/^\d{4}-/);
    expect(await store.findApiKeyByHash('h1')).toBeNull();
    expect((await store.getApiKey(a.id, k1.id))?.revokedAt).toBe(r?.key.revokedAt);
    expect((await store.revokeApiKey(a.id, k1.id))?.outcome).toBe('already-revoked');

    expect((await store.revokeApiKey(a.id, k2.id, { keepOne: true }))?.outcome).toBe('last-active-key');
    expect(await store.findApiKeyByHash('h2')).not.toBeNull();
    expect((await store.revokeApiKey(a.id, k2.id))?.outcome).toBe('revoked');
    expect(await store.findApiKeyByHash('h2')).toBeNull();
  });

  it('keeps the last active admin key when asked, though standard keys remain', async () => {
    const a = await store.createClinic('A');
    const admin = await store.addApiKey(a.id, 'h1', 'smp_aaaaaa');
    const software = await store.addApiKey(a.id, 'h2', 'smp_bbbbbb', 'practice software', 'standard');
    expect(admin.scope).toBe('admin');
    expect((await store.getApiKey(a.id, software.id))?.scope).toBe('standard');
    expect((await store.revokeApiKey(a.id, admin.id, { keepOne: true }))?.outcome).toBe('last-active-key');
    const second = await store.addApiKey(a.id, 'h3', 'smp_cccccc', null, 'admin');
    expect((await store.revokeApiKey(a.id, admin.id, { keepOne: true }))?.outcome).toBe('revoked');
    expect((await store.revokeApiKey(a.id, software.id, { keepOne: true }))?.outcome).toBe('revoked');
    expect((await store.revokeApiKey(a.id, second.id, { keepOne: true }))?.outcome).toBe('last-active-key');
  });

  it('adds the label and last-use columns to a database made before them, keeping its keys', async () => {
    await store.close();
    const file = join(dir, 'old.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE clinics (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, settings TEXT);
      CREATE TABLE api_keys (id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
        hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT);
      INSERT INTO clinics VALUES ('c1', 'Old', '2026-01-01T00:00:00.000Z', NULL);
      INSERT INTO api_keys VALUES ('k1', 'c1', 'hold', 'smp_oldold', '2026-01-01T00:00:00.000Z', NULL);`);
    old.close();
    store = new SqliteStore(file);
    // made before scopes: it could do everything, so it stays admin
    expect(await store.findApiKeyByHash('hold')).toMatchObject({ id: 'k1', clinicId: 'c1', label: null, lastUsedAt: null, scope: 'admin' });
    await store.touchApiKey('k1', '2026-11-22T10:00:00.000Z');
    expect((await store.listApiKeys('c1'))[0].lastUsedAt).toBe('2026-11-22T10:00:00.000Z');
  });
});

describe('upload tokens', () => {
  const token = (clinicId: string, id: string, expiresAt: string) => ({ id, clinicId, keyId: null, clientRef: null, createdAt: '2026-11-23T10:00:00.000Z', expiresAt });

  it('lists unexpired ones, revokes once, forgets expired ones, and goes with the clinic', async () => {
    const a = await store.createClinic('A');
    const b = await store.createClinic('B');
    await store.addUploadToken(token(a.id, 't-old', '2026-11-23T11:00:00.000Z'));
    await store.addUploadToken(token(a.id, 't-new', '2026-11-23T13:00:00.000Z'));
    await store.addUploadToken(token(b.id, 't-b', '2026-11-23T13:00:00.000Z'));
    expect((await store.listUploadTokens(a.id, '2026-11-23T12:00:00.000Z')).map((x) => x.id)).toEqual(['t-new']);
    expect(await store.revokeUploadToken(b.id, 't-new')).toBe(false); // another clinic's
    expect(await store.revokeUploadToken(a.id, 't-new')).toBe(true);
    const first = (await store.getUploadToken(a.id, 't-new'))!.revokedAt;
    expect(first).toEqual(expect.any(String));
    expect(await store.revokeUploadToken(a.id, 't-new')).toBe(false);
    expect((await store.getUploadToken(a.id, 't-new'))!.revokedAt).toBe(first);
    expect(await store.purgeUploadTokens('2026-11-23T12:00:00.000Z')).toBe(1);
    expect(await store.getUploadToken(a.id, 't-old')).toBeNull();
    await store.deleteClinic(a.id);
    expect(await store.getUploadToken(a.id, 't-new')).toBeNull();
    expect(await store.getUploadToken(b.id, 't-b')).not.toBeNull();
  });
});
