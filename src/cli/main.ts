// The `smp` command line (DESIGN.md section 3). One file per subcommand under commands/.
import { Command } from 'commander';
import { register as serve } from './commands/serve.js';
import { register as analyze } from './commands/analyze.js';
import { register as segment } from './commands/segment.js';
import { register as audit } from './commands/audit.js';
import { register as keys } from './commands/keys.js';

const program = new Command('smp').description('SMP consultation analyzer').showHelpAfterError();
for (const register of [serve, analyze, segment, audit, keys]) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`smp: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
