// Everything later stages read from the masks, computed once on the field grid: class probabilities
// per cell, the head region and the local hair coverage.
import { headRegion } from '../../vision/geometry/head.js';
import type { Segmentation } from '../../vision/image.js';
import { weightedBoxMean } from './blur.js';
import { downsampleMask, downsampleProbs, fieldGrid, type PreparedField } from './grid.js';

/** Head region: the given mask (photo size), else the largest non-background blob with holes filled. */
export function prepareField(seg: Segmentation, headMask?: Uint8Array): PreparedField {
  const grid = fieldGrid(seg.width, seg.height);
  const probs = downsampleProbs(seg, grid);
  const n = grid.width * grid.height;
  const head = headMask ? downsampleMask(headMask, grid) : headRegion(probs.subarray(0, n), grid.width, grid.height).mask;
  return { grid, probs, head };
}

/**
 * Local hair coverage 0..1: the mean hair probability over a square window of `windowMm`, among head
 * cells only (the background does not dilute the head's edge).
 */
export function hairCoverage(field: PreparedField, mmPerPixel: number, windowMm: number): Float32Array {
  const { grid, probs, head } = field;
  const n = grid.width * grid.height;
  const radius = Math.max(1, Math.round(windowMm / 2 / (mmPerPixel * grid.cellPx)));
  return weightedBoxMean(probs.subarray(2 * n, 3 * n), head, grid.width, grid.height, radius);
}
