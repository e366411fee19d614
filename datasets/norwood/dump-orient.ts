// Stage 1 of the Norwood fit: per labelled photo, the mask features of each quarter-turn (and its mirror)
// for the orientation/view model, as JSON lines for training/norwood/fit_geometry.py. The framed copies
// (cache-framed.ts), when cached, follow as rows with `source`: the photo they were made from.
//   node dist/datasets/norwood/dump-orient.js <segmenter id>
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { headRegion } from '../../src/vision/geometry/head.js';
import { orientationFeatures } from '../../src/vision/geometry/orientation.js';
import { planesOf } from '../../src/vision/geometry/planes.js';
import { readFramedCopies } from './cache-framed.js';
import { maskCachePath, NORWOOD_CACHE, readCachedSeg } from './mask-cache.js';
import { photoKey, readLabelledPhotos, type LabelledPhoto } from './photos.js';

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** A row to dump: a labelled photo, or a framed copy of one (`source`: the photo's key). */
interface Item {
  ph: LabelledPhoto;
  file: string;
  source?: string;
}

export async function dumpOrient(segId: string): Promise<string> {
  const out = resolve(NORWOOD_CACHE, `orient-${segId}.jsonl`);
  const ws = createWriteStream(out);
  const photos = readLabelledPhotos();
  const items: Item[] = [
    ...photos.map((ph) => ({ ph, file: ph.file })),
    ...readFramedCopies(segId, photos).map(({ entry, photo }) => ({ ph: photo, file: entry.file, source: photoKey(photo.file) })),
  ];
  for (const { ph, file, source } of items) {
    const seg = readCachedSeg(maskCachePath(segId, file));
    if (!seg) throw new Error(`no cached mask for ${file}: run cache-masks (and cache-framed) first`);
    const p = planesOf(seg);
    const head = headRegion(p.bg, p.width, p.height);
    const feats = [false, true].flatMap((m) => [0, 1, 2, 3].map((k) => orientationFeatures(p, k, m).map(r4)));
    const row = {
      file,
      key: photoKey(file),
      ...(source ? { source } : {}),
      subject: ph.subject,
      level: ph.level,
      view: ph.view,
      rotated: ph.possiblyRotated,
      headFraction: r4(head.area / (p.width * p.height)),
      sidesTouched: head.sidesTouched,
      feats,
    };
    ws.write(JSON.stringify(row) + '\n');
  }
  await new Promise<void>((res, rej) => ws.end((e?: Error | null) => (e ? rej(e) : res())));
  console.log(`wrote ${out}`);
  return out;
}

if (process.argv[1]?.endsWith('dump-orient.js')) {
  const id = process.argv[2];
  if (!id) throw new Error('usage: dump-orient.js <segmenter id>');
  await dumpOrient(id);
}
