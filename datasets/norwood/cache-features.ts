// Runs the norwood-features encoder (4 quarter-turns per photo) over every hairloss-levels photo once and
// caches the embeddings in datasets/cache/norwood/features-<model sha>/<photo>.f32 (4 x dim float32).
//   npm run build && node dist/datasets/norwood/cache-features.js
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { modelDir } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { NorwoodFeatureModel, type PhotoFeatures } from '../../src/vision/norwood/features.js';
import { NORWOOD_CACHE } from './mask-cache.js';
import { readLabelledPhotos } from './photos.js';

export function featureModelId(dir = modelDir('norwood-features')): string {
  return createHash('sha256').update(readFileSync(resolve(dir, 'model.onnx'))).digest('hex').slice(0, 12);
}

export function featureCachePath(id: string, file: string): string {
  return resolve(NORWOOD_CACHE, `features-${id}`, basename(file).replace(/\.[^.]+$/, '.f32'));
}

export function readCachedFeatures(id: string, file: string, dim: number): PhotoFeatures | null {
  const path = featureCachePath(id, file);
  if (!existsSync(path)) return null;
  const buf = readFileSync(path);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  if (all.length !== 4 * dim) throw new Error(`${path}: expected ${4 * dim} floats, got ${all.length}`);
  return { model: id, embeddings: [0, 1, 2, 3].map((k) => all.slice(k * dim, (k + 1) * dim)) };
}

export async function cacheFeatures(threads = Number(process.env.THREADS ?? 1)): Promise<string> {
  const id = featureModelId();
  const model = await NorwoodFeatureModel.load(undefined, { intraOpThreads: threads });
  let done = 0;
  const t0 = Date.now();
  for (const p of readLabelledPhotos()) {
    const out = featureCachePath(id, p.file);
    if (existsSync(out)) continue;
    const f = await model.extract(await readRgbImage(p.path));
    const all = new Float32Array(4 * model.settings.dim);
    f.embeddings.forEach((e, k) => all.set(e, k * model.settings.dim));
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, Buffer.from(all.buffer));
    if (++done % 100 === 0) console.log(`${done} embeddings cached (${((Date.now() - t0) / done).toFixed(0)} ms/photo)`);
  }
  await model.release();
  console.log(`feature cache ${id}: ${done} new`);
  return id;
}

if (process.argv[1]?.endsWith('cache-features.js')) await cacheFeatures();
