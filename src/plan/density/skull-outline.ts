// Top views of a head whose hair is not found: skin far outside the skull is not scalp.
//
// Without a rim of hair to judge by (hair-rim.ts needs hair on a tenth of the head: Norwood 6-7 heads and
// grey stubble have less), arms, shoulders and knees the segmenter reads as skin join the bald head in the
// masks (L6-004's forearms and shoulders in ../shared): they were planned, and they widened the head the
// scale is read from. Seen from above a skull is a near-ellipse about 1.3 times longer than wide (about
// 200 x 155 mm), so the widest disc the head holds gives its breadth and centre; head cells well outside
// that ellipse are left out.
import { connectedComponents } from '../../vision/geometry/head.js';
import type { PreparedField } from './grid.js';
import type { Point } from './signed-distance.js';

export interface SkullOutlineOptions {
  /** Kept across the face axis: this many inscribed radii from the centre (the skull's half-breadth is one). */
  lateral: number;
  /** Kept along the face axis, in inscribed radii (the skull's half-length is about 1.3). */
  axial: number;
  /** Less than this share of the head to cut: nothing is cut. */
  minCutShare: number;
  /**
   * More than this share of the head to cut: the widest disc is not the skull's breadth (a glare or a
   * shadow read as background inside the head shrank it) and nothing is cut.
   */
  maxCutShare: number;
}

/**
 * On the 98 first top views of ../shared (`npm run eval:hairline -- --view top --every 1 --limit 98`), 4
 * plans are cut: L6-018 28.6 cm² (another person's arm at the edge), L6-024 27.7 (a shoulder), L6-028
 * 10.2 (an ear and a shoulder), L4-037 3.2. (L7-014's glasses, a piece of the head wholly inside the
 * ellipse, were cut too until such pieces were kept; they lie in front of the hairline anyway.)
 * At lateral 1.25, 14 were cut and L4-037 lost 21.6 cm² of its bald front's sides: its dark curly hair
 * reads as background, so the head is the bald patch alone and its widest disc is narrower than the skull.
 */
export const DEFAULT_SKULL_OUTLINE: SkullOutlineOptions = {
  lateral: 1.5,
  axial: 1.6,
  minCutShare: 0.005,
  maxCutShare: 0.45,
};

export interface SkullOutline {
  /** The head's cells within the skull's ellipse (less pieces an arm left inside it, cut off from the head). */
  head: Uint8Array;
  /** Head cells left out. */
  cut: number;
  /** The widest disc, the frame's edge not counting as the head's outline: centre (cells) and radius (cells), for checks and debugging. */
  centre: Point;
  radius: number;
}

/**
 * Distance (cells, 3-4 chamfer / 3) from each cell to the nearest cell of the grid that is not in `mask`;
 * cells beyond the grid's edge count as in it (`edgeOutside`: as outside it, one cell beyond the edge).
 * Infinity everywhere when the mask fills the grid and the edge is not outside.
 */
export function distanceToOutside(mask: Uint8Array, width: number, height: number, edgeOutside = false): Float32Array {
  if (mask.length !== width * height) throw new RangeError(`mask has ${mask.length} cells, expected ${width * height}`);
  const d = new Float32Array(mask.length);
  for (let c = 0; c < d.length; c++) d[c] = mask[c] ? Infinity : 0;
  const relax = (c: number, x: number, y: number, dx: number, dy: number, w: number): void => {
    const xx = x + dx, yy = y + dy;
    if (xx < 0 || yy < 0 || xx >= width || yy >= height) {
      if (edgeOutside && w < d[c]) d[c] = w;
      return;
    }
    const v = d[yy * width + xx] + w;
    if (v < d[c]) d[c] = v;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = y * width + x;
      if (d[c] === 0) continue;
      relax(c, x, y, -1, 0, 3); relax(c, x, y, 0, -1, 3); relax(c, x, y, -1, -1, 4); relax(c, x, y, 1, -1, 4);
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const c = y * width + x;
      if (d[c] === 0) continue;
      relax(c, x, y, 1, 0, 3); relax(c, x, y, 0, 1, 3); relax(c, x, y, 1, 1, 4); relax(c, x, y, -1, 1, 4);
    }
  }
  for (let c = 0; c < d.length; c++) d[c] /= 3;
  return d;
}

/**
 * The head cut to the skull's ellipse around its widest disc (`face`: unit image direction towards the
 * face, the ellipse's long axis). Null when there is nothing to judge by (the head fills the photo, or
 * has no cells) or the cut would take more than `maxCutShare`; `cut` 0 when under `minCutShare`.
 */
export function insideSkullOutline(field: PreparedField, face: Point, options: Partial<SkullOutlineOptions> = {}): SkullOutline | null {
  const o = { ...DEFAULT_SKULL_OUTLINE, ...options };
  if (!(o.lateral > 0 && o.axial > 0)) throw new RangeError(`lateral and axial must be positive, got ${o.lateral}, ${o.axial}`);
  const { grid, head } = field;
  const { width, height } = grid;
  const n = width * height;
  if (head.length !== n) throw new RangeError(`head has ${head.length} cells, expected ${n}`);
  const norm = Math.hypot(face[0], face[1]);
  if (!(norm > 0)) throw new RangeError('face direction must be a non-zero vector');
  const [fx, fy] = [face[0] / norm, face[1] / norm];

  let headCells = 0;
  for (let c = 0; c < n; c++) headCells += head[c] ? 1 : 0;
  // The widest disc twice: with the frame's edge as the head's (a head the photo cuts off keeps its
  // size) and as its outline (skin read beyond the frame, a floor or a wall, does not pull the disc
  // off the skull). A cell is cut only outside both ellipses.
  const widest = (edgeOutside: boolean): { centre: Point; radius: number } | null => {
    const dist = distanceToOutside(head, width, height, edgeOutside);
    let best = -1, radius = 0;
    for (let c = 0; c < n; c++) {
      if (head[c] && dist[c] > radius) {
        radius = dist[c];
        best = c;
      }
    }
    return best < 0 || !Number.isFinite(radius) ? null : { centre: [best % width, Math.floor(best / width)], radius };
  };
  const open = widest(false), framed = widest(true);
  if (!open || !framed) return null;
  const within = ({ centre: [cx, cy], radius }: { centre: Point; radius: number }, c: number): boolean => {
    const dx = (c % width) - cx, dy = Math.floor(c / width) - cy;
    const along = dx * fx + dy * fy, across = -dx * fy + dy * fx;
    return (along / (o.axial * radius)) ** 2 + (across / (o.lateral * radius)) ** 2 <= 1;
  };
  const inside = new Uint8Array(n);
  for (let c = 0; c < n; c++) if (head[c] && (within(open, c) || within(framed, c))) inside[c] = 1;
  // An arm clipped by the ellipse may leave a piece inside it, cut off from the head: such a piece (of a
  // head piece the ellipse crossed) goes too, unless it is the largest. A head piece wholly inside the
  // ellipse stays whole (a bald head split by hair read as background).
  const headPieces = connectedComponents(head, width, height).labels;
  const crossed = new Uint8Array(n + 1);
  for (let c = 0; c < n; c++) if (head[c] && !inside[c]) crossed[headPieces[c]] = 1;
  const { labels, sizes } = connectedComponents(inside, width, height);
  let largest = 0;
  for (let k = 1; k < sizes.length; k++) if (sizes[k] > sizes[largest]) largest = k;
  const dropPiece = new Uint8Array(sizes.length);
  for (let c = 0; c < n; c++) if (labels[c] && labels[c] !== largest && crossed[headPieces[c]]) dropPiece[labels[c]] = 1;
  const out = new Uint8Array(n);
  let cut = 0;
  for (let c = 0; c < n; c++) {
    if (!head[c]) continue;
    if (inside[c] && !dropPiece[labels[c]]) out[c] = 1;
    else cut++;
  }
  if (cut > o.maxCutShare * headCells) return null;
  const { centre, radius } = open;
  return cut < o.minCutShare * headCells ? { head: head.slice(), cut: 0, centre, radius } : { head: out, cut, centre, radius };
}
