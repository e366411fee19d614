// A top view's rim of hair, seen from the hair's centre: how far the hair reaches in each direction.
//
// Seen from above, every Norwood stage keeps hair round the back and sides of the head (the horseshoe,
// the donor area): the head's outline there is hair, and what lies further out, away from the face, is
// not the head (a hand, a shoulder, an arm). Towards the face the bald front runs to the hairline with no
// hair beyond it, so that sector judges nothing. Two users, on any grid: the plan cuts skin pieces beyond
// the rim on its cell grid (plan/density/hair-rim.ts), the scar search drops scars beyond it on the
// photo's pixels (vision/scars/on-head.ts).
import { and, dilate, erode } from '../colour/masks.js';

export interface RimOptions {
  /** Half-angle (degrees) of the sector round the face direction that judges nothing: the bald front runs to the hairline. */
  frontHalfAngleDeg: number;
  /** Half-width (degrees) of the angular window over which the furthest rim hair is looked for: gaps in the rim are still rim. */
  windowDeg: number;
  /** A point this far beyond the rim (share of the rim's median radius) is not beyond it: the rim's own edge. */
  margin: number;
  /** Hair thinner than this (share of the rim's median radius) is no rim: wisps and stray hairs. */
  minBand: number;
  /**
   * A direction whose furthest rim hair is nearer the hair's centre than this share of the rim's median
   * radius has no rim there (a bald crown between the sides of a horseshoe, or a band of hair across the
   * head with the back's grey rim missed): nothing is beyond it.
   */
  minReach: number;
}

export interface RimOfHair {
  /** The hair's centre (x, y on the mask's grid). */
  centre: [number, number];
  /** Whether (x, y) lies in the sector round the face (the centre itself included). */
  facing(x: number, y: number): boolean;
  /** Whether (x, y) lies beyond the rim, outside the face's sector. */
  beyond(x: number, y: number): boolean;
}

const BINS = 180;

/**
 * The rim of the hair mask `hair` (1 = hair; width x height), with `face` the image direction towards the
 * face (any length but zero). Null when the mask holds no hair.
 */
export function rimOfHair(hair: Uint8Array, width: number, height: number, face: [number, number], o: RimOptions): RimOfHair | null {
  const n = width * height;
  if (hair.length !== n) throw new RangeError(`hair has ${hair.length} entries, expected ${n}`);
  const norm = Math.hypot(face[0], face[1]);
  if (!(norm > 0)) throw new RangeError(`face direction must be a non-zero vector, got [${face.join(', ')}]`);
  const [fx, fy] = [face[0] / norm, face[1] / norm];
  let cx = 0, cy = 0, count = 0;
  for (let i = 0; i < n; i++) {
    if (!hair[i]) continue;
    cx += i % width;
    cy += Math.floor(i / width);
    count++;
  }
  if (count === 0) return null;
  cx /= count;
  cy /= count;

  const binOf = (dx: number, dy: number): number => Math.min(BINS - 1, Math.floor(((Math.atan2(dy, dx) + Math.PI) / (2 * Math.PI)) * BINS));
  /** Per direction from the hair's centre, the furthest point of `mask` (-1: none). */
  const furthestPerBin = (mask: Uint8Array): Float32Array => {
    const out = new Float32Array(BINS).fill(-1);
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const dx = (i % width) - cx, dy = Math.floor(i / width) - cy;
      const b = binOf(dx, dy), r = Math.hypot(dx, dy);
      if (r > out[b]) out[b] = r;
    }
    return out;
  };
  // The rim's size first (furthest hair per direction, before wisps are taken out), to scale the rest.
  const radii = Array.from(furthestPerBin(hair)).filter((r) => r > 0).sort((a, b) => a - b);
  if (radii.length === 0) return null;
  const rimRadius = radii[Math.floor(radii.length / 2)];
  // Rim hair: hair that survives an opening of minBand (stray hairs and wisps do not).
  const band = Math.max(1, Math.round((o.minBand * rimRadius) / 2));
  const rim = furthestPerBin(and(dilate(erode(hair, width, height, band), width, height, band), hair));
  const half = Math.max(0, Math.round((o.windowDeg / 360) * BINS));
  const reach = new Float32Array(BINS).fill(-1);
  for (let b = 0; b < BINS; b++) for (let k = -half; k <= half; k++) reach[b] = Math.max(reach[b], rim[(b + k + BINS) % BINS]);

  const front = Math.cos((o.frontHalfAngleDeg * Math.PI) / 180);
  const facing = (x: number, y: number): boolean => {
    const dx = x - cx, dy = y - cy;
    const r = Math.hypot(dx, dy);
    return r === 0 || (dx * fx + dy * fy) / r > front;
  };
  return {
    centre: [cx, cy],
    facing,
    beyond: (x, y) => {
      if (facing(x, y)) return false;
      const dx = x - cx, dy = y - cy;
      const b = binOf(dx, dy);
      return reach[b] >= o.minReach * rimRadius && Math.hypot(dx, dy) > reach[b] + o.margin * rimRadius;
    },
  };
}
