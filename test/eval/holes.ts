// Holes in the plan's head mask on real photos: how many the plan fills as bald scalp (fillScalpHoles),
// how large, and how many it keeps out (dark hair read as background, gaps showing the room), per view.
// One photo per person and view, segmented as the service does.
//   npm run build && node dist/test/eval/holes.js
// Photos: the "hair-loss" dataset by the Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1),
// CC BY 4.0: every person (nothing here is fitted).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { shippedSegmenter } from '../../src/pipeline/models.js';
import { intakePhoto } from '../../src/vision/intake/decode.js';
import { intakeLimits } from '../../src/vision/intake/limits.js';
import { onePhotoPerView, readLabelledPhotos } from '../../datasets/norwood/photos.js';
import { balancedForSegmentation } from '../../src/vision/colour/measure.js';
import { headMask } from '../../src/vision/image.js';
import { prepareField } from '../../src/plan/density/prepare.js';
import { cellLinearRgb, fillScalpHoles } from '../../src/plan/density/holes.js';

if (!sharedAvailable()) {
  console.log(`eval:holes skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const data = resolve(SHARED_DIR, 'data/hairloss-levels');
const chosen = onePhotoPerView(readLabelledPhotos(data));
const segmenter = await shippedSegmenter(1);
const out: { subject: string; view: string; filled: number; kept: number; share: number; ms: number }[] = [];
for (const r of chosen) {
  const image = (await intakePhoto(new Uint8Array(readFileSync(r.path)), intakeLimits())).analysis;
  const seg = await segmenter.segment(balancedForSegmentation(image));
  const plain = prepareField(seg, headMask(seg));
  const t = performance.now();
  const f = fillScalpHoles(plain, cellLinearRgb(image, plain.grid));
  const ms = performance.now() - t;
  const head = plain.head.reduce((a, v) => a + v, 0);
  out.push({ subject: r.subject, view: r.view, filled: f.filled, kept: f.kept, share: f.cells / Math.max(1, head), ms });
}
for (const v of [...new Set(out.map((o) => o.view)), 'all']) {
  const s = out.filter((o) => v === 'all' || o.view === v);
  const any = s.filter((o) => o.filled > 0).length;
  const big = s.filter((o) => o.share > 0.01);
  const ms = s.map((o) => o.ms).sort((a, b) => a - b);
  const largest = s.reduce((a, o) => (o.share > a.share ? o : a), s[0]);
  console.log(
    `${v.padEnd(9)} ${s.length} photos: holes filled in ${any}, over 1 % of the head in ${big.length}; largest ${(100 * largest.share).toFixed(1)} % (${largest.subject}); holes kept out ${s.reduce((a, o) => a + o.kept, 0)}; median ${ms[ms.length >> 1].toFixed(1)} ms per photo`,
  );
}
