// Hair colour from the scalp only (vision/colour/hair-region.ts, as the pipeline measures it) against
// every confident hair pixel: how many photos change shade or lose their hair colour, per view, and per
// person fused. One photo per view of every person of ../shared (train and held out: nothing is fitted).
//   npm run build && node dist/test/eval/hair-region.js [--list]
// --list: every photo whose shade changed or was lost, to look at its overlay.
import { createHash } from 'node:crypto';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { balancedForSegmentation, measurePhotoColour } from '../../src/vision/colour/measure.js';
import { DEFAULT_COLOUR_SETTINGS } from '../../src/vision/colour/settings.js';
import { fuseSkinTone } from '../../src/vision/colour/fuse.js';
import type { PhotoColour } from '../../src/vision/colour/types.js';
import { analyzeGeometry } from '../../src/vision/geometry/analyze.js';
import { scalpHairRegion } from '../../src/vision/colour/hair-region.js';
import { faceRegion } from '../../src/vision/scars/face-region.js';
import { MIN_FACE_ON_HEAD, shareOnHead } from '../../src/vision/geometry/face-on-head.js';
import { shippedFaceLandmarker, shippedFeatureModel } from '../../src/pipeline/models.js';
import { openSegSource } from '../../datasets/colour/seg-cache.js';
import { onePhotoPerView, readLabelledPhotos } from '../../datasets/norwood/photos.js';

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`SKIP: ../shared is missing (${SHARED_DIR})`);
    return;
  }
  const list = process.argv.includes('--list');
  const photos = onePhotoPerView(readLabelledPhotos());
  const seg = await openSegSource({ threads: Number(process.env.THREADS ?? 1) });
  const features = await shippedFeatureModel(Number(process.env.THREADS ?? 1));
  const landmarker = await shippedFaceLandmarker();
  let faces = 0;
  type Row = { subject: string; view: string; file: string; before: PhotoColour['hairColour']; after: PhotoColour['hairColour']; colours: [PhotoColour, PhotoColour] };
  const rows: Row[] = [];
  for (const p of photos) {
    const img = await readRgbImage(p.path);
    const balanced = balancedForSegmentation(img);
    const s = await seg.segment(p.path, balanced, `preb.${createHash('sha1').update(balanced.data).digest('hex').slice(0, 12)}`);
    const g = analyzeGeometry(s, p.view, { features: await features.extract(img) });
    // the face as the pipeline finds it (photo-task.ts): front views, landmarks mostly on the head
    const face =
      g.view === 'front' && g.headFound
        ? (await landmarker.find(img, g.orientation, (pts) => (shareOnHead(pts, s, img.width, img.height) < MIN_FACE_ON_HEAD ? 'off the head' : null))).face
        : null;
    const hairRegion = scalpHairRegion(g, img.width, img.height, face ? faceRegion(face.shape) : undefined);
    if (face) faces++;
    const before = measurePhotoColour(img, s);
    const after = measurePhotoColour(img, s, DEFAULT_COLOUR_SETTINGS, { hairRegion });
    rows.push({ subject: p.subject, view: p.view, file: p.path, before: before.hairColour, after: after.hairColour, colours: [before, after] });
  }
  await seg.release();
  const views = [...new Set(rows.map((r) => r.view))];
  console.log(`hair colour, scalp only (head box less the face part; ${faces} faces found) vs every hair pixel: ${rows.length} photos of ${new Set(rows.map((r) => r.subject)).size} people`);
  console.log('view     read before  read after  lost  same shade  other shade  median |ΔL*| (both read)');
  for (const v of [...views, 'all']) {
    const rs = rows.filter((r) => v === 'all' || r.view === v);
    const both = rs.filter((r) => r.before && r.after);
    const dL = both.map((r) => Math.abs(r.before!.lightness - r.after!.lightness)).sort((a, b) => a - b);
    console.log(
      `${v.padEnd(8)} ${String(rs.filter((r) => r.before).length).padStart(11)} ${String(rs.filter((r) => r.after).length).padStart(11)} ` +
        `${String(rs.filter((r) => r.before && !r.after).length).padStart(5)} ${String(both.filter((r) => r.before!.name === r.after!.name).length).padStart(11)} ` +
        `${String(both.filter((r) => r.before!.name !== r.after!.name).length).padStart(12)}  ${dL.length ? dL[Math.floor(dL.length / 2)].toFixed(1) : '-'}`,
    );
  }
  // per person, fused as the consultation fuses them
  const people = [...new Set(rows.map((r) => r.subject))];
  let changed = 0;
  let lost = 0;
  const lines: string[] = [];
  for (const who of people) {
    const mine = rows.filter((r) => r.subject === who);
    const a = fuseSkinTone(mine.map((r) => r.colours[0])).hairColour;
    const b = fuseSkinTone(mine.map((r) => r.colours[1])).hairColour;
    if (a && !b) lost++;
    else if (a && b && a.name !== b.name) changed++;
    if ((a?.name ?? null) !== (b?.name ?? null)) lines.push(`  ${who}: ${a?.name ?? 'none'} -> ${b?.name ?? 'none'}`);
  }
  console.log(`people (fused): ${changed} of ${people.length} change shade, ${lost} lose their hair colour`);
  for (const l of lines) console.log(l);
  if (list) {
    for (const r of rows) {
      if ((r.before?.name ?? null) !== (r.after?.name ?? null)) console.log(`  ${r.subject} ${r.view}: ${r.before?.name ?? 'none'} -> ${r.after?.name ?? 'none'}  ${r.file}`);
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
