// Natural hairlines are transition zones with macro- and micro-irregularity, not lines: a hard, even
// edge gives the "helmet" look. The design line is displaced along its normal by a few slow waves
// (macro) plus smoothed random jitter (micro), both drawn from the seed so a plan is reproducible.
import { createRng } from '../dots/rng.js';
import { normals, resample } from './spline.js';
import type { Irregularity, Point } from './types.js';

/** Wavelengths (mm) and relative weights of the macro undulation. */
const MACRO_WAVES: [number, number][] = [
  [41, 0.6],
  [23, 0.3],
  [13, 0.15],
];
/** Correlation length (mm) of the micro jitter. */
const MICRO_STEP_MM = 2;

/**
 * Normal displacement (mm) at arc positions sMm along a line of total length totalMm. Tapered to 0 at
 * the ends so edited end points stay where they were put.
 */
export function irregularOffsets(sMm: number[], totalMm: number, irregularity: Irregularity, seed: number): number[] {
  const rng = createRng(seed);
  const phases = MACRO_WAVES.map(() => rng() * 2 * Math.PI);
  const knots = Math.ceil(totalMm / MICRO_STEP_MM) + 3;
  const jitter = Array.from({ length: knots }, () => rng() * 2 - 1);
  // Three-tap smoothing, then rescaled so the jitter's SD matches microMm.
  const smooth = jitter.map((_, k) => (jitter[Math.max(0, k - 1)] + 2 * jitter[k] + jitter[Math.min(knots - 1, k + 1)]) / 4);
  const sd = Math.sqrt(smooth.reduce((a, v) => a + v * v, 0) / knots) || 1;
  let weightNorm = 0;
  for (const [, w] of MACRO_WAVES) weightNorm += w * w;
  weightNorm = Math.sqrt(weightNorm);
  return sMm.map((s) => {
    let macro = 0;
    MACRO_WAVES.forEach(([lambda, w], k) => (macro += w * Math.sin((2 * Math.PI * s) / lambda + phases[k])));
    // The wave sum has SD weightNorm / sqrt 2: rescale it to macroMm.
    macro *= (irregularity.macroMm * Math.SQRT2) / weightNorm;
    const u = s / MICRO_STEP_MM, k = Math.floor(u), f = u - k;
    const micro = ((1 - f) * smooth[Math.min(knots - 1, k)] + f * smooth[Math.min(knots - 1, k + 1)]) * (irregularity.microMm / sd);
    const taper = Math.min(1, s / 6, (totalMm - s) / 6);
    return (macro + micro) * Math.max(0, taper);
  });
}

/** Resamples a smooth line every ~0.5 mm and displaces it along its normals. */
export function roughen(line: Point[], mmPerPixel: number, irregularity: Irregularity, seed: number): Point[] {
  const stepPx = Math.max(0.5, 0.5 / mmPerPixel);
  const even = resample(line, stepPx);
  const n = normals(even);
  const s: number[] = [0];
  for (let i = 1; i < even.length; i++) s.push(s[i - 1] + Math.hypot(even[i][0] - even[i - 1][0], even[i][1] - even[i - 1][1]) * mmPerPixel);
  const offsets = irregularOffsets(s, s[s.length - 1], irregularity, seed);
  return even.map((p, i) => [p[0] + (n[i][0] * offsets[i]) / mmPerPixel, p[1] + (n[i][1] * offsets[i]) / mmPerPixel]);
}
