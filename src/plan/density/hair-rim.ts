// Top views: skin beyond the head's rim of hair is not scalp.
//
// Seen from above, every Norwood stage keeps hair round the back and sides of the head (the horseshoe,
// the donor area): the head's outline there is hair. Skin further out than that hair, away from the
// face, is a hand holding the camera, a shoulder or an arm, or a wall read as skin, that touches the
// head in the masks (L4-010, L3-051, L5-020 in ../shared). Towards the face the bald front runs to the hairline
// with no hair beyond it, so that sector is left to the hairline. A head whose hair is not found (grey
// stubble read as skin, L6-024) has no rim to judge by and is left as it is.
import { connectedComponents } from '../../vision/geometry/head.js';
import { rimOfHair, type RimOptions } from '../../vision/geometry/rim-of-hair.js';
import type { PreparedField } from './grid.js';
import type { Point } from './signed-distance.js';

/** The rim's shape (vision/geometry/rim-of-hair.ts, shared with the scar search), and how the plan cuts beyond it. */
export type HairRimOptions = RimOptions & {
  /** Hair on fewer than this share of the head's cells: a shaved head, no rim to judge by. */
  minHairShare: number;
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
  if (!(Math.hypot(face[0], face[1]) > 0)) throw new RangeError('face direction must be a non-zero vector');
  const ground = probs.subarray(0, n), hairP = probs.subarray(2 * n, 3 * n);

  const hair = new Uint8Array(n);
  let headCells = 0, hairCells = 0;
  for (let c = 0; c < n; c++) {
    if (!head[c]) continue;
    headCells++;
    if (hairP[c] < 0.5) continue;
    hair[c] = 1;
    hairCells++;
  }
  if (hairCells < o.minHairShare * headCells) return null;
  const rim = rimOfHair(hair, width, height, face, o);
  if (!rim) return null;
  const [cx, cy] = rim.centre;

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
    const x = c % width, y = Math.floor(c / width);
    const r = Math.hypot(x - cx, y - cy);
    if (r < nearest[k]) nearest[k] = r;
    if (rim.facing(x, y)) {
      facing[c] = 1;
      continue;
    }
    awayCells[k]++;
    if (rim.beyond(x, y)) beyond[k]++;
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
