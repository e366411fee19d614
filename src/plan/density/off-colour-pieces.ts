// Bare pieces of another colour than the scalp: cloth, a cushion or a painted wall read as skin.
//
// The segmenter takes a red cushion (L3-057's front view, beside the head) or an orange wall (L3-038's)
// for skin, and the plan put dots on it. Seen in one photo, the scalp's skin is one colour give or take
// its light; such pieces are far from it and more saturated than skin. Shine and shadow on the scalp
// are as far in lightness but less saturated, so saturation is what tells them apart.
import { barePieces, mostlyScar, withoutPieces } from './bare-pieces.js';
import { deltaE00, linearToLab, type Lab } from '../../vision/colour/convert.js';
import type { PreparedField } from './grid.js';

export interface OffColourOptions {
  /** A piece this far (CIEDE2000) from the scalp's colour ... */
  minDeltaE00: number;
  /** ... and at least this much more saturated (C*ab) is cut. */
  minExtraChroma: number;
  /** Pieces under this share of the head's cells are left as they are. */
  minPieceShare: number;
}

export const DEFAULT_OFF_COLOUR: OffColourOptions = { minDeltaE00: 30, minExtraChroma: 8, minPieceShare: 0.001 };

export interface OffColourCut {
  head: Uint8Array;
  /** Head cells left out. */
  cut: number;
}

const chroma = (lab: Lab): number => Math.hypot(lab[1], lab[2]);

/**
 * The head without its bare pieces (head cells not hair, more skin or scar than background; 4-connected)
 * whose mean colour is far from the largest piece's, the scalp's, and more saturated; never one that is
 * mostly scar. `colours`: each cell's mean linear-light RGB, planar [3][cells] (holes.ts cellLinearRgb).
 */
export function outsideOffColourPieces(field: PreparedField, colours: Float32Array, options: Partial<OffColourOptions> = {}): OffColourCut {
  const o = { ...DEFAULT_OFF_COLOUR, ...options };
  const n = field.grid.width * field.grid.height;
  if (colours.length !== 3 * n) throw new RangeError(`colours has ${colours.length} values, expected 3 planes of ${n}`);
  const pieces = barePieces(field);
  const { labels, sizes } = pieces;
  const sums = new Float64Array(3 * sizes.length);
  for (let c = 0; c < n; c++) {
    const k = labels[c];
    if (!k) continue;
    for (let p = 0; p < 3; p++) sums[3 * k + p] += colours[p * n + c];
  }
  let scalp = 0;
  for (let k = 1; k < sizes.length; k++) if (sizes[k] > (sizes[scalp] ?? 0)) scalp = k;
  if (!scalp) return { head: field.head.slice(), cut: 0 };
  const labOf = (k: number): Lab => linearToLab(sums[3 * k] / sizes[k], sums[3 * k + 1] / sizes[k], sums[3 * k + 2] / sizes[k]);
  const scalpLab = labOf(scalp);
  const drop = new Uint8Array(sizes.length);
  for (let k = 1; k < sizes.length; k++) {
    // A piece that is mostly scar stays: a red, raised or pale scar is what the camouflage is for.
    if (k === scalp || sizes[k] < o.minPieceShare * pieces.headCells || mostlyScar(pieces, k)) continue;
    const lab = labOf(k);
    if (deltaE00(lab, scalpLab) >= o.minDeltaE00 && chroma(lab) >= chroma(scalpLab) + o.minExtraChroma) drop[k] = 1;
  }
  return withoutPieces(field.head, labels, drop);
}
