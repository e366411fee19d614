// Holes in the head mask on real photos, segmented by the shipped model as the service does: bald
// scalp read as background is planned; dark hair read as background and a gap between the head and a
// shoulder are not.
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DIR, sharedAvailable } from '../../../src/models/paths.js';
import { readRgbImage } from '../../../src/models/scalp-seg/read-image.js';
import type { Segmenter } from '../../../src/models/segmentation/segmenter.js';
import { shippedSegmenter } from '../../../src/pipeline/models.js';
import { balancedForSegmentation } from '../../../src/vision/colour/measure.js';
import { headMask, type RgbImage, type Segmentation } from '../../../src/vision/image.js';
import { prepareField } from '../../../src/plan/density/prepare.js';
import { cellLinearRgb, fillScalpHoles } from '../../../src/plan/density/holes.js';
import { planDots, type SessionSpec } from '../../../src/plan/dots/plan.js';

const have = sharedAvailable();
if (!have) console.warn(`SKIP real-photo head-hole tests: ../shared is missing (${SHARED_DIR})`);

const photo = (f: string) => resolve(SHARED_DIR, 'data', 'hairloss-levels', 'images', f);
const BALD_PATCH = photo('17-Top-Down_jpg.rf.81bf808dbb765dba341d2fae2fa231b8.jpg'); // L3-017, top view
const DARK_HAIR = photo('3-Back_jpg.rf.689d5213159904a73673c2aff8affcf9.jpg'); // L4-003, back view
const SHOULDER_GAP = photo('24-Top-Down_jpg.rf.045a5f31fc2b68cb6196452b4dff3092.jpg'); // L6-024, top view

const SESSION: SessionSpec = { index: 0, densityPerCm2: 30, dilution: { waterParts: 8 }, needle: { code: '0603RL', diameterMm: 0.25 } };

describe.skipIf(!have)('head-mask holes on real photos', () => {
  let model: Segmenter;
  const read = async (f: string): Promise<{ img: RgbImage; seg: Segmentation }> => {
    const img = await readRgbImage(f);
    return { img, seg: await model.segment(balancedForSegmentation(img)) };
  };
  beforeAll(async () => {
    model = await shippedSegmenter(1);
  });

  it('a patch of thin crown read as background is filled, mostly as skin, and gets dots', async () => {
    const { img, seg } = await read(BALD_PATCH);
    const mask = headMask(seg);
    const plain = prepareField(seg, mask);
    const filled = fillScalpHoles(plain, cellLinearRgb(img, plain.grid));
    const headCells = plain.head.reduce((a, v) => a + v, 0);
    expect(filled.cells / headCells).toBeGreaterThan(0.03);
    const n = plain.grid.width * plain.grid.height;
    let skin = 0;
    for (let c = 0; c < n; c++) if (filled.field.head[c] && !plain.head[c]) skin += filled.field.probs[n + c];
    expect(skin / filled.cells).toBeGreaterThan(0.6);

    // Dots inside the hole: none when the plan has only the photo's size, many with its pixels.
    const inHole = (x: Float32Array, y: Float32Array): number => {
      const { cellPx, width } = plain.grid;
      let k = 0;
      for (let i = 0; i < x.length; i++) {
        const c = Math.floor(y[i] / cellPx) * width + Math.floor(x[i] / cellPx);
        if (filled.field.head[c] && !plain.head[c]) k++;
      }
      return k;
    };
    // No hairline limit: the whole head is scalp in a top view.
    const base = { seg, view: 'top' as const, head: { mask, orientation: 0 as const }, hairline: null, sessions: [SESSION], seed: 7 };
    const without = planDots({ ...base, image: { width: img.width, height: img.height } });
    const withPixels = planDots({ ...base, image: img });
    expect(inHole(without.dots.x, without.dots.y)).toBe(0);
    expect(inHole(withPixels.dots.x, withPixels.dots.y)).toBeGreaterThan(100);
  });

  it('dark hair read as background stays out of the head', async () => {
    const { img, seg } = await read(DARK_HAIR);
    const plain = prepareField(seg, headMask(seg));
    const filled = fillScalpHoles(plain, cellLinearRgb(img, plain.grid));
    const headCells = plain.head.reduce((a, v) => a + v, 0);
    expect(filled.kept).toBeGreaterThanOrEqual(1);
    expect(filled.cells / headCells).toBeLessThan(0.02);
  });

  it('a gap between the head and a shoulder shows the room and stays out of the head', async () => {
    const { img, seg } = await read(SHOULDER_GAP);
    const plain = prepareField(seg, headMask(seg));
    const filled = fillScalpHoles(plain, cellLinearRgb(img, plain.grid));
    expect(filled.kept).toBeGreaterThanOrEqual(1);
  });
});
