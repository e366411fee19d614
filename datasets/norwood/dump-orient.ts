// Stage 1 of the Norwood fit: per labelled photo, the mask features of each quarter-turn (and its mirror)
// for the orientation/view model, as JSON lines for training/norwood/fit.py.
//   node dist/datasets/norwood/dump-orient.js <segmenter id>
import { createWriteStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import { headRegion } from '../../src/vision/geometry/head.js';
import { orientationFeatures } from '../../src/vision/geometry/orientation.js';
import { planesOf } from '../../src/vision/geometry/planes.js';
import { maskCachePath, NORWOOD_CACHE, readCachedSeg } from './mask-cache.js';
import { readLabelledPhotos } from './photos.js';

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

export async function dumpOrient(segId: string): Promise<string> {
  const out = resolve(NORWOOD_CACHE, `orient-${segId}.jsonl`);
  const ws = createWriteStream(out);
  for (const ph of readLabelledPhotos()) {
    const seg = readCachedSeg(maskCachePath(segId, ph.file));
    if (!seg) throw new Error(`no cached mask for ${ph.file}: run cache-masks first`);
    const p = planesOf(seg);
    const head = headRegion(p.bg, p.width, p.height);
    const feats = [false, true].flatMap((m) => [0, 1, 2, 3].map((k) => orientationFeatures(p, k, m).map(r4)));
    const row = {
      file: ph.file,
      key: basename(ph.file).replace(/\.[^.]+$/, ''),
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
