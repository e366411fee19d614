// Area-average downsampling of segmentation probabilities to the working grid of the geometry stage.
// Geometry never needs more than ~128 px across; averaging (not picking) keeps thin hair fringes.
import { argmaxLabels } from '../../models/segmentation/segmenter.js';
import { SEG_CLASSES, type Segmentation } from '../image.js';
import { areaAveragePlanes, fitInside } from '../area-average.js';

export const WORK_SIDE = 128;

function checkSeg(seg: Segmentation): void {
  const plane = seg.width * seg.height;
  if (!Number.isInteger(seg.width) || !Number.isInteger(seg.height) || seg.width < 1 || seg.height < 1) {
    throw new TypeError(`segmentation: width and height must be positive integers, got ${seg.width}x${seg.height}`);
  }
  if (seg.probs.length !== SEG_CLASSES.length * plane) {
    throw new TypeError(`segmentation: expected ${SEG_CLASSES.length * plane} probabilities, got ${seg.probs.length}`);
  }
}

/** Output size with the longer side at most maxSide, aspect kept. */
export function workingSize(width: number, height: number, maxSide = WORK_SIDE): { width: number; height: number } {
  return fitInside(width, height, maxSide);
}

// A photo's geometry and its mask-pattern input (src/vision/norwood/pattern-input.ts) both read the
// working grid of the same segmentation: each result is kept for as long as its segmentation lives, so
// it is computed once. Segmentations are never changed after they are made.
const memo = new WeakMap<Segmentation, Map<number, Segmentation>>();

/**
 * Area-average every class plane to the given size; labels recomputed by arg-max. The same segmentation
 * object and size give the same (shared, read-only) result.
 */
export function downsampleSegmentation(seg: Segmentation, maxSide = WORK_SIDE): Segmentation {
  checkSeg(seg);
  const { width, height } = workingSize(seg.width, seg.height, maxSide);
  if (width === seg.width && height === seg.height) return seg;
  let bySize = memo.get(seg);
  const known = bySize?.get(maxSide);
  if (known) return known;
  const out = areaAverage(seg, width, height);
  if (!bySize) memo.set(seg, (bySize = new Map()));
  bySize.set(maxSide, out);
  return out;
}

function areaAverage(seg: Segmentation, width: number, height: number): Segmentation {
  const C = SEG_CLASSES.length;
  const probs = areaAveragePlanes(seg.probs, C, seg.width, seg.height, width, height);
  return { width, height, probs, labels: argmaxLabels(probs, C, width * height) };
}
