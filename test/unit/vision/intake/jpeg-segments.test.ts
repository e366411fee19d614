import { describe, expect, it } from 'vitest';
import { jpegHeaderSegments } from '../../../../src/vision/intake/jpeg-segments.js';

const seg = (marker: number, payload: number[]) => [0xff, marker, 0, payload.length + 2, ...payload];

describe('jpegHeaderSegments', () => {
  it('yields each header segment with its payload bounds, skips fill bytes, and stops at the image data', () => {
    const bytes = Uint8Array.from([0xff, 0xd8, ...seg(0xfe, [65, 66]), 0xff, ...seg(0xdb, [0, 1, 2]), 0xff, 0xda, 0, 2, ...seg(0xfe, [9])]);
    expect([...jpegHeaderSegments(bytes)]).toEqual([
      { marker: 0xfe, payload: 6, end: 8 },
      { marker: 0xdb, payload: 13, end: 16 },
    ]);
  });

  it('yields nothing for bytes that are not a JPEG, and stops at a segment that does not fit', () => {
    expect([...jpegHeaderSegments(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))]).toEqual([]);
    const cut = Uint8Array.from([0xff, 0xd8, ...seg(0xe1, [1]), 0xff, 0xfe, 0, 40, 1, 2]);
    expect([...jpegHeaderSegments(cut)].map((s) => s.marker)).toEqual([0xe1]);
  });
});
