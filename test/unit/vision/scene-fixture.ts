// Test fixture: a synthetic photo drawn pixel by pixel, with a one-hot segmentation of the class each
// pixel was drawn as (probability 1 for that class).
import type { RgbImage, Segmentation } from '../../../src/vision/image.js';

/** `pixel(x, y)` gives the final 8-bit colour and the class index of each pixel. */
export function labelledScene(width: number, height: number, pixel: (x: number, y: number) => { rgb: number[]; cls: number }): { img: RgbImage; seg: Segmentation } {
  const data = new Uint8Array(width * height * 3);
  const labels = new Uint8Array(width * height);
  const probs = new Float32Array(4 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const { rgb, cls } = pixel(x, y);
      for (let c = 0; c < 3; c++) data[3 * i + c] = rgb[c];
      labels[i] = cls;
      probs[cls * width * height + i] = 1;
    }
  }
  return { img: { width, height, data }, seg: { width, height, probs, labels } };
}
