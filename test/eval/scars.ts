// Scar finding in consultations: which painted scars are reported, and how often a scar is reported on
// a photo that has none. Each sample is one photo per (person, view) with one synthetic scar painted in
// (datasets/make_scar_eval.py: held-out people by default, --people train for choosing the settings),
// run as the photo task runs it (analysis copy, masks from the white-balanced copy, FUE marks from the
// tiled segmentation, scars only where a head was found and not on the face of a front view), once painted and once as the original photo, which has no known scar.
//   npm run eval:scars [-- --people test|train]
// A reported scar counts as the painted one when at least half of its pixels lie on it; any other
// reported scar is a false one. Both the reported scars and every candidate region are scored, so the
// report rule (find-scars.ts minConfidence) can be read against what the segmentation holds, and the
// sure ones, which the recommendation plans for (planConfidence), against the merely possible ones.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { fineSegmentation } from '../../src/pipeline/fine-segmentation.js';
import { shippedFaceLandmarker, shippedFeatureModel, shippedSegmenter } from '../../src/pipeline/models.js';
import { faceRegion } from '../../src/vision/scars/face-region.js';
import { balancedForSegmentation } from '../../src/vision/colour/measure.js';
import { analyzeGeometry } from '../../src/vision/geometry/analyze.js';
import { intakePhoto } from '../../src/vision/intake/decode.js';
import { DEFAULT_SCAR_OPTIONS, describeScar, isReported, isSure, scarCandidates, type ScarCandidate } from '../../src/vision/scars/find-scars.js';
import { arg } from '../helpers/eval-args.js';

interface Sample {
  name: string;
  photo: string;
  subject: string;
  view: string;
  kind: 'linear' | 'punctate' | 'irregular';
}

interface Candidate {
  kind: string;
  confidence: number;
  reported: boolean;
  /** reported and sure enough to plan for (isSure) */
  sure: boolean;
  /** fraction of its pixels on the painted scar */
  onPainted: number;
  /** a punctate one's spread over the head (ScarCandidate.spread) */
  spread?: number;
  /** sure but for the spread rule (punctateMaxSpread), to read the rule against others */
  sureAnySpread: boolean;
  /** the scar against the skin around it (FoundScar.tone), for reported ones */
  tone: string | null;
}

interface Outcome {
  sample: Sample;
  painted: boolean;
  /** as the photo task finds them (punctate marks on the fine, tiled segmentation) */
  candidates: Candidate[];
  /** every region of the whole-photo segmentation, as before the confidence rules */
  wholeOnly: Candidate[];
}

const KINDS = ['linear', 'irregular', 'punctate'] as const;

function onPainted(c: ScarCandidate, label: Buffer): number {
  let on = 0;
  let all = 0;
  for (const comp of c.comps) {
    for (const i of comp.pixels) {
      all++;
      if (label[i] === 3) on++;
    }
  }
  return all ? on / all : 0;
}

function summarise(rows: Outcome[], take: (c: Candidate) => boolean, which: 'candidates' | 'wholeOnly' = 'candidates'): string {
  const painted = rows.filter((r) => r.painted);
  const clean = rows.filter((r) => !r.painted);
  const found = (r: Outcome) => r[which].some((c) => take(c) && c.onPainted >= 0.5);
  const stray = (r: Outcome) => r[which].some((c) => take(c) && c.onPainted < 0.5);
  const perKind = KINDS.map((k) => {
    const rs = painted.filter((r) => r.sample.kind === k);
    return `${k} ${rs.filter(found).length}/${rs.length}`;
  }).join(', ');
  const people = new Map<string, boolean>();
  for (const r of clean) people.set(r.sample.subject, (people.get(r.sample.subject) ?? false) || stray(r));
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
  return [
    `painted scars found ${pct(painted.filter(found).length, painted.length)} (${perKind})`,
    `photos without a known scar given one ${pct(clean.filter(stray).length, clean.length)} (${clean.filter(stray).length}/${clean.length}), people ${[...people.values()].filter(Boolean).length}/${people.size}`,
    `painted photos with another scar too ${pct(painted.filter(stray).length, painted.length)}`,
  ].join('\n    ');
}

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log('eval:scars needs ../shared (the labelled photos); skipped');
    return;
  }
  const which = arg('people') ?? 'test';
  if (which !== 'test' && which !== 'train') throw new Error(`--people must be test or train, got ${which}`);
  const meta = which === 'test' ? resolve(REPO_ROOT, 'datasets', 'scars-eval.json') : resolve(REPO_ROOT, 'datasets', 'cache', 'scars-tune.json');
  const dir = resolve(REPO_ROOT, 'datasets', 'cache', which === 'test' ? 'scars-eval' : 'scars-tune');
  if (!existsSync(meta) || !existsSync(dir)) {
    throw new Error(`no painted set at ${dir}: run /usr/bin/python3 datasets/make_scar_eval.py${which === 'train' ? ' --people train' : ''}`);
  }
  const samples: Sample[] = JSON.parse(readFileSync(meta, 'utf8')).samples;
  const seg = await shippedSegmenter(Number(process.env.THREADS ?? 2));
  const features = await shippedFeatureModel(Number(process.env.THREADS ?? 2));
  console.log(`eval:scars: ${samples.length} photos of ${new Set(samples.map((s) => s.subject)).size} ${which} people, each painted and as taken; segmenter ${seg.name}`);
  const rows: Outcome[] = [];
  let facesFound = 0;
  const t0 = Date.now();
  for (const [k, sample] of samples.entries()) {
    const label = await sharp(resolve(dir, `${sample.name}.label.png`)).greyscale().raw().toBuffer();
    for (const painted of [true, false]) {
      const file = painted ? resolve(dir, `${sample.name}.png`) : resolve(SHARED_DIR, 'data', 'hairloss-levels', sample.photo);
      const { analysis: img } = await intakePhoto(readFileSync(file));
      if (img.width * img.height !== label.length) throw new Error(`${sample.name}: label ${label.length} px, analysis copy ${img.width}x${img.height}`);
      const balanced = balancedForSegmentation(img);
      const s = await seg.segment(balanced);
      const view = sample.view === 'top-down' ? 'top' : (sample.view as 'front' | 'left' | 'right' | 'back');
      const geometry = analyzeGeometry(s, view, { features: await features.extract(img) });
      let headPx = 0;
      for (let i = 0; i < s.labels.length; i++) if (s.labels[i] !== 0) headPx++;
      const describe = (c: ScarCandidate): Candidate => ({
        kind: c.kind,
        confidence: c.confidence,
        reported: isReported(c),
        sure: isReported(c) && isSure(c),
        onPainted: painted ? onPainted(c, label) : 0,
        spread: c.spread,
        sureAnySpread: isReported(c) && isSure({ ...c, spread: undefined }),
        tone: isReported(c) ? describeScar(img, s, c, headPx, DEFAULT_SCAR_OPTIONS).tone : null,
      });
      // as the photo task: the face of a front view is not searched
      const face = geometry.headFound && view === 'front' ? (await (await shippedFaceLandmarker()).find(img, geometry.orientation)).face : null;
      if (face) facesFound++;
      const offScalp = face ? faceRegion(face.shape) : undefined;
      const candidates = geometry.headFound ? scarCandidates(s, DEFAULT_SCAR_OPTIONS, { fine: await fineSegmentation(seg, balanced), offScalp, photo: { view: geometry.view, orientation: geometry.orientation } }).map(describe) : [];
      const wholeOnly = geometry.headFound ? scarCandidates(s).map(describe) : [];
      rows.push({ sample, painted, candidates, wholeOnly });
    }
    if ((k + 1) % 50 === 0) console.log(`  ${k + 1}/${samples.length} samples (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const o = DEFAULT_SCAR_OPTIONS;
  console.log(`\nreported (confidence >= ${o.minConfidence.single}; punctate, on the tiles: >= ${o.punctateMinReported} marks, >= ${o.minConfidence.punctate}):`);
  console.log(`    ${summarise(rows, (c) => c.reported)}`);
  console.log(`sure, planned for (reported and >= ${o.planMinHeadRing} of the ring skin or hair; linear and irregular also confidence >= ${o.planConfidence}):`);
  console.log(`    ${summarise(rows, (c) => c.sure)}`);
  const fronts = rows.filter((r) => r.sample.view === 'front').length;
  console.log(`(face landmarks found a face in ${facesFound} of ${fronts} front photos, painted and as taken; no scar is looked for on it)`);
  // the punctate spread rule (find-scars.ts punctateMaxSpread, shipped at ${o.punctateMaxSpread}) against others: sure
  // but for that rule, and a punctate one only when its marks span at most this share of the head's box
  const spreads = (painted: boolean) =>
    rows.filter((r) => r.painted === painted).flatMap((r) => r.candidates.filter((c) => c.sureAnySpread && c.kind === 'punctate').map((c) => `${(c.spread ?? NaN).toFixed(2)}${painted && c.onPainted >= 0.5 ? '*' : ''}`));
  console.log(`sure punctate spreads, painted photos (* = the painted one): ${spreads(true).join(' ')}`);
  console.log(`sure punctate spreads, photos as taken: ${spreads(false).join(' ')}`);
  for (const limit of [0.2, 0.3, 0.4, 0.5, 0.6, 0.8, Infinity]) {
    console.log(`  sure with spread <= ${limit}${limit === o.punctateMaxSpread ? ' (shipped)' : ''}: ${summarise(rows, (c) => c.sureAnySpread && (c.kind !== 'punctate' || (c.spread ?? 0) <= limit))}`);
  }
  // FUE leaves pale dots (DOMAIN.md): a sure punctate pattern whose marks are not paler than the skin around them
  const tones = (painted: boolean) =>
    rows.filter((r) => r.painted === painted).flatMap((r) => r.candidates.filter((c) => c.sure && c.kind === 'punctate').map((c) => `${c.tone ?? 'none'}${painted && c.onPainted >= 0.5 ? '*' : ''}`));
  console.log(`sure punctate tones, painted photos (* = the painted one): ${tones(true).join(' ')}`);
  console.log(`sure punctate tones, photos as taken: ${tones(false).join(' ')}`);
  console.log(`  sure with punctate marks paler than their skin (or no skin to compare): ${summarise(rows, (c) => c.sure && (c.kind !== 'punctate' || c.tone === 'paler' || c.tone === null))}`);
  console.log('before the rules: every region of the whole-photo segmentation (no tiles, no confidence rule):');
  console.log(`    ${summarise(rows, () => true, 'wholeOnly')}`);
  console.log(`${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
