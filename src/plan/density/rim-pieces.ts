// Top and front views: bare pieces at the skull's rim, away from the face, are not scalp to pigment.
//
// Seen from above, the skull's outer band away from the face is the sides and back, which keep hair at
// every Norwood stage (the horseshoe). A bare piece there, apart from the bald scalp itself, is an ear,
// a wall or cloth showing through the hair's edge, read as skin (L3-057's red cushion, L4-021's wall):
// the skull ellipse (skull-ellipse.ts) keeps it, as it lies inside the skull's outline, and the plan put
// dots on it. Front views taken from above show the top of the head at the rim away from the face: there
// a wall or a cushion beside the head is cut (L3-038), and now and then a thinning patch (L3-017).
import { barePieces, mostlyScar, withoutPieces } from './bare-pieces.js';
import { ellipseRadius, type Ellipse } from './skull-ellipse.js';
import type { PreparedField } from './grid.js';
import type { Point } from './signed-distance.js';

export interface RimPiecesOptions {
  /** The rim band starts at this share of the skull ellipse's radius. */
  rimRadius: number;
  /** Half-angle (degrees) of the sector facing the face, never judged: the bald front runs to the hairline there. */
  frontHalfAngleDeg: number;
  /** A piece with at least this share of its cells outside the face's sector in the rim band is cut. */
  minRimShare: number;
  /** Pieces under this share of the head's cells are left as they are (specks: a cut of 0.0 cm² said nothing). */
  minPieceShare: number;
}

export const DEFAULT_RIM_PIECES: RimPiecesOptions = { rimRadius: 0.85, frontHalfAngleDeg: 75, minRimShare: 0.5, minPieceShare: 0.001 };

export interface RimPiecesCut {
  head: Uint8Array;
  /** Head cells left out. */
  cut: number;
}

/**
 * The head without its bare pieces (head cells not hair, more skin or scar than background; 4-connected) that lie mostly
 * in the skull's rim band away from the face (`face`: unit image direction towards it). The bald scalp's
 * own piece is never cut: of the pieces at least a tenth the size of the largest that reach inside the
 * rim band, the one nearest the ellipse's centre; nor is a piece that is mostly scar.
 */
export function outsideRimPieces(field: PreparedField, skull: Ellipse, face: Point, options: Partial<RimPiecesOptions> = {}): RimPiecesCut {
  const o = { ...DEFAULT_RIM_PIECES, ...options };
  const { width } = field.grid;
  const faceLength = Math.hypot(face[0], face[1]);
  if (!(faceLength > 0)) throw new RangeError('face direction must be a non-zero vector');
  if (!(o.rimRadius > 0 && o.rimRadius < 1)) throw new RangeError(`rimRadius must be in (0, 1), got ${o.rimRadius}`);
  const pieces = barePieces(field);
  const { labels, sizes } = pieces;
  const cosFront = Math.cos((o.frontHalfAngleDeg * Math.PI) / 180);
  const [fx, fy] = [face[0] / faceLength, face[1] / faceLength];
  const rimCells = new Int32Array(sizes.length);
  const nearest = new Float64Array(sizes.length).fill(Infinity);
  for (let c = 0; c < labels.length; c++) {
    const k = labels[c];
    if (!k) continue;
    const x = c % width, y = Math.floor(c / width);
    const r = ellipseRadius(skull, x, y);
    if (r < nearest[k]) nearest[k] = r;
    const dx = x - skull.cx, dy = y - skull.cy, d = Math.hypot(dx, dy);
    const facing = d > 0 && (dx * fx + dy * fy) / d >= cosFront;
    if (!facing && r >= o.rimRadius) rimCells[k]++;
  }
  let largest = 0;
  for (let k = 1; k < sizes.length; k++) largest = Math.max(largest, sizes[k]);
  let scalpPiece = 0;
  // A piece wholly in the rim band is never the scalp's, however large (a head full of hair has none).
  for (let k = 1; k < sizes.length; k++) {
    if (nearest[k] < o.rimRadius && sizes[k] >= 0.1 * largest && (scalpPiece === 0 || nearest[k] < nearest[scalpPiece])) scalpPiece = k;
  }
  // A piece that is mostly scar stays: a strip-harvest line in the donor area is scalp to camouflage.
  const drop = sizes.map(
    (size, k) => k !== 0 && k !== scalpPiece && size >= o.minPieceShare * pieces.headCells && rimCells[k] >= o.minRimShare * size && !mostlyScar(pieces, k),
  );
  return withoutPieces(field.head, labels, drop);
}
