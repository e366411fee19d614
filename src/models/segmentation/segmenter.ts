// What every segmentation model offers the pipeline: an RGB photo in, 4-class probabilities out at the
// photo's own size (SEG_CLASSES order: background, skin, hair, scar).
import type { RgbImage, Segmentation } from '../../vision/image.js';

export interface Segmenter {
  readonly name: string;
  segment(img: RgbImage): Promise<Segmentation>;
  release(): Promise<void>;
}

/** Arg-max over planar class probabilities. */
export function argmaxLabels(probs: Float32Array, classes: number, plane: number): Uint8Array {
  if (probs.length !== classes * plane) throw new RangeError(`expected ${classes * plane} probabilities, got ${probs.length}`);
  const labels = new Uint8Array(plane);
  for (let i = 0; i < plane; i++) {
    let best = 0;
    let bestP = probs[i];
    for (let c = 1; c < classes; c++) {
      const p = probs[c * plane + i];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    labels[i] = best;
  }
  return labels;
}
