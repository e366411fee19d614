import { describe, expect, it } from 'vitest';
import { cropRgb, scarTiles, stitchTiles } from '../../../../src/vision/scars/tiles.js';
import type { Segmentation } from '../../../../src/vision/image.js';

describe('scarTiles', () => {
  it('gives four corner tiles of 55 % of each side that cover the image and overlap in the middle', () => {
    const tiles = scarTiles(100, 60);
    expect(tiles).toEqual([
      { x: 0, y: 0, width: 55, height: 33 },
      { x: 45, y: 0, width: 55, height: 33 },
      { x: 0, y: 27, width: 55, height: 33 },
      { x: 45, y: 27, width: 55, height: 33 },
    ]);
    const covered = new Uint8Array(100 * 60);
    for (const t of tiles) for (let y = t.y; y < t.y + t.height; y++) for (let x = t.x; x < t.x + t.width; x++) covered[y * 100 + x]++;
    expect(Math.min(...covered)).toBe(1);
    expect(covered[30 * 100 + 50]).toBe(4); // the centre lies in all four
  });

  it('checks its arguments', () => {
    expect(() => scarTiles(1, 10)).toThrow(/integers >= 2, got 1x10/);
    expect(() => scarTiles(10, 10, 0.4)).toThrow(/frac must be in \[0.5, 1\], got 0.4/);
  });
});

describe('cropRgb', () => {
  it('copies the box row by row', () => {
    const img = { width: 4, height: 3, data: Uint8Array.from({ length: 36 }, (_, i) => i) };
    const c = cropRgb(img, { x: 1, y: 1, width: 2, height: 2 });
    expect([c.width, c.height]).toEqual([2, 2]);
    // pixel (1,1) starts at 3 * (1 * 4 + 1) = 15; (1,2) at 27
    expect([...c.data]).toEqual([15, 16, 17, 18, 19, 20, 27, 28, 29, 30, 31, 32]);
    expect(() => cropRgb(img, { x: 3, y: 0, width: 2, height: 1 })).toThrow(/not inside the 4x3 image/);
  });
});

describe('stitchTiles', () => {
  const tile = (width: number, height: number, p: number[]): Segmentation => {
    const n = width * height;
    const probs = new Float32Array(p.length * n);
    p.forEach((v, c) => probs.fill(v, c * n, (c + 1) * n));
    return { width, height, probs, labels: new Uint8Array(n).fill(p.indexOf(Math.max(...p))) };
  };

  it('averages the class probabilities where tiles overlap and takes the arg-max', () => {
    // 3 x 1 image: tile A covers x 0-1, tile B x 1-2
    const s = stitchTiles(3, 1, [
      { box: { x: 0, y: 0, width: 2, height: 1 }, seg: tile(2, 1, [0.2, 0.8]) },
      { box: { x: 1, y: 0, width: 2, height: 1 }, seg: tile(2, 1, [0.9, 0.1]) },
    ]);
    expect([...s.probs].map((v) => Math.round(v * 100) / 100)).toEqual([0.2, 0.55, 0.9, 0.8, 0.45, 0.1]);
    expect([...s.labels]).toEqual([1, 0, 0]);
  });

  it('refuses a pixel no tile covers and a segmentation of the wrong size', () => {
    expect(() => stitchTiles(3, 1, [{ box: { x: 0, y: 0, width: 2, height: 1 }, seg: tile(2, 1, [1, 0]) }])).toThrow(/pixel 2,0 is in no tile/);
    expect(() => stitchTiles(3, 1, [{ box: { x: 0, y: 0, width: 3, height: 1 }, seg: tile(2, 1, [1, 0]) }])).toThrow(/a 2x1 segmentation for a 3x1 tile/);
  });
});
