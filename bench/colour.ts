// The colour stage per photo (white balance, card search, skin and hair bands, Lab, tone) against the
// segmentation it runs on, measured in the same run: what colour adds to a photo's cost, and the card
// search's share. Also the grey-edge illuminant estimate (used twice per photo: the balanced copy for
// the segmenter and the background estimate) against grey-world, the cheapest estimator.
//   npm run bench -- colour
import { ScalpSegmenter } from '../src/models/scalp-seg/scalp-segmenter.js';
import { benchPhotos, median } from './_photos.js';
import { balancedForSegmentation, measurePhotoColour } from '../src/vision/colour/measure.js';
import { estimateIlluminant } from '../src/vision/colour/white-balance.js';
import { findColourCard } from '../src/vision/colour/card/find-card.js';
import type { Segmentation } from '../src/vision/image.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function timeSync(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function run(): Promise<void> {
  const seg = await ScalpSegmenter.load(undefined, { intraOpThreads: 1 });
  const imgs = await benchPhotos((_, i) => i % 97 === 0 && i < 8 * 97);
  const segs: Segmentation[] = [];
  for (const img of imgs) segs.push(await seg.segment(balancedForSegmentation(img)));
  const tSeg: number[] = [];
  const tColour: number[] = [];
  const tCard: number[] = [];
  const tEdge: number[] = [];
  const tWorld: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, img] of imgs.entries()) {
      const t = performance.now();
      await seg.segment(img);
      tSeg.push(performance.now() - t);
      tColour.push(timeSync(() => measurePhotoColour(img, segs[k])));
      tCard.push(timeSync(() => findColourCard(img)));
      tEdge.push(timeSync(() => estimateIlluminant(img, null, { method: 'grey-edge', p: 2 })));
      tWorld.push(timeSync(() => estimateIlluminant(img, null, { method: 'grey-world' })));
    }
  }
  const [s, c, card, e, w] = [tSeg, tColour, tCard, tEdge, tWorld].map(median);
  console.log(`${imgs.length} photos x ${ROUNDS} rounds (${imgs[0].width}x${imgs[0].height})`);
  console.log(`measurePhotoColour: median ${c.toFixed(1)} ms; segmentation ${s.toFixed(1)} ms; ratio colour/segmentation ${(c / s).toFixed(3)}`);
  console.log(`  of which the colour-card search (a chart or grey card, on every photo): ${card.toFixed(1)} ms, ratio card/segmentation ${(card / s).toFixed(3)}`);
  console.log(`grey-edge (p 2) estimate: median ${e.toFixed(1)} ms; grey-world ${w.toFixed(1)} ms; ratio ${(e / w).toFixed(3)}`);
  await seg.release();
}
