// Per-photo features that tell one person from another, for the same-person check: each person's five
// views analysed together as the service does, one row per photo.
//   npm run build && node dist/test/eval/person-features.js [--out tmp/person-features.json] [--limit N]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { analyzeConsultation, type ConsultationPhoto } from '../../src/pipeline/consultation.js';
import { onePhotoPerView, readLabelledPhotos, readSplit } from '../../datasets/norwood/photos.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
if (!sharedAvailable()) {
  console.log(`person-features skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const out = resolve(arg('out', resolve(REPO_ROOT, 'tmp', 'person-features.json')));
const limit = Number(arg('limit', '1000'));
const split = readSplit();
const byPerson = new Map<string, ReturnType<typeof onePhotoPerView>>();
for (const p of onePhotoPerView(readLabelledPhotos(resolve(SHARED_DIR, 'data/hairloss-levels')))) {
  byPerson.set(p.subject, [...(byPerson.get(p.subject) ?? []), p]);
}
const pool = new WorkerPool(pipelineConfig({ queueMax: 16 }));
const rows: Record<string, unknown>[] = [];
const people = [...byPerson.entries()].slice(0, limit);
// A few people at a time: the pool's queue holds 16 photos.
const analyse = async ([subject, photos]: (typeof people)[number]): Promise<void> => {
  const input: ConsultationPhoto[] = photos.map((p) => ({ view: p.view, bytes: new Uint8Array(readFileSync(p.path)) }));
  const { analysis } = await analyzeConsultation(input, { sex: 'male' }, pool);
  for (const [k, ph] of analysis.photos.entries()) {
    const view = analysis.norwood.views?.find((v: { photo?: number }) => v.photo === k) ?? null;
    rows.push({
      subject,
      set: split?.test.includes(subject) ? 'test' : 'train',
      level: photos[k].level,
      view: photos[k].view,
      skinTone: ph.skinTone ? { ita: ph.skinTone.ita, lab: ph.skinTone.lab, confidence: ph.skinTone.confidence } : null,
      hairColour: ph.hairColour ? { lab: ph.hairColour.lab, greyFraction: ph.hairColour.greyFraction, confidence: ph.hairColour.confidence, pixels: ph.hairColour.pixels } : null,
      norwood: view,
    });
  }
};
for (let i = 0; i < people.length; i += 3) await Promise.all(people.slice(i, i + 3).map(analyse));
await pool.close();
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(rows));
console.log(`${rows.length} photos of ${people.length} people: ${out}`);
