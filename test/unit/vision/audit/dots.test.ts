import { beforeAll, describe, expect, it } from 'vitest';
import { detectDots, dotDensity } from '../../../../src/vision/audit/dots.js';
import { loadOpenCv, type OpenCv } from '../../../../src/vision/audit/opencv.js';

let cv: OpenCv;
beforeAll(async () => {
  cv = await loadOpenCv();
});

/** Flat L* = 70 plane with dark discs (L* 40) of radius r on a grid, optionally blurred by a box. */
function plane(w: number, h: number, centres: [number, number][], r: number, soft = false): Float32Array {
  const L = new Float32Array(w * h).fill(70);
  for (const [cx, cy] of centres) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
        const cover = soft ? Math.exp(-(d * d) / (2 * (2 * r) ** 2)) : Math.max(0, Math.min(1, r + 0.5 - d));
        L[y * w + x] -= 30 * cover;
      }
    }
  }
  return L;
}

describe('detectDots', () => {
  const w = 120;
  const h = 120;
  const all = new Uint8Array(w * h).fill(1);
  const box = { x0: 0, y0: 0, x1: w - 1, y1: h - 1 };
  const grid: [number, number][] = [];
  for (let y = 15; y < h - 10; y += 15) for (let x = 15; x < w - 10; x += 15) grid.push([x + 0.3, y + 0.7]);

  for (const r of [1.2, 2, 3.5]) {
    it(`finds every crisp dot of radius ${r} once, at its centre`, () => {
      const dots = detectDots(cv, plane(w, h, grid, r), w, h, all, box);
      expect(dots.length).toBe(grid.length);
      for (const [cx, cy] of grid) {
        const near = dots.filter((d) => Math.hypot(d.x + 0.5 - cx, d.y + 0.5 - cy) <= 1.5);
        expect(near.length).toBe(1);
        expect(near[0].contrast).toBeGreaterThan(10);
      }
    });
  }

  it('ignores a flat plane and dots fainter than minContrast', () => {
    expect(detectDots(cv, new Float32Array(w * h).fill(60), w, h, all, box)).toEqual([]);
    const faint = plane(w, h, grid, 2).map((v) => 70 - (70 - v) / 10); // 3 L* dots
    expect(detectDots(cv, faint, w, h, all, box)).toEqual([]);
  });

  it('reports wider edges for spread (blurred) dots than for crisp ones', () => {
    const crisp = detectDots(cv, plane(w, h, grid, 2), w, h, all, box);
    const soft = detectDots(cv, plane(w, h, grid, 2, true), w, h, all, box);
    const med = (v: number[]) => v.sort((a, b) => a - b)[v.length >> 1];
    expect(soft.length).toBeGreaterThan(0);
    expect(med(soft.map((d) => d.edgeWidthPx))).toBeGreaterThan(1.6 * med(crisp.map((d) => d.edgeWidthPx)));
  });

  it('only returns dots whose centres lie in the region', () => {
    const left = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) left.fill(1, y * w, y * w + 60);
    const dots = detectDots(cv, plane(w, h, grid, 2), w, h, left, box);
    expect(dots.length).toBe(grid.filter(([x]) => x < 60).length);
  });
});

describe('dotDensity', () => {
  it('counts per 1000 px² and per cm² with a scale', () => {
    expect(dotDensity(5, 2000)).toEqual({ per1000Px2: 2.5, perCm2: null });
    expect(dotDensity(5, 2000, 100).perCm2).toBeCloseTo(25);
  });
});
