// isGreyscalePhoto: black-and-white photos (channels equal to within JPEG noise) against colour ones.
import { describe, expect, it } from 'vitest';
import { GREY_CHANNEL_SPREAD, GREY_PHOTO_SHARE, isGreyscalePhoto } from '../../../../src/vision/colour/greyscale.js';
import type { RgbImage } from '../../../../src/vision/image.js';

/** A w x h photo whose pixel i is rgb(i). */
function photo(w: number, h: number, rgb: (i: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb(i), 3 * i);
  return { width: w, height: h, data };
}

describe('isGreyscalePhoto', () => {
  it('takes equal channels, and channels within the JPEG spread, as grey', () => {
    expect(isGreyscalePhoto(photo(64, 48, (i) => [i % 256, i % 256, i % 256]))).toBe(true);
    const s = GREY_CHANNEL_SPREAD;
    expect(isGreyscalePhoto(photo(64, 48, (i) => [100 + (i % (s + 1)), 100, 100 + ((i * 7) % (s + 1))]))).toBe(true);
  });

  it('takes a colour photo, or a grey one with a small coloured patch, as colour', () => {
    expect(isGreyscalePhoto(photo(64, 48, () => [205, 150, 125]))).toBe(false);
    // 3 % of the pixels skin-coloured: over the 2 % a black-and-white photo may hold
    const n = 100 * 100;
    const patch = Math.ceil((1 - GREY_PHOTO_SHARE) * n) + 100;
    expect(isGreyscalePhoto(photo(100, 100, (i) => (i < patch ? [205, 150, 125] : [120, 120, 120])))).toBe(false);
    // a spread of one code more than allowed is colour
    expect(isGreyscalePhoto(photo(64, 48, () => [100 + GREY_CHANNEL_SPREAD + 1, 100, 100]))).toBe(false);
  });

  it('samples large photos and checks its argument', () => {
    expect(isGreyscalePhoto(photo(1024, 768, (i) => [i % 200, i % 200, i % 200]))).toBe(true);
    expect(() => isGreyscalePhoto({ width: 2, height: 2, data: new Uint8Array(5) })).toThrow(/expected 12 bytes/);
  });
});
