import { describe, expect, it } from 'vitest';
import { greyWorldBalanced, greyWorldGains } from '../../../../src/vision/colour/grey-world.js';
import type { RgbImage } from '../../../../src/vision/image.js';

const image = (pixels: [number, number, number][]): RgbImage => ({ width: pixels.length, height: 1, data: new Uint8Array(pixels.flat()) });

describe('greyWorldGains', () => {
  it('scales each channel mean to the mean of the three', () => {
    // Means 150, 100, 50: their average is 100.
    const g = greyWorldGains(image([[200, 100, 40], [100, 100, 60]]));
    expect(g[0]).toBeCloseTo(100 / 150, 10);
    expect(g[1]).toBeCloseTo(1, 10);
    expect(g[2]).toBeCloseTo(2, 10);
  });

  it('clamps the gains and leaves a black channel or a black photo alone', () => {
    // Average 103.33: blue would need 10.3x.
    const g = greyWorldGains(image([[200, 100, 10]]), 2.5);
    expect(g[0]).toBeCloseTo(103.333 / 200, 4);
    expect(g[1]).toBeCloseTo(1.0333, 4);
    expect(g[2]).toBe(2.5);
    expect(greyWorldGains(image([[10, 200, 300 - 210]]), 1)).toEqual([1, 1, 1]);
    expect(greyWorldGains(image([[90, 90, 0]]))).toEqual([60 / 90, 60 / 90, 1]);
    expect(greyWorldGains(image([[0, 0, 0]]))).toEqual([1, 1, 1]);
  });

  it('checks its arguments', () => {
    expect(() => greyWorldGains(image([[1, 2, 3]]), 0.5)).toThrow(/maxGain must be >= 1, got 0.5/);
    expect(() => greyWorldGains({ width: 2, height: 1, data: new Uint8Array(3) })).toThrow(/expected 6 bytes of RGB, got 3/);
  });
});

describe('greyWorldBalanced', () => {
  it('gives equal channel means, clipping at 255, and leaves the input untouched', () => {
    const img = image([[200, 100, 40], [100, 100, 60]]);
    const out = greyWorldBalanced(img);
    expect([...out.data]).toEqual([133, 100, 80, 67, 100, 120]);
    expect([...img.data]).toEqual([200, 100, 40, 100, 100, 60]);
    // Means 250, 100, 250 (average 200): green doubles and 200 clips.
    expect([...greyWorldBalanced(image([[250, 200, 250], [250, 0, 250]])).data]).toEqual([200, 255, 200, 200, 0, 200]);
  });
});
