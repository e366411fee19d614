import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { KeyLabelSchema, newApiKey } from '../../api/auth/keys.js';
import { dataDir } from '../../pipeline/config.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { KEY_SCOPES, type ApiKeyRecord, type Clinic, type KeyScope } from '../../store/store.js';

const CLINIC_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._&'-]{0,99}$/u;

function clinicName(raw: string): string {
  const name = raw.trim();
  if (!CLINIC_NAME.test(name)) throw new Error(`invalid clinic name ${JSON.stringify(raw)}: 1-100 letters, digits, spaces and . _ & ' -`);
  return name;
}

/** Opens the data folder's database; only `create` may make one (a look-up in the wrong folder must not leave a database behind). */
async function withStore<T>(fn: (store: SqliteStore) => Promise<T>, { create = false } = {}): Promise<T> {
  const file = resolve(dataDir(), 'smp.sqlite');
  if (!create && !existsSync(file)) throw new Error(`no database in ${dataDir()}: no clinic has a key there yet (set SMP_DATA_DIR, or create one with smp keys create)`);
  const store = new SqliteStore(file);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function existingClinic(store: SqliteStore, raw: string): Promise<Clinic> {
  const name = clinicName(raw);
  const clinic = await store.getClinicByName(name);
  if (!clinic) throw new Error(`no clinic named ${JSON.stringify(name)} in ${dataDir()}`);
  return clinic;
}

/** A key of the clinic by its id or its prefix (as `keys list` shows them); a prefix must be unambiguous. */
export function findKey(keys: ApiKeyRecord[], ref: string): ApiKeyRecord {
  const byId = keys.find((k) => k.id === ref);
  if (byId) return byId;
  const byPrefix = keys.filter((k) => k.prefix === ref);
  if (byPrefix.length === 1) return byPrefix[0];
  if (byPrefix.length > 1) throw new Error(`${byPrefix.length} keys start with ${ref}: give the key's id instead`);
  throw new Error(`the clinic has no key with id or prefix ${JSON.stringify(ref)} (see smp keys list)`);
}

export function register(program: Command): void {
  const keys = program.command('keys').description('clinic API keys (stored hashed; a key is shown once)');
  keys
    .command('create')
    .description('create an API key for a clinic (the clinic is created when new); prints the key once')
    .requiredOption('--clinic <name>', 'clinic name')
    .option('--label <text>', 'what the key is for, e.g. "front desk"')
    .option('--scope <scope>', "admin (everything) or standard (the clinic's work, not its keys, settings, webhook or deletion)", 'admin')
    .option('--json', 'print JSON')
    .action(async (opts: { clinic: string; label?: string; scope: string; json?: boolean }) => {
      const name = clinicName(opts.clinic);
      if (!(KEY_SCOPES as readonly string[]).includes(opts.scope)) throw new Error(`invalid scope ${JSON.stringify(opts.scope)}: ${KEY_SCOPES.join(' or ')}`);
      const scope = opts.scope as KeyScope;
      let label: string | null = null;
      if (opts.label !== undefined) {
        const parsed = KeyLabelSchema.safeParse(opts.label);
        if (!parsed.success) throw new Error(`invalid label ${JSON.stringify(opts.label)}: 1-100 characters, no control characters`);
        label = parsed.data;
      }
      await withStore(async (store) => {
        const clinic = (await store.getClinicByName(name)) ?? (await store.createClinic(name));
        const k = newApiKey();
        const rec = await store.addApiKey(clinic.id, k.hash, k.prefix, label, scope);
        await store.logAccess({ clinicId: clinic.id, actor: 'cli', action: 'create-key', target: `key:${k.prefix}` });
        if (opts.json) console.log(JSON.stringify({ clinic: { id: clinic.id, name: clinic.name }, id: rec.id, scope, key: k.key }));
        else console.log(`clinic ${clinic.name} (${clinic.id})\n${scope} API key ${rec.id} (shown once, store it now):\n${k.key}`);
      }, { create: true });
    });
  keys
    .command('list')
    .description("list a clinic's keys (id, prefix, label, created, last used, revoked); never the keys themselves")
    .requiredOption('--clinic <name>', 'clinic name')
    .option('--json', 'print JSON')
    .action(async (opts: { clinic: string; json?: boolean }) => {
      await withStore(async (store) => {
        const clinic = await existingClinic(store, opts.clinic);
        const list = await store.listApiKeys(clinic.id);
        if (opts.json) {
          console.log(JSON.stringify({ clinic: { id: clinic.id, name: clinic.name }, items: list.map(({ clinicId: _, ...k }) => k) }));
          return;
        }
        console.log(`clinic ${clinic.name} (${clinic.id}): ${list.filter((k) => !k.revokedAt).length} active of ${list.length} keys`);
        for (const k of list) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
          console.log(`${k.id}  ${k.prefix}…  ${k.scope}  ${state}  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}${k.label ? `  "${k.label}"` : ''}`);
        }
      });
    });
  keys
    .command('revoke')
    .description("revoke a clinic's key by id or prefix: it, and the upload tokens it minted, stop working at once")
    .requiredOption('--clinic <name>', 'clinic name')
    .argument('<key>', 'the key id or prefix (smp keys list)')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { clinic: string; json?: boolean }) => {
      await withStore(async (store) => {
        const clinic = await existingClinic(store, opts.clinic);
        const all = await store.listApiKeys(clinic.id);
        const key = findKey(all, ref.trim());
        // The operator may revoke a clinic's last key (a leak); the clinic's own API may not (lock-out).
        const result = (await store.revokeApiKey(clinic.id, key.id))!;
        if (result.outcome === 'revoked') await store.logAccess({ clinicId: clinic.id, actor: 'cli', action: 'revoke-key', target: `key:${key.prefix}` });
        const active = all.filter((k) => !k.revokedAt).length - (result.outcome === 'revoked' ? 1 : 0);
        if (opts.json) console.log(JSON.stringify({ id: key.id, prefix: key.prefix, outcome: result.outcome, activeKeys: active }));
        else console.log(`${key.prefix}… (${key.id}) ${result.outcome === 'revoked' ? 'revoked' : 'was already revoked'}; ${active} active key(s) left${active ? '' : ': create one with smp keys create'}`);
      });
    });
}
