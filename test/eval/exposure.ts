// The exposure check against the light: every person's photos (one per view) as stored and with 1, 2 and
// 3 stops of light taken away (each 8-bit value x 2^(-stops/2.2), gamma 2.2), judged as a consultation
// judges them (on the head, from the shipped segmenter's mask). The rule in use (too dark by the head's
// bright end, its 95th percentile luma) against the former one (the head's mean luma under 40 / 60):
// how many photos as taken each flags (warning) or refuses (error), and how many darkened ones it catches.
//   npm run eval:exposure
// Photos: the "hair-loss" dataset by the Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1),
// CC BY 4.0: every person (nothing here is fitted).
import { readFileSync } from 'node:fs';
import { readLabelledPhotos } from '../../datasets/norwood/photos.js';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { intakePhoto } from '../../src/vision/intake/decode.js';
import { intakeLimits } from '../../src/vision/intake/limits.js';
import { exposureCheck, type Severity } from '../../src/vision/quality/gate.js';
import { exposureStats } from '../../src/vision/quality/exposure.js';
import { luma } from '../../src/vision/quality/luma.js';
import { headMask, type RgbImage } from '../../src/vision/image.js';
import { balancedForSegmentation } from '../../src/vision/colour/measure.js';
import { shippedSegmenter } from '../../src/pipeline/models.js';

if (!sharedAvailable()) {
  console.log(`eval:exposure skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const STOPS = [0, 1, 2, 3] as const;
/** The former rule: the head's mean luma, too dark under 40 (error) and 60 (warning). */
const formerDark = (mean: number): Severity => (mean < 40 ? 'error' : mean < 60 ? 'warning' : 'ok');

function darker(img: RgbImage, stops: number): RgbImage {
  if (stops === 0) return img;
  const k = 2 ** (-stops / 2.2);
  return { ...img, data: Uint8Array.from(img.data, (v) => Math.round(v * k)) };
}

const seen = new Set<string>();
const chosen = readLabelledPhotos().filter((ph) => !seen.has(`${ph.subject} ${ph.view}`) && seen.add(`${ph.subject} ${ph.view}`));
const segmenter = await shippedSegmenter(1);
type Verdict = { now: Severity; before: Severity };
const results: Record<number, Verdict[]> = { 0: [], 1: [], 2: [], 3: [] };
const flaggedAsTaken: string[] = [];
for (const ph of chosen) {
  const intake = await intakePhoto(new Uint8Array(readFileSync(ph.path)), intakeLimits());
  for (const stops of STOPS) {
    const img = darker(intake.analysis, stops);
    const head = headMask(await segmenter.segment(balancedForSegmentation(img)));
    const s = exposureStats(luma(img), head.some((v) => v !== 0) ? head : undefined);
    const now = exposureCheck(s.meanLuma, s.brightLuma);
    // too bright is judged the same way by both rules: compared on too dark only
    const v = { now: now.message.includes('dark') ? now.severity : 'ok', before: formerDark(s.meanLuma) } satisfies Verdict;
    results[stops].push(v);
    if (stops === 0 && (v.now !== 'ok' || v.before !== 'ok')) flaggedAsTaken.push(`${ph.subject} ${ph.view}: mean ${s.meanLuma.toFixed(0)} (former ${v.before}), bright end ${s.brightLuma} (now ${v.now})`);
  }
}
console.log(`too-dark verdicts on ${chosen.length} photos (one per person and view), judged on the head`);
for (const rule of ['before', 'now'] as const) {
  console.log(`\n${rule === 'now' ? "in use: the head's bright end (95th percentile luma) under 70 / 100" : "former: the head's mean luma under 40 / 60"}`);
  for (const stops of STOPS) {
    const vs = results[stops];
    const warn = vs.filter((v) => v[rule] === 'warning').length, err = vs.filter((v) => v[rule] === 'error').length;
    console.log(`  ${stops === 0 ? 'as taken     ' : `${stops} stop${stops > 1 ? 's' : ' '} darker`}  flagged ${String(warn + err).padStart(3)}  (warning ${String(warn).padStart(3)}, refused ${String(err).padStart(3)})`);
  }
}
console.log(`\nphotos as taken that either rule flags:\n  ${flaggedAsTaken.join('\n  ')}`);
