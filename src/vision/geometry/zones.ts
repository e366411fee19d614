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

export function emptyTally(): Tally {
  return { hair: 0, skin: 0, scar: 0, pixels: 0 };
}

export function baldOf(t: Tally): number | null {
  const total = t.hair + t.skin + t.scar;
  return total > 0 ? (t.skin + t.scar) / total : null;
}
