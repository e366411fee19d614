// Clinic API keys: random, shown once, stored only as a SHA-256 hash (keys are 256-bit random, so a
// fast hash is enough; there is nothing to brute-force).
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const KEY_PREFIX = 'smp_';

export function newApiKey(): { key: string; hash: string; prefix: string } {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashKey(key), prefix: key.slice(0, 10) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What a key is for ("front desk"): the same rule for the API and the CLI. */
export const KeyLabelSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'no control characters');
