// Embeddings of every labelled photo and framed copy mirrored left-right, for measuring the orientation
// model's mirrored second look (training/norwood/fit_geometry.py, the Tta figures). Cached next to the
// photos' own under the pseudo name mirror-<name>; about 55 ms a photo, 71 ms a framed copy (2 threads).
//   node dist/datasets/norwood/cache-mirrored.js
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { NorwoodFeatureModel } from '../../src/vision/norwood/features.js';
import { featureCachePath, featureModelId, featureRows } from './cache-features.js';
import { framedCopy, readFramedCopies } from './cache-framed.js';
import { photoKey, readLabelledPhotos } from './photos.js';
import { segmenterId } from './segmenter.js';
import type { RgbImage } from '../../src/vision/image.js';

export const mirroredName = (file: string): string => `mirror-${photoKey(file)}.png`;

export async function cacheMirrored(threads = Number(process.env.THREADS ?? 1)): Promise<void> {
  const fid = featureModelId();
  const features = await NorwoodFeatureModel.load(undefined, { intraOpThreads: threads });
  const photos = readLabelledPhotos();
  const items: { file: string; image: () => Promise<RgbImage> }[] = [
    ...photos.map((p) => ({ file: p.file, image: () => readRgbImage(p.path) })),
    ...readFramedCopies(segmenterId(), photos).map(({ entry, photo }) => ({ file: entry.file, image: () => framedCopy(photo.path, entry) })),
  ];
  let done = 0;
  const t0 = Date.now();
  for (const it of items) {
    const out = featureCachePath(fid, mirroredName(it.file));
    if (existsSync(out)) continue;
    // through the runtime's own path (the mirrored tensors of one batch), not a mirrored JPEG
    const f = await features.extract(await it.image(), { mirrored: true });
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, Buffer.from(featureRows({ ...f, ...f.mirrored! }).buffer));
    if (++done % 200 === 0) console.log(`${done} mirrored (${((Date.now() - t0) / done).toFixed(0)} ms each)`);
  }
  await features.release();
  console.log(`mirrored embeddings: ${items.length} (${done} new)`);
}

if (process.argv[1]?.endsWith('cache-mirrored.js')) await cacheMirrored();
