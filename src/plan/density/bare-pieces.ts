// The head's bare pieces, which the plan's piece rules (rim-pieces.ts, off-colour-pieces.ts) judge whole.
import { connectedComponents } from '../../vision/geometry/head.js';
import type { PreparedField } from './grid.js';

export interface BarePieces {
  /** Piece of each cell (0: not bare), 4-connected. */
  labels: Int32Array;
  /** Cells per piece (index 0 unused). */
  sizes: number[];
  /** Cells per piece the segmenter reads as scar (≥ 0.5). */
  scarCells: Int32Array;
  /** Head cells in all. */
  headCells: number;
}

/**
 * Bare cells: head cells that are not hair and read more as skin or scar than background (not the
 * head's edge, where hair and background share a cell), in 4-connected pieces.
 */
export function barePieces(field: PreparedField): BarePieces {
  const { grid, head, probs } = field;
  const n = grid.width * grid.height;
  if (head.length !== n) throw new RangeError(`head has ${head.length} cells, expected ${n}`);
  if (probs.length !== 4 * n) throw new RangeError(`probs has ${probs.length} values, expected 4 planes of ${n}`);
  const ground = probs.subarray(0, n), skinP = probs.subarray(n, 2 * n), hairP = probs.subarray(2 * n, 3 * n), scarP = probs.subarray(3 * n, 4 * n);
  const bare = new Uint8Array(n);
  let headCells = 0;
  for (let c = 0; c < n; c++) {
    headCells += head[c];
    bare[c] = head[c] && hairP[c] < 0.5 && skinP[c] + scarP[c] > ground[c] ? 1 : 0;
  }
  const { labels, sizes } = connectedComponents(bare, grid.width, grid.height);
  const scarCells = new Int32Array(sizes.length);
  for (let c = 0; c < n; c++) if (labels[c] && scarP[c] >= 0.5) scarCells[labels[c]]++;
  return { labels, sizes, scarCells, headCells };
}

/** Whether a piece is mostly scar: a scar is scalp to camouflage, whatever its place or colour. */
export const mostlyScar = (pieces: BarePieces, k: number): boolean => pieces.scarCells[k] >= 0.5 * pieces.sizes[k];

/** The head without the pieces marked in `drop` (by piece), and how many cells went. */
export function withoutPieces(head: Uint8Array, labels: Int32Array, drop: ArrayLike<number | boolean>): { head: Uint8Array; cut: number } {
  const out = head.slice();
  let cut = 0;
  for (let c = 0; c < out.length; c++) {
    if (out[c] && drop[labels[c]]) {
      out[c] = 0;
      cut++;
    }
  }
  return { head: out, cut };
}
