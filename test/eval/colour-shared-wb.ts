// Experiment (issue #5, not taken): one white balance shared by a person's photos instead of one per photo.
// A consultation's photos are taken together, so one illuminant estimate pooled over them (the mean of
// the photos' own log gains) should drop the per-photo estimation noise from the view-to-view spread.
// Prints, per set of people, the person ITA SD (median, p90) with per-photo gains ('own'), none, and
// shared gains, and |ΔITA| under ±15 % red/blue casts for 'shared' in two cases: the whole consultation
// under the cast (every photo's estimate moves) and one photo of it under the cast (the others not).
// The shared gains are applied to the pixels (linear light) and the photo measured with white balance
// 'none', which equals measuring with those gains up to 8-bit clipping.
// Masks: the colour eval's cached masks of grey-edge balanced copies (npm run eval:colour -- --prebalance).
//   npm run build && node dist/test/eval/colour-shared-wb.js [--people test|train]
// Result (2026-11-23): test 9.6° own, 7.6° shared; train (where settings are chosen) 8.9° own, 11.8°
// shared. A cast on the whole consultation moves ITA by p95 2.1–2.2° (max 3.4° test, 5.5° train), but a
// cast on one photo of several by p95 22°, max 34–41°: what sharing gains is overriding a photo's own
// estimate, which is exactly what a photo under a light of its own needs. Not taken.
import { createHash } from 'node:crypto';
import { arg } from '../helpers/eval-args.js';
import { quantile, sampleSd } from '../helpers/eval-stats.js';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import { balancedForSegmentation, measurePhotoColour } from '../../src/vision/colour/measure.js';
import { withSettings } from '../../src/vision/colour/settings.js';
import { correctImage, diagonal } from '../../src/vision/colour/correction.js';
import { applyChannelCast } from '../../src/vision/colour/cast.js';
import type { LinearRgb } from '../../src/vision/colour/convert.js';
import type { RgbImage, Segmentation } from '../../src/vision/image.js';
import { openSegSource } from '../../datasets/colour/seg-cache.js';
import { onePhotoPerView, readLabelledPhotos, readSplit, type LabelledPhoto } from '../../datasets/norwood/photos.js';

const CASTS: [0 | 2, number][] = [[0, 1.15], [0, 0.85], [2, 1.15], [2, 0.85]];
const own = withSettings({ detectCard: false });
const none = withSettings({ detectCard: false, whiteBalance: { method: 'none' } });

const q = quantile;
const sd = sampleSd;

/** Geometric mean of the photos' gains (null: a photo without an estimate), or null when none has one. */
function pooled(gains: (LinearRgb | null)[]): LinearRgb | null {
  const used = gains.filter((g): g is LinearRgb => g !== null);
  if (!used.length) return null;
  const mean = (c: number) => Math.exp(used.reduce((s, g) => s + Math.log(g[c]), 0) / used.length);
  return [mean(0), 1, mean(2)];
}

/** ITA with the given gains applied to the pixels (own estimate when null). */
function itaWith(img: RgbImage, seg: Segmentation, gains: LinearRgb | null): number | null {
  const m = gains ? measurePhotoColour(correctImage(img, diagonal(gains)), seg, none) : measurePhotoColour(img, seg, own);
  return m.skinTone?.ita ?? null;
}

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`SKIP: ../shared is missing (${SHARED_DIR})`);
    return;
  }
  const which = arg('people') ?? 'test';
  const split = readSplit();
  if (!split || (which !== 'test' && which !== 'train')) throw new Error('--people test|train needs datasets/split.json');
  const allowed = new Set(split[which]);
  const people = new Map<string, LabelledPhoto[]>();
  for (const p of onePhotoPerView(readLabelledPhotos().filter((x) => allowed.has(x.subject)))) people.set(p.subject, [...(people.get(p.subject) ?? []), p]);
  const seg = await openSegSource({ threads: 1 });
  const segment = (file: string, im: RgbImage) => {
    const b = balancedForSegmentation(im);
    return seg.segment(file, b, `preb.${createHash('sha1').update(b.data).digest('hex').slice(0, 12)}`);
  };
  const spread = { own: [] as number[], none: [] as number[], shared: [] as number[] };
  const shift = { wholeConsultation: [] as number[], onePhoto: [] as number[] };
  for (const photos of people.values()) {
    const loaded = await Promise.all(photos.map(async (p) => {
      const img = await readRgbImage(p.path);
      return { img, seg: await segment(p.path, img) };
    }));
    const gainsOf = (img: RgbImage, s: Segmentation): LinearRgb | null => {
      const wb = measurePhotoColour(img, s, own).whiteBalance;
      return wb.method === 'none' ? null : wb.gains;
    };
    const ownGains = loaded.map((x) => gainsOf(x.img, x.seg));
    const castGains = CASTS.map(([c, f]) => loaded.map((x) => gainsOf(applyChannelCast(x.img, c, f), x.seg)));
    const shared = pooled(ownGains);
    const values = { own: [] as number[], none: [] as number[], shared: [] as number[] };
    for (const [i, x] of loaded.entries()) {
      const o = itaWith(x.img, x.seg, null);
      const n = measurePhotoColour(x.img, x.seg, none).skinTone?.ita ?? null;
      const s = shared ? itaWith(x.img, x.seg, shared) : o;
      if (o !== null) values.own.push(o);
      if (n !== null) values.none.push(n);
      if (s === null) continue;
      values.shared.push(s);
      for (const [k, [c, f]] of CASTS.entries()) {
        const cast = applyChannelCast(x.img, c, f);
        const whole = itaWith(cast, x.seg, pooled(castGains[k]));
        if (whole !== null) shift.wholeConsultation.push(Math.abs(whole - s));
        const one = itaWith(cast, x.seg, pooled(ownGains.map((g, j) => (j === i ? castGains[k][i] : g))));
        if (one !== null) shift.onePhoto.push(Math.abs(one - s));
      }
    }
    for (const k of ['own', 'none', 'shared'] as const) if (values[k].length >= 2) spread[k].push(sd(values[k]));
  }
  await seg.release();
  console.log(`shared white balance, ${people.size} people (${which}); person ITA SD median / p90:`);
  for (const [k, xs] of Object.entries(spread)) console.log(`  ${k.padEnd(7)} ${q(xs, 0.5).toFixed(1)}° / ${q(xs, 0.9).toFixed(1)}° (${xs.length} people)`);
  for (const [k, xs] of Object.entries(shift)) console.log(`  shared, cast on ${k === 'onePhoto' ? 'one photo' : 'the whole consultation'}: |ΔITA| median ${q(xs, 0.5).toFixed(1)}°, p95 ${q(xs, 0.95).toFixed(1)}°, max ${Math.max(...xs).toFixed(1)}°`);
}

await main();
