// Face landmarks on real photos (../shared: one upright front view per person of hairloss-levels, and the
// hair-seg-samples portraits): how often a photo yields a usable face, how often the
// plausibility check throws a detection away, how stable the points are when the photo comes turned
// by 90/180/270 degrees (and is turned back by the known orientation), and the time per photo.
// No hand-labelled landmarks exist here, so correctness is checked by looking: --sheet writes a contact
// sheet of every photo with its accepted landmarks (green) or rejected ones (red).
//   npm run eval:face -- [--limit N] [--sheet /tmp/faces.png] [--json out.json]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { FaceLandmarker } from '../../src/models/face-landmarks/face-landmarker.js';
import { pointToUpright } from '../../src/models/face-landmarks/upright.js';
import type { RgbImage } from '../../src/vision/image.js';
import { arg } from '../helpers/eval-args.js';

/** One upright front photo per person (copies marked possibly_rotated are skipped: their turn is unknown). */
function frontPhotos(): { file: string; subject: string }[] {
  const dir = resolve(SHARED_DIR, 'data', 'hairloss-levels');
  const rows = readFileSync(resolve(dir, 'labels.csv'), 'utf8').replace(/\r/g, '').split('\n').slice(1).filter(Boolean).map((l) => l.split(','));
  const seen = new Set<string>();
  const out: { file: string; subject: string }[] = [];
  for (const [file, subject, , view, , rotated] of rows) {
    if (view !== 'front' || rotated !== 'no' || seen.has(subject)) continue;
    seen.add(subject);
    out.push({ file: resolve(dir, file), subject });
  }
  return out;
}

/** The hand-annotated segmentation samples: portraits and scenes, some with a frontal face. */
function samplePhotos(): { file: string; subject: string }[] {
  const dir = resolve(SHARED_DIR, 'data', 'hair-seg-samples', 'image');
  return readdirSync(dir).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort().map((f) => ({ file: resolve(dir, f), subject: `sample ${f}` }));
}

/** The photo turned clockwise by `deg` (what a phone held sideways gives). */
async function turned(img: RgbImage, deg: 90 | 180 | 270): Promise<RgbImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).rotate(deg).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`skipped: ../shared not found at ${SHARED_DIR}`);
    return;
  }
  const limit = Number(arg('limit') ?? Infinity);
  const photos = [...frontPhotos().slice(0, limit), ...samplePhotos()];
  const t0 = performance.now();
  const landmarker = await FaceLandmarker.load();
  console.log(`loaded in ${(performance.now() - t0).toFixed(0)} ms (${landmarker.version})`);
  const results: { subject: string; file: string; accepted: boolean; score: number | null; rejected: number; ipdPx: number | null; turnErrorIpd: number | null; ms: number }[] = [];
  const sheet: { img: RgbImage; points: [number, number][] | null; bad: [number, number][][] }[] = [];
  for (const p of photos) {
    const img = await readRgbImage(p.file);
    const t = performance.now();
    const search = await landmarker.find(img, 0);
    const ms = performance.now() - t;
    let turnError: number | null = null;
    if (search.face) {
      // The same face found in turned copies and mapped back should land on the same pixels.
      const errs: number[] = [];
      for (const deg of [90, 180, 270] as const) {
        const photo = await turned(img, deg);
        const other = await landmarker.find(photo, deg);
        if (!other.face) continue;
        let sum = 0;
        for (let i = 0; i < 68; i++) {
          const back = pointToUpright(other.face.points[i], deg, photo.width, photo.height);
          sum += Math.hypot(back[0] - search.face.points[i][0], back[1] - search.face.points[i][1]);
        }
        errs.push(sum / 68 / search.face.shape.interpupillaryPx);
      }
      if (errs.length) turnError = Math.max(...errs);
    }
    results.push({
      subject: p.subject,
      file: p.file,
      accepted: Boolean(search.face),
      score: search.face?.score ?? null,
      rejected: search.rejected.length,
      ipdPx: search.face ? Math.round(search.face.shape.interpupillaryPx) : null,
      turnErrorIpd: turnError === null ? null : Math.round(turnError * 1000) / 1000,
      ms: Math.round(ms),
    });
    sheet.push({ img, points: search.face?.points ?? null, bad: search.rejected.map((r) => r.points) });
    for (const r of search.rejected) console.log(`   rejected ${r.score}: ${r.reasons.join('; ')}`);
    const last = results[results.length - 1];
    console.log(`${p.subject.padEnd(8)} ${last.accepted ? `face ${last.score} ipd ${last.ipdPx}px turn-err ${last.turnErrorIpd ?? '-'} IPD` : 'no face'}  rejected ${last.rejected}  ${last.ms} ms`);
  }
  const accepted = results.filter((r) => r.accepted);
  const withDetections = results.filter((r) => r.accepted || r.rejected > 0);
  const turnErrs = accepted.map((r) => r.turnErrorIpd).filter((v): v is number => v !== null).sort((a, b) => a - b);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const summarise = (rs: typeof results) => {
    const acc = rs.filter((r) => r.accepted);
    const fired = rs.filter((r) => r.accepted || r.rejected > 0);
    return { photos: rs.length, detectorFiredOn: fired.length, accepted: acc.length, rejectedOnly: fired.length - acc.length };
  };
  const summary = {
    frontViews: summarise(results.filter((r) => !r.subject.startsWith('sample'))),
    hairSegSamples: summarise(results.filter((r) => r.subject.startsWith('sample'))),
    photos: results.length,
    detectorFiredOn: withDetections.length,
    accepted: accepted.length,
    rejectedOnly: withDetections.length - accepted.length,
    turnErrorIpd: turnErrs.length ? { median: turnErrs[turnErrs.length >> 1], max: turnErrs[turnErrs.length - 1], n: turnErrs.length } : null,
    msPerPhoto: { median: ms[ms.length >> 1], p95: ms[Math.floor(0.95 * (ms.length - 1))] },
  };
  console.log(JSON.stringify(summary, null, 1));
  const json = arg('json');
  if (json) writeFileSync(json, JSON.stringify({ summary, results }, null, 1));
  const out = arg('sheet');
  if (out) await writeSheet(out, sheet);
}

/** Contact sheet, 8 across, 200 px tiles; accepted landmarks drawn as green dots. */
async function writeSheet(path: string, tiles: { img: RgbImage; points: [number, number][] | null; bad: [number, number][][] }[]): Promise<void> {
  const T = 200, cols = 8, rows = Math.ceil(tiles.length / cols);
  const composites = await Promise.all(
    tiles.map(async (t, i) => {
      const s = T / Math.max(t.img.width, t.img.height);
      const dots = (t.points ?? []).map(([x, y]) => `<circle cx="${(x * s).toFixed(1)}" cy="${(y * s).toFixed(1)}" r="1.6" fill="#0f0"/>`).join('') +
        t.bad.flat().map(([x, y]) => `<circle cx="${(x * s).toFixed(1)}" cy="${(y * s).toFixed(1)}" r="1.2" fill="#f00"/>`).join('');
      const base = await sharp(t.img.data, { raw: { width: t.img.width, height: t.img.height, channels: 3 } }).resize(Math.round(t.img.width * s), Math.round(t.img.height * s)).png().toBuffer();
      const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(t.img.width * s)}" height="${Math.round(t.img.height * s)}">${dots}</svg>`);
      const tile = await sharp(base).composite([{ input: svg }]).png().toBuffer();
      return { input: tile, left: (i % cols) * T, top: Math.floor(i / cols) * T };
    }),
  );
  await sharp({ create: { width: cols * T, height: rows * T, channels: 3, background: '#000' } }).composite(composites).png().toFile(path);
  console.log(`contact sheet: ${path}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
