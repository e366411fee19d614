// Where the proposed hairline and the dots land on real photos, for judging by eye: one consultation per
// person with a single view (top by default), planned as the service plans it, and a contact sheet of
// the dot plans with each person's grade and the hairline's rule. There is no ground truth for a
// hairline; the sheet is what a practitioner would look at (pigment on the forehead, a line through the
// hair, a face at the wrong end).
//   npm run build && node dist/test/eval/hairline.js [--view top|front|back|left|right] [--every 4] [--limit 24] [--only L6-016,...] [--out dir]
// (back and side views have no hairline: their sheets show where the scalp rule puts the dots)
// Photos: the "hair-loss" dataset by the Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1),
// CC BY 4.0: every person (train and test alike: nothing here is fitted), the first photo of the view.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp, { type OverlayOptions } from 'sharp';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { analyzeConsultation, type ConsultationPhoto } from '../../src/pipeline/consultation.js';
import { onePhotoPerView, readLabelledPhotos } from '../../datasets/norwood/photos.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
if (!sharedAvailable()) {
  console.log(`eval:hairline skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const VIEW_NAMES = ['top', 'front', 'back', 'left', 'right'] as const;
const view = arg('view', 'top') as (typeof VIEW_NAMES)[number];
if (!VIEW_NAMES.includes(view)) throw new Error(`--view must be one of ${VIEW_NAMES.join(', ')}, got ${view}`);
const every = Number(arg('every', '4'));
const limit = Number(arg('limit', '24'));
const out = resolve(arg('out', resolve(REPO_ROOT, 'tmp', `eval-hairline-${view}`)));
mkdirSync(out, { recursive: true });

const data = resolve(SHARED_DIR, 'data/hairloss-levels');
const first = new Map(onePhotoPerView(readLabelledPhotos(data)).filter((p) => p.view === view).map((p) => [p.subject, p]));
// --only L6-016,L7-003: just these people (the --every / --limit choice is skipped)
const only = arg('only', '').split(',').filter(Boolean);
const chosen = only.length ? only.flatMap((s) => first.get(s) ?? []) : [...first.values()].filter((_, i) => i % every === 0).slice(0, limit);

const pool = new WorkerPool(pipelineConfig({ queueMax: 16 }));
const TILE = 240;
const tiles: OverlayOptions[] = [];
const summary: Record<string, unknown>[] = [];
const esc = (s: string) => s.replace(/[<&>]/g, (c) => ({ '<': '&lt;', '&': '&amp;', '>': '&gt;' })[c]!);
for (const [k, r] of chosen.entries()) {
  const photos: ConsultationPhoto[] = [{ view, bytes: new Uint8Array(readFileSync(r.path)) }];
  const { analysis, files } = await analyzeConsultation(photos, { sex: 'male' }, pool);
  const plan = files.find((f) => f.name === 'plan-0.png')?.bytes ?? files.find((f) => f.name === 'photo-0.jpg')!.bytes;
  const note = analysis.plan?.hairline?.notes.join('; ') ?? 'no plan';
  // A session whose bald scalp got under half its density: the dot fill stalled (it should land within a few per cent).
  const short = (analysis.plan?.sessions ?? []).filter((ps) => analysis.plan!.areaCm2.bald > 2 && (ps.achievedPerCm2.bald ?? 0) < 0.5 * ps.densityPerCm2).map((ps) => ps.index);
  const line = {
    subject: r.subject,
    labelled: r.level,
    stage: analysis.norwood.stage,
    orientation: analysis.photos[0].orientation,
    keepOwnHairline: analysis.planRequest?.keepOwnHairline ?? null,
    method: analysis.plan?.hairline?.method ?? null,
    note,
    shortSessions: short,
    areaCm2: analysis.plan?.areaCm2 ?? null,
    totalDots: analysis.plan?.totalDots ?? null,
    scalpRule: analysis.plan?.scalp?.rule ?? null,
    scalpLeftOutCm2: analysis.plan?.scalp?.leftOutCm2 ?? null,
  };
  summary.push(line);
  console.log(`${line.subject}  label ${line.labelled}  graded ${line.stage ?? '-'}  turned ${line.orientation}°  keep ${line.keepOwnHairline}  scalp ${line.scalpRule ?? '-'}${line.scalpLeftOutCm2 !== null ? ` (${line.scalpLeftOutCm2} cm² left out)` : ''}  ${note}${short.length ? `  SHORT sessions ${short.join(', ')}` : ''}`);
  writeFileSync(resolve(out, `${r.subject}.png`), plan);
  const thumb = await sharp(plan).resize(TILE, TILE, { fit: 'contain', background: '#ffffff' }).toBuffer();
  const label = Buffer.from(
    `<svg width="${TILE}" height="18"><rect width="100%" height="100%" fill="white"/><text x="3" y="13" font-family="sans-serif" font-size="12">${esc(`${line.subject} N${line.stage ?? '-'}${line.keepOwnHairline ? ' keep' : ''} ${line.method ?? ''}`)}</text></svg>`,
  );
  const x = (k % 6) * TILE, y = Math.floor(k / 6) * (TILE + 18);
  tiles.push({ input: label, left: x, top: y }, { input: thumb, left: x, top: y + 18 });
}
await pool.close();
const rowsN = Math.ceil(chosen.length / 6);
await sharp({ create: { width: 6 * TILE, height: rowsN * (TILE + 18), channels: 3, background: '#ffffff' } }).composite(tiles).png().toFile(resolve(out, 'sheet.png'));
writeFileSync(resolve(out, 'hairlines.json'), JSON.stringify(summary, null, 1));
const stalled = summary.filter((l) => (l.shortSessions as number[]).length > 0).map((l) => l.subject);
console.log(`\nplans with a session under half its density on bald scalp: ${stalled.length} of ${chosen.length}${stalled.length ? ` (${stalled.join(', ')})` : ''}`);
// A bald head (labelled Norwood 5+) whose plan has almost no dots: the scalp was not found (before the
// skull rule, shaved heads in back views, whose short hair the segmenter reads as skin).
const bald = summary.filter((l) => (l.labelled as number) >= 5);
const empty = bald.filter((l) => ((l.totalDots as number | null) ?? 0) < 100).map((l) => l.subject);
console.log(`Norwood 5+ plans with under 100 dots: ${empty.length} of ${bald.length}${empty.length ? ` (${empty.join(', ')})` : ''}`);
// Top views: skin beyond the hair's rim (a hand, a shoulder) left out of the plan (hair-rim.ts).
const rimmed = summary.filter((l) => l.scalpRule === 'hair-rim').map((l) => `${l.subject} ${l.scalpLeftOutCm2} cm²`);
if (view === 'top') console.log(`skin beyond the hair's rim left out: ${rimmed.length} of ${chosen.length}${rimmed.length ? ` (${rimmed.join(', ')})` : ''}`);
// Top views with no rim of hair: skin far outside the skull's outline (arms, shoulders) left out (skull-outline.ts).
const outlined = summary.filter((l) => l.scalpRule === 'skull-outline').map((l) => `${l.subject} ${l.scalpLeftOutCm2} cm²`);
if (view === 'top') console.log(`skin outside the skull's outline left out: ${outlined.length} of ${chosen.length}${outlined.length ? ` (${outlined.join(', ')})` : ''}`);
console.log(`${chosen.length} ${view} views: ${resolve(out, 'sheet.png')}, ${resolve(out, 'hairlines.json')}, one plan image per person`);
