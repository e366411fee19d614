// The shipped model (models/scalp-seg) through the real runtime: its card and weights agree, and on a
// hand-annotated photo it finds hair and skin (hair-seg-samples 0.png; skipped without ../shared).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DIR, sharedAvailable } from '../../../../src/models/paths.js';
import { ScalpSegmenter } from '../../../../src/models/scalp-seg/scalp-segmenter.js';
import { readRgbImage } from '../../../../src/models/scalp-seg/read-image.js';
import { readIndexedPng } from '../../../../src/models/scalp-seg/indexed-png.js';
import { addIou, emptyCounts, iouOf } from '../../../../src/models/scalp-seg/iou.js';

describe('shipped scalp-seg model', () => {
  let seg: ScalpSegmenter;
  beforeAll(async () => {
    seg = await ScalpSegmenter.load(undefined, { intraOpThreads: 1 });
  });
  afterAll(async () => {
    await seg?.release();
  });

  it('loads with a card that matches its weights and the 4-class contract', () => {
    expect(seg.contract.classes).toEqual(['background', 'skin', 'hair', 'scar']);
    expect(seg.contract.input.size).toBeGreaterThanOrEqual(128);
  });

  it.skipIf(!sharedAvailable())('finds long hair and background on a hand-annotated portrait (skipped without ../shared)', async () => {
    const dir = resolve(SHARED_DIR, 'data', 'hair-seg-samples');
    const img = await readRgbImage(resolve(dir, 'image', '0.png'));
    const out = await seg.segment(img);
    expect([out.width, out.height]).toEqual([img.width, img.height]);
    const ann = await readIndexedPng(readFileSync(resolve(dir, 'annotation', '0.png')));
    const ref = ann.data.map((v) => [0, 1, 0, 2][v] ?? 255); // their 1 skin, 2 clothes, 3 hair
    const iou = iouOf(addIou(emptyCounts(4), out.labels, ref));
    expect(iou[2]).toBeGreaterThan(0.7); // long black hair (the teacher gets 0.79 here)
    expect(iou[0]).toBeGreaterThan(0.6); // blossoms, sky and grass are background (0.72 now: a floor, not a goal)
    // no scar on an unscarred portrait: at most a few stray pixels
    expect(out.labels.filter((v) => v === 3).length / out.labels.length).toBeLessThan(0.01);
  });
});
if (!sharedAvailable()) console.warn(`shipped.test: ../shared not found at ${SHARED_DIR}; the real-photo check is skipped`);
