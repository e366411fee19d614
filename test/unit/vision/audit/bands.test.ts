import { describe, expect, it } from 'vitest';
import { BAND_SURE_MARGIN, bandMargin, CHEON_BOUNDARIES, CHEON_MEANS, cheonBand } from '../../../../src/vision/audit/bands.js';
import { applyHomography, invert, multiply, similarity, transferError } from '../../../../src/vision/audit/homography.js';

describe('cheonBand', () => {
  it('puts boundaries at the midpoints of the Cheon 2010 means', () => {
    expect(CHEON_BOUNDARIES[0]).toBeCloseTo(7.0);
    expect(CHEON_BOUNDARIES[1]).toBeCloseTo(13.7);
    expect(CHEON_BOUNDARIES[2]).toBeCloseTo(23.45);
  });
  it('maps each published mean to its own band', () => {
    for (const [band, mean] of Object.entries(CHEON_MEANS)) expect(cheonBand(mean)).toBe(band);
  });
  it('is lower-inclusive at each boundary', () => {
    expect(cheonBand(0)).toBe('perfect');
    expect(cheonBand(6.999)).toBe('perfect');
    expect(cheonBand(7.0)).toBe('slight');
    expect(cheonBand(13.699)).toBe('slight');
    expect(cheonBand(13.7)).toBe('obvious');
    expect(cheonBand(23.449)).toBe('obvious');
    expect(cheonBand(23.45)).toBe('gross');
    expect(cheonBand(80)).toBe('gross');
  });
  it('refuses negative or non-numbers', () => {
    expect(() => cheonBand(-1)).toThrow(/non-negative/);
    expect(() => cheonBand(Number.NaN)).toThrow(/non-negative/);
  });
});

describe('homography helpers', () => {
  it('similarity rotates about the centre and shifts', () => {
    const h = similarity(90, 1, 5, -3, 10, 10);
    const [x, y] = applyHomography(h, 20, 10);
    expect(x).toBeCloseTo(15);
    expect(y).toBeCloseTo(17);
  });
  it('invert undoes and multiply composes', () => {
    const h = similarity(7, 1.03, 12, -8, 100, 80);
    const id = multiply(h, invert(h));
    const err = transferError(id, [1, 0, 0, 0, 1, 0, 0, 0, 1], { x0: 0, y0: 0, x1: 200, y1: 160 });
    expect(err.max).toBeLessThan(1e-9);
  });
});

describe('bandMargin', () => {
  it('is the distance to the nearest band boundary (7.0, 13.7, 23.45)', () => {
    expect(bandMargin(0)).toBeCloseTo(7, 10);
    expect(bandMargin(6.6)).toBeCloseTo(0.4, 10);
    expect(bandMargin(7.5)).toBeCloseTo(0.5, 10);
    expect(bandMargin(10.35)).toBeCloseTo(3.35, 10);
    expect(bandMargin(40)).toBeCloseTo(16.55, 10);
    // the format shift seen near 7.0 (6.6-7.5) is inside the margin a sure band needs
    expect(bandMargin(6.6)).toBeLessThan(BAND_SURE_MARGIN);
    expect(() => bandMargin(-1)).toThrow(/non-negative/);
  });
});
