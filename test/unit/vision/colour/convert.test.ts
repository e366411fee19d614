import { describe, expect, it } from 'vitest';
import { deltaE00, deltaE76, hexToLab, labToHex, linearToSrgb8, srgb8ToLab, SRGB_TO_LINEAR, type Lab } from '../../../../src/vision/colour/convert.js';

// sRGB (D65) -> CIELAB (D65) reference values (IEC 61966-2-1 primaries; e.g. Lindbloom's calculator).
const SRGB_LAB: [[number, number, number], Lab][] = [
  [[255, 255, 255], [100, 0, 0]],
  [[0, 0, 0], [0, 0, 0]],
  [[255, 0, 0], [53.2408, 80.0925, 67.2032]],
  [[0, 255, 0], [87.7347, -86.1827, 83.1793]],
  [[0, 0, 255], [32.297, 79.1875, -107.8602]],
  [[128, 128, 128], [53.585, 0, 0]],
];

// Sharma, Wu & Dalal (2005), Table 1: all 34 CIEDE2000 test pairs.
const SHARMA: [number, number, number, number, number, number, number][] = [
  [50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
  [50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
  [50, 2.8361, -74.02, 50, 0, -82.7485, 3.4412],
  [50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0],
  [50, -1.1848, -84.8006, 50, 0, -82.7485, 1.0],
  [50, -0.9009, -85.5211, 50, 0, -82.7485, 1.0],
  [50, 0, 0, 50, -1, 2, 2.3669],
  [50, -1, 2, 50, 0, 0, 2.3669],
  [50, 2.49, -0.001, 50, -2.49, 0.0009, 7.1792],
  [50, 2.49, -0.001, 50, -2.49, 0.001, 7.1792],
  [50, 2.49, -0.001, 50, -2.49, 0.0011, 7.2195],
  [50, 2.49, -0.001, 50, -2.49, 0.0012, 7.2195],
  [50, -0.001, 2.49, 50, 0.0009, -2.49, 4.8045],
  [50, -0.001, 2.49, 50, 0.001, -2.49, 4.8045],
  [50, -0.001, 2.49, 50, 0.0011, -2.49, 4.7461],
  [50, 2.5, 0, 50, 0, -2.5, 4.3065],
  [50, 2.5, 0, 73, 25, -18, 27.1492],
  [50, 2.5, 0, 61, -5, 29, 22.8977],
  [50, 2.5, 0, 56, -27, -3, 31.903],
  [50, 2.5, 0, 58, 24, 15, 19.4535],
  [50, 2.5, 0, 50, 3.1736, 0.5854, 1.0],
  [50, 2.5, 0, 50, 3.2972, 0, 1.0],
  [50, 2.5, 0, 50, 1.8634, 0.5757, 1.0],
  [50, 2.5, 0, 50, 3.2592, 0.335, 1.0],
  [60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
  [63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
  [61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
  [35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
  [22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
  [36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
  [90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
  [90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
  [6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
  [2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082],
];

describe('sRGB -> CIELAB (D65) through culori', () => {
  it.each(SRGB_LAB)('%j -> %j', (rgb, lab) => {
    const got = srgb8ToLab(rgb[0], rgb[1], rgb[2]);
    // 0.02: published tables differ in the 4th digit of the D65 white point and the sRGB matrix.
    for (let c = 0; c < 3; c++) expect(Math.abs(got[c] - lab[c])).toBeLessThan(0.02);
  });

  it('decodes sRGB code values with the IEC 61966-2-1 curve', () => {
    expect(SRGB_TO_LINEAR[0]).toBe(0);
    expect(SRGB_TO_LINEAR[255]).toBeCloseTo(1, 12);
    expect(SRGB_TO_LINEAR[10]).toBeCloseTo(10 / 255 / 12.92, 12); // linear toe below 0.04045
    expect(SRGB_TO_LINEAR[128]).toBeCloseTo(0.2158605, 6);
  });

  it('takes code values only: a fractional or out-of-range value is an error, not a black', () => {
    expect(() => srgb8ToLab(143.7, 100, 90)).toThrow(/integer code values 0..255, got 143.7, 100, 90/);
    expect(() => srgb8ToLab(256, 0, 0)).toThrow(RangeError);
    expect(() => srgb8ToLab(0, -1, 0)).toThrow(RangeError);
    expect(() => srgb8ToLab(0, 0, Number.NaN)).toThrow(RangeError);
  });

  it('round-trips code values through linear light', () => {
    for (let v = 0; v < 256; v += 17) expect(linearToSrgb8(SRGB_TO_LINEAR[v])).toBe(v);
  });

  it('round-trips hex through Lab', () => {
    for (const hex of ['#f6ede4', '#a07e56', '#292420', '#808080']) expect(labToHex(hexToLab(hex))).toBe(hex);
  });
});

describe('colour differences', () => {
  it.each(SHARMA.map((r, i) => [i + 1, ...r] as const))('CIEDE2000 Sharma pair %i', (_i, L1, a1, b1, L2, a2, b2, want) => {
    expect(deltaE00([L1, a1, b1], [L2, a2, b2])).toBeCloseTo(want, 4);
    expect(deltaE00([L2, a2, b2], [L1, a1, b1])).toBeCloseTo(want, 4);
  });

  it('CIE76 is the Euclidean distance in Lab', () => {
    expect(deltaE76([50, 0, 0], [53, 4, 0])).toBeCloseTo(5, 10);
  });
});
