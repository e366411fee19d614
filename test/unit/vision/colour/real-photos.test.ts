// Real photos from ../shared with synthetic colour casts, and a synthetic chart composited into a real
// photo. Masks come from the teacher (fixed, third-party) so that these colour-science checks do not move
// with each retrained segmentation model; test/eval/colour.ts measures with our own model.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DIR, sharedAvailable } from '../../../../src/models/paths.js';
import { PanTeacher } from '../../../../src/models/pan-teacher/pan-teacher.js';
import { readRgbImage } from '../../../../src/models/scalp-seg/read-image.js';
import type { Segmenter } from '../../../../src/models/segmentation/segmenter.js';
import type { RgbImage, Segmentation } from '../../../../src/vision/image.js';
import { measurePhotoColour } from '../../../../src/vision/colour/measure.js';
import { withSettings } from '../../../../src/vision/colour/settings.js';
import { applyChannelCast } from '../../../../src/vision/colour/cast.js';
import { correctImage, multiply, type Matrix3 } from '../../../../src/vision/colour/correction.js';
import { drawChart } from './chart-fixture.js';

const PHOTOS = [
  'images/4-Top-Down_jpg.rf.c53d13a013367e8ee091bfed973c157e.jpg',
  'images/14-Front_jpg.rf.6969611a4291ab5b9aa1de787c7bf3ad.jpg',
  'images/22-Back_jpg.rf.01a2a5ab5b6c7e8d43fc578b43b6551d.jpg',
];
const CASTS = [
  [0, 1.15],
  [0, 0.85],
  [2, 1.15],
  [2, 0.85],
] as const;

const have = sharedAvailable();
if (!have) console.warn(`SKIP real-photo colour tests: ../shared is missing (${SHARED_DIR})`);

describe.skipIf(!have)('colour on real photos', () => {
  let model: Segmenter;
  const photos: { img: RgbImage; seg: Segmentation }[] = [];

  beforeAll(async () => {
    model = await PanTeacher.load(undefined, { intraOpThreads: 1 });
    for (const f of PHOTOS) {
      const img = await readRgbImage(resolve(SHARED_DIR, 'data', 'hairloss-levels', f));
      photos.push({ img, seg: await model.segment(img) });
    }
  });
  afterAll(async () => model?.release());

  it('measures skin, hair and contrast on each photo', () => {
    for (const { img, seg } of photos) {
      const m = measurePhotoColour(img, seg);
      expect(m.skinTone, m.reasons.join('; ')).not.toBeNull();
      expect(m.hairColour).not.toBeNull();
      expect(m.contrast!.deltaE00).toBeGreaterThan(5);
      expect(m.skinTone!.monk).toBeGreaterThanOrEqual(1);
      expect(m.whiteBalance.card).toBeUndefined();
    }
  });

  it('keeps ITA within 6° under ±15 % red and blue casts (white balance on)', () => {
    // No card in these photos: skip the search to keep the test quick.
    const wb = withSettings({ detectCard: false });
    for (const { img, seg } of photos) {
      const ref = measurePhotoColour(img, seg, wb).skinTone!.ita;
      for (const [ch, f] of CASTS) {
        const got = measurePhotoColour(applyChannelCast(img, ch, f), seg, wb).skinTone!.ita;
        expect(Math.abs(got - ref), `channel ${ch} ×${f}`).toBeLessThanOrEqual(6);
      }
    }
  });

  it('moves ITA by more without white balance (so the test above has teeth)', () => {
    const off = withSettings({ detectCard: false, whiteBalance: { method: 'none' } });
    let worst = 0;
    for (const { img, seg } of photos) {
      const uncast = measurePhotoColour(img, seg, off).skinTone;
      if (!uncast) continue;
      const ref = uncast.ita;
      for (const [ch, f] of CASTS) {
        // A cast can push the colour out of the skin range altogether: that counts as a large move.
        const got = measurePhotoColour(applyChannelCast(img, ch, f), seg, off).skinTone;
        worst = Math.max(worst, got ? Math.abs(got.ita - ref) : Infinity);
      }
    }
    expect(worst).toBeGreaterThan(6);
  });

  it('finds a chart composited into a real photo and calibrates through a known camera cast', () => {
    const { img, seg } = photos[2];
    const spot = backgroundSpot(seg, 170, 125);
    expect(spot, 'no background area large enough for the chart').not.toBeNull();
    const withChart = drawChart(img, { cx: spot![0], cy: spot![1], patch: 20, angleDeg: 8 });
    const camera: Matrix3 = multiply([1.3, 0, 0, 0, 1, 0, 0, 0, 0.72], [0.92, 0.06, 0.02, 0.04, 0.92, 0.04, 0.02, 0.08, 0.9]);
    const shot = correctImage(withChart, camera);
    const clean = measurePhotoColour(withChart, seg);
    const cast = measurePhotoColour(shot, seg);
    expect(clean.whiteBalance.method).toBe('colour-chart-24');
    expect(cast.whiteBalance.method).toBe('colour-chart-24');
    expect(cast.whiteBalance.card!.residualDeltaE00).toBeLessThan(3);
    // Calibrated through the chart, the cast and the clean photo agree.
    expect(Math.abs(cast.skinTone!.ita - clean.skinTone!.ita)).toBeLessThan(2);
    // The scene estimate alone does worse on this strong, channel-mixing cast.
    const noCard = withSettings({ detectCard: false });
    const est = Math.abs(measurePhotoColour(shot, seg, noCard).skinTone!.ita - measurePhotoColour(withChart, seg, noCard).skinTone!.ita);
    expect(est).toBeGreaterThan(Math.abs(cast.skinTone!.ita - clean.skinTone!.ita));
  });

  it('finds no card in the real photos themselves', () => {
    for (const { img, seg } of photos) expect(measurePhotoColour(img, seg).whiteBalance.card).toBeUndefined();
  });
});

/** Centre of a w x h box that is all background, scanning a coarse grid; null if none. */
function backgroundSpot(seg: Segmentation, w: number, h: number): [number, number] | null {
  const bg = (x: number, y: number) => seg.labels[y * seg.width + x] === 0;
  for (let y0 = 5; y0 + h < seg.height - 5; y0 += 20) {
    for (let x0 = 5; x0 + w < seg.width - 5; x0 += 20) {
      let ok = true;
      for (let y = y0; y < y0 + h && ok; y += 5) for (let x = x0; x < x0 + w && ok; x += 5) ok = bg(x, y);
      if (ok) return [x0 + w / 2, y0 + h / 2];
    }
  }
  return null;
}
