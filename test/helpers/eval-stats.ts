// Summary statistics the evaluations print (test/eval).

/** The p-quantile (0..1) with linear interpolation between order statistics; NaN for no values. */
export function quantile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const i = Math.floor(pos);
  return i + 1 < s.length ? s[i] + (s[i + 1] - s[i]) * (pos - i) : s[i];
}

/** Sample standard deviation (n − 1). */
export function sampleSd(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

/** One-way ICC(1) of values grouped by person, and the SD of the person means (the real range). */
export function icc(groups: number[][]): { icc: number; betweenSd: number } {
  const gs = groups.filter((g) => g.length >= 2);
  if (gs.length < 2) return { icc: NaN, betweenSd: NaN };
  const all = gs.flat();
  const grand = all.reduce((a, b) => a + b, 0) / all.length;
  const means = gs.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
  const k = all.length / gs.length;
  const msb = gs.reduce((s, g, i) => s + g.length * (means[i] - grand) ** 2, 0) / (gs.length - 1);
  const msw = gs.reduce((s, g, i) => s + g.reduce((t, v) => t + (v - means[i]) ** 2, 0), 0) / (all.length - gs.length);
  const mm = means.reduce((a, b) => a + b, 0) / means.length;
  return { icc: (msb - msw) / (msb + (k - 1) * msw), betweenSd: Math.sqrt(means.reduce((a, b) => a + (b - mm) ** 2, 0) / (means.length - 1)) };
}
