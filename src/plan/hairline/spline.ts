// Smooth curves through design points: centripetal Catmull-Rom (no cusps or loops between unevenly
// spaced points), resampled at an even arc-length step.
import type { Point } from './types.js';

function catmullRom(p0: Point, p1: Point, p2: Point, p3: Point, samples: number): Point[] {
  const t01 = Math.pow(Math.hypot(p1[0] - p0[0], p1[1] - p0[1]), 0.5) || 1e-6;
  const t12 = Math.pow(Math.hypot(p2[0] - p1[0], p2[1] - p1[1]), 0.5) || 1e-6;
  const t23 = Math.pow(Math.hypot(p3[0] - p2[0], p3[1] - p2[1]), 0.5) || 1e-6;
  const out: Point[] = [];
  for (let s = 0; s < samples; s++) {
    const u = s / samples;
    const p = [0, 0] as Point;
    for (let k = 0; k < 2; k++) {
      // Barry-Goldman pyramid with knots 0, t01, t01 + t12, t01 + t12 + t23.
      const t0 = 0, t1 = t01, t2 = t01 + t12, t3 = t2 + t23;
      const t = t1 + u * (t2 - t1);
      const a1 = ((t1 - t) / (t1 - t0)) * p0[k] + ((t - t0) / (t1 - t0)) * p1[k];
      const a2 = ((t2 - t) / (t2 - t1)) * p1[k] + ((t - t1) / (t2 - t1)) * p2[k];
      const a3 = ((t3 - t) / (t3 - t2)) * p2[k] + ((t - t2) / (t3 - t2)) * p3[k];
      const b1 = ((t2 - t) / (t2 - t0)) * a1 + ((t - t0) / (t2 - t0)) * a2;
      const b2 = ((t3 - t) / (t3 - t1)) * a2 + ((t - t1) / (t3 - t1)) * a3;
      p[k] = ((t2 - t) / (t2 - t1)) * b1 + ((t - t1) / (t2 - t1)) * b2;
    }
    out.push(p);
  }
  return out;
}

/** Dense curve through all points (ends included), then resampled every `step` px of arc length. */
export function smoothCurve(points: Point[], step: number): Point[] {
  if (points.length < 2) throw new RangeError(`a curve needs at least 2 points, got ${points.length}`);
  if (!(step > 0)) throw new RangeError(`step must be positive, got ${step}`);
  const ext: Point[] = [
    [2 * points[0][0] - points[1][0], 2 * points[0][1] - points[1][1]],
    ...points,
    [2 * points[points.length - 1][0] - points[points.length - 2][0], 2 * points[points.length - 1][1] - points[points.length - 2][1]],
  ];
  const dense: Point[] = [];
  for (let i = 1; i < ext.length - 2; i++) dense.push(...catmullRom(ext[i - 1], ext[i], ext[i + 1], ext[i + 2], 32));
  dense.push(points[points.length - 1]);
  return resample(dense, step);
}

/** Points every `step` px along a polyline (first and last kept). */
export function resample(line: Point[], step: number): Point[] {
  const out: Point[] = [line[0]];
  let carry = 0;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1], [bx, by] = line[i];
    const len = Math.hypot(bx - ax, by - ay);
    // an infinite segment (points near Number.MAX_VALUE) would never be walked to its end
    if (!Number.isFinite(len)) throw new RangeError(`polyline segment ${i} is not finite: (${line[i - 1]}) to (${line[i]})`);
    let at = step - carry;
    while (at <= len) {
      const u = at / len;
      out.push([ax + u * (bx - ax), ay + u * (by - ay)]);
      at += step;
    }
    carry = len - (at - step);
  }
  const last = line[line.length - 1];
  const tail = out[out.length - 1];
  if (Math.hypot(last[0] - tail[0], last[1] - tail[1]) > 0.25 * step) out.push(last);
  else out[out.length - 1] = last;
  return out;
}

/** Unit normals of a polyline (central differences), pointing to the left of travel in image coordinates. */
export function normals(line: Point[]): Point[] {
  return line.map((_, i) => {
    const a = line[Math.max(0, i - 1)], b = line[Math.min(line.length - 1, i + 1)];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    return [dy / len, -dx / len];
  });
}

export function polylineLength(line: Point[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) s += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
  return s;
}
