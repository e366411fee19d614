import type { Command } from 'commander';
import { resolve } from 'node:path';
import { newApiKey } from '../../api/auth/keys.js';
import { dataDir } from '../../pipeline/config.js';
import { SqliteStore } from '../../store/sqlite-store.js';

export function register(program: Command): void {
  const keys = program.command('keys').description('clinic API keys (stored hashed; a key is shown once)');
  keys
    .command('create')
    .description('create an API key for a clinic (the clinic is created when new); prints the key once')
    .requiredOption('--clinic <name>', 'clinic name')
    .option('--json', 'print JSON')
    .action(async (opts: { clinic: string; json?: boolean }) => {
      const name = opts.clinic.trim();
      if (!/^[\p{L}\p{N}][\p{L}\p{N} ._&'-]{0,99}$/u.test(name)) {
        throw new Error(`invalid clinic name ${JSON.stringify(opts.clinic)}: 1-100 letters, digits, spaces and . _ & ' -`);
      }
      const store = new SqliteStore(resolve(dataDir(), 'smp.sqlite'));
      try {
        const clinic = (await store.getClinicByName(name)) ?? (await store.createClinic(name));
        const k = newApiKey();
        await store.addApiKey(clinic.id, k.hash, k.prefix);
        await store.logAccess({ clinicId: clinic.id, actor: 'cli', action: 'create-key', target: `key:${k.prefix}` });
        if (opts.json) console.log(JSON.stringify({ clinic: { id: clinic.id, name: clinic.name }, key: k.key }));
        else console.log(`clinic ${clinic.name} (${clinic.id})\nAPI key (shown once, store it now):\n${k.key}`);
      } finally {
        await store.close();
      }
    });
}
