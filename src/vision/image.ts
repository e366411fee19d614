// Plain in-memory images shared by every vision stage. Pixels are interleaved, row-major, 8-bit.
// Kept as plain objects (not classes) so they cross worker-thread boundaries by structured clone.

export interface RgbImage {
  width: number;
  height: number;
  /** length = width * height * 3, sRGB */
  data: Uint8Array;
}

export interface GrayImage {
  width: number;
  height: number;
  /** length = width * height */
  data: Uint8Array;
}

/** Segmentation classes in model output order. */
export const SEG_CLASSES = ['background', 'skin', 'hair', 'scar'] as const;
export type SegClass = (typeof SEG_CLASSES)[number];

export interface Segmentation {
  width: number;
  height: number;
  /** Per-class probabilities, planar: probs[c * width * height + i], c in SEG_CLASSES order. */
  probs: Float32Array;
  /** Arg-max class index per pixel (index into SEG_CLASSES). */
  labels: Uint8Array;
}

export function assertRgb(img: RgbImage, name = 'image'): void {
  if (!Number.isInteger(img.width) || !Number.isInteger(img.height) || img.width <= 0 || img.height <= 0) {
    throw new TypeError(`${name}: width and height must be positive integers, got ${img.width}x${img.height}`);
  }
  if (img.data.length !== img.width * img.height * 3) {
    throw new TypeError(`${name}: expected ${img.width * img.height * 3} bytes of RGB, got ${img.data.length}`);
  }
}

/** Binary mask (0/255) of one class from a segmentation's labels. */
export function classMask(seg: Segmentation, cls: SegClass): GrayImage {
  const k = SEG_CLASSES.indexOf(cls);
  const out = new Uint8Array(seg.width * seg.height);
  for (let i = 0; i < out.length; i++) out[i] = seg.labels[i] === k ? 255 : 0;
  return { width: seg.width, height: seg.height, data: out };
}

/** 1 where the segmentation found the head (any class but background), else 0. */
export function headMask(seg: Segmentation): Uint8Array {
  const m = new Uint8Array(seg.labels.length);
  for (let i = 0; i < m.length; i++) m[i] = seg.labels[i] === 0 ? 0 : 1;
  return m;
}
