// Runs the norwood-features encoder (4 quarter-turns per photo) over every hairloss-levels photo once and
// caches the embeddings in datasets/cache/norwood/features-<model sha>/<photo>.f32 (4 x dim float32).
//   npm run build && node dist/datasets/norwood/cache-features.js
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelDir } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { NorwoodFeatureModel, splitFeatureRows, type PhotoFeatures } from '../../src/vision/norwood/features.js';
import { NORWOOD_CACHE } from './mask-cache.js';
import { photoKey, readLabelledPhotos } from './photos.js';

export function featureModelId(dir = modelDir('norwood-features')): string {
  return createHash('sha256').update(readFileSync(resolve(dir, 'model.onnx'))).digest('hex').slice(0, 12);
}

export function featureCachePath(id: string, file: string): string {
  return resolve(NORWOOD_CACHE, `features-${id}`, `${photoKey(file)}.f32`);
}

export function featureSettings(dir = modelDir('norwood-features')): { dim: number; levelDim: number } {
  const card = JSON.parse(readFileSync(resolve(dir, 'card.json'), 'utf8')) as { input: { dim: number; levelDim?: number } };
  return { dim: card.input.dim, levelDim: card.input.levelDim ?? 0 };
}

/** Cached output rows (4 x (dim + levelDim) float32) of one photo, split. */
export function readCachedFeatures(id: string, file: string, dim: number, levelDim: number): PhotoFeatures | null {
  const path = featureCachePath(id, file);
  if (!existsSync(path)) return null;
  const buf = readFileSync(path);
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
  return splitFeatureRows(all, dim, levelDim, id);
}

/** The inverse of splitFeatureRows: 4 rows of embedding ++ level scores. */
export function featureRows(f: PhotoFeatures): Float32Array {
  const dim = f.embeddings[0].length;
  const row = dim + (f.levelScores[0]?.length ?? 0);
  const all = new Float32Array(4 * row);
  for (let k = 0; k < 4; k++) {
    all.set(f.embeddings[k], k * row);
    all.set(f.levelScores[k] ?? [], k * row + dim);
  }
  return all;
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
    const all = featureRows(f);
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(out, Buffer.from(all.buffer));
    if (++done % 100 === 0) console.log(`${done} embeddings cached (${((Date.now() - t0) / done).toFixed(0)} ms/photo)`);
  }
  await model.release();
  console.log(`feature cache ${id}: ${done} new`);
  return id;
}

if (process.argv[1]?.endsWith('cache-features.js')) await cacheFeatures();
