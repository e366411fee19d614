// Model output -> Segmentation at the photo's size. Pure functions, each with its own numeric test.
import { resizePlanes } from '../preprocess/resize-planes.js';
import { argmaxLabels } from '../segmentation/segmenter.js';
import type { Segmentation } from '../../vision/image.js';

/** Checks the output is [1, classes, size, size] and returns its plane side. */
export function checkOutputDims(dims: readonly number[], classes: number, size: number): void {
  if (dims.length !== 4 || dims[0] !== 1 || dims[1] !== classes || dims[2] !== size || dims[3] !== size) {
    throw new RangeError(`expected model output [1, ${classes}, ${size}, ${size}], got [${dims.join(', ')}]`);
  }
}

/** Makes every pixel's class probabilities sum to 1 (bilinear resizing keeps sums only approximately). */
export function renormalise(probs: Float32Array, classes: number, plane: number): Float32Array {
  if (probs.length !== classes * plane) throw new RangeError(`expected ${classes * plane} values, got ${probs.length}`);
  for (let i = 0; i < plane; i++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.max(0, probs[c * plane + i]);
    if (sum <= 0) {
      for (let c = 0; c < classes; c++) probs[c * plane + i] = c === 0 ? 1 : 0; // nothing known: background
      continue;
    }
    for (let c = 0; c < classes; c++) probs[c * plane + i] = Math.max(0, probs[c * plane + i]) / sum;
  }
  return probs;
}

/** Square model probabilities (classes x size x size) -> Segmentation at width x height. */
export function toSegmentation(out: Float32Array, classes: number, size: number, width: number, height: number): Segmentation {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`target size must be positive integers, got ${width}x${height}`);
  }
  const plane = width * height;
  const probs = renormalise(resizePlanes(out, classes, size, size, width, height), classes, plane);
  return { width, height, probs, labels: argmaxLabels(probs, classes, plane) };
}
