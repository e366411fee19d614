// Synthetic before/after pairs with a strip scar, and the scar's outline as a caller would draw it.
import { randomSpec, synthPair, type SynthPair } from '../../src/vision/audit/synth/pair.js';
import { applyHomography } from '../../src/vision/audit/homography.js';
import type { GrayImage } from '../../src/vision/image.js';

/**
 * The pair's scar mask in after-photo pixels (trueTransform sends after pixels to before pixels): what a
 * scar drawn on the after photo is, for auditing the pair with before and after swapped.
 */
export function scarMaskInAfter(pair: Pick<SynthPair, 'scarMask' | 'trueTransform'>): GrayImage {
  const { width, height, data: mask } = pair.scarMask;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [bx, by] = applyHomography(pair.trueTransform, x, y);
      const [ix, iy] = [Math.round(bx), Math.round(by)];
      if (ix >= 0 && iy >= 0 && ix < width && iy < height) data[y * width + x] = mask[iy * width + ix];
    }
  }
  return { width, height, data };
}

/** The rectangle around a strip scar (its centre line widened by its radius on both sides). */
export function stripPolygon(pair: SynthPair): [number, number][] {
  const sh = pair.spec.shape;
  if (sh.kind !== 'strip') throw new Error('expected a strip scar');
  const n = Math.hypot(sh.y1 - sh.y0, sh.x1 - sh.x0);
  const [ox, oy] = [(-(sh.y1 - sh.y0) / n) * sh.radius, ((sh.x1 - sh.x0) / n) * sh.radius];
  return [[sh.x0 + ox, sh.y0 + oy], [sh.x1 + ox, sh.y1 + oy], [sh.x1 - ox, sh.y1 - oy], [sh.x0 - ox, sh.y0 - oy]];
}

/** The first pair from `seed` on with a strip scar and no failure painted, and its outline. */
export function stripPair(seed: number, size: number): { pair: SynthPair; poly: [number, number][] } {
  let pair: SynthPair;
  do pair = synthPair(randomSpec(seed++, { width: size, height: size }));
  while (pair.spec.shape.kind !== 'strip' || pair.spec.failure !== 'none');
  return { pair, poly: stripPolygon(pair) };
}
