// The blur check against the resolution a photo arrives at: every person's photos (one per view) as
// stored (640 px), saved again at 1024 px (a phone photo is analysed at 1024 px) and at 480 px, each
// through the intake as the service takes it; the check's verdict (ok / warning / error) for each, by the
// rule in use (sharpness judged at 640 px, src/vision/quality/gate.ts) and by the former rule (judged on
// the analysis copy at its own size). The head region is not used here (as in POST /v1/photo-checks).
//   npm run eval:quality
// Photos: the "hair-loss" dataset by the Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1),
// CC BY 4.0: every person (nothing here is fitted).
import { readFileSync } from 'node:fs';
import { readLabelledPhotos } from '../../datasets/norwood/photos.js';
import { savedAgainAt } from '../helpers/resave.js';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { intakePhoto } from '../../src/vision/intake/decode.js';
import { intakeLimits } from '../../src/vision/intake/limits.js';
import { assessQuality, blurCheck, type Severity } from '../../src/vision/quality/gate.js';
import { laplacianVariance } from '../../src/vision/quality/laplacian.js';
import { luma } from '../../src/vision/quality/luma.js';

if (!sharedAvailable()) {
  console.log(`eval:quality skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const seen = new Set<string>();
const chosen = readLabelledPhotos().filter((ph) => !seen.has(`${ph.subject} ${ph.view}`) && seen.add(`${ph.subject} ${ph.view}`));
const SIZES = [null, 1024, 480] as const; // null: as stored
const name = (s: number | null) => (s === null ? 'stored' : `${s} px`);
type Verdicts = Record<string, { now: Severity; before: Severity; value: number }>;
const results: Verdicts[] = [];
for (const ph of chosen) {
  const stored = readFileSync(ph.path);
  const v: Verdicts = {};
  for (const side of SIZES) {
    const bytes = side === null ? stored : await savedAgainAt(stored, side);
    const intake = await intakePhoto(new Uint8Array(bytes), intakeLimits());
    const img = intake.analysis;
    const now = assessQuality({ image: img, original: intake }).checks.find((c) => c.id === 'blur')!;
    const before = blurCheck(laplacianVariance(luma(img), img.width, img.height));
    v[name(side)] = { now: now.severity, before: before.severity, value: now.value };
  }
  results.push(v);
}
const count = (rule: 'now' | 'before', size: string, s: Severity) => results.filter((x) => x[size][rule] === s).length;
console.log(`blur check on ${results.length} photos (one per person and view), each as stored and saved again at another size`);
for (const rule of ['before', 'now'] as const) {
  console.log(`\n${rule === 'now' ? 'in use: judged at 640 px' : 'former: judged at the analysis copy\'s own size'}`);
  for (const side of SIZES) {
    const k = name(side);
    const agree = results.filter((x) => x[k][rule] === x.stored[rule]).length;
    console.log(
      `  ${k.padEnd(7)} ok ${String(count(rule, k, 'ok')).padStart(3)}  warning ${String(count(rule, k, 'warning')).padStart(3)}  error ${String(count(rule, k, 'error')).padStart(3)}` +
        `   same verdict as stored: ${agree}/${results.length}`,
    );
  }
}
const ratio = (k: string) => {
  const xs = results.map((x) => x[k].value / Math.max(1e-9, x.stored.value)).sort((a, b) => a - b);
  return `median ${xs[Math.floor(xs.length / 2)].toFixed(2)} (p5 ${xs[Math.floor(xs.length * 0.05)].toFixed(2)}, p95 ${xs[Math.floor(xs.length * 0.95)].toFixed(2)})`;
};
console.log(`\nsharpness value (in use) against the stored photo's: 1024 px ${ratio('1024 px')}; 480 px ${ratio('480 px')}`);
