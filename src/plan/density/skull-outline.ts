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
  /**
   * Radius of the opening (in inscribed radii) that takes off what joins the skull through a neck
   * narrower than twice it: ears, and an arm or a shoulder at the frame's edge that the ellipse keeps
   * because the head fills the frame. 0: no opening.
   */
  openRadius: number;
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
 * With the opening (openRadius 0.13, session 39) 15 are cut: L6-018 45.2, L6-024 33.0, L7-014 11.6 (an
 * ear stalk; its hairline moved back off the glasses), L6-019 10.0, L6-028 10.2, L6-005 4.3, L7-011 3.7,
 * L5-013 3.5, L6-011 3.4, L4-037 3.2 (as before), L6-026 3.1, L7-016 2.9, L7-010 2.3, L7-017 2.3, L6-027 2.0.
 */
export const DEFAULT_SKULL_OUTLINE: SkullOutlineOptions = {
  lateral: 1.5,
  axial: 1.6,
  openRadius: 0.13,
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
 * The mask opened by a disc of radius r (cells), the union of the discs that fit in it, less its pieces
 * under a tenth of the largest: what sticks out thinner than 2r (an ear) or joins the head through a neck
 * that narrow goes, when it is at least half the disc's area; a skull's outline, curved far more gently,
 * stays as it is, and so does a large piece of it split off by glare read as background. The frame's
 * edge counts as inside.
 */
export function openedHead(mask: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const n = width * height;
  if (mask.length !== n) throw new RangeError(`mask has ${mask.length} cells, expected ${n}`);
  if (!(r >= 0)) throw new RangeError(`opening radius must be >= 0, got ${r}`);
  const inner = distanceToOutside(mask, width, height);
  const eroded = new Uint8Array(n);
  for (let c = 0; c < n; c++) eroded[c] = mask[c] && inner[c] > r ? 1 : 0;
  // distance from each cell to the nearest eroded cell: the cells outside `eroded` measure it
  const notEroded = new Uint8Array(n);
  for (let c = 0; c < n; c++) notEroded[c] = eroded[c] ? 0 : 1;
  const toEroded = distanceToOutside(notEroded, width, height);
  const opened = new Uint8Array(n);
  for (let c = 0; c < n; c++) opened[c] = mask[c] && (eroded[c] || toEroded[c] <= r) ? 1 : 0;
  // What the opening took that is smaller than half its disc stays: single cells of the outline (the
  // chamfer distances are approximate) and the tips of acute corners, not an ear.
  const removed = new Uint8Array(n);
  for (let c = 0; c < n; c++) removed[c] = mask[c] && !opened[c] ? 1 : 0;
  const bits = connectedComponents(removed, width, height);
  const minPiece = 0.5 * Math.PI * r * r;
  for (let c = 0; c < n; c++) if (bits.labels[c] && bits.sizes[bits.labels[c]] < minPiece) opened[c] = 1;
  const { labels, sizes } = connectedComponents(opened, width, height);
  let largest = 0;
  for (let k = 1; k < sizes.length; k++) if (sizes[k] > sizes[largest]) largest = k;
  const out = new Uint8Array(n);
  if (largest === 0) return out;
  for (let c = 0; c < n; c++) if (labels[c] && sizes[labels[c]] >= 0.1 * sizes[largest]) out[c] = 1;
  return out;
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
  const kept = new Uint8Array(n);
  for (let c = 0; c < n; c++) if (head[c] && inside[c] && !dropPiece[labels[c]]) kept[c] = 1;
  const opened = o.openRadius > 0 ? openedHead(kept, width, height, o.openRadius * open.radius) : kept;
  const out = new Uint8Array(n);
  let cut = 0;
  for (let c = 0; c < n; c++) {
    if (!head[c]) continue;
    if (opened[c]) out[c] = 1;
    else cut++;
  }
  if (cut > o.maxCutShare * headCells) return null;
  const { centre, radius } = open;
  return cut < o.minCutShare * headCells ? { head: head.slice(), cut: 0, centre, radius } : { head: out, cut, centre, radius };
}
