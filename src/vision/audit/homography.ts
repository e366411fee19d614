// 3x3 homographies as row-major 9-tuples, and the small algebra the audit needs on them.

export type Homography = [number, number, number, number, number, number, number, number, number];

export const IDENTITY: Homography = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function applyHomography(h: readonly number[], x: number, y: number): [number, number] {
  const w = h[6] * x + h[7] * y + h[8];
  return [(h[0] * x + h[1] * y + h[2]) / w, (h[3] * x + h[4] * y + h[5]) / w];
}

export function multiply(a: readonly number[], b: readonly number[]): Homography {
  const r = new Array<number>(9);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) r[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
  return r as Homography;
}

export function invert(h: readonly number[]): Homography {
  const [a, b, c, d, e, f, g, k, l] = h;
  const A = e * l - f * k;
  const B = -(d * l - f * g);
  const C = d * k - e * g;
  const det = a * A + b * B + c * C;
  if (Math.abs(det) < 1e-12) throw new RangeError('homography is singular');
  const r = [A, -(b * l - c * k), b * f - c * e, B, a * l - c * g, -(a * f - c * d), C, -(a * k - b * g), a * e - b * d];
  return r.map((v) => v / det) as Homography;
}

/** Rotation by deg about (cx, cy), then a shift (tx, ty): the similarity the test pairs are made with. */
export function similarity(deg: number, scale: number, tx: number, ty: number, cx: number, cy: number): Homography {
  const t = (deg * Math.PI) / 180;
  const c = Math.cos(t) * scale;
  const s = Math.sin(t) * scale;
  return [c, -s, cx - c * cx + s * cy + tx, s, c, cy - s * cx - c * cy + ty, 0, 0, 1];
}

/** Largest and mean distance between where two homographies send a grid of points inside a rectangle. */
export function transferError(a: readonly number[], b: readonly number[], rect: { x0: number; y0: number; x1: number; y1: number }, steps = 10): { max: number; mean: number } {
  let max = 0;
  let sum = 0;
  let n = 0;
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const x = rect.x0 + ((rect.x1 - rect.x0) * i) / steps;
      const y = rect.y0 + ((rect.y1 - rect.y0) * j) / steps;
      const p = applyHomography(a, x, y);
      const q = applyHomography(b, x, y);
      const e = Math.hypot(p[0] - q[0], p[1] - q[1]);
      max = Math.max(max, e);
      sum += e;
      n++;
    }
  }
  return { max, mean: sum / n };
}
