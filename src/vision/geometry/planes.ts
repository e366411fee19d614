// Per-class probability planes of a segmentation, and the quarter-turns / mirror that bring a photo
// into its canonical frame. Everything works on plain Float32Array planes, row-major.
import { SEG_CLASSES, type Segmentation } from '../image.js';

export interface Planes {
  width: number;
  height: number;
  bg: Float32Array;
  skin: Float32Array;
  hair: Float32Array;
  scar: Float32Array;
}

export function planesOf(seg: Segmentation): Planes {
  const n = seg.width * seg.height;
  if (seg.probs.length !== SEG_CLASSES.length * n) {
    throw new TypeError(`segmentation: expected ${SEG_CLASSES.length * n} probabilities, got ${seg.probs.length}`);
  }
  const plane = (c: number): Float32Array => seg.probs.slice(c * n, (c + 1) * n);
  return { width: seg.width, height: seg.height, bg: plane(0), skin: plane(1), hair: plane(2), scar: plane(3) };
}

/**
 * Turns a plane counter-clockwise by k quarter-turns (k = 0..3). Returns the new plane and its size.
 * A photo whose orientation is 90k degrees (turned clockwise from upright) becomes upright.
 */
export function rotatePlaneCcw<T extends Float32Array | Uint8Array>(src: T, width: number, height: number, k: number): { data: T; width: number; height: number } {
  if (src.length !== width * height) throw new RangeError(`plane has ${src.length} values, expected ${width * height}`);
  const q = ((k % 4) + 4) % 4;
  if (q === 0) return { data: src.slice() as T, width, height };
  const ow = q === 2 ? width : height;
  const oh = q === 2 ? height : width;
  const out = new (src.constructor as { new (n: number): T })(src.length);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let sx: number;
      let sy: number;
      if (q === 1) { sx = width - 1 - y; sy = x; } // prettier-ignore
      else if (q === 2) { sx = width - 1 - x; sy = height - 1 - y; } // prettier-ignore
      else { sx = y; sy = height - 1 - x; } // prettier-ignore
      out[y * ow + x] = src[sy * width + sx];
    }
  }
  return { data: out, width: ow, height: oh };
}

export function mirrorPlane<T extends Float32Array | Uint8Array>(src: T, width: number, height: number): T {
  if (src.length !== width * height) throw new RangeError(`plane has ${src.length} values, expected ${width * height}`);
  const out = new (src.constructor as { new (n: number): T })(src.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = src[y * width + width - 1 - x];
  return out;
}

/** All planes turned counter-clockwise by k quarter-turns, then mirrored left-right when asked. */
export function canonicalPlanes(p: Planes, k: number, mirror: boolean): Planes {
  const turn = (a: Float32Array): { data: Float32Array; width: number; height: number } => rotatePlaneCcw(a, p.width, p.height, k);
  const bg = turn(p.bg);
  const { width, height } = bg;
  const fix = (a: Float32Array): Float32Array => (mirror ? mirrorPlane(a, width, height) : a);
  return {
    width,
    height,
    bg: fix(bg.data),
    skin: fix(turn(p.skin).data),
    hair: fix(turn(p.hair).data),
    scar: fix(turn(p.scar).data),
  };
}

/** Maps a point of the canonical frame back to the photo (inverse of canonicalPlanes). */
export function canonicalToPhoto(x: number, y: number, photoW: number, photoH: number, k: number, mirror: boolean): [number, number] {
  const q = ((k % 4) + 4) % 4;
  const cw = q % 2 === 0 ? photoW : photoH;
  const cx = mirror ? cw - x : x;
  // continuous coordinates (pixel edges at integers): undo the counter-clockwise turn
  if (q === 0) return [cx, y];
  if (q === 1) return [photoW - y, cx];
  if (q === 2) return [photoW - cx, photoH - y];
  return [y, photoH - cx];
}
