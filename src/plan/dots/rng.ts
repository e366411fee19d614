// Deterministic pseudo-random numbers. Every random choice in the dot engine comes from here, so a
// plan is a pure function of its inputs and seed (Math.random is never used).

/** Mixes a 32-bit integer (splitmix32 finaliser): neighbouring inputs give unrelated outputs. */
export function mix32(v: number): number {
  v = Math.imul((v ^ (v >>> 16)) >>> 0, 0x21f0aaad);
  v = Math.imul((v ^ (v >>> 15)) >>> 0, 0x735a2d97);
  return (v ^ (v >>> 15)) >>> 0;
}

/** A seeded generator of uniform numbers in [0, 1) (mulberry32: fast, 2^32 period, good enough here). */
export function createRng(seed: number): () => number {
  if (!Number.isFinite(seed)) throw new TypeError(`seed must be a finite number, got ${seed}`);
  let s = mix32(Math.trunc(seed) >>> 0) | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform [0, 1) from a seed and two integer keys, without state (per-dot jitter that survives re-ordering). */
export function hashUnit(seed: number, a: number, b = 0): number {
  return mix32(mix32(mix32(seed >>> 0) ^ (a >>> 0)) ^ Math.imul(b >>> 0, 0x9e3779b1)) / 4294967296;
}

/** Standard normal from two uniforms (Box–Muller), for jitter that should look natural. */
export function gaussianFrom(u1: number, u2: number): number {
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}
