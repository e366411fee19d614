import { describe, expect, it } from 'vitest';
import { frameScale, maskToCopy, polygonToCopy, pxPerCmToCopy } from '../../../../src/vision/audit/input-frame.js';

describe('audit inputs in the photo frame, mapped onto the analysis copy', () => {
  const photo = { width: 4032, height: 3024 };
  const copy = { width: 1024, height: 768 };

  it('scales by the copy / photo ratio per axis', () => {
    expect(frameScale(photo, copy)).toEqual({ sx: 1024 / 4032, sy: 768 / 3024 });
    expect(() => frameScale({ width: 0, height: 10 }, copy)).toThrow(/photo size must be positive/);
    expect(() => frameScale(photo, { width: 10.5, height: 10 })).toThrow(/working copy size/);
  });

  it('maps polygon pixel centres to pixel centres: the photo\'s corners land on the copy\'s', () => {
    const poly = polygonToCopy([[-0.5, -0.5], [4031.5, -0.5], [4031.5, 3023.5], [2015.5, 1511.5]], photo, copy);
    expect(poly[0]).toEqual([-0.5, -0.5]);
    expect(poly[1][0]).toBeCloseTo(1023.5, 9);
    expect(poly[2][1]).toBeCloseTo(767.5, 9);
    expect(poly[3][0]).toBeCloseTo(511.5, 9);
    expect(poly[3][1]).toBeCloseTo(383.5, 9);
    // Same frame: unchanged.
    expect(polygonToCopy([[10, 20]], copy, copy)).toEqual([[10, 20]]);
  });

  it('scales pixels per cm with the photo (geometric mean of the axes)', () => {
    expect(pxPerCmToCopy(120, photo, copy)).toBeCloseTo(120 * (1024 / 4032), 9);
    expect(pxPerCmToCopy(50, { width: 200, height: 100 }, { width: 100, height: 25 })).toBeCloseTo(50 * Math.sqrt(0.5 * 0.25), 12);
  });

  it('resamples a mask by nearest neighbour: two-valued, the same share of scar', () => {
    // 8x4 mask, scar in the left half of the top two rows.
    const data = new Uint8Array(32);
    for (let y = 0; y < 2; y++) for (let x = 0; x < 4; x++) data[y * 8 + x] = 255;
    const half = maskToCopy({ width: 8, height: 4, data }, { width: 4, height: 2 });
    expect(Array.from(half.data)).toEqual([255, 255, 0, 0, 0, 0, 0, 0]);
    const double = maskToCopy({ width: 8, height: 4, data }, { width: 16, height: 8 });
    expect(double.data.filter((v) => v === 255).length).toBe(32); // a quarter of 16x8
    expect(new Set(double.data)).toEqual(new Set([0, 255]));
    const same = { width: 8, height: 4, data };
    expect(maskToCopy(same, { width: 8, height: 4 })).toBe(same);
    expect(() => maskToCopy({ width: 8, height: 4, data: new Uint8Array(5) }, { width: 4, height: 2 })).toThrow(/5 bytes, expected 32/);
  });
});
