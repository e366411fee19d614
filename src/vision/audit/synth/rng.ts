// Seeded PRNG (mulberry32) so every synthetic pair can be regenerated from its recorded seed.
import { createHash } from 'node:crypto';

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed from content (a photo's bytes, a name): the same content always gives the same draws. */
export function seedFrom(data: string | Uint8Array): number {
  return createHash('sha256').update(data).digest().readUInt32LE(0);
}

export const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();

/** Standard normal (Box-Muller). */
export function gauss(rng: Rng): number {
  const u = Math.max(1e-12, rng());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}
