// Everything later stages read from the masks, computed once on the field grid: class probabilities
// per cell, the head region and the local hair coverage.
import { connectedComponents, headRegion } from '../../vision/geometry/head.js';
import type { RgbImage, Segmentation } from '../../vision/image.js';
import { weightedBoxMean } from './blur.js';
import { downsampleMask, downsampleProbs, fieldGrid, type PreparedField } from './grid.js';
import { cellLinearRgb, fillScalpHoles } from './holes.js';

/**
 * Pieces of a head mask smaller than `minShare` of its largest piece removed: specks of hair or skin
 * the segmenter finds on a wall, a sofa or a door frame would otherwise be planned as scalp.
 */
export function withoutSpecks(head: Uint8Array, width: number, height: number, minShare = 0.05): Uint8Array {
  if (!(minShare >= 0 && minShare <= 1)) throw new RangeError(`withoutSpecks: minShare must be in [0, 1], got ${minShare}`);
  const { labels, sizes } = connectedComponents(head, width, height);
  const largest = Math.max(0, ...sizes.slice(1));
  const out = new Uint8Array(head.length);
  for (let c = 0; c < head.length; c++) if (labels[c] && sizes[labels[c]] >= minShare * largest) out[c] = 1;
  return out;
}

/**
 * Head region: the given mask (photo size) without its specks, else the largest non-background blob
 * with holes filled. With the photo, the given mask's enclosed holes that have the colour of the head
 * around them are filled too (fillScalpHoles).
 */
export function prepareField(seg: Segmentation, headMask?: Uint8Array, image?: RgbImage): PreparedField {
  const grid = fieldGrid(seg.width, seg.height);
  const probs = downsampleProbs(seg, grid);
  const n = grid.width * grid.height;
  if (!headMask) return { grid, probs, head: headRegion(probs.subarray(0, n), grid.width, grid.height).mask };
  const field = { grid, probs, head: withoutSpecks(downsampleMask(headMask, grid), grid.width, grid.height) };
  if (!image) return field;
  // kept on the field: the plan's colour rule (off-colour-pieces.ts) reads the same cells
  const colours = cellLinearRgb(image, grid);
  return { ...fillScalpHoles(field, colours).field, colours };
}

/** Weight a head cell keeps however much of it reads as background (shine on bald skin still counts as skin). */
const MIN_SCALP_WEIGHT = 0.05;

/**
 * Local hair coverage 0..1: hair over hair + skin + scar in a square window of `windowMm`, among head
 * cells only. Background does not dilute it, neither beyond the head nor in the head's own edge cells:
 * strands against a wall read half hair, half background, and counted as thinning hair there (L2-022's
 * front view: most of its thinning dots on the outline of full hair). A cell is weighted by how much of
 * it is scalp (at least MIN_SCALP_WEIGHT, so a head cell read wholly as background counts as bare skin).
 */
export function hairCoverage(field: PreparedField, mmPerPixel: number, windowMm: number): Float32Array {
  const { grid, probs, head } = field;
  const n = grid.width * grid.height;
  const radius = Math.max(1, Math.round(windowMm / 2 / (mmPerPixel * grid.cellPx)));
  const weight = new Float32Array(n);
  const hairShare = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    if (!head[c]) continue;
    weight[c] = Math.max(MIN_SCALP_WEIGHT, 1 - probs[c]);
    hairShare[c] = probs[2 * n + c] / weight[c];
  }
  return weightedBoxMean(hairShare, weight, grid.width, grid.height, radius);
}
