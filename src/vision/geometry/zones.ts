// Canonical scalp zones per view, as rectangles in the head box of the canonical frame (upright; profiles
// mirrored so the face is on the left), and the measurements taken in them. Person's left temple is on the
// image right in front and top views (the camera faces the person), and the visible temple in a profile.
import type { HeadView, ZoneName } from './types.js';

/** [u0, u1, v0, v1]: fractions of the head box width (u, left to right) and height (v, top to bottom). */
export type Rect = [number, number, number, number];

export const ZONE_LAYOUTS: Record<HeadView, Partial<Record<ZoneName, Rect[]>>> = {
  // seen from above, forehead at the bottom of the frame, back of the head at the top
  top: {
    frontal: [[0.28, 0.72, 0.72, 0.97]],
    templeRight: [[0.06, 0.28, 0.55, 0.88]],
    templeLeft: [[0.72, 0.94, 0.55, 0.88]],
    midScalp: [[0.25, 0.75, 0.4, 0.72]],
    crown: [[0.25, 0.75, 0.08, 0.4]],
    donor: [[0.2, 0.8, 0, 0.08], [0, 0.1, 0.1, 0.55], [0.9, 1, 0.1, 0.55]],
  },
  // forehead at the bottom, shot from above the face: the hairline and the front half of the top
  front: {
    frontal: [[0.3, 0.7, 0.5, 0.85]],
    templeRight: [[0.06, 0.3, 0.4, 0.8]],
    templeLeft: [[0.7, 0.94, 0.4, 0.8]],
    midScalp: [[0.25, 0.75, 0.15, 0.5]],
    crown: [[0.3, 0.7, 0, 0.15]],
  },
  // profile, face to the left: front of the scalp on the left, crown top-right, donor fringe low right
  left: {
    frontal: [[0.05, 0.3, 0.1, 0.45]],
    templeLeft: [[0.25, 0.5, 0.3, 0.6]],
    midScalp: [[0.3, 0.6, 0, 0.3]],
    crown: [[0.6, 0.88, 0.02, 0.35]],
    donor: [[0.65, 1, 0.4, 0.8]],
  },
  right: {
    frontal: [[0.05, 0.3, 0.1, 0.45]],
    templeRight: [[0.25, 0.5, 0.3, 0.6]],
    midScalp: [[0.3, 0.6, 0, 0.3]],
    crown: [[0.6, 0.88, 0.02, 0.35]],
    donor: [[0.65, 1, 0.4, 0.8]],
  },
  // back of the head, neck at the bottom
  back: {
    midScalp: [[0.3, 0.7, 0, 0.12]],
    crown: [[0.28, 0.72, 0.1, 0.45]],
    donor: [[0.12, 0.88, 0.5, 0.88]],
  },
};

/**
 * Where a view may show the face, in the same head box fractions: hair there is a beard, a moustache or
 * the brows, not the hair SMP matches. Profiles: below the temple zone and in front of the donor zone (the
 * jaw and cheek; the ear sits at its back edge). Front views: the lowest third of the box, where a photo
 * taken face-on (not from above the forehead) shows brows and moustache. A top view shows no face.
 */
export const FACE_RECTS: Record<HeadView, Rect[]> = {
  top: [],
  front: [[0, 1, 0.65, 1]],
  left: [[0, 0.6, 0.6, 1]],
  right: [[0, 0.6, 0.6, 1]],
  back: [],
};

/** Head box height as a multiple of its width per view: the rest below is face, neck or body. */
export const BOX_ASPECT: Record<HeadView, number> = { top: 1.15, front: 1.0, left: 0.85, right: 0.85, back: 1.0 };

export const GRID = 4;

/** Bald fraction (skin + scar over all scalp classes) of a set of pixels. */
export interface Tally {
  hair: number;
  skin: number;
  scar: number;
  pixels: number;
}

/** A box in the canonical frame, pixel edges: [x0, x1) × [y0, y1). */
export interface CanonicalBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * The cells [xa, xb) × [ya, yb) a zone rect covers in `box` (floor of the start, ceiling of the end,
 * clipped to the width × height frame); null for an empty box.
 */
export function rectCells(box: CanonicalBox, r: Rect, width: number, height: number): [number, number, number, number] | null {
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  if (bw <= 0 || bh <= 0) return null;
  return [
    Math.max(0, Math.floor(box.x0 + r[0] * bw)),
    Math.min(width, Math.ceil(box.x0 + r[1] * bw)),
    Math.max(0, Math.floor(box.y0 + r[2] * bh)),
    Math.min(height, Math.ceil(box.y0 + r[3] * bh)),
  ];
}

/** 1 on the head cells (`head`, width × height) inside any of `rects` placed in `box` (rectCells). */
export function cellsInRects(head: Uint8Array, width: number, height: number, box: CanonicalBox, rects: readonly Rect[]): Uint8Array {
  if (head.length !== width * height) throw new RangeError(`cellsInRects: head has ${head.length} cells, expected ${width * height}`);
  const out = new Uint8Array(head.length);
  for (const r of rects) {
    const cells = rectCells(box, r, width, height);
    if (!cells) continue;
    const [xa, xb, ya, yb] = cells;
    for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) out[y * width + x] = head[y * width + x];
  }
  return out;
}

/**
 * A mask scaled to another size by nearest neighbour (cell centres): the working grid's masks onto the
 * photo's pixels.
 */
export function scaleMask(mask: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  if (mask.length !== width * height) throw new RangeError(`scaleMask: mask has ${mask.length} cells, expected ${width * height}`);
  if (!(outWidth > 0 && outHeight > 0 && Number.isInteger(outWidth) && Number.isInteger(outHeight))) {
    throw new RangeError(`scaleMask: output size must be positive integers, got ${outWidth}x${outHeight}`);
  }
  const out = new Uint8Array(outWidth * outHeight);
  const xs = new Int32Array(outWidth);
  for (let x = 0; x < outWidth; x++) xs[x] = Math.min(width - 1, Math.floor(((x + 0.5) * width) / outWidth));
  for (let y = 0; y < outHeight; y++) {
    const row = Math.min(height - 1, Math.floor(((y + 0.5) * height) / outHeight)) * width;
    for (let x = 0; x < outWidth; x++) out[y * outWidth + x] = mask[row + xs[x]];
  }
  return out;
}

export function emptyTally(): Tally {
  return { hair: 0, skin: 0, scar: 0, pixels: 0 };
}

export function baldOf(t: Tally): number | null {
  const total = t.hair + t.skin + t.scar;
  return total > 0 ? (t.skin + t.scar) / total : null;
}
