// Segments every hairloss-levels photo once with the chosen segmenter (datasets/norwood/segmenter.ts)
// and caches the working-grid probabilities. Photos already cached are skipped, so re-runs are free.
//   npm run build && node dist/datasets/norwood/cache-masks.js      (THREADS=1 by default: CPU is shared)
import { existsSync } from 'node:fs';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { downsampleSegmentation } from '../../src/vision/geometry/downsample.js';
import { maskCachePath, writeCachedSeg } from './mask-cache.js';
import { readLabelledPhotos } from './photos.js';
import { loadSegmenter } from './segmenter.js';

export async function cacheMasks(threads = Number(process.env.THREADS ?? 1)): Promise<string> {
  const photos = readLabelledPhotos();
  const { id, segmenter } = await loadSegmenter(threads);
  let done = 0;
  const t0 = Date.now();
  for (const p of photos) {
    const out = maskCachePath(id, p.file);
    if (existsSync(out)) continue;
    const seg = await segmenter.segment(await readRgbImage(p.path));
    writeCachedSeg(out, downsampleSegmentation(seg));
    if (++done % 100 === 0) console.log(`${done} masks cached (${((Date.now() - t0) / done).toFixed(0)} ms/photo)`);
  }
  await segmenter.release();
  console.log(`mask cache ${id}: ${done} new, ${photos.length} photos`);
  return id;
}

if (process.argv[1]?.endsWith('cache-masks.js')) await cacheMasks();
