// The colour of a region as a person sees it from a normal distance: its pixels' light mixed (dots and
// skin between them together, as the eye blends them: the mean in linear RGB, then CIELAB), after leaving
// out specular highlights and clipped pixels, whose colour says nothing about skin or pigment, and a thin
// trim of the lightest and darkest. A mean of CIELAB values is no blend: 3 black dots in 16 pale pixels
// read ΔE76 2.3 from the skin ("perfect") where the blended light is 9.9 away ("slight").
import { labToLinear, linearToLab, type Lab } from '../colour/convert.js';
import { quantileSorted } from '../colour/robust.js';
import type { LabPlanes } from './lab.js';

export interface RegionColourOptions {
  /** Fraction trimmed off each end of every channel (noise, stray pixels). Kept small: dark dots are signal. */
  trim?: number;
  /** A pixel is a specular highlight when its L* is this many robust SDs (1.4826·MAD) above the median
   * and its chroma is under 0.6x the region's median chroma (glare is washed out). */
  specularSigmas?: number;
}

export interface RegionColour {
  lab: Lab;
  /** Pixels in the region. */
  pixels: number;
  /** Pixels left out as specular highlights or clipped. */
  excluded: number;
}

export function regionColour(lab: LabPlanes, mask: Uint8Array, rgbMax?: Uint8Array, opts: RegionColourOptions = {}): RegionColour | null {
  const trim = opts.trim ?? 0.01;
  const k = opts.specularSigmas ?? 3.5;
  if (!(trim >= 0 && trim < 0.25)) throw new RangeError(`trim must be in [0, 0.25), got ${trim}`);
  const idx: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i] && lab.computed[i]) idx.push(i);
  if (idx.length === 0) return null;
  const Ls = Float64Array.from(idx, (i) => lab.L[i]).sort();
  const med = quantileSorted(Ls, 0.5);
  const dev = Float64Array.from(Ls, (v) => Math.abs(v - med)).sort();
  const sigma = Math.max(1, 1.4826 * quantileSorted(dev, 0.5));
  const specular = med + k * sigma;
  // Glare is bright AND washed out; bright skin between dense dark dots keeps its chroma, so is kept.
  const chroma = Float64Array.from(idx, (i) => Math.hypot(lab.a[i], lab.b[i])).sort();
  const washedOut = 0.6 * quantileSorted(chroma, 0.5);
  const kept = idx.filter((i) => !(lab.L[i] > specular && Math.hypot(lab.a[i], lab.b[i]) < washedOut) && !(rgbMax && rgbMax[i] >= 254));
  if (kept.length === 0) return null;
  // the trim by lightness, then the kept pixels' light averaged
  kept.sort((i, j) => lab.L[i] - lab.L[j]);
  const lo = Math.floor(kept.length * trim);
  const hi = Math.max(lo + 1, kept.length - lo);
  const sum = [0, 0, 0];
  for (let n = lo; n < hi; n++) {
    const i = kept[n];
    const rgb = labToLinear([lab.L[i], lab.a[i], lab.b[i]]);
    sum[0] += rgb[0];
    sum[1] += rgb[1];
    sum[2] += rgb[2];
  }
  const out = linearToLab(sum[0] / (hi - lo), sum[1] / (hi - lo), sum[2] / (hi - lo));
  return { lab: out, pixels: idx.length, excluded: idx.length - kept.length };
}

/** Largest channel value per pixel: 255 marks a clipped (over-exposed) pixel. */
export function rgbMaxPlane(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(data[3 * i], data[3 * i + 1], data[3 * i + 2]);
  return out;
}
