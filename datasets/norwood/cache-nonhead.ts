// Segments and embeds the non-head set (datasets/norwood/nonhead.ts) once, caching masks and embeddings
// next to the photos' (ids prefixed "nonhead-"), and writes its manifest for the fit and the evaluation.
// Then embeds the heads shrunk on a border (datasets/norwood/padded-heads.ts, ids "headpad-"), more heads
// for the head check, with their own manifest.
//   node dist/datasets/norwood/cache-nonhead.js
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { downsampleSegmentation } from '../../src/vision/geometry/downsample.js';
import { NorwoodFeatureModel } from '../../src/vision/norwood/features.js';
import { featureCachePath, featureModelId, featureRows } from './cache-features.js';
import { maskCachePath, NORWOOD_CACHE, writeCachedSeg } from './mask-cache.js';
import { nonHeadSamples } from './nonhead.js';
import { paddedHeadSamples } from './padded-heads.js';
import { readLabelledPhotos, readSplit } from './photos.js';
import { loadSegmenter, segmenterId } from './segmenter.js';

export interface NonHeadEntry {
  id: string;
  kind: string;
  use: 'fit' | 'eval';
  /** pseudo file name under which masks and embeddings are cached */
  file: string;
}

export function nonHeadManifestPath(segId: string): string {
  return resolve(NORWOOD_CACHE, `nonhead-${segId}.json`);
}

/** The padded heads' manifest: their embeddings do not depend on the segmenter, nor does it. */
export function paddedHeadManifestPath(): string {
  return resolve(NORWOOD_CACHE, 'headpad.json');
}

export async function cacheNonHead(threads = Number(process.env.THREADS ?? 1)): Promise<string> {
  const split = readSplit();
  if (!split) throw new Error('datasets/split.json is needed to tell fit from evaluation samples');
  const { id: segId, segmenter } = await loadSegmenter(threads);
  const fid = featureModelId();
  const features = await NorwoodFeatureModel.load(undefined, { intraOpThreads: threads });
  // windows are chosen on the teacher's masks, so the set is the same whichever segmenter is evaluated
  const samples = nonHeadSamples(readLabelledPhotos(), split, segmenterId('teacher'));
  const entries: NonHeadEntry[] = [];
  let done = 0;
  for (const s of samples) {
    const file = `nonhead-${s.id}.png`;
    entries.push({ id: s.id, kind: s.kind, use: s.use, file });
    const mPath = maskCachePath(segId, file);
    const fPath = featureCachePath(fid, file);
    if (existsSync(mPath) && existsSync(fPath)) continue;
    const img = await s.load();
    writeCachedSeg(mPath, downsampleSegmentation(await segmenter.segment(img)));
    mkdirSync(resolve(fPath, '..'), { recursive: true });
    writeFileSync(fPath, Buffer.from(featureRows(await features.extract(img)).buffer));
    if (++done % 100 === 0) console.log(`${done} non-head samples cached`);
  }
  await segmenter.release();
  const manifest = nonHeadManifestPath(segId);
  writeFileSync(manifest, JSON.stringify(entries, null, 1));
  console.log(`non-head set: ${entries.length} samples (${entries.filter((e) => e.use === 'eval').length} for evaluation) -> ${manifest}`);
  const padded = paddedHeadSamples(readLabelledPhotos(), split);
  const padEntries = [];
  for (const s of padded) {
    const file = `headpad-${s.id}.png`;
    padEntries.push({ id: s.id, subject: s.subject, use: s.use, file });
    const fPath = featureCachePath(fid, file);
    if (existsSync(fPath)) continue;
    mkdirSync(resolve(fPath, '..'), { recursive: true });
    writeFileSync(fPath, Buffer.from(featureRows(await features.extract(await s.load())).buffer));
  }
  await features.release();
  writeFileSync(paddedHeadManifestPath(), JSON.stringify(padEntries, null, 1));
  console.log(`padded heads: ${padEntries.length} (${padEntries.filter((e) => e.use === 'eval').length} for evaluation) -> ${paddedHeadManifestPath()}`);
  return manifest;
}

if (process.argv[1]?.endsWith('cache-nonhead.js')) await cacheNonHead();
