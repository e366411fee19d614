import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('analyze')
    .description('(analyze has not landed yet)')
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      console.error('smp analyze: this stage has not landed yet in this build; nothing was produced.');
      process.exitCode = 2;
    });
}
