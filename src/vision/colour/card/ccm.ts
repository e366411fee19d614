// Colour-correction matrix: the 3x3 linear-light matrix M minimising Σ‖M·measured − reference‖² over
// the usable patches (ordinary least squares, one output channel at a time).
import type { LinearRgb } from '../convert.js';
import type { Matrix3 } from '../correction.js';

export function invert3(m: Matrix3): Matrix3 | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (!Number.isFinite(det) || Math.abs(det) < 1e-12) return null;
  return [A / det, -(b * i - c * h) / det, (b * f - c * e) / det, B / det, (a * i - c * g) / det, -(a * f - c * d) / det, C / det, -(a * h - b * g) / det, (a * e - b * d) / det];
}

export function fitCcm(measured: readonly LinearRgb[], reference: readonly LinearRgb[]): Matrix3 | null {
  if (measured.length !== reference.length) throw new RangeError(`fitCcm: ${measured.length} measured vs ${reference.length} reference colours`);
  if (measured.length < 3) return null;
  const A: Matrix3 = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const B: number[][] = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let k = 0; k < measured.length; k++) {
    const m = measured[k];
    const r = reference[k];
    for (let p = 0; p < 3; p++) {
      for (let q = 0; q < 3; q++) A[p * 3 + q] += m[p] * m[q];
      for (let c = 0; c < 3; c++) B[c][p] += r[c] * m[p];
    }
  }
  const inv = invert3(A);
  if (!inv) return null;
  const out = new Array<number>(9);
  for (let c = 0; c < 3; c++) for (let q = 0; q < 3; q++) out[c * 3 + q] = inv[q * 3] * B[c][0] + inv[q * 3 + 1] * B[c][1] + inv[q * 3 + 2] * B[c][2];
  return out as Matrix3;
}
