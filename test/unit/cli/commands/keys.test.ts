// `smp keys create | list | revoke` through commander against a temporary data directory.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findKey, register } from '../../../../src/cli/commands/keys.js';
import { hashKey } from '../../../../src/api/auth/keys.js';
import { SqliteStore } from '../../../../src/store/sqlite-store.js';
import type { ApiKeyRecord } from '../../../../src/store/store.js';

let dir: string;
const savedDataDir = process.env.SMP_DATA_DIR;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'smp-cli-keys-'));
  process.env.SMP_DATA_DIR = dir;
});
afterAll(() => {
  if (savedDataDir === undefined) delete process.env.SMP_DATA_DIR;
  else process.env.SMP_DATA_DIR = savedDataDir;
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `smp <args>` in-process; returns what it printed. */
async function smp(...args: string[]): Promise<string> {
  const program = new Command('smp').exitOverride();
  register(program);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    await program.parseAsync(['node', 'smp', ...args]);
    return log.mock.calls.map((c) => c.join(' ')).join('\n');
  } finally {
    log.mockRestore();
  }
}

async function activeKey(key: string): Promise<ApiKeyRecord | null> {
  const store = new SqliteStore(join(dir, 'smp.sqlite'));
  try {
    return await store.findApiKeyByHash(hashKey(key));
  } finally {
    await store.close();
  }
}

describe('smp keys', () => {
  it('creates labelled keys, lists them without the keys, and revokes by prefix or id', async () => {
    const a = JSON.parse(await smp('keys', 'create', '--clinic', 'Harbour Clinic', '--label', 'front desk', '--json'));
    const b = JSON.parse(await smp('keys', 'create', '--clinic', 'Harbour Clinic', '--json'));
    expect(a.clinic.id).toBe(b.clinic.id);
    expect(await activeKey(a.key)).toMatchObject({ id: a.id, label: 'front desk' });

    const listed = JSON.parse(await smp('keys', 'list', '--clinic', 'Harbour Clinic', '--json'));
    expect(listed.items.map((k: { id: string }) => k.id)).toEqual([b.id, a.id]);
    expect(JSON.stringify(listed)).not.toContain(a.key);
    expect(await smp('keys', 'list', '--clinic', 'Harbour Clinic')).toMatch(/2 active of 2 keys[\s\S]*"front desk"/);

    const r = JSON.parse(await smp('keys', 'revoke', '--clinic', 'Harbour Clinic', a.key.slice(0, 10), '--json'));
    expect(r).toEqual({ id: a.id, prefix: a.key.slice(0, 10), outcome: 'revoked', activeKeys: 1 });
    expect(await activeKey(a.key)).toBeNull();
    expect(await activeKey(b.key)).not.toBeNull();
    expect(JSON.parse(await smp('keys', 'revoke', '--clinic', 'Harbour Clinic', a.id, '--json')).outcome).toBe('already-revoked');
    // The operator may revoke the last key (a leak): the CLI says how to make a new one.
    expect(await smp('keys', 'revoke', '--clinic', 'Harbour Clinic', b.id)).toMatch(/revoked; 0 active key\(s\) left: create one/);
  });

  it('creates a standard key with --scope standard, lists its scope, and refuses another scope', async () => {
    const k = JSON.parse(await smp('keys', 'create', '--clinic', 'Scoped Clinic', '--scope', 'standard', '--label', 'practice software', '--json'));
    expect(k.scope).toBe('standard');
    expect(await activeKey(k.key)).toMatchObject({ id: k.id, scope: 'standard' });
    expect(JSON.parse(await smp('keys', 'create', '--clinic', 'Scoped Clinic', '--json')).scope).toBe('admin');
    expect(await smp('keys', 'list', '--clinic', 'Scoped Clinic')).toMatch(/admin {2}active[\s\S]*standard {2}active/);
    await expect(smp('keys', 'create', '--clinic', 'Scoped Clinic', '--scope', 'root')).rejects.toThrow(/invalid scope "root": admin or standard/);
  });

  it('names what is wrong: unknown clinic, unknown key, bad label', async () => {
    await expect(smp('keys', 'list', '--clinic', 'Nobody')).rejects.toThrow(/no clinic named "Nobody"/);
    await smp('keys', 'create', '--clinic', 'Other', '--json');
    await expect(smp('keys', 'revoke', '--clinic', 'Other', 'smp_zzzzzz')).rejects.toThrow(/no key with id or prefix "smp_zzzzzz"/);
    await expect(smp('keys', 'create', '--clinic', 'Other', '--label', 'a\u0007b')).rejects.toThrow(/invalid label/);
  });

  it('list and revoke in a folder without a database say so and leave no database behind', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'smp-cli-keys-empty-'));
    process.env.SMP_DATA_DIR = empty;
    try {
      await expect(smp('keys', 'list', '--clinic', 'Harbour Clinic')).rejects.toThrow(/no database in .*smp-cli-keys-empty-.*smp keys create/);
      await expect(smp('keys', 'revoke', '--clinic', 'Harbour Clinic', 'smp_aaaaaa')).rejects.toThrow(/no database in/);
      expect(existsSync(join(empty, 'smp.sqlite'))).toBe(false);
    } finally {
      process.env.SMP_DATA_DIR = dir;
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('findKey', () => {
  const k = (id: string, prefix: string) => ({ id, prefix }) as ApiKeyRecord;
  it('takes an id, or a prefix that names one key only', () => {
    const keys = [k('1', 'smp_aaaaaa'), k('2', 'smp_bbbbbb'), k('3', 'smp_bbbbbb')];
    expect(findKey(keys, '2').id).toBe('2');
    expect(findKey(keys, 'smp_aaaaaa').id).toBe('1');
    expect(() => findKey(keys, 'smp_bbbbbb')).toThrow(/2 keys start with smp_bbbbbb/);
    expect(() => findKey(keys, 'smp_cccccc')).toThrow(/no key/);
  });
});
