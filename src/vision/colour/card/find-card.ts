// A colour card in the frame, if any: a 24-patch chart first (a full colour-correction matrix), else a
// grey card (white balance + exposure). Large photos are searched on a reduced copy for speed; the
// correction does not depend on scale.
import type { RgbImage } from '../../image.js';
import { diagonal, type Matrix3 } from '../correction.js';
import type { ColourCardInfo } from '../types.js';
import { DEFAULT_CHART, findChart, type ChartOptions } from './find-chart.js';
import { DEFAULT_GREY_CARD, findGreyCard, type GreyCardOptions } from './grey-card.js';
import { FLAT_RADIUS, localStd } from './flat-regions.js';

export interface CardCorrection {
  matrix: Matrix3;
  info: ColourCardInfo;
  confidence: number;
}

export interface CardOptions {
  chart: ChartOptions;
  greyCard: GreyCardOptions | null;
  /** Longest side searched; larger photos are subsampled (nearest pixel) to this. */
  maxSide: number;
}

export const DEFAULT_CARD: CardOptions = { chart: DEFAULT_CHART, greyCard: DEFAULT_GREY_CARD, maxSide: 512 };

/**
 * @param exclude 1 where no card can be (the person: skin and hair), photo-sized; smooth skin under a
 *   cast can look exactly like a grey card, so the pipeline passes its masks here.
 */
export function findColourCard(img: RgbImage, o: CardOptions = DEFAULT_CARD, exclude?: Uint8Array): CardCorrection | null {
  if (exclude && exclude.length !== img.width * img.height) throw new RangeError(`findColourCard: exclude has ${exclude.length} entries, image ${img.width * img.height}`);
  const scale = Math.min(1, o.maxSide / Math.max(img.width, img.height));
  const work = scale < 1 ? subsample(img, scale) : img;
  const excl = exclude ? (scale < 1 ? subsampleMask(exclude, img.width, img.height, work.width, work.height) : exclude) : undefined;
  const std = localStd(work, FLAT_RADIUS);
  const chart = findChart(work, o.chart, std, excl);
  if (chart) {
    return {
      matrix: chart.matrix,
      info: {
        kind: 'colour-chart-24',
        corners: chart.corners.map(([x, y]) => [x / scale, y / scale]),
        residualDeltaE00: chart.residual,
        patches: chart.used,
      },
      confidence: Math.exp(-chart.residual / 8) * Math.min(1, chart.confirmed / 20),
    };
  }
  if (!o.greyCard) return null;
  const grey = findGreyCard(work, o.greyCard, std, excl);
  if (!grey) return null;
  const r = grey.region;
  return {
    matrix: diagonal(grey.gains),
    info: {
      kind: 'grey-card',
      corners: [
        [r.minX / scale, r.minY / scale],
        [r.maxX / scale, r.minY / scale],
        [r.maxX / scale, r.maxY / scale],
        [r.minX / scale, r.maxY / scale],
      ],
      residualDeltaE00: 0,
      patches: 1,
    },
    confidence: 0.75,
  };
}

function subsampleMask(mask: Uint8Array, w0: number, h0: number, w: number, h: number): Uint8Array {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(h0 - 1, Math.floor((y * h0) / h));
    for (let x = 0; x < w; x++) out[y * w + x] = mask[sy * w0 + Math.min(w0 - 1, Math.floor((x * w0) / w))];
  }
  return out;
}

function subsample(img: RgbImage, scale: number): RgbImage {
  const w = Math.max(1, Math.round(img.width * scale));
  const h = Math.max(1, Math.round(img.height * scale));
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor(y / scale));
    for (let x = 0; x < w; x++) {
      const sx = Math.min(img.width - 1, Math.floor(x / scale));
      const s = 3 * (sy * img.width + sx);
      const t = 3 * (y * w + x);
      data[t] = img.data[s];
      data[t + 1] = img.data[s + 1];
      data[t + 2] = img.data[s + 2];
    }
  }
  return { width: w, height: h, data };
}
