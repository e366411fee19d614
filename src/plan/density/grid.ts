// The working grid of the density field: the photo's pixels grouped into square cells so that a
// field never exceeds ~128 K cells (2 px cells on a 640 px photo, ~1 mm or less on any photo of a
// head). Fields are smooth (5 mm hair windows, 7 mm hairline ramps); dots keep full precision.
import type { Segmentation } from '../../vision/image.js';

export interface FieldGrid {
  /** Cells across and down. */
  width: number;
  height: number;
  /** Image pixels per cell side. */
  cellPx: number;
  /** Photo size in pixels. */
  imageWidth: number;
  imageHeight: number;
}

export const MAX_FIELD_CELLS = 128 * 1024;

export function fieldGrid(imageWidth: number, imageHeight: number, maxCells = MAX_FIELD_CELLS): FieldGrid {
  if (!Number.isInteger(imageWidth) || !Number.isInteger(imageHeight) || imageWidth <= 0 || imageHeight <= 0) {
    throw new RangeError(`image size must be positive integers, got ${imageWidth}x${imageHeight}`);
  }
  const cellPx = Math.max(1, Math.ceil(Math.sqrt((imageWidth * imageHeight) / maxCells)));
  return { width: Math.ceil(imageWidth / cellPx), height: Math.ceil(imageHeight / cellPx), cellPx, imageWidth, imageHeight };
}

/** Mean of each segmentation class plane over each cell: planar Float32Array [4][cells]. */
export function downsampleProbs(seg: Segmentation, grid: FieldGrid): Float32Array {
  const { width: sw, height: sh } = seg;
  if (sw !== grid.imageWidth || sh !== grid.imageHeight) {
    throw new RangeError(`segmentation is ${sw}x${sh}, the grid was made for ${grid.imageWidth}x${grid.imageHeight}`);
  }
  const plane = sw * sh;
  if (seg.probs.length !== 4 * plane) throw new RangeError(`segmentation probs must hold 4 planes of ${plane}, got ${seg.probs.length}`);
  const cells = grid.width * grid.height;
  const out = new Float32Array(4 * cells);
  const count = new Float32Array(cells);
  const k = grid.cellPx;
  for (let y = 0; y < sh; y++) {
    const row = Math.floor(y / k) * grid.width;
    for (let x = 0; x < sw; x++) {
      const c = row + Math.floor(x / k);
      const i = y * sw + x;
      count[c]++;
      out[c] += seg.probs[i];
      out[cells + c] += seg.probs[plane + i];
      out[2 * cells + c] += seg.probs[2 * plane + i];
      out[3 * cells + c] += seg.probs[3 * plane + i];
    }
  }
  for (let c = 0; c < cells; c++) {
    const n = count[c] || 1;
    for (let p = 0; p < 4; p++) out[p * cells + c] /= n;
  }
  return out;
}

/** A binary image mask (any size matching the grid's image) reduced to cells: a cell is on when most of it is. */
export function downsampleMask(mask: Uint8Array, grid: FieldGrid): Uint8Array {
  const { imageWidth: w, imageHeight: h } = grid;
  if (mask.length !== w * h) throw new RangeError(`mask has ${mask.length} values, expected ${w * h}`);
  const cells = grid.width * grid.height;
  const on = new Float32Array(cells), count = new Float32Array(cells);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / grid.cellPx) * grid.width;
    for (let x = 0; x < w; x++) {
      const c = row + Math.floor(x / grid.cellPx);
      count[c]++;
      if (mask[y * w + x]) on[c]++;
    }
  }
  const out = new Uint8Array(cells);
  for (let c = 0; c < cells; c++) out[c] = on[c] * 2 >= count[c] && count[c] > 0 ? 1 : 0;
  return out;
}

export interface PreparedField {
  grid: FieldGrid;
  /** Class probabilities per cell, planar [background, skin, hair, scar][cells]. */
  probs: Float32Array;
  /** Head region per cell (1 = head). */
  head: Uint8Array;
  /** Mean linear-light RGB per cell, planar [3][cells] (holes.ts cellLinearRgb), where prepareField read the photo. */
  colours?: Float32Array;
}
