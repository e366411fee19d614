// The robust colour of a masked region, computed in linear light so that a colour correction (a 3x3
// matrix) commutes with it and a pure channel cast moves it exactly as it moves the pixels:
//  1. pixels with green or blue clipped (255) or any channel at 0 are left out: their colour is unknown;
//  2. pixels are ranked by green (which a red or blue cast does not touch, so the selection is cast-
//     invariant) and only a band of that ranking is kept: for skin the lit half minus specular
//     highlights, for hair everything but highlights;
//  3. the colour is the per-channel median over the band, which also tolerates a red channel clipped
//     in up to half of the band (bright skin is often clipped in red).
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
  /** Masked pixels left out for a clipped green/blue or a zero channel. */
  unknown: number;
  /** Per-pixel ITA inter-quartile range over the band after correction (degrees). */
  itaIqr: number;
  /** Per-pixel L* inter-quartile range over the band after correction. */
  lIqr: number;
  /** Per-pixel Lab of the band after correction (for grey-fraction style counts). */
  labs: Lab[];
}

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
  const idx: number[] = [];
  let unknown = 0;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    if (seen++ % step !== 0) continue;
    const r = d[3 * i];
    const g = d[3 * i + 1];
    const b = d[3 * i + 2];
    if (g === 255 || b === 255 || r === 0 || g === 0 || b === 0) {
      unknown += step;
      continue;
    }
    idx.push(i);
  }
  if (idx.length === 0) return null;
  idx.sort((x, y) => d[3 * x + 1] - d[3 * y + 1] || x - y);
  const band = idx.slice(Math.floor(lo * idx.length), Math.max(Math.floor(lo * idx.length) + 1, Math.ceil(hi * idx.length)));
  const ch: Float64Array[] = [0, 1, 2].map(() => new Float64Array(band.length));
  let redClipped = 0;
  const labs: Lab[] = [];
  const itas: number[] = [];
  const ls: number[] = [];
  for (let k = 0; k < band.length; k++) {
    const i = band[k];
    const r = SRGB_TO_LINEAR[d[3 * i]];
    const g = SRGB_TO_LINEAR[d[3 * i + 1]];
    const b = SRGB_TO_LINEAR[d[3 * i + 2]];
    ch[0][k] = r;
    ch[1][k] = g;
    ch[2][k] = b;
    if (d[3 * i] === 255) redClipped++;
    const c = applyMatrix(m, r, g, b);
    const lab = linearToLab(Math.max(0, c[0]), Math.max(0, c[1]), Math.max(0, c[2]));
    labs.push(lab);
    itas.push(ita(lab[0], lab[2]));
    ls.push(lab[0]);
  }
  const med = ch.map((c) => quantileSorted(c.sort(), 0.5)) as LinearRgb;
  const si = Float64Array.from(itas).sort();
  const sl = Float64Array.from(ls).sort();
  return {
    rgb: med,
    pixels: total - unknown,
    kept: band.length,
    redClipped: redClipped / band.length,
    unknown,
    itaIqr: quantileSorted(si, 0.75) - quantileSorted(si, 0.25),
    lIqr: quantileSorted(sl, 0.75) - quantileSorted(sl, 0.25),
    labs,
  };
}

/** The region's colour after the correction, in Lab. */
export function correctedLab(c: RegionColour, m: Matrix3): Lab {
  const v = applyMatrix(m, c.rgb[0], c.rgb[1], c.rgb[2]);
  return linearToLab(Math.max(0, v[0]), Math.max(0, v[1]), Math.max(0, v[2]));
}
