import { describe, expect, it } from 'vitest';
import { overlayPixels } from '../../../src/vision/overlay.js';
import { labelledScene } from './scene-fixture.js';

// 4 pixels in a row, all grey 100: background, skin, hair, scar
const { img, seg } = labelledScene(4, 1, (x) => ({ rgb: [100, 100, 100], cls: x }));
const pixel = (o: { data: Uint8Array }, i: number) => Array.from(o.data.slice(3 * i, 3 * i + 3));

describe('overlayPixels', () => {
  it('dims the background, leaves skin, tints hair green and scar magenta', () => {
    const o = overlayPixels(img, seg);
    expect(pixel(o, 0)).toEqual([45, 45, 45]); // 100 x (1 - 0.55)
    expect(pixel(o, 1)).toEqual([100, 100, 100]);
    expect(pixel(o, 2)).toEqual([73, 145, 96]); // 0.55 x 100 + 0.45 x (40, 200, 90)
    expect(pixel(o, 3)).toEqual([185, 61, 165]); // 0.35 x 100 + 0.65 x (230, 40, 200)
  });

  it('with the reported scars mask: magenta only there, an unreported scar pixel left as skin', () => {
    expect(pixel(overlayPixels(img, seg, Uint8Array.from([0, 0, 0, 0])), 3)).toEqual([100, 100, 100]);
    const o = overlayPixels(img, seg, Uint8Array.from([0, 1, 0, 1]));
    // a reported scar pixel the segmentation called skin (a mark found on the tiles) is magenta too
    expect(pixel(o, 1)).toEqual([185, 61, 165]);
    expect(pixel(o, 3)).toEqual([185, 61, 165]);
    expect(pixel(o, 0)).toEqual([45, 45, 45]);
    expect(pixel(o, 2)).toEqual([73, 145, 96]);
  });

  it('refuses a mask or a segmentation of another size', () => {
    expect(() => overlayPixels(img, seg, new Uint8Array(3))).toThrow(/scar mask has 3 pixels, the segmentation 4/);
    expect(() => overlayPixels(img, { ...seg, width: 2 })).toThrow(/segmentation is 2x1 but the image is 4x1/);
  });
});
