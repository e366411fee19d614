// Synthetic segmentations for plan tests: a head seen from above with a bald top, a ring of hair, a
// bare forehead at the bottom (face side) and optionally a scar in the hair.
import type { Segmentation } from '../../../src/vision/image.js';

export interface SceneOptions {
  size?: number;
  /** Scar rectangle [x0, y0, x1, y1] in px. */
  scar?: [number, number, number, number];
  /** Rows at and below which the head is forehead skin (face side). */
  foreheadFrom?: number;
}

export const SCENE = { cx: 200, cy: 190, a: 150, b: 170 };

/** Class of each pixel: 0 background, 1 skin, 2 hair, 3 scar. */
export function sceneLabels(opts: SceneOptions = {}): { width: number; height: number; labels: Uint8Array } {
  const size = opts.size ?? 400;
  const labels = new Uint8Array(size * size);
  const forehead = opts.foreheadFrom ?? 300;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot((x - SCENE.cx) / SCENE.a, (y - SCENE.cy) / SCENE.b);
      if (r > 1) continue;
      let cls = r > 0.78 ? 2 : 1;
      if (y >= forehead) cls = 1;
      const s = opts.scar;
      if (s && x >= s[0] && x < s[2] && y >= s[1] && y < s[3]) cls = 3;
      labels[y * size + x] = cls;
    }
  }
  return { width: size, height: size, labels };
}

/** Soft probabilities (0.9 on the label, the rest shared) as a model would give. */
export function sceneSegmentation(opts: SceneOptions = {}): Segmentation {
  const { width, height, labels } = sceneLabels(opts);
  const n = width * height;
  const probs = new Float32Array(4 * n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < 4; c++) probs[c * n + i] = c === labels[i] ? 0.91 : 0.03;
  }
  return { width, height, probs, labels };
}
