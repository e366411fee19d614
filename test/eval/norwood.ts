// Norwood evaluation on people the grader never saw, end to end through the runtime (segmenter masks ->
// analyzeGeometry -> features -> gradeNorwood), with the shipped parameters (fitted on the train people of
// datasets/split.json only):
//  - held-out people: exact, within-one, quadratic weighted kappa and the confusion matrix, per view
//    (each photo alone) and fused (all of a person's photos), with the given view and with view = auto;
//  - orientation: the upright held-out photos turned by 90/180/270 degrees; view classification;
//  - head check: the evaluation half of the non-head set (datasets/norwood/nonhead.ts) must come back not
//    assessable; the held-out head photos must not;
//  - the person-grouped cross-validation the fit measured (models/norwood-grader/report.json).
// Masks: the shipped ScalpSegmenter when models/scalp-seg/model.onnx exists, else the teacher; cached.
//   npm run eval:norwood [-- --json out.json] [--data DIR]
// --data: another folder in the labels.csv format (file,subject,level,view[,possibly_rotated]; views front,
// top or top-down, left, right, back), e.g. new people from the same source: every person in it is scored
// except anyone with a photo byte-identical to a train photo (datasets/norwood/held-out.ts); its masks and
// features are computed, not cached (the caches are keyed by the shared folder's file names).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelDir, sharedAvailable, SHARED_DIR } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { analyzeGeometry } from '../../src/vision/geometry/analyze.js';
import { HEAD_VIEWS } from '../../src/vision/geometry/types.js';
import { VIEW_REFUSE, VIEW_WARN, viewMismatch, type ViewRule } from '../../src/vision/quality/view-check.js';
import { downsampleSegmentation } from '../../src/vision/geometry/downsample.js';
import type { PhotoFeatures, PhotoGeometry, View } from '../../src/vision/geometry/types.js';
import type { RgbImage, Segmentation } from '../../src/vision/image.js';
import { NorwoodFeatureModel } from '../../src/vision/norwood/features.js';
import { gradeNorwood } from '../../src/vision/norwood/grade.js';
import { NorwoodPatternModel } from '../../src/vision/norwood/pattern-model.js';
import { featureCachePath, featureModelId, featureRows, featureSettings, readCachedFeatures } from '../../datasets/norwood/cache-features.js';
import { nonHeadManifestPath, type NonHeadEntry } from '../../datasets/norwood/cache-nonhead.js';
import { maskCachePath, readCachedSeg, writeCachedSeg } from '../../datasets/norwood/mask-cache.js';
import { heldOutPhotos } from '../../datasets/norwood/held-out.js';
import { arg } from '../helpers/eval-args.js';
import { loadSegmenter, type ChosenSegmenter } from '../../datasets/norwood/segmenter.js';
import { mkdirSync } from 'node:fs';

const LEVELS = [1, 2, 3, 4, 5, 6, 7];

interface Scores {
  n: number;
  exact: number;
  withinOne: number;
  qwk: number;
  confusion: number[][];
}

export function qwk(truth: number[], pred: number[], labels = LEVELS): number {
  const n = labels.length;
  const O = labels.map(() => new Array<number>(n).fill(0));
  truth.forEach((t, i) => O[labels.indexOf(t)][labels.indexOf(pred[i])]++);
  const rows = O.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = labels.map((_, j) => O.reduce((a, r) => a + r[j], 0));
  const N = truth.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const w = ((i - j) / (n - 1)) ** 2;
      num += w * O[i][j];
      den += (w * rows[i] * cols[j]) / Math.max(1, N);
    }
  }
  return den > 0 ? 1 - num / den : 0;
}

function scores(truth: number[], pred: number[]): Scores {
  const confusion = LEVELS.map(() => new Array<number>(LEVELS.length).fill(0));
  truth.forEach((t, i) => confusion[LEVELS.indexOf(t)][LEVELS.indexOf(pred[i])]++);
  const n = truth.length;
  return {
    n,
    exact: n ? truth.filter((t, i) => t === pred[i]).length / n : 0,
    withinOne: n ? truth.filter((t, i) => Math.abs(t - pred[i]) <= 1).length / n : 0,
    qwk: qwk(truth, pred),
    confusion,
  };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5) + ' %';

function printScores(name: string, s: Scores, withMatrix = false): void {
  console.log(`${name.padEnd(28)} n=${String(s.n).padStart(4)}  exact ${pct(s.exact)}  within-one ${pct(s.withinOne)}  QWK ${s.qwk.toFixed(3)}`);
  if (!withMatrix) return;
  console.log('    confusion (rows: true level 1..7, columns: predicted 1..7)');
  s.confusion.forEach((row, i) => {
    if (row.every((v) => v === 0) && LEVELS[i] < 2) return;
    console.log(`    ${LEVELS[i]}: ${row.map((v) => String(v).padStart(4)).join('')}`);
  });
}

function rotateClockwise(img: RgbImage, deg: 90 | 180 | 270): RgbImage {
  const { width: w, height: h, data } = img;
  const ow = deg === 180 ? w : h;
  const oh = deg === 180 ? h : w;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [nx, ny] = deg === 90 ? [h - 1 - y, x] : deg === 180 ? [w - 1 - x, h - 1 - y] : [y, w - 1 - x];
      const s = (y * w + x) * 3;
      const d = (ny * ow + nx) * 3;
      out[d] = data[s];
      out[d + 1] = data[s + 1];
      out[d + 2] = data[s + 2];
    }
  }
  return { width: ow, height: oh, data: out };
}

class Runtime {
  constructor(
    readonly seg: ChosenSegmenter,
    readonly features: NorwoodFeatureModel,
    readonly fid: string,
    readonly pattern: NorwoodPatternModel,
    /** false for photos outside the shared folder: the caches are keyed by its file names */
    readonly cached = true,
  ) {}

  /** masks and features of a file, from the caches when there (same segmenter id, same feature model) */
  async analyse(file: string, path: string | null, img?: RgbImage, cached = this.cached): Promise<{ seg: Segmentation; f: PhotoFeatures }> {
    const fs = featureSettings();
    const useCache = !img && cached;
    let seg = useCache ? readCachedSeg(maskCachePath(this.seg.id, file)) : null;
    let f = useCache ? readCachedFeatures(this.fid, file, fs.dim, fs.levelDim) : null;
    if (!seg || !f) {
      const rgb = img ?? (await readRgbImage(path!));
      seg = downsampleSegmentation(await this.seg.segmenter.segment(rgb));
      f = await this.features.extract(rgb);
      if (useCache) {
        writeCachedSeg(maskCachePath(this.seg.id, file), seg);
        const fp = featureCachePath(this.fid, file);
        mkdirSync(resolve(fp, '..'), { recursive: true });
        writeFileSync(fp, Buffer.from(featureRows(f).buffer));
      }
    }
    return { seg, f };
  }
}

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`../shared is missing (${SHARED_DIR}): the Norwood evaluation needs the labelled photos; skipped`);
    return;
  }
  const byPerson = process.argv.includes('--by-person');
  const jsonOut = process.argv.indexOf('--json') > 0 ? process.argv[process.argv.indexOf('--json') + 1] : null;
  const held = heldOutPhotos(arg('data') ?? undefined);
  const params = JSON.parse(readFileSync(resolve(modelDir('norwood-grader'), 'params.json'), 'utf8')) as { meta?: { segmenter?: string; people?: string } };
  const seg = await loadSegmenter(Number(process.env.THREADS ?? 1));
  const fid = featureModelId();
  const threads = { intraOpThreads: Number(process.env.THREADS ?? 1) };
  const rt = new Runtime(seg, await NorwoodFeatureModel.load(undefined, threads), fid, await NorwoodPatternModel.load(undefined, threads), held.shared);
  console.log('Norwood evaluation — data: the "hair-loss" dataset by Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1), CC BY 4.0,');
  console.log('  as redistributed in Rubenvalrom/Multilabel-Baldness-Classification (../shared/data/hairloss-levels)');
  console.log(`masks: ${seg.id} (${seg.segmenter.name}); grader fitted on masks of ${params.meta?.segmenter ?? '?'} (people: ${params.meta?.people ?? '?'}); features ${fid}`);
  if (params.meta?.segmenter && params.meta.segmenter !== seg.id) {
    console.log('WARNING: the grader was fitted on another segmenter\'s masks: re-run sh training/norwood/fit.sh');
  }

  const photos = held.photos;
  if (!held.shared) {
    console.log(`data: ${held.dir} (${new Set(photos.map((p) => p.subject)).size} people scored, ${held.excluded.length} left out)`);
    for (const e of held.excluded) console.log(`  left out ${e.subject}: ${e.reason}`);
  }
  if (photos.length === 0) throw new Error(`no held-out people to score in ${held.dir}`);
  type Pattern = number[] | null;
  const perPerson = new Map<string, { level: number; given: PhotoGeometry[]; auto: PhotoGeometry[]; feats: PhotoFeatures[]; pg: Pattern[]; pa: Pattern[] }>();
  const perView: Record<string, { t: number[]; p: number[] }> = {};
  const perViewAuto: { t: number[]; p: number[] } = { t: [], p: [] };
  let viewRight = 0;
  let rejectedHeads = 0;
  // the view check (src/vision/quality/view-check.ts): photos sent under their own view a rule flags (false
  // alarms), and the same photos sent under each other head view, which it should flag (caught)
  const viewRules: [string, ViewRule][] = [['refuse', VIEW_REFUSE], ['warn', VIEW_WARN]];
  const viewCheck = new Map(viewRules.map(([name]) => [name, { falseAlarms: 0, photos: 0, caught: 0, wrong: 0 }]));
  const t0 = Date.now();
  for (const ph of photos) {
    const { seg: s, f } = await rt.analyse(ph.file, ph.path);
    const given = analyzeGeometry(s, ph.view, { features: f });
    const auto = analyzeGeometry(s, 'auto', { features: f });
    const pg = await rt.pattern.levelProbabilities(s, given);
    const pa = await rt.pattern.levelProbabilities(s, auto);
    if (auto.view === ph.view) viewRight++;
    if (!gradeNorwood([auto], { features: [f], patterns: [pa] }).assessable) rejectedHeads++;
    if (given.headFound && ph.view !== 'closeup') {
      for (const [name, rule] of viewRules) {
        const c = viewCheck.get(name)!;
        c.photos++;
        if (viewMismatch(given.viewProbabilities, ph.view, rule)) c.falseAlarms++;
        for (const sentAs of HEAD_VIEWS) {
          if (sentAs === ph.view) continue;
          c.wrong++;
          if (viewMismatch(given.viewProbabilities, sentAs, rule)) c.caught++;
        }
      }
    }
    const e = perPerson.get(ph.subject) ?? { level: ph.level, given: [], auto: [], feats: [], pg: [], pa: [] };
    e.given.push(given);
    e.auto.push(auto);
    e.feats.push(f);
    e.pg.push(pg);
    e.pa.push(pa);
    perPerson.set(ph.subject, e);
    const one = gradeNorwood([given], { features: [f], patterns: [pg] });
    if (one.level !== null) {
      (perView[ph.view] ??= { t: [], p: [] }).t.push(ph.level);
      perView[ph.view].p.push(one.level);
    }
    const oneAuto = gradeNorwood([auto], { features: [f], patterns: [pa] });
    if (oneAuto.level !== null) {
      perViewAuto.t.push(ph.level);
      perViewAuto.p.push(oneAuto.level);
    }
  }
  const msPerPhoto = (Date.now() - t0) / photos.length;
  const fused = { t: [] as number[], p: [] as number[] };
  const fusedAuto = { t: [] as number[], p: [] as number[] };
  const fusedNoImage = { t: [] as number[], p: [] as number[] };
  const stages = new Map<string, number>();
  let conf = 0;
  let confRight = 0;
  for (const [subject, e] of perPerson) {
    const r = gradeNorwood(e.given, { features: e.feats, patterns: e.pg });
    if (byPerson) {
      const probs = r.probabilities ? Object.entries(r.probabilities).map(([k, v]) => `${k}:${(v as number).toFixed(2)}`).join(' ') : '-';
      console.log(`person ${subject} level ${e.level} -> ${r.level ?? '-'} (${r.stage ?? '-'}, conf ${r.confidence?.toFixed(2) ?? '-'}) p ${probs}`);
    }
    if (r.level !== null) {
      fused.t.push(e.level);
      fused.p.push(r.level);
      stages.set(r.stage!, (stages.get(r.stage!) ?? 0) + 1);
      conf += r.confidence;
      if (r.level === e.level) confRight++;
    }
    const ra = gradeNorwood(e.auto, { features: e.feats, patterns: e.pa });
    if (ra.level !== null) {
      fusedAuto.t.push(e.level);
      fusedAuto.p.push(ra.level);
    }
    const rm = gradeNorwood(e.given, { patterns: e.pg });
    if (rm.level !== null) {
      fusedNoImage.t.push(e.level);
      fusedNoImage.p.push(rm.level);
    }
  }
  const report: Record<string, unknown> = {};
  console.log(`\nHELD-OUT PEOPLE (${perPerson.size} people, ${photos.length} photos incl. the source's turned copies; never seen by any fitted part)${held.shared ? '' : ` from ${held.dir}`}`);
  for (const v of ['front', 'top', 'left', 'right', 'back']) {
    if (!perView[v]) continue;
    const s = scores(perView[v].t, perView[v].p);
    printScores(`per photo, ${v}`, s, true);
    report[`heldOut.${v}`] = s;
  }
  const all = Object.values(perView).reduce((a, b) => ({ t: [...a.t, ...b.t], p: [...a.p, ...b.p] }), { t: [] as number[], p: [] as number[] });
  printScores('per photo, all views', (report['heldOut.perPhoto'] = scores(all.t, all.p)) as Scores);
  printScores('per photo, view = auto', (report['heldOut.perPhotoAuto'] = scores(perViewAuto.t, perViewAuto.p)) as Scores);
  printScores('FUSED per person', (report['heldOut.fused'] = scores(fused.t, fused.p)) as Scores, true);
  printScores('fused, views = auto', (report['heldOut.fusedAuto'] = scores(fusedAuto.t, fusedAuto.p)) as Scores);
  printScores('fused, masks only (no image)', (report['heldOut.fusedMaskOnly'] = scores(fusedNoImage.t, fusedNoImage.p)) as Scores);
  // subsets of views, fused (a consultation rarely has all five)
  const SUBSETS: View[][] = [['top'], ['front', 'top'], ['top', 'back'], ['front', 'left', 'right', 'back'], ['left', 'right']];
  for (const sub of SUBSETS) {
    const acc = { t: [] as number[], p: [] as number[] };
    for (const e of perPerson.values()) {
      const idx = e.given.map((g, i) => (sub.includes(g.view) ? i : -1)).filter((i) => i >= 0);
      if (idx.length === 0) continue;
      const r = gradeNorwood(idx.map((i) => e.given[i]), { features: idx.map((i) => e.feats[i]), patterns: idx.map((i) => e.pg[i]) });
      if (r.level === null) continue;
      acc.t.push(e.level);
      acc.p.push(r.level);
    }
    printScores(`fused, ${sub.join('+')}`, (report[`heldOut.fused.${sub.join('+')}`] = scores(acc.t, acc.p)) as Scores);
  }
  console.log(`mean confidence ${(conf / Math.max(1, fused.t.length)).toFixed(3)} vs exact ${(confRight / Math.max(1, fused.t.length)).toFixed(3)}`);
  console.log(`stages given (rule-based variants, not validated by labels): ${[...stages].map(([k, v]) => `${k}:${v}`).join(' ')}`);
  console.log(`view = auto classified right for ${pct(viewRight / photos.length)} of photos; head photos not graded alone with view = auto (no head / too little scalp / read as closeup): ${rejectedHeads}/${photos.length}`);
  for (const [name, rule] of viewRules) {
    const c = viewCheck.get(name)!;
    console.log(
      `view check, ${name} (given view under ${rule.givenMax}, another at least ${rule.otherMin}): flags ${c.falseAlarms}/${c.photos} photos sent as their own view; ` +
        `${pct(c.caught / Math.max(1, c.wrong))} of the same photos sent as another view (${c.caught}/${c.wrong})`,
    );
    report[`viewCheck.${name}`] = c;
  }
  console.log(`time: ${msPerPhoto.toFixed(0)} ms per photo (segmenter + features + geometry x2 + grading; cached masks/features are faster)`);

  // orientation, end to end: the upright held-out photos turned by 90/180/270
  const upright = photos.filter((p) => !p.possiblyRotated);
  let okGiven = 0;
  let okAuto = 0;
  let n = 0;
  const byView = new Map<string, [number, number]>(); // view given: [right, photos x turns]
  // how often the read turn is right at each confidence: what ORIENTATION_SURE (plan-photo.ts) calls sure
  const bins = [0, 0.5, 0.8, 0.9, 0.95, 1.0001];
  const byConfidence = bins.slice(0, -1).map(() => [0, 0]);
  for (const ph of upright) {
    const img = await readRgbImage(ph.path);
    for (const deg of [0, 90, 180, 270] as const) {
      const turned = deg === 0 ? img : rotateClockwise(img, deg);
      const { seg: s, f } = await rt.analyse(ph.file, null, turned);
      n++;
      const g = analyzeGeometry(s, ph.view, { features: f });
      const right = g.orientation === deg;
      const bin = bins.findIndex((b, i) => g.orientationConfidence >= b && g.orientationConfidence < bins[i + 1]);
      if (bin >= 0) byConfidence[bin] = [byConfidence[bin][0] + (right ? 1 : 0), byConfidence[bin][1] + 1];
      if (right) okGiven++;
      const v = byView.get(ph.view) ?? [0, 0];
      byView.set(ph.view, [v[0] + (right ? 1 : 0), v[1] + 1]);
      if (analyzeGeometry(s, 'auto', { features: f }).orientation === deg) okAuto++;
    }
  }
  console.log(`\nORIENTATION (${upright.length} upright held-out photos x 4 turns): right ${pct(okGiven / Math.max(1, n))} with the view given, ${pct(okAuto / Math.max(1, n))} with view = auto`);
  console.log('  view given, by view: ' + [...byView].map(([v, [r, t]]) => `${v} ${r}/${t}`).join(', '));
  console.log('  view given, right by the confidence of the read turn: ' + byConfidence.map(([r, t], i) => `[${bins[i]}, ${Math.min(1, bins[i + 1]).toFixed(2)}) ${r}/${t}`).join(', '));
  report.orientation = { photos: n, givenView: okGiven / Math.max(1, n), autoView: okAuto / Math.max(1, n), byView: Object.fromEntries(byView), byConfidence: byConfidence.map(([right, photos], i) => ({ from: bins[i], to: Math.min(1, bins[i + 1]), right, photos })) };

  // head check on the non-head set's evaluation half
  const manifest = nonHeadManifestPath(seg.id);
  if (existsSync(manifest)) {
    const entries = (JSON.parse(readFileSync(manifest, 'utf8')) as NonHeadEntry[]).filter((e) => e.use === 'eval');
    const byKind = new Map<string, [number, number]>();
    let rejected = 0;
    let uncached = 0;
    for (const e of entries) {
      // the non-head set exists only as cached masks and features (cache-nonhead.ts)
      const { seg: s, f } = await rt.analyse(e.file, null, undefined, true).catch(() => ({ seg: null, f: null }) as never);
      if (!s) {
        uncached++;
        continue;
      }
      const g = analyzeGeometry(s, 'auto', { features: f });
      const r = gradeNorwood([g], { features: [f], patterns: [await rt.pattern.levelProbabilities(s, g)] });
      const rej = !r.assessable;
      if (rej) rejected++;
      const k = byKind.get(e.kind) ?? [0, 0];
      byKind.set(e.kind, [k[0] + (rej ? 1 : 0), k[1] + 1]);
    }
    const scored = entries.length - uncached;
    console.log(`\nNON-HEAD images rejected (not assessable): ${pct(rejected / Math.max(1, scored))} of ${scored}${uncached ? ` (${uncached} not cached: run SEGMENTER=teacher node dist/datasets/norwood/cache-masks.js, then node dist/datasets/norwood/cache-nonhead.js)` : ''}`);
    console.log('  ' + [...byKind].map(([k, [r, t]]) => `${k} ${r}/${t}`).join(', '));
    console.log('  (the set: crops of the held-out people\'s photos far from the head (walls, rooms, clothes) and below it (neck,');
    console.log('   chin, shoulders: the lower part of upright side and back photos), the 6 hair-seg-samples');
    console.log('   photos of a body with the head out of frame plus hand and shirt crops, and synthetic flat colours, noise,');
    console.log('   stripes, checkerboards, gradients; everyday pictures from Debian packages when fetched (sh datasets/non-head-photos/fetch.sh);');
    console.log('   the fit used only the train people\'s crops, other synthetic seeds and other packages\' pictures)');
    report.nonHead = { rejected: rejected / Math.max(1, scored), n: scored, byKind: Object.fromEntries(byKind) };
  } else {
    console.log(`\nnon-head set not cached (${manifest}): run SEGMENTER=teacher node dist/datasets/norwood/cache-masks.js (the background crops are cut where the teacher sees no head), then node dist/datasets/norwood/cache-nonhead.js`);
  }

  const rep = resolve(modelDir('norwood-grader'), 'report.json');
  if (existsSync(rep)) {
    type Block = { cvTrain: Record<string, Scores>; cvTrainNestedFusion?: Scores; allPeopleOutOfSample: Record<string, Scores> };
    const r = JSON.parse(readFileSync(rep, 'utf8')) as Record<string, Block & { withPattern?: Block & { exponent: number } }>;
    console.log('\nFROM THE FIT (models/norwood-grader/report.json; same masks and features, Python stacker):');
    for (const kind of ['full', 'maskOnly']) {
      if (!r[kind]) continue;
      const wp = r[kind].withPattern;
      const blocks: [string, string, Record<string, Scores>][] = [
        [kind, '5-fold CV by person, train split', r[kind].cvTrain],
        [kind, 'all 98 people out of sample', r[kind].allPeopleOutOfSample],
        ...(wp ? ([[`${kind} x pattern^${wp.exponent}`, '5-fold CV by person, train split', wp.cvTrain], [`${kind} x pattern^${wp.exponent}`, 'all 98 people out of sample', wp.allPeopleOutOfSample]] as [string, string, Record<string, Scores>][]) : []),
      ];
      for (const [label, name, block] of blocks) {
        const f = block.fused;
        const p = block.perPhoto;
        console.log(`  ${label.padEnd(8)} ${name.padEnd(34)} fused: exact ${pct(f.exact)} within-one ${pct(f.withinOne)} QWK ${f.qwk.toFixed(3)} | per photo: exact ${pct(p.exact)} QWK ${p.qwk.toFixed(3)}`);
      }
      // the CV above fits the fusion weights on every train person; here they are out of fold too
      for (const [label, b] of [[kind, r[kind]], ...(wp ? [[`${kind} x pattern^${wp.exponent}`, wp]] : [])] as [string, Block][]) {
        const n = b.cvTrainNestedFusion;
        if (n) console.log(`  ${label.padEnd(8)} ${'CV, fusion weights out of fold too'.padEnd(34)} fused: exact ${pct(n.exact)} within-one ${pct(n.withinOne)} QWK ${n.qwk.toFixed(3)}`);
      }
    }
  }
  console.log('\nLevel 1 and the A / 3V variants come from zone rules (DOMAIN.md), not from labels: the data has levels 2-7 only.');
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 1));
  await seg.segmenter.release();
  await rt.features.release();
}

await main();
