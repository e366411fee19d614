// Runs every benchmark in this folder (each file exports `run(): Promise<void>`), or those named:
//   npm run bench            all of them
//   npm run bench -- seg     only bench/seg.ts
// Every benchmark prints a ratio against a baseline measured in the same run, never bare times alone.
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.js')))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(1);
}
for (const f of files) {
  const mod = (await import(new URL(f, import.meta.url).href)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') continue;
  console.log(`\n== bench/${basename(f, '.js')} ==`);
  await mod.run();
}
