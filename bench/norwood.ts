// The Norwood stage per photo against the segmentation it reads, measured in the same run: the image
// feature model (4 quarter-turns of a MobileNetV3-small), the geometry, and the mask-pattern model
// (canonical 64 px input + its 3-member CNN), each as a ratio to the segmentation of the same photo.
//   npm run bench -- norwood
import { ScalpSegmenter } from '../src/models/scalp-seg/scalp-segmenter.js';
import { analyzeGeometry } from '../src/vision/geometry/analyze.js';
import { balancedForSegmentation } from '../src/vision/colour/measure.js';
import { NorwoodFeatureModel } from '../src/vision/norwood/features.js';
import { NorwoodPatternModel } from '../src/vision/norwood/pattern-model.js';
import { benchPhotos, median } from './_photos.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

export async function run(): Promise<void> {
  const opts = { intraOpThreads: 1 };
  const seg = await ScalpSegmenter.load(undefined, opts);
  const features = await NorwoodFeatureModel.load(undefined, opts);
  const pattern = await NorwoodPatternModel.load(undefined, opts);
  const imgs = await benchPhotos((_, i) => i % 97 === 0 && i < 8 * 97);
  const tSeg: number[] = [];
  const tFeat: number[] = [];
  const tGeo: number[] = [];
  const tPat: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const img of imgs) {
      let t = performance.now();
      const s = await seg.segment(balancedForSegmentation(img));
      tSeg.push(performance.now() - t);
      t = performance.now();
      const f = await features.extract(img);
      tFeat.push(performance.now() - t);
      t = performance.now();
      const g = analyzeGeometry(s, 'top', { features: f });
      tGeo.push(performance.now() - t);
      t = performance.now();
      await pattern.levelProbabilities(s, g);
      tPat.push(performance.now() - t);
    }
  }
  const [s, f, g, p] = [tSeg, tFeat, tGeo, tPat].map(median);
  console.log(`${imgs.length} photos x ${ROUNDS} rounds (${imgs[0].width}x${imgs[0].height}), 1 intra-op thread`);
  console.log(`segmentation (with its white-balanced copy): median ${s.toFixed(1)} ms`);
  console.log(`image features (4 turns): ${f.toFixed(1)} ms, ratio to segmentation ${(f / s).toFixed(3)}`);
  console.log(`geometry: ${g.toFixed(1)} ms, ratio ${(g / s).toFixed(3)}`);
  console.log(`mask-pattern model (input + CNN): ${p.toFixed(1)} ms, ratio ${(p / s).toFixed(3)}`);
  await Promise.all([seg.release(), features.release(), pattern.release()]);
}
