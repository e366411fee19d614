// Framed copies of every hairloss-levels photo, for an orientation model that does not flip when a photo
// is trimmed or held at a slant (eval:framing: 14 of 40 held-out top views read the other way round).
// Per photo FRAMED_COPIES copies, each turned by a random tilt within ±MAX_TILT degrees and trimmed by a
// random share of each side (up to MAX_TRIM), seeded by the file name so a re-run makes the same copies.
// Masks (working grid) and embeddings are cached next to the photos' own under the pseudo name
// framed<i>-<photo>, and a manifest lists them with their source photo, for training/norwood/fit_geometry.py.
//   node dist/datasets/norwood/cache-framed.js
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import sharp from 'sharp';
import type { RgbImage } from '../../src/vision/image.js';
import { downsampleSegmentation } from '../../src/vision/geometry/downsample.js';
import { NorwoodFeatureModel } from '../../src/vision/norwood/features.js';
import { mulberry32, seedFrom } from '../../src/vision/audit/synth/rng.js';
import { straightenedSize } from '../straighten.js';
import { featureCachePath, featureModelId, featureRows } from './cache-features.js';
import { maskCachePath, NORWOOD_CACHE, writeCachedSeg } from './mask-cache.js';
import { photoKey, readLabelledPhotos, type LabelledPhoto } from './photos.js';
import { loadSegmenter } from './segmenter.js';

export const FRAMED_COPIES = 2;
export const MAX_TILT = 12;
export const MAX_TRIM = 0.1;

export interface FramedEntry {
  /** pseudo file name the copy's masks and embeddings are cached under */
  file: string;
  /** the labelled photo it was made from */
  source: string;
  tilt: number;
  /** share of the width / height trimmed off [left, top, right, bottom] (after the turn's own crop) */
  trim: [number, number, number, number];
}

export function framedManifestPath(segId: string): string {
  return resolve(NORWOOD_CACHE, `framed-${segId}.json`);
}

/**
 * The cached framed copies (none when cache-framed has not run for this segmenter), each with the
 * labelled photo it was made from; a copy whose source is not among `photos` is an error.
 */
export function readFramedCopies(segId: string, photos: LabelledPhoto[]): { entry: FramedEntry; photo: LabelledPhoto }[] {
  const manifest = framedManifestPath(segId);
  if (!existsSync(manifest)) return [];
  const byFile = new Map(photos.map((ph) => [ph.file, ph]));
  return (JSON.parse(readFileSync(manifest, 'utf8')) as FramedEntry[]).map((entry) => {
    const photo = byFile.get(entry.source);
    if (!photo) throw new Error(`${manifest}: the source of ${entry.file} (${entry.source}) is not a labelled photo`);
    return { entry, photo };
  });
}

/** The copy's random framing: a tilt and four trims, from the photo's name and the copy's index. */
export function framingOf(file: string, copy: number): Pick<FramedEntry, 'tilt' | 'trim'> {
  const r = mulberry32(seedFrom(`${basename(file)}#${copy}`));
  const tilt = Math.round((2 * r() - 1) * MAX_TILT * 10) / 10;
  const trim = [r(), r(), r(), r()].map((u) => Math.round(u * MAX_TRIM * 1000) / 1000) as FramedEntry['trim'];
  return { tilt, trim };
}

/** Turned (clockwise degrees), cropped as a phone's straighten tool does (straightenedSize), then trimmed. */
export async function framedCopy(path: string, f: Pick<FramedEntry, 'tilt' | 'trim'>): Promise<RgbImage> {
  const { width: W = 0, height: H = 0 } = await sharp(path).metadata();
  const { width: w, height: h } = straightenedSize(W, H, f.tilt);
  const turned = await sharp(path).removeAlpha().rotate(f.tilt).raw().toBuffer({ resolveWithObject: true });
  const left = Math.floor((turned.info.width - w) / 2) + Math.floor(f.trim[0] * w);
  const top = Math.floor((turned.info.height - h) / 2) + Math.floor(f.trim[1] * h);
  const width = Math.max(16, Math.floor(w * (1 - f.trim[0] - f.trim[2])));
  const height = Math.max(16, Math.floor(h * (1 - f.trim[1] - f.trim[3])));
  const { data, info } = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 3 } })
    .extract({ left, top, width, height })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export async function cacheFramed(threads = Number(process.env.THREADS ?? 1)): Promise<string> {
  const { id: segId, segmenter } = await loadSegmenter(threads);
  const fid = featureModelId();
  const features = await NorwoodFeatureModel.load(undefined, { intraOpThreads: threads });
  const entries: FramedEntry[] = [];
  let done = 0;
  const t0 = Date.now();
  for (const ph of readLabelledPhotos()) {
    for (let c = 0; c < FRAMED_COPIES; c++) {
      const file = `framed${c}-${photoKey(ph.file)}.png`;
      const framing = framingOf(ph.file, c);
      entries.push({ file, source: ph.file, ...framing });
      const mPath = maskCachePath(segId, file);
      const fPath = featureCachePath(fid, file);
      if (existsSync(mPath) && existsSync(fPath)) continue;
      const img = await framedCopy(ph.path, framing);
      if (!existsSync(mPath)) writeCachedSeg(mPath, downsampleSegmentation(await segmenter.segment(img)));
      if (!existsSync(fPath)) {
        mkdirSync(resolve(fPath, '..'), { recursive: true });
        writeFileSync(fPath, Buffer.from(featureRows(await features.extract(img)).buffer));
      }
      if (++done % 200 === 0) console.log(`${done} framed copies cached (${((Date.now() - t0) / done).toFixed(0)} ms/copy)`);
    }
  }
  await segmenter.release();
  await features.release();
  const out = framedManifestPath(segId);
  writeFileSync(out, JSON.stringify(entries));
  console.log(`framed copies: ${entries.length} (${done} new) -> ${out}`);
  return out;
}

if (process.argv[1]?.endsWith('cache-framed.js')) await cacheFramed();
