// npm run eval:seg [-- --all] [--limit N] [--write-card]
// IoU per class of our scalp-seg model and, side by side on the same images, the teacher's:
//  1. held-out people (datasets/split.json "test"), one photo per (person, view) unless --all, against
//     the BOOTSTRAPPED labels (teacher + GrabCut/colour refinement, not hand-made: read as agreement);
//  2. ../shared/data/hair-seg-samples: hand-made annotations (clothes counted as background), the truly
//     independent check (portraits, longer hair, not our training source);
//  3. synthetic scars painted on held-out people (datasets/make_scar_eval.py, seeds in
//     datasets/scars-eval.json), scar IoU pooled and per scar kind (the teacher has no scar class).
// --write-card stores the numbers in models/scalp-seg/card.json ("metrics"); --model <dir> evaluates
// another export (training/export.py --out <dir>).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PanTeacher } from '../../src/models/pan-teacher/pan-teacher.js';
import { REPO_ROOT, SHARED_DIR, modelDir, sharedAvailable } from '../../src/models/paths.js';
import { ScalpSegmenter } from '../../src/models/scalp-seg/scalp-segmenter.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { readIndexedPng } from '../../src/models/scalp-seg/indexed-png.js';
import { addIou, emptyCounts, iouOf, type IouCounts } from '../../src/models/scalp-seg/iou.js';
import type { Segmenter } from '../../src/models/segmentation/segmenter.js';
import { SEG_CLASSES } from '../../src/vision/image.js';
import { onePhotoPerView, readLabelledPhotos, readSplit } from '../../datasets/norwood/photos.js';

const args = process.argv.slice(2);
const ALL = args.includes('--all');
const WRITE = args.includes('--write-card');
const LIMIT = args.includes('--limit') ? Number(args[args.indexOf('--limit') + 1]) : Infinity;
const MODEL = args.includes('--model') ? args[args.indexOf('--model') + 1] : undefined;
const CACHE = resolve(REPO_ROOT, 'datasets', 'cache');

async function readLabel(path: string, map?: (v: number) => number): Promise<Uint8Array> {
  const { data } = await readIndexedPng(readFileSync(path));
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = map ? map(data[i]) : data[i];
  return out;
}

interface Item {
  image: string;
  label: () => Promise<Uint8Array>;
  group?: string;
}

interface Result {
  images: number;
  ours: Record<string, number | null>;
  teacher: Record<string, number | null>;
  perGroup?: Record<string, { ours: number | null; images: number }>;
  /** Our pooled scar IoU to 5 decimals: the table's 3 cannot say which side of a target it falls. */
  oursScar5?: number | null;
}

const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
const named = (acc: IouCounts) => Object.fromEntries(iouOf(acc).map((v, c) => [SEG_CLASSES[c], round(v)]));

async function evaluate(items: Item[], ours: Segmenter, teacher: Segmenter): Promise<Result> {
  const a = emptyCounts(4);
  const b = emptyCounts(4);
  const groups = new Map<string, { acc: IouCounts; n: number }>();
  for (const it of items) {
    const img = await readRgbImage(it.image);
    const ref = await it.label();
    if (ref.length !== img.width * img.height) throw new Error(`${it.image}: label size differs from the photo`);
    const p = (await ours.segment(img)).labels;
    addIou(a, p, ref);
    addIou(b, (await teacher.segment(img)).labels, ref);
    if (it.group) {
      const g = groups.get(it.group) ?? { acc: emptyCounts(4), n: 0 };
      addIou(g.acc, p, ref);
      g.n++;
      groups.set(it.group, g);
    }
  }
  const res: Result = { images: items.length, ours: named(a), teacher: named(b) };
  if (groups.size) {
    // only the synthetic-scar set has groups (scar kinds), and only it has scars to score
    const scar = iouOf(a)[3];
    res.oursScar5 = scar === null ? null : Math.round(scar * 1e5) / 1e5;
    res.perGroup = Object.fromEntries([...groups].map(([k, g]) => [k, { ours: round(iouOf(g.acc)[3]), images: g.n }]));
  }
  return res;
}

function heldOutItems(): Item[] {
  const split = readSplit();
  if (!split) throw new Error('the held-out set needs datasets/split.json');
  const test = new Set(split.test);
  const photos = readLabelledPhotos().filter((p) => test.has(p.subject));
  const items: Item[] = [];
  let missing = 0;
  for (const { file, path } of ALL ? photos : onePhotoPerView(photos)) {
    const stem = file.split('/').pop()!.replace(/\.[^.]+$/, '');
    const label = resolve(CACHE, 'labels', `${stem}.png`);
    if (!existsSync(label)) {
      missing++;
      continue;
    }
    items.push({ image: path, label: () => readLabel(label) });
  }
  if (missing) console.warn(`held-out: ${missing} photos have no bootstrapped label yet (datasets/bootstrap_labels.py)`);
  return items.slice(0, LIMIT);
}

function sampleItems(): Item[] {
  const root = resolve(SHARED_DIR, 'data', 'hair-seg-samples');
  const files = ['0.png', '000335.png', '000340.png', '000342.png', '000343.png', '000344.png', '000345.png'];
  // their annotation: 0 background, 1 skin, 2 clothes, 3 hair -> ours: clothes is background
  const map = (v: number) => [0, 1, 0, 2][v] ?? 255;
  return files.map((f) => ({ image: resolve(root, 'image', f), label: () => readLabel(resolve(root, 'annotation', f), map) }));
}

function scarItems(): Item[] {
  const manifest = resolve(REPO_ROOT, 'datasets', 'scars-eval.json');
  if (!existsSync(manifest)) return [];
  const m = JSON.parse(readFileSync(manifest, 'utf8')) as { samples: { name: string; kind: string }[] };
  const dir = resolve(CACHE, 'scars-eval');
  const items = m.samples
    .filter((s) => existsSync(resolve(dir, `${s.name}.png`)))
    .map((s) => ({ image: resolve(dir, `${s.name}.png`), label: () => readLabel(resolve(dir, `${s.name}.label.png`)), group: s.kind }));
  if (items.length < m.samples.length) console.warn(`scars: ${m.samples.length - items.length} samples missing: run datasets/make_scar_eval.py`);
  return items.slice(0, LIMIT);
}

function table(title: string, r: Result): void {
  console.log(`\n${title} (${r.images} images)`);
  console.log('class        ours    teacher');
  for (const c of SEG_CLASSES) {
    const f = (v: number | null) => (v === null ? '   -  ' : v.toFixed(3).padStart(6));
    console.log(`${c.padEnd(12)} ${f(r.ours[c])}  ${f(r.teacher[c])}`);
  }
  if (r.perGroup) for (const [k, g] of Object.entries(r.perGroup)) console.log(`  scar IoU, ${k}: ${g.ours} (${g.images} images)`);
}

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`eval:seg skipped: ../shared is not available (${SHARED_DIR})`);
    return;
  }
  const threads = Number(process.env.SMP_INFERENCE_THREADS ?? 2);
  const ours = await ScalpSegmenter.load(MODEL, { intraOpThreads: threads });
  const teacher = await PanTeacher.load(undefined, { intraOpThreads: threads });
  console.log(`model ${ours.name}, teacher ${teacher.name}`);
  const heldOut = await evaluate(heldOutItems(), ours, teacher);
  table('held-out people vs BOOTSTRAPPED labels (agreement with refined teacher labels, not hand-made truth)', heldOut);
  const samples = await evaluate(sampleItems(), ours, teacher);
  table('hair-seg-samples, hand-made annotations (independent; clothes = background)', samples);
  const scarSet = scarItems();
  const scarsRes = scarSet.length ? await evaluate(scarSet, ours, teacher) : null;
  if (scarsRes) {
    table('synthetic scars on held-out people (teacher has no scar class)', scarsRes);
    console.log(`  scar IoU, pooled, to 5 decimals: ${scarsRes.oursScar5} (target >= 0.6)`);
  }
  await ours.release();
  await teacher.release();
  const metrics = {
    measured: new Date().toISOString(),
    command: `npm run eval:seg -- ${args.join(' ')}`.trim(),
    iou: 'pooled over pixels; reference pixels marked 255 (undecided borders) skipped',
    heldOutPeople: { reference: 'bootstrapped labels (datasets/bootstrap_labels.py), not hand-made', photos: ALL ? 'all' : 'one per person and view', ...heldOut },
    hairSegSamples: { reference: 'hand-made annotations, clothes mapped to background', ...samples },
    syntheticScars: scarsRes ? { reference: 'exact painted masks, held-out people, datasets/scars-eval.json', ...scarsRes } : null,
  };
  const out = resolve(CACHE, 'eval-seg.json');
  writeFileSync(out, JSON.stringify(metrics, null, 1) + '\n');
  console.log(`\nwritten ${out}`);
  if (WRITE) {
    const cardPath = resolve(MODEL ? resolve(MODEL) : modelDir('scalp-seg'), 'card.json');
    const card = JSON.parse(readFileSync(cardPath, 'utf8')) as Record<string, unknown>;
    card.metrics = metrics;
    writeFileSync(cardPath, JSON.stringify(card, null, 1) + '\n');
    console.log(`metrics written into ${cardPath}`);
  }
}

await main();
