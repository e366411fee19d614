// Top views: skin beyond the head's rim of hair is not scalp.
//
// Seen from above, every Norwood stage keeps hair round the back and sides of the head (the horseshoe,
// the donor area): the head's outline there is hair. Skin further out than that hair, away from the
// face, is a hand holding the camera, a shoulder or an arm, or a wall read as skin, that touches the
// head in the masks (L4-010, L3-051, L5-020 in ../shared). Towards the face the bald front runs to the hairline
// with no hair beyond it, so that sector is left to the hairline. A head whose hair is not found (grey
// stubble read as skin, L6-024) has no rim to judge by and is left as it is.
import { and, dilate, erode } from '../../vision/colour/masks.js';
import { connectedComponents } from '../../vision/geometry/head.js';
import type { PreparedField } from './grid.js';
import type { Point } from './signed-distance.js';
import type { HairRimOptions as RimShapeOptions } from '../../vision/scars/on-head.js';

/**
 * The rim's shape options are the scar search's (vision/scars/on-head.ts, which judges pixels beyond the
 * same rim), there per pixel, here per cell; the plan cuts whole skin pieces, so it adds the two below and
 * needs no hair-speck floor.
 */
export type HairRimOptions = Omit<RimShapeOptions, 'minHairPiece'> & {
  /** A skin piece with at least this share of its cells beyond the rim is cut (never the bald scalp's own piece). */
  minBeyondShare: number;
  /** Less than this share of the head to cut (a few specks at the rim's edge): nothing is cut. */
  minCutShare: number;
};

export const DEFAULT_HAIR_RIM: HairRimOptions = {
  frontHalfAngleDeg: 75,
  windowDeg: 6,
  margin: 0.02,
  minBand: 0.03,
  minHairShare: 0.1,
  minReach: 0.7,
  minBeyondShare: 0.5,
  minCutShare: 0.005,
};

export interface HairRim {
  /** The head's cells without the pieces cut (all of them in the face's sector). */
  head: Uint8Array;
  /** Head cells left out, beyond the rim. */
  cut: number;
}

const BINS = 180;

/**
 * The head without the skin pieces that lie beyond its rim of hair, seen from the hair's centre, away
 * from the face (`face`: unit image direction towards it). Null when there is no rim to judge by (hair on
 * under `minHairShare` of the head: a shaved head, or grey stubble read as skin): the head is then left
 * as it is. Directions where no hair reaches near the head's outline (`minReach`) judge nothing.
 */
export function insideHairRim(field: PreparedField, face: Point, options: Partial<HairRimOptions> = {}): HairRim | null {
  const o = { ...DEFAULT_HAIR_RIM, ...options };
  const { grid, head, probs } = field;
  const { width, height } = grid;
  const n = width * height;
  if (head.length !== n) throw new RangeError(`head has ${head.length} cells, expected ${n}`);
  if (probs.length !== 4 * n) throw new RangeError(`probs has ${probs.length} values, expected 4 planes of ${n}`);
  const ground = probs.subarray(0, n), hairP = probs.subarray(2 * n, 3 * n);
  const norm = Math.hypot(face[0], face[1]);
  if (!(norm > 0)) throw new RangeError('face direction must be a non-zero vector');
  const [fx, fy] = [face[0] / norm, face[1] / norm];

  const hair = new Uint8Array(n);
  let headCells = 0, hairCells = 0, cx = 0, cy = 0;
  for (let c = 0; c < n; c++) {
    if (!head[c]) continue;
    headCells++;
    if (hairP[c] < 0.5) continue;
    hair[c] = 1;
    hairCells++;
    cx += c % width;
    cy += Math.floor(c / width);
  }
  if (hairCells < o.minHairShare * headCells || hairCells === 0) return null;
  cx /= hairCells;
  cy /= hairCells;

  const binOf = (dx: number, dy: number): number => {
    const a = Math.atan2(dy, dx); // -pi..pi
    return Math.min(BINS - 1, Math.floor(((a + Math.PI) / (2 * Math.PI)) * BINS));
  };
  const front = Math.cos((o.frontHalfAngleDeg * Math.PI) / 180);
  const inFront = (dx: number, dy: number, r: number): boolean => r === 0 || (dx * fx + dy * fy) / r > front;

  /** Per direction from the hair's centre, the furthest cell of `mask` (-1: none). */
  const furthestPerBin = (mask: Uint8Array): Float32Array => {
    const out = new Float32Array(BINS).fill(-1);
    for (let c = 0; c < n; c++) {
      if (!mask[c]) continue;
      const dx = (c % width) - cx, dy = Math.floor(c / width) - cy;
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
  for (let b = 0; b < BINS; b++) {
    for (let k = -half; k <= half; k++) reach[b] = Math.max(reach[b], rim[(b + k + BINS) % BINS]);
  }
  const margin = o.margin * rimRadius;
  // Skin pieces (head cells neither hair nor background, 4-connected) are cut whole, outside the face's
  // sector, when at least half of their cells there (minBeyondShare) lie beyond the rim. Background cells join nothing: a shadow
  // between the rim and a shoulder must not join the shoulder to the scalp. The bald scalp's own piece is
  // never cut, even where hair the masks missed (a grey rim read as skin) leaves it "beyond" the hair
  // that was found: of the pieces at least a tenth the size of the largest, the one nearest the hair's
  // centre (a hand or a shoulder lies further out).
  const bare = new Uint8Array(n);
  for (let c = 0; c < n; c++) bare[c] = head[c] && !hair[c] && ground[c] < 0.5 ? 1 : 0;
  const { labels, sizes } = connectedComponents(bare, width, height);
  const beyond = new Int32Array(sizes.length);
  const awayCells = new Int32Array(sizes.length); // cells outside the face's sector
  const nearest = new Float64Array(sizes.length).fill(Infinity);
  const facing = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    const k = labels[c];
    if (!k) continue;
    const dx = (c % width) - cx, dy = Math.floor(c / width) - cy;
    const r = Math.hypot(dx, dy);
    if (r < nearest[k]) nearest[k] = r;
    if (inFront(dx, dy, r)) {
      facing[c] = 1;
      continue;
    }
    awayCells[k]++;
    const b = binOf(dx, dy);
    if (reach[b] >= o.minReach * rimRadius && r > reach[b] + margin) beyond[k]++;
  }
  let largestSize = 0;
  for (let k = 1; k < sizes.length; k++) largestSize = Math.max(largestSize, sizes[k]);
  let scalpPiece = 0;
  for (let k = 1; k < sizes.length; k++) {
    if (sizes[k] >= 0.1 * largestSize && (scalpPiece === 0 || nearest[k] < nearest[scalpPiece])) scalpPiece = k;
  }
  const drop = sizes.map((_, k) => k !== 0 && k !== scalpPiece && beyond[k] > 0 && beyond[k] >= o.minBeyondShare * awayCells[k]);
  const out = new Uint8Array(n);
  let cut = 0;
  for (let c = 0; c < n; c++) {
    if (!head[c]) continue;
    if (drop[labels[c]] && !facing[c]) cut++;
    else out[c] = 1;
  }
  return cut < o.minCutShare * headCells ? { head: head.slice(), cut: 0 } : { head: out, cut };
}
