// The robust colour of a masked region, computed in linear light so that a colour correction (a 3x3
// matrix) commutes with it and a pure channel cast moves it exactly as it moves the pixels:
//  1. pixels with green clipped (255) or at 0 are left out: their brightness is unknown;
//  2. pixels are ranked by green and only a band of that ranking is kept: for skin the lit half minus
//     specular highlights, for hair everything but highlights. Only green decides, so a red or blue
//     cast (which leaves green alone) selects exactly the same pixels;
//  3. the colour is the per-channel median over the band, which tolerates a red or blue channel
//     clipped (255 or 0) in up to half of the band: bright skin is often clipped in red, and a blue
//     cast clips blue. Leaving those pixels out instead would change the band with the cast.
// Per-pixel Lab (for the spread and grey-fraction statistics) is computed on a subsample only.
import { SRGB_TO_LINEAR, linearToLab, type Lab, type LinearRgb } from './convert.js';
import { applyMatrix, type Matrix3 } from './correction.js';
import { quantileSorted } from './robust.js';
import { ita } from './ita.js';
import type { RgbImage } from '../image.js';

export interface BandOptions {
  /** Green-rank quantiles kept: [lo, hi]. */
  band: [number, number];
  /** Pixels used at most (regular subsample). */
  maxPixels: number;
}

export interface RegionColour {
  /** Linear-light median colour of the band, before correction. */
  rgb: LinearRgb;
  /** Masked pixels with a known colour (before band selection and subsampling). */
  pixels: number;
  /** Pixels in the band (after subsampling). */
  kept: number;
  /** Fraction of band pixels with red clipped at 255. */
  redClipped: number;
  /** Fraction of band pixels with blue clipped at 255. */
  blueClipped: number;
  /** Masked pixels left out for a clipped or zero green. */
  unknown: number;
  /** Per-pixel ITA inter-quartile range over the band after correction (degrees). */
  itaIqr: number;
  /** Per-pixel L* inter-quartile range over the band after correction. */
  lIqr: number;
  /** Per-pixel Lab of (a subsample of) the band after correction, for spread and grey-fraction counts. */
  labs: Lab[];
}

/** Per-pixel Lab is computed on at most this many band pixels (spread statistics only). */
const LAB_SAMPLE = 3000;

/** Robust colour of the masked pixels; null when none has a known colour. */
export function regionColour(img: RgbImage, mask: Uint8Array, m: Matrix3, o: BandOptions): RegionColour | null {
  const n = img.width * img.height;
  if (mask.length !== n) throw new RangeError(`regionColour: mask has ${mask.length} entries, image ${n}`);
  const [lo, hi] = o.band;
  if (!(lo >= 0 && lo < hi && hi <= 1)) throw new RangeError(`regionColour: band must satisfy 0 <= lo < hi <= 1, got [${lo}, ${hi}]`);
  const d = img.data;
  let total = 0;
  for (let i = 0; i < n; i++) total += mask[i];
  const step = Math.max(1, Math.floor(total / o.maxPixels));
  // Pixels bucketed by green code: a stable O(n) ranking by green.
  const byGreen: number[][] = Array.from({ length: 256 }, () => []);
  let known = 0;
  let unknown = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    if (seen++ % step !== 0) continue;
    const g = d[3 * i + 1];
    if (g === 255 || g === 0) {
      unknown += step;
      continue;
    }
    byGreen[g].push(i);
    known++;
  }
  if (known === 0) return null;
  const from = Math.floor(lo * known);
  const to = Math.max(from + 1, Math.ceil(hi * known));
  const band: number[] = [];
  let rank = 0;
  for (let g = 0; g < 256 && rank < to; g++) {
    for (const i of byGreen[g]) {
      if (rank >= from && rank < to) band.push(i);
      rank++;
    }
  }
  // Per-channel medians on 8-bit codes: the sRGB decoding is monotonic, so the median code decodes to
  // the median linear value.
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  let redClipped = 0;
  let blueClipped = 0;
  for (const i of band) {
    hist[0][d[3 * i]]++;
    hist[1][d[3 * i + 1]]++;
    hist[2][d[3 * i + 2]]++;
    if (d[3 * i] === 255) redClipped++;
    if (d[3 * i + 2] === 255) blueClipped++;
  }
  const rgb = hist.map((h) => SRGB_TO_LINEAR[histMedian(h, band.length)]) as LinearRgb;
  const labs: Lab[] = [];
  const itas: number[] = [];
  const ls: number[] = [];
  const labStep = Math.max(1, Math.floor(band.length / LAB_SAMPLE));
  for (let k = 0; k < band.length; k += labStep) {
    const i = band[k];
    const c = applyMatrix(m, SRGB_TO_LINEAR[d[3 * i]], SRGB_TO_LINEAR[d[3 * i + 1]], SRGB_TO_LINEAR[d[3 * i + 2]]);
    const lab = linearToLab(Math.max(0, c[0]), Math.max(0, c[1]), Math.max(0, c[2]));
    labs.push(lab);
    itas.push(ita(lab[0], lab[2]));
    ls.push(lab[0]);
  }
  const si = Float64Array.from(itas).sort();
  const sl = Float64Array.from(ls).sort();
  return {
    rgb,
    pixels: Math.min(total, known * step),
    kept: band.length,
    redClipped: redClipped / band.length,
    blueClipped: blueClipped / band.length,
    unknown,
    itaIqr: quantileSorted(si, 0.75) - quantileSorted(si, 0.25),
    lIqr: quantileSorted(sl, 0.75) - quantileSorted(sl, 0.25),
    labs,
  };
}

/** Lower median of a histogram holding `count` values. */
function histMedian(h: Uint32Array, count: number): number {
  let acc = 0;
  for (let v = 0; v < h.length; v++) {
    acc += h[v];
    if (acc * 2 >= count) return v;
  }
  return h.length - 1;
}

/** The region's colour after the correction, in Lab. */
export function correctedLab(c: RegionColour, m: Matrix3): Lab {
  const v = applyMatrix(m, c.rgb[0], c.rgb[1], c.rgb[2]);
  return linearToLab(Math.max(0, v[0]), Math.max(0, v[1]), Math.max(0, v[2]));
}
