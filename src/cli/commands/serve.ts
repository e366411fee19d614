import type { Command } from 'commander';
import { startServer } from '../../api/server.js';

export function register(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP service (PORT, HOST, SMP_DATA_DIR; see the README for the rest)')
    .action(async () => {
      await startServer();
    });
}
