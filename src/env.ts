// Whole-number settings read from the environment, checked once at start-up with a precise message.

/**
 * A whole-number SMP_* setting: unset or empty (`SMP_X=` in a compose file) means the fallback;
 * anything else must be an integer >= `min`, or start-up fails naming the variable.
 */
export function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return v;
}
