// Small robust statistics used on pixel samples.

/** Linear-interpolated quantile of an ascending-sorted array, q in [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: empty sample');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const pos = q * (n - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

export function quantile(values: ArrayLike<number>, q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}

export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}

/** Mean of the values between the lo and hi quantiles (inclusive). */
export function trimmedMean(values: ArrayLike<number>, lo = 0.1, hi = 0.9): number {
  const s = Float64Array.from(values).sort();
  const a = quantileSorted(s, lo);
  const b = quantileSorted(s, hi);
  let sum = 0;
  let n = 0;
  for (const v of s) {
    if (v >= a && v <= b) {
      sum += v;
      n++;
    }
  }
  return sum / n;
}

/** Weighted median: the smallest value whose cumulative weight reaches half the total. */
export function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  if (values.length === 0 || values.length !== weights.length) throw new RangeError('weightedMedian: need equal, non-empty values and weights');
  const idx = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new RangeError('weightedMedian: weights must sum to > 0');
  let acc = 0;
  for (const i of idx) {
    acc += weights[i];
    if (acc >= total / 2) return values[i];
  }
  return values[idx[idx.length - 1]];
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / values.length);
}
