// Input of the mask-pattern model (models/norwood-mask-cnn, card.json "input"): the photo's class
// probabilities on the geometry's working grid, turned upright by the geometry's orientation, right
// profiles mirrored so the face is on the left (the canonical frame of src/vision/geometry), then
// stretched to size x size. The same steps as training/norwood/train_mask_cnn.py canonical_input, so the
// runtime feeds the model what it was trained on.
import { resizePlanes } from '../../models/preprocess/resize-planes.js';
import { downsampleSegmentation } from '../geometry/downsample.js';
import { canonicalPlanes, planesOf } from '../geometry/planes.js';
import { HEAD_VIEWS, ROTATIONS, type HeadView, type Rotation } from '../geometry/types.js';
import type { Segmentation } from '../image.js';

/** [4, size, size] float32 planes background, skin, hair, scar (CHW, no batch axis). */
export function patternInput(seg: Segmentation, orientation: Rotation, view: HeadView, size: number): Float32Array {
  if (!ROTATIONS.includes(orientation)) throw new RangeError(`patternInput: orientation must be one of ${ROTATIONS.join(', ')}, got ${String(orientation)}`);
  if (!HEAD_VIEWS.includes(view)) throw new RangeError(`patternInput: view must be one of ${HEAD_VIEWS.join(', ')}, got ${String(view)}`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`patternInput: size must be a positive integer, got ${size}`);
  const cp = canonicalPlanes(planesOf(downsampleSegmentation(seg)), orientation / 90, view === 'right');
  const n = cp.width * cp.height;
  const stacked = new Float32Array(4 * n);
  [cp.bg, cp.skin, cp.hair, cp.scar].forEach((p, c) => stacked.set(p, c * n));
  return resizePlanes(stacked, 4, cp.width, cp.height, size, size);
}
