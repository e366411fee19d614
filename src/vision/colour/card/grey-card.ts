// Finds a grey card: one large, uniform, rectangular, near-neutral patch inside the frame. A card in a
// cast photo is only roughly neutral, so the chroma limit is loose; the shape tests (filled rectangle,
// away from the border, card-like side ratio), uniformity, a plausible exposure and agreement with the
// scene's own illuminant estimate keep walls, shirts, tiles and cabinets out (0 false cards in the
// 1097 hairloss-levels photos, which hold none). Its correction maps the card to 18 % grey in every
// channel (white balance and exposure together).
import { SRGB_TO_LINEAR, linearToLab, chroma, type LinearRgb } from '../convert.js';
import type { RgbImage } from '../../image.js';
import { flatRegions, maskedFraction, FLAT_RADIUS, type FlatRegion } from './flat-regions.js';
import { GREY_CARD_LINEAR } from './reference.js';
import { estimateIlluminant } from '../white-balance.js';

export interface GreyCardOptions {
  /** Smallest card area as a fraction of the photo. */
  minAreaFrac: number;
  maxAreaFrac: number;
  /** Filled-rectangle score at least. */
  minFill: number;
  maxAspect: number;
  /** Largest chroma of the card as photographed (a ±15 % cast gives about 10). */
  maxChroma: number;
  /** L* range of an exposed 18 % card (L* 50 at a correct exposure; a pale wall is brighter). */
  lightness: [number, number];
  /** Distance from the photo's edge, as a fraction of the shorter side (a card is held inside the frame). */
  borderFrac: number;
  /**
   * Largest distance, in log-chromaticity (ln(r/g), ln(b/g)), between the card's colour and the
   * scene's illuminant estimate (grey-edge over the whole frame): a real card and the scene see the
   * same light; a grey shirt or floor tile agrees only by chance.
   */
  maxSceneDisagreement: number;
}

export const DEFAULT_GREY_CARD: GreyCardOptions = {
  minAreaFrac: 0.01,
  maxAreaFrac: 0.25,
  minFill: 0.93,
  maxAspect: 1.8,
  maxChroma: 12,
  lightness: [35, 65],
  borderFrac: 0.03,
  maxSceneDisagreement: 0.12,
};

export interface GreyCardFit {
  region: FlatRegion;
  /** Linear median colour of the card's inner part. */
  rgb: LinearRgb;
  gains: LinearRgb;
}

export function findGreyCard(img: RgbImage, o: GreyCardOptions = DEFAULT_GREY_CARD, std?: Float32Array, exclude?: Uint8Array): GreyCardFit | null {
  const total = img.width * img.height;
  const regions = flatRegions(img, { radius: FLAT_RADIUS, maxStd: 5, maxStep: 9, minArea: o.minAreaFrac * total, maxArea: o.maxAreaFrac * total }, std);
  const margin = o.borderFrac * Math.min(img.width, img.height);
  let scene: LinearRgb | null | undefined;
  let best: GreyCardFit | null = null;
  for (const r of regions) {
    if (r.touchesBorder || r.fill < o.minFill || r.fill > 1.15 || r.aspect > o.maxAspect) continue;
    if (r.minX < margin || r.minY < margin || r.maxX > img.width - 1 - margin || r.maxY > img.height - 1 - margin) continue;
    if (exclude && maskedFraction(r, exclude, img.width) > 0.1) continue;
    const rgb = innerMedian(img, r);
    if (!rgb) continue;
    const lab = linearToLab(rgb[0], rgb[1], rgb[2]);
    if (chroma(lab) > o.maxChroma || lab[0] < o.lightness[0] || lab[0] > o.lightness[1]) continue;
    if (scene === undefined) scene = estimateIlluminant(img, null, { method: 'grey-edge', p: 2 })?.rgb ?? null;
    if (!scene) continue;
    const dr = Math.log(rgb[0] / rgb[1]) - Math.log(scene[0] / scene[1]);
    const db = Math.log(rgb[2] / rgb[1]) - Math.log(scene[2] / scene[1]);
    if (Math.hypot(dr, db) > o.maxSceneDisagreement) continue;
    if (!best || r.area > best.region.area) {
      best = { region: r, rgb, gains: [GREY_CARD_LINEAR[0] / rgb[0], GREY_CARD_LINEAR[1] / rgb[1], GREY_CARD_LINEAR[2] / rgb[2]] };
    }
  }
  return best;
}

/** Median of the middle half of the region's bounding box (the region is a filled rectangle). */
function innerMedian(img: RgbImage, r: FlatRegion): LinearRgb | null {
  const x0 = Math.round(r.cx - (r.maxX - r.minX) / 6);
  const x1 = Math.round(r.cx + (r.maxX - r.minX) / 6);
  const y0 = Math.round(r.cy - (r.maxY - r.minY) / 6);
  const y1 = Math.round(r.cy + (r.maxY - r.minY) / 6);
  const vals: number[][] = [[], [], []];
  for (let y = Math.max(0, y0); y <= Math.min(img.height - 1, y1); y++) {
    for (let x = Math.max(0, x0); x <= Math.min(img.width - 1, x1); x++) {
      const p = 3 * (y * img.width + x);
      for (let c = 0; c < 3; c++) vals[c].push(img.data[p + c]);
    }
  }
  if (vals[0].length === 0) return null;
  const med = vals.map((v) => v.sort((a, b) => a - b)[v.length >> 1]);
  if (med.some((m) => m >= 250 || m <= 3)) return null;
  return med.map((m) => SRGB_TO_LINEAR[m]) as LinearRgb;
}
