import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { pointToPhoto, pointToUpright, turnedDownscaled } from '../../../../src/models/face-landmarks/upright.js';
import type { RgbImage } from '../../../../src/vision/image.js';

const TURNS = [0, 90, 180, 270] as const;

/** 8 x 4 grey image, red top-right pixel. */
function marked(): RgbImage {
  const w = 8, h = 4, data = new Uint8Array(w * h * 3).fill(90);
  data.set([255, 0, 0], (w - 1) * 3);
  return { width: w, height: h, data };
}

async function turnedClockwise(img: RgbImage, deg: number): Promise<RgbImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).rotate(deg).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function redAt(img: RgbImage): [number, number] {
  for (let i = 0; i < img.width * img.height; i++) if (img.data[3 * i] > 200 && img.data[3 * i + 1] < 60) return [i % img.width, Math.floor(i / img.width)];
  throw new Error('no red pixel');
}

describe('upright view of a turned photo', () => {
  it.each(TURNS)('turns a photo turned clockwise by %i back upright, and maps points back', async (deg) => {
    const upright = marked();
    const photo = await turnedClockwise(upright, deg);
    const view = await turnedDownscaled(photo, deg, 100);
    expect([view.image.width, view.image.height]).toEqual([8, 4]);
    expect(redAt(view.image)).toEqual([7, 0]);
    // The red pixel's centre in the upright view lands on the red pixel's centre in the photo.
    const [x, y] = pointToPhoto([7.5, 0.5], view);
    const [rx, ry] = redAt(photo);
    expect(x).toBeCloseTo(rx + 0.5, 9);
    expect(y).toBeCloseTo(ry + 0.5, 9);
  });
  it('downscales to the longer side and scales points back', async () => {
    const view = await turnedDownscaled({ width: 400, height: 200, data: new Uint8Array(400 * 200 * 3) }, 90, 100);
    expect([view.image.width, view.image.height, view.scale]).toEqual([50, 100, 0.25]);
    expect(pointToPhoto([50, 0], view)).toEqual([400, 200]); // upright top-right corner = the photo's bottom-right
  });
  it.each(TURNS)('pointToUpright undoes pointToPhoto (%i)', (deg) => {
    const view = { orientation: deg, scale: 1, width: 30, height: 20 };
    for (const p of [[0, 0], [3.5, 7.25], [29, 1]] as [number, number][]) {
      const q = pointToUpright(pointToPhoto(p, view), deg, 30, 20);
      expect(q[0]).toBeCloseTo(p[0], 9);
      expect(q[1]).toBeCloseTo(p[1], 9);
    }
  });
  it('checks its arguments', async () => {
    expect(() => pointToPhoto([0, 0], { orientation: 45 as 0, scale: 1, width: 2, height: 2 })).toThrow(/0, 90, 180 or 270, got 45/);
    await expect(turnedDownscaled(marked(), 0, 0)).rejects.toThrow(/maxSide must be >= 1/);
  });
});
