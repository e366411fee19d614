// Command-line options of the evaluations (test/eval): `--name value`.

/** The value after `--name`, or undefined when the option is not given. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
