import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description('(serve has not landed yet)')
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      console.error('smp serve: this stage has not landed yet in this build; nothing was produced.');
      process.exitCode = 2;
    });
}
