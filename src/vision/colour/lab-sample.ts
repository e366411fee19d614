// Lab values of the masked pixels of a photo after a linear-light colour correction, and the robust
// colour of such a sample (shadows and highlights cut by L* quantiles, chroma outliers trimmed).
import { SRGB_TO_LINEAR, linearToLab, type Lab } from './convert.js';
import { applyMatrix, type Matrix3 } from './correction.js';
import { quantileSorted } from './robust.js';
import { ita } from './ita.js';
import type { RgbImage } from '../image.js';

export interface LabSample {
  L: Float64Array;
  a: Float64Array;
  b: Float64Array;
  /** Masked pixels seen (before subsampling, after clipping exclusion). */
  pixels: number;
  /** Masked pixels left out because a channel was clipped at 255 or 0. */
  clipped: number;
}

export interface SampleOptions {
  /** Subsample (regular stride) to at most this many pixels: the statistics do not need more. */
  maxPixels?: number;
  /** Leave out pixels with a channel at 255 (over-exposed) or 0 (crushed): their colour is unknown. */
  excludeClipped?: boolean;
}

export function sampleLab(img: RgbImage, mask: Uint8Array, m: Matrix3, opts: SampleOptions = {}): LabSample {
  const n = img.width * img.height;
  if (mask.length !== n) throw new RangeError(`sampleLab: mask has ${mask.length} entries, image ${n}`);
  const maxPixels = opts.maxPixels ?? 40_000;
  const excludeClipped = opts.excludeClipped ?? true;
  const d = img.data;
  const idx: number[] = [];
  let clipped = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    if (excludeClipped) {
      const r = d[3 * i];
      const g = d[3 * i + 1];
      const b = d[3 * i + 2];
      if (r === 255 || g === 255 || b === 255 || r === 0 || g === 0 || b === 0) {
        clipped++;
        continue;
      }
    }
    idx.push(i);
  }
  const step = Math.max(1, Math.ceil(idx.length / maxPixels));
  const k = Math.ceil(idx.length / step);
  const L = new Float64Array(k);
  const A = new Float64Array(k);
  const B = new Float64Array(k);
  for (let j = 0, t = 0; j < idx.length; j += step, t++) {
    const i = idx[j];
    const c = applyMatrix(m, SRGB_TO_LINEAR[d[3 * i]], SRGB_TO_LINEAR[d[3 * i + 1]], SRGB_TO_LINEAR[d[3 * i + 2]]);
    const lab = linearToLab(Math.max(0, c[0]), Math.max(0, c[1]), Math.max(0, c[2]));
    L[t] = lab[0];
    A[t] = lab[1];
    B[t] = lab[2];
  }
  return { L, a: A, b: B, pixels: idx.length, clipped };
}

export interface RobustOptions {
  /** Pixels darker than this L* quantile are shadows. */
  shadowQ: number;
  /** Pixels lighter than this L* quantile are highlights. */
  highlightQ: number;
  /** Two-sided trim applied to a* and b* after the L* cut (fraction at each end). */
  chromaTrim: number;
}

export const DEFAULT_ROBUST: RobustOptions = { shadowQ: 0.1, highlightQ: 0.9, chromaTrim: 0.05 };

export interface RobustColour {
  lab: Lab;
  /** Pixels that survived the cuts. */
  kept: number;
  /** Inter-quartile range of the per-pixel ITA among kept pixels (degrees): texture + uneven light. */
  itaIqr: number;
  /** Inter-quartile range of L* among kept pixels. */
  lIqr: number;
}

export function robustColour(s: LabSample, o: RobustOptions = DEFAULT_ROBUST): RobustColour | null {
  const n = s.L.length;
  if (n === 0) return null;
  if (!(o.shadowQ >= 0 && o.shadowQ < o.highlightQ && o.highlightQ <= 1)) throw new RangeError(`robustColour: need 0 <= shadowQ < highlightQ <= 1, got ${o.shadowQ}, ${o.highlightQ}`);
  const sortedL = Float64Array.from(s.L).sort();
  const lo = quantileSorted(sortedL, o.shadowQ);
  const hi = quantileSorted(sortedL, o.highlightQ);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (s.L[i] >= lo && s.L[i] <= hi) keep.push(i);
  if (keep.length === 0) return null;
  const sa = Float64Array.from(keep, (i) => s.a[i]).sort();
  const sb = Float64Array.from(keep, (i) => s.b[i]).sort();
  const aLo = quantileSorted(sa, o.chromaTrim);
  const aHi = quantileSorted(sa, 1 - o.chromaTrim);
  const bLo = quantileSorted(sb, o.chromaTrim);
  const bHi = quantileSorted(sb, 1 - o.chromaTrim);
  let sL = 0;
  let sA = 0;
  let sB = 0;
  const itas: number[] = [];
  const ls: number[] = [];
  for (const i of keep) {
    if (s.a[i] < aLo || s.a[i] > aHi || s.b[i] < bLo || s.b[i] > bHi) continue;
    sL += s.L[i];
    sA += s.a[i];
    sB += s.b[i];
    itas.push(ita(s.L[i], s.b[i]));
    ls.push(s.L[i]);
  }
  const k = itas.length;
  if (k === 0) return null;
  const si = Float64Array.from(itas).sort();
  const sl = Float64Array.from(ls).sort();
  return {
    lab: [sL / k, sA / k, sB / k],
    kept: k,
    itaIqr: quantileSorted(si, 0.75) - quantileSorted(si, 0.25),
    lIqr: quantileSorted(sl, 0.75) - quantileSorted(sl, 0.25),
  };
}
