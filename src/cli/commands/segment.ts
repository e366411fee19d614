import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('segment')
    .description('(segment has not landed yet)')
    .allowUnknownOption()
    .argument('[args...]')
    .action(() => {
      console.error('smp segment: this stage has not landed yet in this build; nothing was produced.');
      process.exitCode = 2;
    });
}
