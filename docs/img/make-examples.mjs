// Regenerates the dot-engine example images in this folder from CC BY 4.0 photos of the
// hairloss-levels set (read from ../shared at run time, never copied whole into the repository).
//   npm run build && node docs/img/make-examples.mjs
// Segmentation: the teacher from ../shared by default (SEGMENTER=ours uses models/scalp-seg, still in
// training when these were made). Output: small JPEGs (<= 150 KB each).
import { resolve } from 'node:path';
import sharp from 'sharp';
import { ScalpSegmenter, readRgbImage } from '../../dist/src/models/scalp-seg/index.js';
import { PanTeacher } from '../../dist/src/models/pan-teacher/pan-teacher.js';
import { SHARED_DIR } from '../../dist/src/models/paths.js';
import { planDots } from '../../dist/src/plan/dots/plan.js';
import { renderPreview } from '../../dist/src/plan/render/preview.js';
import { renderOverlayPng } from '../../dist/src/plan/render/overlay.js';
import { FaceLandmarker } from '../../dist/src/models/face-landmarks/face-landmarker.js';

const here = new URL('.', import.meta.url).pathname;
const photos = resolve(SHARED_DIR, 'data', 'hairloss-levels', 'images');
const EXAMPLES = [
  { name: 'top-n6', file: '18-Top-Down_jpg.rf.4b492d220f19edb0446c77912fbecf35.jpg', view: 'top', crop: [150, 300, 200, 200] },
  { name: 'front-n6', file: process.env.FRONT_FILE ?? '11-Front_jpg.rf.e6a300c36c5289e444a7ed5572afab19.jpg', view: 'front' },
  // A front view that shows the whole face: hairline from face landmarks, scale from the eyes.
  { name: 'front-face', file: '10-Front_jpg.rf.12e882f3333b5924037aef11b85e049b.jpg', view: 'front', face: true, plan: true },
].filter((ex) => !process.env.ONLY || process.env.ONLY.split(',').includes(ex.name));
const needle = { code: '0603RL', diameterMm: 0.25 };
// A typical three-session schedule (Liu 2025: 30 -> 70 -> 100 % of ~90 FU/cm²), lighter first.
const sessions = [0.3, 0.7, 1].map((f, index) => ({ index, densityPerCm2: 90 * f, dilution: { waterParts: [12, 8, 6][index] }, needle }));

const raw = (img) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } });
async function sideBySide(a, b, width, out) {
  const [A, B] = await Promise.all([a.resize(width).png().toBuffer(), b.resize(width).png().toBuffer()]);
  const h = (await sharp(A).metadata()).height;
  await sharp({ create: { width: 2 * width + 6, height: h, channels: 3, background: '#ffffff' } })
    .composite([{ input: A, left: 0, top: 0 }, { input: B, left: width + 6, top: 0 }])
    .jpeg({ quality: 82, mozjpeg: true })
    .toFile(out);
}

const seg = process.env.SEGMENTER === 'ours' ? await ScalpSegmenter.load() : await PanTeacher.load();
for (const ex of EXAMPLES) {
  const img = await readRgbImage(resolve(photos, ex.file));
  const face = ex.face ? (await (await FaceLandmarker.load()).find(img, 0)).face : null;
  const plan = planDots({
    image: img,
    seg: await seg.segment(img),
    view: ex.view,
    sessions,
    seed: 7,
    ...(face ? { landmarks: face.shape, scaleCues: [{ kind: 'interpupillary', distancePx: face.shape.interpupillaryPx }] } : {}),
  });
  const after = await renderPreview(img, plan);
  await sideBySide(raw(img), raw(after), 400, resolve(here, `${ex.name}-before-after.jpg`));
  if (ex.crop) {
    const zoom = await renderPreview(img, plan, { scale: 2 });
    const [l, t, w, h] = ex.crop;
    const cut = (s, k) => s.extract({ left: l * k, top: t * k, width: w * k, height: h * k });
    const up = sharp(await raw(img).resize(img.width * 2, img.height * 2, { kernel: 'lanczos3' }).png().toBuffer());
    await sideBySide(cut(up, 2), cut(raw(zoom), 2), 360, resolve(here, `${ex.name}-zoom.jpg`));
  }
  if (ex.crop || ex.plan) await sharp(await renderOverlayPng(img, plan)).resize(520).jpeg({ quality: 82, mozjpeg: true }).toFile(resolve(here, `${ex.name}-plan.jpg`));
  console.log(ex.name, plan.totalDots, 'dots', plan.sessions.map((s) => s.dots).join('/'), `scale ${plan.scale.mmPerPixel.toFixed(3)} mm/px`, plan.hairline?.notes.join('; '));
}
await seg.release?.();
