// Head width (or length) in pixels from a head mask, for the head-size scale prior. Measured across
// the head, perpendicular to its "down" direction (towards face or neck), over the upper part of the
// head only, where neither shoulders nor ears widen it.
import type { ScaleCue } from './cues.js';

export type Axis = 'down' | 'up' | 'left' | 'right';

export interface HeadExtent {
  /** Robust widest extent across the head (90th percentile of line widths), px. */
  widthPx: number;
  /** Extent of the mask along the down direction, px. */
  lengthPx: number;
  /** The widest lines touch the photo frame: the width is a lower bound. */
  clipped: boolean;
}

/** Fraction of the head's extent (from its top) searched for the widest line, per view. */
const UPPER_PART: Record<string, number> = { top: 0.75, front: 0.55, back: 0.6, left: 0.6, right: 0.6, closeup: 1 };

/**
 * Measures a binary mask (1 = head) of width x height. `down` is the image direction towards the
 * face or neck: 'down' for upright photos.
 */
export function headExtent(mask: Uint8Array, width: number, height: number, down: Axis = 'down', view = 'top'): HeadExtent | null {
  if (mask.length !== width * height) throw new RangeError(`mask has ${mask.length} values, expected ${width * height}`);
  // Lines across the head run perpendicular to `down`; index them from the top of the head.
  const vertical = down === 'down' || down === 'up';
  const lines = vertical ? height : width;
  const along = vertical ? width : height;
  const at = (line: number, t: number): number => {
    const l = down === 'down' || down === 'right' ? line : lines - 1 - line;
    return vertical ? mask[l * width + t] : mask[t * width + l];
  };
  const lo = new Int32Array(lines).fill(-1), hi = new Int32Array(lines).fill(-1);
  let first = -1, last = -1;
  for (let l = 0; l < lines; l++) {
    for (let t = 0; t < along; t++) {
      if (!at(l, t)) continue;
      if (lo[l] < 0) lo[l] = t;
      hi[l] = t;
    }
    if (lo[l] >= 0) {
      if (first < 0) first = l;
      last = l;
    }
  }
  if (first < 0) return null;
  const upTo = first + Math.max(1, Math.round((last - first + 1) * (UPPER_PART[view] ?? 0.6)));
  const widths: { w: number; clipped: boolean }[] = [];
  for (let l = first; l < upTo; l++) {
    if (lo[l] < 0) continue;
    widths.push({ w: hi[l] - lo[l] + 1, clipped: lo[l] === 0 || hi[l] === along - 1 });
  }
  widths.sort((a, b) => a.w - b.w);
  const pick = widths[Math.min(widths.length - 1, Math.floor(0.9 * widths.length))];
  const clippedTop = widths.slice(Math.floor(0.8 * widths.length)).filter((w) => w.clipped).length;
  return { widthPx: pick.w, lengthPx: last - first + 1, clipped: clippedTop > 0.3 * (widths.length - Math.floor(0.8 * widths.length)) };
}

/** The head-size cue for a view: breadth for top/front/back, length for side views, none for close-ups. */
export function headCue(extent: HeadExtent, view: string): ScaleCue | null {
  if (view === 'closeup') return null;
  if (view === 'left' || view === 'right') {
    // In a profile the head's front-to-back length runs across the image.
    return { kind: 'headLength', lengthPx: extent.widthPx, clipped: extent.clipped };
  }
  return { kind: 'headBreadth', widthPx: extent.widthPx, clipped: extent.clipped };
}
