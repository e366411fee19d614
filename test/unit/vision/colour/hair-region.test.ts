import { describe, expect, it } from 'vitest';
import { scalpHairRegion } from '../../../../src/vision/colour/hair-region.js';

describe('scalpHairRegion', () => {
  // a 2 x 2 working grid whose left column is scalp, scaled onto a 4 x 4 photo
  const geometry = { scalpRegion: { width: 2, height: 2, mask: Uint8Array.from([1, 0, 1, 0]) } };

  it('scales the geometry scalp region to the photo', () => {
    expect(Array.from(scalpHairRegion(geometry, 4, 4)!)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
  });

  it('leaves out the pixels the face test claims (pixel centres)', () => {
    const onFace = (_x: number, y: number) => y > 2; // the two bottom rows
    expect(Array.from(scalpHairRegion(geometry, 4, 4, onFace)!)).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives no region without a scalp region (no head, a close-up): every hair pixel counts', () => {
    expect(scalpHairRegion({ scalpRegion: null }, 4, 4)).toBeUndefined();
  });
});
