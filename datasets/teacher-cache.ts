// Runs the third-party teacher over every hairloss-levels photo and caches its raw sigmoid outputs
// (skin, clothes, hair at 512x512) as RGB PNGs under datasets/cache/teacher/ (gitignored), for the
// Python label bootstrapping (datasets/bootstrap_labels.py). Photos already cached are skipped.
//   npm run build && node dist/datasets/teacher-cache.js
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import sharp from 'sharp';
import { PanTeacher } from '../src/models/pan-teacher/pan-teacher.js';
import { readRgbImage } from '../src/models/scalp-seg/read-image.js';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../src/models/paths.js';

const SIZE = 512;

async function main(): Promise<void> {
  if (!sharedAvailable()) throw new Error(`../shared is missing (${SHARED_DIR}): nothing to cache`);
  const root = resolve(SHARED_DIR, 'data', 'hairloss-levels');
  const rows = readFileSync(resolve(root, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
  const outDir = resolve(REPO_ROOT, 'datasets', 'cache', 'teacher');
  mkdirSync(outDir, { recursive: true });
  const teacher = await PanTeacher.load(undefined, { intraOpThreads: Number(process.env.THREADS ?? 2) });
  let done = 0;
  for (const row of rows) {
    const file = row.split(',')[0];
    const out = resolve(outDir, basename(file).replace(/\.[^.]+$/, '.png'));
    if (existsSync(out)) continue;
    const raw = await teacher.raw(await readRgbImage(resolve(root, file)));
    const plane = SIZE * SIZE;
    const px = new Uint8Array(plane * 3);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) px[i * 3 + c] = Math.round(Math.min(1, Math.max(0, raw[c * plane + i])) * 255);
    }
    await sharp(px, { raw: { width: SIZE, height: SIZE, channels: 3 } }).png({ compressionLevel: 6 }).toFile(out);
    if (++done % 100 === 0) console.log(`${done} cached`);
  }
  await teacher.release();
  console.log(`teacher cache complete (${done} new) in ${outDir}`);
}

await main();
