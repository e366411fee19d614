// Model output -> Segmentation at the photo's size. Pure functions, each with its own numeric test.
import { resizePlanesArgmax } from '../preprocess/resize-planes-fast.js';
import type { Segmentation } from '../../vision/image.js';

/** Checks the output is [1, classes, size, size] and returns its plane side. */
export function checkOutputDims(dims: readonly number[], classes: number, size: number): void {
  if (dims.length !== 4 || dims[0] !== 1 || dims[1] !== classes || dims[2] !== size || dims[3] !== size) {
    throw new RangeError(`expected model output [1, ${classes}, ${size}, ${size}], got [${dims.join(', ')}]`);
  }
}

/** Square model probabilities (classes x size x size) -> Segmentation at width x height. */
export function toSegmentation(out: Float32Array, classes: number, size: number, width: number, height: number): Segmentation {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`target size must be positive integers, got ${width}x${height}`);
  }
  // bilinear weights sum to 1 and so do the soft-max outputs: the resized probabilities still sum to 1
  const { planes, labels } = resizePlanesArgmax(out, classes, size, size, width, height);
  return { width, height, probs: planes, labels };
}
