// Scar-audit evaluation on generated pairs with known answers:
//   - ΔE76 error of scar vs surround against the painted truth (before and after),
//   - Cheon band accuracy (after and before),
//   - registration error: largest distance over the central 60 % of the frame between where the found
//     and the true transform send a point (px), for shifts up to 10 % and rotations up to 10°,
// on procedural skin and on real photos of held-out people from ../shared (datasets/split.json test set).
//   npm run eval:audit            (AUDIT_SYNTH=40 AUDIT_REAL=20 AUDIT_SIZE=384 to change the counts;
//                                  AUDIT_WORK_SIDE=N registers at another feature work size;
//                                  AUDIT_SWAP=1 also audits each pair with before and after swapped, to
//                                  score the photos-swapped check)
import { cheonBand } from '../../src/vision/audit/bands.js';
import { transferError } from '../../src/vision/audit/homography.js';
import { runAudit } from '../../src/vision/audit/run-audit.js';
import { randomSpec, synthPair, type SynthFailure } from '../../src/vision/audit/synth/pair.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import type { RgbImage } from '../../src/vision/image.js';
import { scarMaskInAfter } from '../helpers/audit-pair.js';
import { readLabelledPhotos, readSplit } from '../../datasets/norwood/photos.js';

const N_SYNTH = Number(process.env.AUDIT_SYNTH ?? 40);
const N_REAL = Number(process.env.AUDIT_REAL ?? 20);
const SIZE = Number(process.env.AUDIT_SIZE ?? 384);
const WORK_SIDE = process.env.AUDIT_WORK_SIDE ? Number(process.env.AUDIT_WORK_SIDE) : undefined;
const SWAP = process.env.AUDIT_SWAP === '1';
const UNTREATED = process.env.AUDIT_UNTREATED === '1';

interface Row {
  set: string;
  de76ErrAfter: number;
  de76ErrBefore: number;
  bandOkAfter: boolean;
  /** The audit called its after band sure (matchSure). */
  bandSureAfter: boolean;
  bandOkBefore: boolean;
  regMaxPx: number;
  registered: boolean;
  ms: number;
  /** photos-swapped fired on the pair as given / with before and after swapped (null: not run). */
  swapFired: boolean;
  swapFiredSwapped: boolean | null;
  scarDotsBefore: number | null;
  scarDotsAfter: number | null;
  /** The lighting-changed check fired (the pairs share their light, so any firing is a false alarm), and its ΔE. */
  lightingFired: boolean;
  lightingDeltaE: number | null;
  /** The pair's generated failure, and whether migration-blowout fired on it. */
  failure: SynthFailure;
  blowoutFired: boolean;
  /** The ids of the checks that fired on the pair as given. */
  fired: string[];
  /** The painted truth's ΔE76 after minus before: what the treatment changed. */
  truthChangeAfter: number;
  /** The painted truth's ΔE76 before: how visible the untreated scar was. */
  truthBefore: number;
  /** AUDIT_UNTREATED=1: migration-blowout fired on the before photo against itself (one pixel changed): untreated, so any firing is false. */
  blowoutFiredUntreated: boolean | null;
}

async function one(set: string, seed: number, scene?: RgbImage): Promise<Row> {
  const failures: SynthFailure[] = ['none', 'none', 'none', 'blowout', 'blue-green', 'too-dark', 'helmet'];
  const spec = randomSpec(seed, { width: SIZE, height: SIZE, failure: failures[seed % failures.length] });
  const p = synthPair(spec, scene);
  const t0 = performance.now();
  const r = await runAudit({ before: p.before, after: p.after, scarMask: p.scarMask, ...(WORK_SIDE ? { registration: { workSide: WORK_SIDE } } : {}) });
  const ms = performance.now() - t0;
  const reg = r.registration;
  const rect = { x0: 0.2 * SIZE, y0: 0.2 * SIZE, x1: 0.8 * SIZE, y1: 0.8 * SIZE };
  const regMaxPx = reg?.transform ? transferError(reg.transform, p.trueTransform, rect).max : Number.POSITIVE_INFINITY;
  const a = r.scar.deltaE76.after;
  const b = r.scar.deltaE76.before;
  if (process.env.AUDIT_VERBOSE && (r.scar.match.after !== cheonBand(p.truth.after.deltaE76) || regMaxPx > 3)) {
    console.log(`  ${set} seed ${seed} ${spec.failure} ${spec.shape.kind}: ΔE76 after ${a?.toFixed(2)} vs truth ${p.truth.after.deltaE76.toFixed(2)}, reg ${regMaxPx.toFixed(2)} px (${reg?.method}, ${reg?.inliers} inliers)`);
  }
  const swapped = SWAP ? await runAudit({ before: p.after, after: p.before, scarMask: scarMaskInAfter(p), ...(WORK_SIDE ? { registration: { workSide: WORK_SIDE } } : {}) }) : null;
  const swapFired = (x: typeof r) => x.flags.some((f) => f.id === 'photos-swapped');
  const blowout = (x: typeof r) => x.flags.some((f) => f.id === 'migration-blowout');
  let blowoutFiredUntreated: boolean | null = null;
  if (UNTREATED) {
    const same = { ...p.before, data: Uint8Array.from(p.before.data) };
    same.data[0] ^= 1; // an identical after photo is refused
    blowoutFiredUntreated = blowout(await runAudit({ before: p.before, after: same, scarMask: p.scarMask }));
  }
  return {
    set,
    failure: spec.failure,
    blowoutFired: blowout(r),
    fired: r.flags.map((f) => f.id),
    truthChangeAfter: p.truth.after.deltaE76 - p.truth.before.deltaE76,
    truthBefore: p.truth.before.deltaE76,
    blowoutFiredUntreated,
    swapFired: swapFired(r),
    lightingFired: r.flags.some((f) => f.id === 'lighting-changed'),
    lightingDeltaE: ((r.checks.find((c) => c.id === 'lighting-changed')?.evidence.surroundSkinDeltaE76 as number[] | undefined) ?? [null])[0],
    swapFiredSwapped: swapped ? swapFired(swapped) : null,
    scarDotsBefore: r.scar.density.before?.scar.per1000Px2 ?? null,
    scarDotsAfter: r.scar.density.after?.scar.per1000Px2 ?? null,
    de76ErrAfter: a === null ? Number.POSITIVE_INFINITY : Math.abs(a - p.truth.after.deltaE76),
    de76ErrBefore: b === null ? Number.POSITIVE_INFINITY : Math.abs(b - p.truth.before.deltaE76),
    bandOkAfter: r.scar.match.after === cheonBand(p.truth.after.deltaE76),
    bandSureAfter: r.scar.matchSure?.after === true,
    bandOkBefore: r.scar.match.before === cheonBand(p.truth.before.deltaE76),
    regMaxPx,
    registered: reg?.registered ?? false,
    ms,
  };
}

function heldOutPhotos(): string[] {
  const test = readSplit()?.test;
  return readLabelledPhotos()
    .filter((p) => !p.possiblyRotated && (!test || test.includes(p.subject)))
    .map((p) => p.path);
}

function summarise(rows: Row[], label: string): void {
  if (rows.length === 0) return;
  const q = (v: number[], p: number) => [...v].sort((x, y) => x - y)[Math.min(v.length - 1, Math.floor(p * (v.length - 1)))];
  const fin = (v: number[]) => v.filter(Number.isFinite);
  const ea = rows.map((r) => r.de76ErrAfter);
  const eb = rows.map((r) => r.de76ErrBefore);
  const reg = rows.map((r) => r.regMaxPx);
  const pct = (n: number) => `${((100 * n) / rows.length).toFixed(1)} %`;
  console.log(`\n${label}: ${rows.length} pairs (${SIZE}x${SIZE})`);
  console.log(`  registered                 ${pct(rows.filter((r) => r.registered).length)}`);
  console.log(`  registration max error px  median ${q(fin(reg), 0.5).toFixed(2)}  p95 ${q(fin(reg), 0.95).toFixed(2)}  max ${Math.max(...reg).toFixed(2)}  (<= 3 px: ${pct(reg.filter((v) => v <= 3).length)})`);
  console.log(`  ΔE76 |error| after         median ${q(fin(ea), 0.5).toFixed(2)}  p95 ${q(fin(ea), 0.95).toFixed(2)}  max ${Math.max(...ea).toFixed(2)}  (<= 2: ${pct(ea.filter((v) => v <= 2).length)})`);
  console.log(`  ΔE76 |error| before        median ${q(fin(eb), 0.5).toFixed(2)}  p95 ${q(fin(eb), 0.95).toFixed(2)}  max ${Math.max(...eb).toFixed(2)}  (<= 2: ${pct(eb.filter((v) => v <= 2).length)})`);
  console.log(`  Cheon band correct         after ${pct(rows.filter((r) => r.bandOkAfter).length)}  before ${pct(rows.filter((r) => r.bandOkBefore).length)}`);
  const sure = rows.filter((r) => r.bandSureAfter), unsure = rows.filter((r) => !r.bandSureAfter);
  const okPct = (v: Row[]) => (v.length ? `${((100 * v.filter((r) => r.bandOkAfter).length) / v.length).toFixed(1)} %` : '-');
  console.log(`  band after sure (matchSure) ${pct(sure.length)} of pairs, correct ${okPct(sure)}; near a boundary correct ${okPct(unsure)}`);
  console.log(`  audit time ms              median ${q(rows.map((r) => r.ms), 0.5).toFixed(0)}`);
  const dots = (v: (number | null)[]) => fin(v.filter((x): x is number => x !== null));
  const db = dots(rows.map((r) => r.scarDotsBefore));
  const da = dots(rows.map((r) => r.scarDotsAfter));
  if (db.length) console.log(`  scar dots /1000 px²        before median ${q(db, 0.5).toFixed(1)} p95 ${q(db, 0.95).toFixed(1)} max ${Math.max(...db).toFixed(1)}; after median ${q(da, 0.5).toFixed(1)} p5 ${q(da, 0.05).toFixed(1)} min ${Math.min(...da).toFixed(1)}`);
  console.log(`  photos-swapped fired       as given ${rows.filter((r) => r.swapFired).length} of ${rows.length}`);
  const light = dots(rows.map((r) => r.lightingDeltaE));
  if (light.length) console.log(`  lighting-changed fired     ${rows.filter((r) => r.lightingFired).length} of ${rows.length} (same light; surround skin ΔE76 median ${q(light, 0.5).toFixed(2)} max ${Math.max(...light).toFixed(2)})`);
  const kinds = [...new Set(rows.map((r) => r.failure))];
  console.log(`  migration-blowout fired    ${kinds.map((k) => `${k} ${rows.filter((r) => r.failure === k && r.blowoutFired).length}/${rows.filter((r) => r.failure === k).length}`).join(', ')}`);
  // Each failure's own check against the pairs without a failure (false alarms).
  for (const [id, kind] of [['too-dark', 'too-dark'], ['blue-green-shift', 'blue-green'], ['helmet-look', 'helmet']] as const) {
    const of = (k: string) => rows.filter((r) => r.failure === k);
    const fired = (v: Row[]) => v.filter((r) => r.fired.includes(id)).length;
    const others = rows.filter((r) => r.failure !== kind);
    console.log(`  ${id.padEnd(26)} fired on ${kind} ${fired(of(kind))}/${of(kind).length}, on no failure ${fired(of('none'))}/${of('none').length}, on the other failures ${fired(others) - fired(of('none'))}/${others.length - of('none').length}`);
  }
  // Pairs without a failure whose generated dots are too faint or too few to see still get little-pigment.
  const little = (v: Row[]) => v.filter((r) => r.fired.includes('little-pigment'));
  const plain = rows.filter((r) => r.failure === 'none');
  const faint = little(plain).map((r) => r.truthChangeAfter.toFixed(1));
  console.log(`  little-pigment             fired on no failure ${faint.length}/${plain.length} (true ΔE76 change of those: ${faint.join(', ') || '-'}), on the failures ${little(rows).length - faint.length}/${rows.length - plain.length}`);
  const unseen = rows.filter((r) => r.fired.includes('scar-not-visible'));
  console.log(`  scar-not-visible           fired on ${unseen.length} of ${rows.length} (true ΔE76 before of those: ${unseen.map((r) => r.truthBefore.toFixed(1)).join(', ') || '-'}; pairs truly under 2.3: ${rows.filter((r) => r.truthBefore < 2.3).length})`);
  const un = rows.filter((r) => r.blowoutFiredUntreated !== null);
  if (un.length) console.log(`  migration-blowout fired    untreated ${un.filter((r) => r.blowoutFiredUntreated).length} of ${un.length} (false)`);
  const sw = rows.filter((r) => r.swapFiredSwapped !== null);
  if (sw.length) console.log(`  photos-swapped fired       swapped ${sw.filter((r) => r.swapFiredSwapped).length} of ${sw.length}`);
}

async function main(): Promise<void> {
  const synth: Row[] = [];
  for (let k = 0; k < N_SYNTH; k++) synth.push(await one('synthetic', 1000 + k));
  summarise(synth, 'procedural skin');
  if (!sharedAvailable()) {
    console.log(`\n../shared not found at ${SHARED_DIR}: real-photo pairs skipped`);
    return;
  }
  const photos = heldOutPhotos();
  const real: Row[] = [];
  for (let k = 0; k < Math.min(N_REAL, photos.length); k++) {
    const file = photos[(k * 7) % photos.length];
    real.push(await one('real', 5000 + k, await readRgbImage(file)));
  }
  summarise(real, `real photos of held-out people (${photos.length} available)`);
  summarise([...synth, ...real], 'all');
}

await main();
