// Cumulative-logit (ordinal) probabilities and log-linear pooling of several photos' distributions.
import type { OrdinalModel } from './params.js';

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function ordinalLatent(m: OrdinalModel, x: ArrayLike<number>): number {
  if (x.length !== m.mean.length) throw new RangeError(`ordinal model expects ${m.mean.length} features, got ${x.length}`);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += m.beta[i] * ((x[i] - m.mean[i]) / m.scale[i]);
  return z;
}

/** Probabilities of the ordered classes (thresholds.length + 1 of them), each at least 1e-6. */
export function ordinalProbabilities(m: OrdinalModel, x: ArrayLike<number>): number[] {
  const z = ordinalLatent(m, x);
  const th = [...m.thresholds].sort((a, b) => a - b);
  const cum = [0, ...th.map((t) => sigmoid(t - z)), 1];
  const p = cum.slice(1).map((c, j) => Math.max(1e-6, c - cum[j]));
  const s = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / s);
}

/** Normalised weighted geometric pool: p(y) ∝ prod_i p_i(y)^w_i. */
export function poolLogLinear(dists: number[][], weights: number[]): number[] {
  if (dists.length === 0) throw new RangeError('nothing to pool');
  if (dists.length !== weights.length) throw new RangeError(`got ${dists.length} distributions and ${weights.length} weights`);
  const k = dists[0].length;
  const log = new Array<number>(k).fill(0);
  dists.forEach((d, i) => {
    if (d.length !== k) throw new RangeError('distributions differ in length');
    for (let j = 0; j < k; j++) log[j] += weights[i] * Math.log(Math.max(1e-12, d[j]));
  });
  const max = Math.max(...log);
  const e = log.map((v) => Math.exp(v - max));
  const z = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / z);
}
