// Illuminant estimation from a set of pixels and the von Kries gains that undo it (linear light,
// green channel kept, so exposure is not touched and a pure red or blue cast is undone exactly).
//
// Skin and hair are left out of the estimate on purpose: a close-up scalp photo is mostly skin, and
// grey-world over it would call the skin itself the colour cast and bleach it towards grey.
//
// Grey-world, shades-of-grey and grey-edge estimate red/green and blue/green each over its own pixels
// (green and that channel unclipped; green alone decides whether a pixel counts at all). A cast that
// clips red in a bright wall then cannot move the blue estimate by dropping the wall, and vice versa.
import { SRGB_TO_LINEAR, type LinearRgb } from './convert.js';
import type { RgbImage } from '../image.js';

export type IlluminantMethod = 'grey-world' | 'shades-of-grey' | 'white-patch' | 'grey-edge' | 'grey-quantile';

export interface IlluminantOptions {
  method: IlluminantMethod;
  /** Minkowski norm for shades-of-grey and grey-edge (Finlayson & Trezzi 2004: p≈6 for shades-of-grey; grey-edge (van de Weijer 2007) works with p 1–7). */
  p?: number;
  /** white-patch: the per-channel quantile taken as the white (robust max). */
  whiteQuantile?: number;
  /**
   * grey-quantile: the per-channel quantile taken as the grey (0.5 = a median grey-world). Order
   * statistics move exactly with a channel gain even when the brightest pixels clip, as long as fewer
   * than 1 − q of them do; only pixels with green clipped are left out, so the pixel set itself does not
   * change under a red or blue cast.
   */
  greyQuantile?: number;
}

/** 8-bit code values at or above this are treated as clipped and carry no illuminant information. */
export const CLIP_CODE = 250;
/** Below this the pixel is mostly noise. */
export const DARK_CODE = 8;

export interface IlluminantEstimate {
  /** Relative illuminant colour, linear light, normalised so that g = 1. */
  rgb: LinearRgb;
  pixels: number;
}

/**
 * @param mask 1 where a pixel may be used (length width*height); null = every pixel.
 */
export function estimateIlluminant(img: RgbImage, mask: Uint8Array | null, opts: IlluminantOptions): IlluminantEstimate | null {
  const n = img.width * img.height;
  if (mask && mask.length !== n) throw new RangeError(`estimateIlluminant: mask has ${mask.length} entries, image ${n}`);
  const p = opts.p ?? 6;
  if (!(p >= 1)) throw new RangeError(`estimateIlluminant: p must be >= 1, got ${p}`);
  const d = img.data;
  const usable = (i: number): boolean => {
    if (mask && !mask[i]) return false;
    const r = d[3 * i];
    const g = d[3 * i + 1];
    const b = d[3 * i + 2];
    return r < CLIP_CODE && g < CLIP_CODE && b < CLIP_CODE && r + g + b > 3 * DARK_CODE;
  };
  let count = 0;
  if (opts.method === 'grey-edge') {
    const w = img.width;
    const sums = pairSums();
    const lin = SRGB_TO_LINEAR;
    // Per pixel: bit 0 = may count (in the mask, green usable), bit 1 = red unclipped, bit 2 = blue
    // unclipped. A gradient counts for a channel when the pixel and its 4 neighbours all have the bits.
    const flags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if ((mask && !mask[i]) || !greenUsable(d[3 * i + 1])) continue;
      flags[i] = 1 | (d[3 * i] < CLIP_CODE ? 2 : 0) | (d[3 * i + 2] < CLIP_CODE ? 4 : 0);
    }
    const half = p / 2;
    // |∇c|^p from the central differences, without a square root when p = 2.
    const grad = (i: number, c: number) => {
      const gx = lin[d[3 * (i + 1) + c]] - lin[d[3 * (i - 1) + c]];
      const gy = lin[d[3 * (i + w) + c]] - lin[d[3 * (i - w) + c]];
      const e = gx * gx + gy * gy;
      return half === 1 ? e : Math.pow(e, half);
    };
    for (let y = 1; y < img.height - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        const f = flags[i] & flags[i + 1] & flags[i - 1] & flags[i + w] & flags[i - w];
        if (!(f & 1)) continue;
        const g = grad(i, 1);
        if (f & 2) add(sums[0], grad(i, 0), g);
        if (f & 4) add(sums[1], grad(i, 2), g);
        count++;
      }
    }
    return fromPairSums(sums, p, count);
  }
  if (opts.method === 'grey-quantile') {
    const q = opts.greyQuantile ?? 0.5;
    const hist = [new Float64Array(256), new Float64Array(256), new Float64Array(256)];
    for (let i = 0; i < n; i++) {
      if (mask && !mask[i]) continue;
      const g = d[3 * i + 1];
      if (g >= CLIP_CODE || g < DARK_CODE) continue;
      for (let c = 0; c < 3; c++) hist[c][d[3 * i + c]]++;
      count++;
    }
    if (count === 0) return null;
    return normalise(hist.map((h) => SRGB_TO_LINEAR[histQuantile(h, count, q)]) as LinearRgb, count);
  }
  if (opts.method === 'white-patch') {
    const q = opts.whiteQuantile ?? 0.98;
    const hist = [new Float64Array(256), new Float64Array(256), new Float64Array(256)];
    for (let i = 0; i < n; i++) {
      if (!usable(i)) continue;
      for (let c = 0; c < 3; c++) hist[c][d[3 * i + c]]++;
      count++;
    }
    if (count === 0) return null;
    const rgb = hist.map((h) => {
      let acc2 = 0;
      for (let v = 0; v < 256; v++) {
        acc2 += h[v];
        if (acc2 >= q * count) return SRGB_TO_LINEAR[v];
      }
      return SRGB_TO_LINEAR[255];
    }) as LinearRgb;
    return normalise(rgb, count);
  }
  const pp = opts.method === 'grey-world' ? 1 : p;
  const powered = pp === 1 ? SRGB_TO_LINEAR : SRGB_TO_LINEAR.map((v) => Math.pow(v, pp));
  const sums = pairSums();
  for (let i = 0; i < n; i++) {
    if ((mask && !mask[i]) || !greenUsable(d[3 * i + 1])) continue;
    const g = powered[d[3 * i + 1]];
    if (d[3 * i] < CLIP_CODE) add(sums[0], powered[d[3 * i]], g);
    if (d[3 * i + 2] < CLIP_CODE) add(sums[1], powered[d[3 * i + 2]], g);
    count++;
  }
  return fromPairSums(sums, pp, count);
}

/** Minkowski sums of one channel (red or blue) and of green over the same pixels. */
interface PairSum {
  ch: number;
  green: number;
  n: number;
}

/** [red/green, blue/green]. */
function pairSums(): [PairSum, PairSum] {
  return [
    { ch: 0, green: 0, n: 0 },
    { ch: 0, green: 0, n: 0 },
  ];
}

function add(s: PairSum, ch: number, green: number): void {
  s.ch += ch;
  s.green += green;
  s.n++;
}

/** Green decides whether a pixel counts at all: a red or blue cast does not change it. */
function greenUsable(g: number): boolean {
  return g < CLIP_CODE && g >= DARK_CODE;
}

/** The illuminant from per-pair Minkowski sums: (Σ c^p / Σ g^p)^(1/p) for c = red, blue. */
function fromPairSums(sums: [PairSum, PairSum], p: number, pixels: number): IlluminantEstimate | null {
  if (sums[0].n === 0 || sums[1].n === 0) return null;
  return normalise([Math.pow(sums[0].ch / sums[0].green, 1 / p), 1, Math.pow(sums[1].ch / sums[1].green, 1 / p)], pixels);
}

function histQuantile(h: Float64Array, count: number, q: number): number {
  let acc = 0;
  for (let v = 0; v < h.length; v++) {
    acc += h[v];
    if (acc >= q * count) return v;
  }
  return h.length - 1;
}

function normalise(rgb: LinearRgb, pixels: number): IlluminantEstimate | null {
  if (!(rgb[1] > 0) || !(rgb[0] > 0) || !(rgb[2] > 0)) return null;
  return { rgb: [rgb[0] / rgb[1], 1, rgb[2] / rgb[1]], pixels };
}

/** Largest correction we trust from a scene estimate: beyond it the "illuminant" is more likely a coloured wall. */
export const MAX_GAIN = 2.5;

/**
 * Gains that map the illuminant to neutral, green kept at 1. `strength` in [0, 1] applies that fraction
 * of the correction in log space (1 = full von Kries, 0 = none).
 */
export function gainsFor(illuminant: LinearRgb, strength = 1): LinearRgb {
  if (!(strength >= 0 && strength <= 1)) throw new RangeError(`gainsFor: strength must be in [0, 1], got ${strength}`);
  const clamp = (g: number) => Math.max(1 / MAX_GAIN, Math.min(MAX_GAIN, g));
  return [clamp(Math.pow(illuminant[1] / illuminant[0], strength)), 1, clamp(Math.pow(illuminant[1] / illuminant[2], strength))];
}
