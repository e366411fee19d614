// A scar audit at the service's analysis size (1024 px: every phone photo arrives larger), and its
// registration, against registration with features at the full 1024 px (the setting before
// 2026-11-24), measured in the same run, interleaved. The pairs are generated on real photos (a known
// scar, pigment and transform), as eval:audit does.
//   npm run bench -- audit
import { loadOpenCv } from '../src/vision/audit/opencv.js';
import { registerToReference, REGISTRATION_DEFAULTS } from '../src/vision/audit/register.js';
import { runAuditDetailed } from '../src/vision/audit/run-audit.js';
import { randomSpec, synthPair } from '../src/vision/audit/synth/pair.js';
import { benchPhotos, median } from './_photos.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SIZE = 1024;

export async function run(): Promise<void> {
  const cv = await loadOpenCv();
  const scenes = await benchPhotos((_, i) => i % 97 === 0 && i < 4 * 97);
  const pairs = scenes.map((scene, k) => synthPair(randomSpec(2000 + k, { width: SIZE, height: SIZE }), scene));
  const tAudit: number[] = [];
  const tShipped: number[] = [];
  const tFull: number[] = [];
  const time = (fn: () => unknown) => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of pairs) {
      tFull.push(time(() => registerToReference(cv, p.before, p.after, { workSide: SIZE })));
      tShipped.push(time(() => registerToReference(cv, p.before, p.after)));
      const t = performance.now();
      await runAuditDetailed({ before: p.before, after: p.after, scarMask: p.scarMask });
      tAudit.push(performance.now() - t);
    }
  }
  const [audit, shipped, full] = [tAudit, tShipped, tFull].map(median);
  console.log(`${pairs.length} pairs x ${ROUNDS} rounds (${SIZE}x${SIZE}, generated on real photos)`);
  console.log(`registration, features at ${REGISTRATION_DEFAULTS.workSide} px: median ${shipped.toFixed(0)} ms; at ${SIZE} px ${full.toFixed(0)} ms; ratio ${(shipped / full).toFixed(3)}`);
  console.log(`whole audit (registration, regions, colour, dots, flags; no rendering): median ${audit.toFixed(0)} ms; ratio audit/registration at ${SIZE} px ${(audit / full).toFixed(3)}`);
}
