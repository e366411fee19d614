// Signed distance (px) from every cell centre to a hairline polyline: positive on the scalp side,
// negative on the face side. The line continues past each end straight across the head (along its
// end-to-end chord, from its outermost points), so it splits the whole photo: what lies beside an end and
// on the face's side of it (a front view's cheek, ear and neck below the temple) is face. The ends' own last segments
// used to continue instead: a hairline's last segment is about 1 mm long and wobbled at random, so a front
// view's line ending at the temple, its last step pointing down, put the cheek, ear and shoulder on the scalp
// side (2,931 of 4,162 dots of a held-out plan, review of session 45).
// Hairlines run from the head's image-left end to its image-right end with the face ahead (`down`),
// which puts the scalp on the left of travel (y down); the side is read from the line itself, so a
// line drawn the other way round works too.
//
// Only distances up to `reach` matter (the feathered band); beyond it a value of the right sign and
// at least `reach` is enough. Blocks of 8x8 cells far from the line take their centre's value, the
// rest are computed per cell against the few segments that can be nearest: ~50x less work than
// every cell against every segment.
import type { FieldGrid } from './grid.js';

export type Point = [number, number];

const BLOCK = 8;

/** True when the scalp (away from `down`) lies to the right of travel near the line's middle. */
export function scalpOnRight(points: Point[], down: Point): boolean {
  const i = Math.max(0, Math.floor(points.length / 2) - 1);
  const a = points[i], b = points[Math.min(points.length - 1, i + 1)];
  const dx = b[0] - a[0], dy = b[1] - a[1];
  // cross(travel, -down) > 0: -down points to the right of travel (y down).
  return dx * -down[1] - dy * -down[0] > 0;
}

interface Segments {
  ax: Float64Array;
  ay: Float64Array;
  ux: Float64Array;
  uy: Float64Array;
  len: Float64Array;
  count: number;
}

function segments(points: Point[]): Segments {
  const count = points.length - 1;
  const s: Segments = {
    ax: new Float64Array(count), ay: new Float64Array(count), ux: new Float64Array(count), uy: new Float64Array(count), len: new Float64Array(count), count,
  };
  for (let k = 0; k < count; k++) {
    s.ax[k] = points[k][0];
    s.ay[k] = points[k][1];
    const dx = points[k + 1][0] - s.ax[k], dy = points[k + 1][1] - s.ay[k];
    s.len[k] = Math.hypot(dx, dy) || 1e-9;
    s.ux[k] = dx / s.len[k];
    s.uy[k] = dy / s.len[k];
  }
  return s;
}

/** Squared distance from (px, py) to segment k (rays at the ends) and the side (cross > 0: right of travel). */
function toSegment(s: Segments, k: number, px: number, py: number, out: { d2: number; cross: number }): void {
  const rx = px - s.ax[k], ry = py - s.ay[k];
  let t = rx * s.ux[k] + ry * s.uy[k];
  if (t < 0 && k > 0) t = 0;
  else if (t > s.len[k] && k < s.count - 1) t = s.len[k];
  const qx = rx - t * s.ux[k], qy = ry - t * s.uy[k];
  out.d2 = qx * qx + qy * qy;
  out.cross = s.ux[k] * ry - s.uy[k] * rx;
}

/** How far back from each end (share of the end-to-end chord, by arc length) a turning-back tail is looked for. */
const END_TAIL = 0.05;

/**
 * The line with a point far out past each end, along its end-to-end chord (across the head, and tilted
 * with it). A tail that turns back inwards within END_TAIL of an end (a pen's flick as it lifts, the
 * roughened end's wobble) is left out, so the line continues from its outermost point: from a point
 * behind it, the cells whose nearest point was that end took the turned step's side, a wedge of face on
 * the scalp side (review of session 45). A line whose ends lie nearly on one line with `down` (no
 * across) is left as it is.
 */
export function withEndsAcross(points: Point[], down: Point, far: number): Point[] {
  const first = points[0], last = points[points.length - 1];
  const cx = last[0] - first[0], cy = last[1] - first[1];
  const chord = Math.hypot(cx, cy);
  if (chord === 0) return points;
  const along = (cx * down[0] + cy * down[1]) / (Math.hypot(down[0], down[1]) || 1);
  if (Math.sqrt(Math.max(0, chord * chord - along * along)) < 0.25 * chord) return points;
  const ux = cx / chord, uy = cy / chord;
  const proj = (p: Point) => p[0] * ux + p[1] * uy;
  const outermost = (from: number, step: 1 | -1, better: (a: number, b: number) => boolean): number => {
    let best = from, arc = 0;
    for (let i = from + step; i >= 0 && i < points.length; i += step) {
      arc += Math.hypot(points[i][0] - points[i - step][0], points[i][1] - points[i - step][1]);
      if (arc > END_TAIL * chord) break;
      if (better(proj(points[i]), proj(points[best]))) best = i;
    }
    return best;
  };
  const lo = outermost(0, 1, (a, b) => a < b);
  const hi = outermost(points.length - 1, -1, (a, b) => a > b);
  const kept = hi > lo ? points.slice(lo, hi + 1) : points;
  const a = kept[0], b = kept[kept.length - 1];
  return [[a[0] - far * ux, a[1] - far * uy], ...kept, [b[0] + far * ux, b[1] + far * uy]];
}

export function signedDistance(points: Point[], down: Point, grid: FieldGrid, reach = Infinity): Float32Array {
  if (points.length < 2) throw new RangeError(`a hairline needs at least 2 points, got ${points.length}`);
  const right = scalpOnRight(points, down) ? 1 : -1;
  const { width, height, cellPx } = grid;
  const s = segments(withEndsAcross(points, down, 4 * (width + height) * cellPx));
  const out = new Float32Array(width * height);
  const hit = { d2: 0, cross: 0 };
  const segDist = new Float64Array(s.count);
  const near: number[] = [];
  const blockRadius = (BLOCK * cellPx * Math.SQRT2) / 2;
  for (let by = 0; by < height; by += BLOCK) {
    for (let bx = 0; bx < width; bx += BLOCK) {
      const bw = Math.min(BLOCK, width - bx), bh = Math.min(BLOCK, height - by);
      const cx = (bx + bw / 2) * cellPx, cy = (by + bh / 2) * cellPx;
      let best = Infinity, side = 0;
      for (let k = 0; k < s.count; k++) {
        toSegment(s, k, cx, cy, hit);
        segDist[k] = Math.sqrt(hit.d2);
        if (hit.d2 < best) {
          best = hit.d2;
          side = hit.cross;
        }
      }
      const centre = Math.sqrt(best);
      const sign = side >= 0 ? right : -right;
      if (centre - blockRadius > reach) {
        for (let y = by; y < by + bh; y++) out.fill(sign * centre, y * width + bx, y * width + bx + bw);
        continue;
      }
      // Segments that can be nearest to some cell of the block.
      near.length = 0;
      for (let k = 0; k < s.count; k++) if (segDist[k] <= centre + 2 * blockRadius) near.push(k);
      for (let y = by; y < by + bh; y++) {
        const py = (y + 0.5) * cellPx;
        for (let x = bx; x < bx + bw; x++) {
          const px = (x + 0.5) * cellPx;
          let b2 = Infinity, sd = 0;
          for (const k of near) {
            toSegment(s, k, px, py, hit);
            if (hit.d2 < b2) {
              b2 = hit.d2;
              sd = hit.cross;
            }
          }
          out[y * width + x] = (sd >= 0 ? right : -right) * Math.sqrt(b2);
        }
      }
    }
  }
  return out;
}
