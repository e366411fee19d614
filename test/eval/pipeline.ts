// The Norwood grade through the whole service pipeline (intake, quality gate, segmentation, features,
// geometry, fusion), one consultation per held-out person with all five views, as a client would send;
// and how often the recommendation plans scar camouflage for these people, none of whom has a known scar.
//   npm run eval:pipeline [-- --resize <long side>] [--tilt <degrees> [--crop-only]] [--json out.json] [--data DIR]
// --data: people from another folder in the labels.csv format, all but anyone with a photo byte-identical
// to a train photo (datasets/norwood/held-out.ts);
// --resize: every photo resized (sharp, lanczos3; JPEG quality 92) before it is sent, as if taken at that
// resolution; --tilt: every photo turned by that many degrees and cropped to a full frame, as if the phone
// were held at a slant (--crop-only: the same crop without the turn, the control); --json: per person the stage, skin ITA, undertone, Monk tone and plan dots, so two runs can be
// compared (a result should not depend on the resolution a photo arrives at).
// Photos: the "hair-loss" dataset by the Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1),
// CC BY 4.0; people from datasets/split.json "test" (or --data), never seen in training.
import { readFileSync, writeFileSync } from 'node:fs';
import { arg } from '../helpers/eval-args.js';
import { savedAgainAt, tiltedCopy } from '../helpers/resave.js';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { analyzeConsultation, type ConsultationPhoto } from '../../src/pipeline/consultation.js';
import { onePhotoPerView } from '../../datasets/norwood/photos.js';
import { heldOutPhotos } from '../../datasets/norwood/held-out.js';

if (!sharedAvailable()) {
  console.log(`eval:pipeline skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const held = heldOutPhotos(arg('data') ?? undefined);
for (const e of held.shared ? [] : held.excluded) console.log(`left out ${e.subject}: ${e.reason}`);
const photosPerView = onePhotoPerView(held.photos);
const people = [...new Set(photosPerView.map((p) => p.subject))];
const resize = arg('resize') ? Number(arg('resize')) : null;
if (resize !== null && !(Number.isInteger(resize) && resize >= 64)) throw new Error(`--resize must be an integer >= 64, got ${arg('resize')}`);
const tilt = arg('tilt') ? Number(arg('tilt')) : null;
if (tilt !== null && !(Number.isFinite(tilt) && Math.abs(tilt) < 45)) throw new Error(`--tilt must be degrees in (-45, 45), got ${arg('tilt')}`);
const cropOnly = process.argv.includes('--crop-only');
const photoBytes = async (path: string): Promise<Uint8Array> => {
  let bytes: Buffer = readFileSync(path);
  if (tilt !== null) bytes = await tiltedCopy(bytes, tilt, !cropOnly);
  if (resize !== null) bytes = await savedAgainAt(bytes, resize);
  return new Uint8Array(bytes);
};
const perPerson: Record<string, unknown> = {};
const pool = new WorkerPool(pipelineConfig({ queueMax: 16 }));
const confusion = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
let exact = 0;
let within = 0;
let graded = 0;
let scarPlanned = 0;
let scarPossible = 0;
for (const subject of people) {
  const mine = photosPerView.filter((p) => p.subject === subject);
  const photos: ConsultationPhoto[] = [];
  for (const p of mine) photos.push({ view: p.view, bytes: await photoBytes(p.path) });
  const { analysis } = await analyzeConsultation(photos, { sex: 'male' }, pool);
  const truth = mine[0].level;
  const level = analysis.norwood.level;
  if (level !== null) {
    graded++;
    confusion[truth][level]++;
    if (level === truth) exact++;
    if (Math.abs(level - truth) <= 1) within++;
  }
  const planned = analysis.recommendation?.basis.zones.value.includes('scar') ?? false;
  const possible = (analysis.recommendation?.warnings ?? []).filter((w) => w.code === 'scar-possible').length;
  if (planned) scarPlanned++;
  const tone = analysis.skinTone as { ita?: number; undertone?: string; monk?: number } | null;
  perPerson[subject] = {
    level: truth,
    stage: analysis.norwood.stage,
    confidence: analysis.norwood.confidence,
    ita: tone?.ita ?? null,
    undertone: tone?.undertone ?? null,
    monk: tone?.monk ?? null,
    photoIta: analysis.photos.map((ph) => (ph.skinTone as { ita?: number } | null)?.ita ?? null),
    planDots: analysis.plan?.totalDots ?? null,
    planView: analysis.plan?.view ?? null,
    planFaceEndSure: analysis.plan?.orientation?.sure ?? null,
  };
  if (possible) scarPossible++;
  console.log(
    `${subject}: level ${truth} -> ${analysis.norwood.stage ?? 'not assessable'} (confidence ${analysis.norwood.confidence})` +
      `; plan on ${analysis.plan ? `the ${analysis.plan.view} view${analysis.plan.orientation?.sure === false ? ' (face end unsure)' : ''}` : 'no photo'}` +
      `${planned ? '; scar camouflage planned' : ''}${possible ? `; ${possible} possible scar${possible > 1 ? 's' : ''} to check` : ''}`,
  );
}
await pool.close();
const n = people.length;
const jsonOut = arg('json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ resize, tilt, cropOnly, people: perPerson }, null, 2));
console.log(`\n${n} held-out people, five views each, through the service pipeline: graded ${graded}/${n}`);
console.log(`exact ${(exact / n).toFixed(3)}  within one ${(within / n).toFixed(3)}`);
console.log('confusion (rows: true level 2..7, columns: graded 1..7)');
for (let t = 2; t <= 7; t++) console.log(`  ${t}: ${confusion[t].slice(1).join(' ')}`);
console.log(`scar camouflage planned for ${scarPlanned}/${n} people without a known scar; a possible scar to check for ${scarPossible}/${n}`);
