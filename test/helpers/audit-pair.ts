// Synthetic before/after pairs with a strip scar, and the scar's outline as a caller would draw it.
import { randomSpec, synthPair, type SynthPair } from '../../src/vision/audit/synth/pair.js';

/** The rectangle around a strip scar (its centre line widened by its radius on both sides). */
export function stripPolygon(pair: SynthPair): [number, number][] {
  const sh = pair.spec.shape;
  if (sh.kind !== 'strip') throw new Error('expected a strip scar');
  const n = Math.hypot(sh.y1 - sh.y0, sh.x1 - sh.x0);
  const [ox, oy] = [(-(sh.y1 - sh.y0) / n) * sh.radius, ((sh.x1 - sh.x0) / n) * sh.radius];
  return [[sh.x0 + ox, sh.y0 + oy], [sh.x1 + ox, sh.y1 + oy], [sh.x1 - ox, sh.y1 - oy], [sh.x0 - ox, sh.y0 - oy]];
}

/** The first pair from `seed` on with a strip scar and no failure painted, and its outline. */
export function stripPair(seed: number, size: number): { pair: SynthPair; poly: [number, number][] } {
  let pair: SynthPair;
  do pair = synthPair(randomSpec(seed++, { width: size, height: size }));
  while (pair.spec.shape.kind !== 'strip' || pair.spec.failure !== 'none');
  return { pair, poly: stripPolygon(pair) };
}
