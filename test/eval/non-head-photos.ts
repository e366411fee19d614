// The head check on photos from outside the dataset: everyday pictures with no human head (animals,
// food, rooms, buildings, landscapes, documents, microscopy, art), each sent through the whole service
// pipeline as a one-photo consultation, as a client would send it. Every one must come back with no
// stage (`assessable: false`).
//   npm run eval:non-head -- [--dir DIR] [--view auto|front|top|...] [--min-side PX] [--json out.json]
// --min-side: a picture whose short side is under PX is first enlarged to it (lanczos3, JPEG quality 92), so
// that the head check, not the quality gate's size check, is what rejects it.
// DIR (default datasets/cache/non-head-photos/eval) is made by `sh datasets/non-head-photos/fetch.sh`:
// OpenCV's and scikit-image's sample photos and the GNOME, MATE and Plasma wallpapers (Debian packages),
// the pictures with a person in them left out; the head check's fit never saw these packages.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { arg } from '../helpers/eval-args.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { analyzeConsultation } from '../../src/pipeline/consultation.js';
import sharp from 'sharp';
import { NON_HEAD_PHOTOS_DIR } from '../../datasets/non-head-photos/build.js';
import type { View } from '../../src/vision/geometry/types.js';

const dir = resolve(arg('dir') ?? join(NON_HEAD_PHOTOS_DIR, 'eval'));
if (!existsSync(dir)) {
  console.log(`eval:non-head-photos skipped: ${dir} not found (run: sh datasets/non-head-photos/fetch.sh)`);
  process.exit(0);
}
const view = (arg('view') ?? 'auto') as View;
const minSide = arg('min-side') ? Number(arg('min-side')) : null;
if (minSide !== null && !(Number.isInteger(minSide) && minSide >= 64)) throw new Error(`--min-side must be an integer >= 64, got ${arg('min-side')}`);
const files = readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort();
const pool = new WorkerPool(pipelineConfig({ queueMax: 4 }));
const rows: { file: string; assessable: boolean; stage: string | null; reasons: string[]; }[] = [];
for (const file of files) {
  let bytes: Uint8Array = new Uint8Array(readFileSync(join(dir, file)));
  if (minSide !== null) bytes = await enlarged(bytes, minSide);
  try {
    const { analysis } = await analyzeConsultation([{ view, bytes, filename: file }], {}, pool, {});
    rows.push({ file, assessable: analysis.assessable, stage: analysis.norwood.assessable ? analysis.norwood.stage : null, reasons: analysis.reasons });
  } catch (err) {
    // a refused upload (not an image the service reads) counts as rejected
    rows.push({ file, assessable: false, stage: null, reasons: [`refused: ${(err as Error).message}`] });
  }
  const r = rows[rows.length - 1];
  console.log(`${r.assessable ? 'GRADED  ' : 'rejected'} ${file}${r.assessable ? ` -> Norwood ${r.stage}` : ` (${r.reasons[0] ?? ''})`}`);
}
await pool.close();
const graded = rows.filter((r) => r.assessable);
console.log(`\nNON-HEAD photos from outside the dataset, view = ${view}: not graded ${rows.length - graded.length} of ${rows.length} (${((100 * (rows.length - graded.length)) / Math.max(1, rows.length)).toFixed(1)} %)`);
if (graded.length) console.log(`  graded: ${graded.map((r) => `${r.file} (${r.stage})`).join(', ')}`);
const out = arg('json');
if (out) writeFileSync(out, JSON.stringify({ view, n: rows.length, rejected: rows.length - graded.length, rows }, null, 2));

async function enlarged(bytes: Uint8Array, side: number): Promise<Uint8Array> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const short = Math.min(width, height);
  if (short >= side) return bytes;
  const k = side / short;
  return new Uint8Array(await sharp(bytes).resize(Math.round(width * k), Math.round(height * k), { kernel: 'lanczos3' }).jpeg({ quality: 92 }).toBuffer());
}
