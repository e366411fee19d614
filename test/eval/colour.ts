// Colour evaluation on real photos (../shared/data/hairloss-levels), by person:
//  - view consistency: per person, the standard deviation of ITA across their views; median over people
//    (target ≤ 5°);
//  - cast robustness: per photo, |ΔITA| under ±15 % red and blue channel casts (8-bit sRGB channel
//    multiplied, clipped), median / 95th percentile / max (target ≤ 6° without a card);
//  - with and without white balance, and for each candidate white-balance method, so the default in
//    src/vision/colour/settings.ts is chosen by these numbers; 'before-exposure' is the measurement
//    before the exposure check and compensation (src/vision/colour/exposure.ts) and the ITA pivot check,
//    'no-exposure-compensation' without the compensation;
//  - per view: photos measured, median |ITA − person median|, L*, b*, photos refused as under-exposed;
//  - ICC(1) of ITA by person and the SD of person means: a change that only squeezes everyone together
//    lowers the spread without raising the ICC.
// Settings are tuned on `--people train` only; `test` is for the report.
// People: the held-out `test` list of datasets/split.json when it exists (else everyone); one photo per
// (person, view) — the source stores rotated copies, which would make views look more consistent.
// Masks: ScalpSegmenter when models/scalp-seg/model.onnx exists, else the teacher; cached.
// --data DIR: people from another folder in the labels.csv format (new people, e.g. from the same source):
//   every person in it except anyone with a photo byte-identical to a train photo (datasets/norwood/held-out.ts);
//   masks computed, not cached.
//   npm run eval:colour -- [--people test|train|all | --data DIR] [--variants a,b] [--reseg] [--prebalance] [--teacher] [--limit N] [--json out.json] [--worst N] [--rows per-photo.json]
//   --reseg: segment each cast photo again (end to end) instead of reusing the uncast photo's masks;
//   --prebalance: segment grey-edge balanced copies (balancedForSegmentation), measure the originals.
//   --resolution: also measure each photo resized (sharp, lanczos3) to a long side of 1024 px (what a phone
//     photo becomes at intake) and 480 px and saved as a JPEG, segmented again; prints |ΔITA| against the
//     photo as stored.
//   --scalp-zones only|fallback: an experiment: skin read only inside the geometry's scalp zones (only), or
//     there and on every skin pixel where the zones hold too little (fallback). Not taken: see settings.ts.
//     --scalp-source region: the geometry's scalp region (head box less the face part) instead of the zones.
//   npm run eval:colour -- --cards-only [--bare]   (card false positives over every photo: none holds a card)
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { arg } from '../helpers/eval-args.js';
import { icc, quantile, sampleSd } from '../helpers/eval-stats.js';
import { savedAgainAt } from '../helpers/resave.js';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import type { RgbImage, Segmentation } from '../../src/vision/image.js';
import { balancedForSegmentation, measurePhotoColour } from '../../src/vision/colour/measure.js';
import { withSettings, type ColourSettings, type DeepPartial } from '../../src/vision/colour/settings.js';
import { openSegSource } from '../../datasets/colour/seg-cache.js';
import { applyChannelCast } from '../../src/vision/colour/cast.js';
import { onePhotoPerView, readLabelledPhotos, readSplit } from '../../datasets/norwood/photos.js';
import { heldOutPhotos } from '../../datasets/norwood/held-out.js';
import { findColourCard } from '../../src/vision/colour/card/find-card.js';
import { fuseSkinTone } from '../../src/vision/colour/fuse.js';
import { itaCategoryIndex } from '../../src/vision/colour/ita.js';
import { MONK_ITA } from '../../src/vision/colour/monk.js';
import type { PhotoColour } from '../../src/vision/colour/types.js';
import { analyzeGeometry } from '../../src/vision/geometry/analyze.js';
import { scalpHairRegion } from '../../src/vision/colour/hair-region.js';
import type { View } from '../../src/vision/geometry/types.js';
import { loadOpenCv, type OpenCv } from '../../src/vision/audit/opencv.js';
import { polygonMask } from '../../src/vision/audit/masks.js';

interface Photo {
  file: string;
  subject: string;
  view: string;
}

// Card detection is off in the comparison variants (these photos hold no card) and on in 'default',
// which therefore also counts false card detections.
const VARIANTS: Record<string, DeepPartial<ColourSettings>> = {
  'none': { detectCard: false, whiteBalance: { method: 'none' } },
  'grey-world/all': { detectCard: false, whiteBalance: { method: 'grey-world', region: 'all' } },
  'grey-world/bg': { detectCard: false, whiteBalance: { method: 'grey-world', region: 'background' } },
  'shades-of-grey/bg': { detectCard: false, whiteBalance: { method: 'shades-of-grey', region: 'background', p: 6 } },
  'white-patch/bg': { detectCard: false, whiteBalance: { method: 'white-patch', region: 'background' } },
  'grey-edge/bg': { detectCard: false, whiteBalance: { method: 'grey-edge', region: 'background', p: 6 } },
  'grey-edge-p2/bg': { detectCard: false, whiteBalance: { method: 'grey-edge', region: 'background', p: 2 } },
  'grey-median/bg': { detectCard: false, whiteBalance: { method: 'grey-quantile', region: 'background', quantile: 0.5 } },
  'grey-q75/bg': { detectCard: false, whiteBalance: { method: 'grey-quantile', region: 'background', quantile: 0.75 } },
  'shades-of-grey/bg ×0.5': { detectCard: false, whiteBalance: { method: 'shades-of-grey', region: 'background', p: 6, strength: 0.5 } },
  // The measurement before the exposure check and compensation (src/vision/colour/exposure.ts) and the
  // ITA pivot check, for the before/after.
  'before-exposure': { skin: { minRelativeExposure: null, exposureCompensation: 0, plausible: { itaPivotMin: 0 } } },
  'no-exposure-compensation': { skin: { exposureCompensation: 0 } },
  // Before the skin-area floor (settings.ts minAreaFraction), for the before/after.
  'no-skin-area-floor': { skin: { minAreaFraction: 0 } },
  'default': {},
};

/** Long sides the photos are resized to for --resolution: the pipeline's analysis side, the stored size (re-saved only) and smaller. */
const RESOLUTIONS = [1024, 640, 480];

/** The photo as if taken at another resolution (savedAgainAt), decoded. */
async function resizeRgb(img: RgbImage, side: number): Promise<RgbImage> {
  return readRgbImage(await savedAgainAt(img.data, side, img));
}

const CASTS: { name: string; channel: 0 | 2; factor: number }[] = [
  { name: 'red+15%', channel: 0, factor: 1.15 },
  { name: 'red-15%', channel: 0, factor: 0.85 },
  { name: 'blue+15%', channel: 2, factor: 1.15 },
  { name: 'blue-15%', channel: 2, factor: 0.85 },
];

function selectPhotos(): { photos: Photo[]; peopleSet: string; cached: boolean } {
  const data = arg('data');
  if (data) {
    if (arg('people')) throw new Error('--people and --data cannot be combined: --data scores every new person in DIR');
    const held = heldOutPhotos(data);
    for (const e of held.excluded) console.log(`left out ${e.subject}: ${e.reason}`);
    const photos = onePhotoPerView(held.photos).map(({ path, subject, view }) => ({ file: path, subject, view }));
    if (photos.length === 0) throw new Error(`no held-out people to score in ${data}`);
    return { photos, peopleSet: `new people from ${data}`, cached: held.shared };
  }
  const split = readSplit();
  const which = arg('people') ?? (split ? 'test' : 'all');
  let allowed: Set<string> | null = null;
  if (which !== 'all') {
    if (!split) throw new Error(`--people ${which} needs datasets/split.json`);
    if (which !== 'train' && which !== 'test') throw new Error(`--people must be train, test or all, got ${which}`);
    allowed = new Set(split[which]);
  }
  const chosen = onePhotoPerView(readLabelledPhotos().filter((p) => !allowed || allowed.has(p.subject)));
  let photos: Photo[] = chosen.map(({ path, subject, view }) => ({ file: path, subject, view }));
  const limit = Number(arg('limit') ?? 0);
  if (limit > 0) photos = photos.slice(0, limit);
  return { photos, peopleSet: which, cached: true };
}

const q = quantile;
const sd = sampleSd;
const f1 = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—');

interface Row {
  photo: Photo;
  ita: Record<string, number | null>;
  confidence: number | null;
  cardFound: boolean;
  measurement: PhotoColour | null;
}

/**
 * Experiment (--scalp-zones only|fallback): 1 inside the geometry's scalp zones (each zone's outline, a
 * quadrilateral in photo pixels, with the view given), so skin is read on the scalp, not the face, ears or neck.
 */
function scalpZoneRegion(cv: OpenCv | null, seg: Segmentation, view: View): Uint8Array {
  // --scalp-source region: the geometry's scalp region (the head box less the face part), as hair colour reads it
  if (!cv) return scalpHairRegion(analyzeGeometry(seg, view), seg.width, seg.height) ?? new Uint8Array(seg.width * seg.height).fill(1);
  const region = new Uint8Array(seg.width * seg.height);
  for (const { polygon } of Object.values(analyzeGeometry(seg, view).zones)) {
    if (polygon.length < 3) continue;
    const inside = polygonMask(cv, seg.width, seg.height, polygon);
    for (let i = 0; i < region.length; i++) region[i] |= inside[i];
  }
  return region;
}

async function main(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`SKIP: ../shared is missing (${SHARED_DIR}); the colour evaluation needs the real photos.`);
    return;
  }
  if (process.argv.includes('--cards-only')) return cardFalsePositives();
  const { photos, peopleSet, cached } = selectPhotos();
  const variantNames = (arg('variants') ?? Object.keys(VARIANTS).join(',')).split(',');
  for (const v of variantNames) if (!VARIANTS[v]) throw new Error(`unknown variant ${v}; known: ${Object.keys(VARIANTS).join(', ')}`);
  const reseg = process.argv.includes('--reseg');
  const resolution = process.argv.includes('--resolution');
  const scalpZones = arg('scalp-zones') as 'only' | 'fallback' | undefined;
  if (scalpZones && scalpZones !== 'only' && scalpZones !== 'fallback') throw new Error(`--scalp-zones must be only or fallback, got ${scalpZones}`);
  const scalpSource = arg('scalp-source') ?? 'zones';
  if (scalpSource !== 'zones' && scalpSource !== 'region') throw new Error(`--scalp-source must be zones or region, got ${scalpSource}`);
  const cv = scalpZones && scalpSource === 'zones' ? await loadOpenCv() : null;
  // Segment a grey-edge balanced copy (what the pipeline should feed the segmenter), measure the original.
  const prebalance = process.argv.includes('--prebalance');
  // The balanced copy is cached under a hash of its pixels, so a change to the balancing re-segments.
  const segment = (f: string, im: RgbImage, cast?: string) => {
    if (!prebalance) return seg.segment(f, im, cast);
    const balanced = balancedForSegmentation(im);
    return seg.segment(f, balanced, `preb.${createHash('sha1').update(balanced.data).digest('hex').slice(0, 12)}`);
  };
  const seg = await openSegSource({ threads: Number(process.env.THREADS ?? 1), forceTeacher: process.argv.includes('--teacher'), cache: cached });
  console.log(
    `colour eval: ${photos.length} photos of ${new Set(photos.map((p) => p.subject)).size} people (${peopleSet}); masks: ${seg.name}` +
      `${prebalance ? ' of grey-edge balanced copies' : ''}${reseg ? ', cast photos re-segmented' : ', masks of the uncast photo'}`,
  );

  const rows = new Map<string, Row[]>(variantNames.map((v) => [v, []]));
  const settings = new Map<string, ColourSettings>(variantNames.map((v) => [v, withSettings(VARIANTS[v])]));
  const t0 = Date.now();
  for (const [k, photo] of photos.entries()) {
    const img = await readRgbImage(photo.file);
    const base = await segment(photo.file, img);
    const casts: { name: string; img: RgbImage; seg: typeof base }[] = [{ name: 'orig', img, seg: base }];
    for (const c of CASTS) {
      const cimg = applyChannelCast(img, c.channel, c.factor);
      casts.push({ name: c.name, img: cimg, seg: reseg ? await segment(photo.file, cimg, c.name) : base });
    }
    const resized: { name: string; img: RgbImage; seg: typeof base }[] = [];
    for (const side of resolution ? RESOLUTIONS : []) {
      const rimg = await resizeRgb(img, side);
      resized.push({ name: `${side}px`, img: rimg, seg: await segment(photo.file, rimg, `res${side}.q92`) });
    }
    const regions = new Map<typeof base, Uint8Array>();
    const measure = (im: RgbImage, s: typeof base, st: ColourSettings): PhotoColour => {
      if (!scalpZones) return measurePhotoColour(im, s, st);
      if (!regions.has(s)) regions.set(s, scalpZoneRegion(cv, s, photo.view as View));
      const m = measurePhotoColour(im, s, st, { skinRegion: regions.get(s) });
      return m.skinTone || scalpZones === 'only' ? m : measurePhotoColour(im, s, st);
    };
    for (const v of variantNames) {
      const row: Row = { photo, ita: {}, confidence: null, cardFound: false, measurement: null };
      for (const r of resized) row.ita[r.name] = measure(r.img, r.seg, settings.get(v)!).skinTone?.ita ?? null;
      for (const c of casts) {
        const m = measure(c.img, c.seg, settings.get(v)!);
        row.ita[c.name] = m.skinTone ? m.skinTone.ita : null;
        if (c.name === 'orig') {
          row.cardFound = !!m.whiteBalance.card;
          row.confidence = m.skinTone?.confidence ?? null;
          row.measurement = m;
        }
      }
      rows.get(v)!.push(row);
    }
    if ((k + 1) % 50 === 0) console.log(`  ${k + 1}/${photos.length} photos (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await seg.release();

  const report: Record<string, unknown> = {};
  console.log('\nvariant                     measured  personSD med  p90  ICC  between | |ΔITA| cast med  p95   max  | per cast p95: ' + CASTS.map((c) => c.name).join(' '));
  for (const v of variantNames) {
    const rs = rows.get(v)!;
    const measured = rs.filter((r) => r.ita.orig !== null);
    const byPerson = itaByPerson(measured);
    const personSd = [...byPerson.values()].filter((xs) => xs.length >= 2).map(sd);
    const rel = icc([...byPerson.values()]);
    const shifts: number[] = [];
    const perCast: Record<string, number[]> = {};
    for (const c of CASTS) {
      perCast[c.name] = [];
      for (const r of measured) {
        const x = r.ita[c.name];
        if (x === null) continue;
        const d = Math.abs(x - (r.ita.orig as number));
        shifts.push(d);
        perCast[c.name].push(d);
      }
    }
    const cards = rs.filter((r) => r.cardFound).length;
    // Does the per-photo confidence say which photos stray from the person's median ITA?
    const dev: { conf: number; d: number }[] = [];
    for (const r of measured) {
      const xs = byPerson.get(r.photo.subject)!;
      if (xs.length < 3) continue;
      dev.push({ conf: r.confidence ?? 0, d: Math.abs((r.ita.orig as number) - q(xs, 0.5)) });
    }
    // The per-person answer: fused over all views, and how far it moves when one view is left out.
    const people = new Map<string, PhotoColour[]>();
    for (const r of rs) if (r.measurement) people.set(r.photo.subject, [...(people.get(r.photo.subject) ?? []), r.measurement]);
    const looSd: number[] = [];
    let fusedCount = 0;
    for (const ms of people.values()) {
      if (fuseSkinTone(ms).skinTone) fusedCount++;
      if (ms.length < 3) continue;
      const loo = ms.map((_, i) => fuseSkinTone(ms.filter((__, j) => j !== i)).skinTone?.ita).filter((x): x is number => x !== undefined);
      if (loo.length >= 2) looSd.push(sd(loo));
    }
    const confCut = q(dev.map((x) => x.conf), 0.5);
    const devHigh = q(dev.filter((x) => x.conf >= confCut).map((x) => x.d), 0.5);
    const devLow = q(dev.filter((x) => x.conf < confCut).map((x) => x.d), 0.5);
    const entry = {
      photos: rs.length,
      measured: measured.length,
      people: byPerson.size,
      personSdMedian: q(personSd, 0.5),
      personSdP90: q(personSd, 0.9),
      icc: rel.icc,
      betweenPersonSd: rel.betweenSd,
      castShift: { median: q(shifts, 0.5), p95: q(shifts, 0.95), max: Math.max(...shifts) },
      perCastP95: Object.fromEntries(Object.entries(perCast).map(([k, xs]) => [k, q(xs, 0.95)])),
      perCastMax: Object.fromEntries(Object.entries(perCast).map(([k, xs]) => [k, Math.max(...xs)])),
      itaMedian: q(measured.map((r) => r.ita.orig as number), 0.5),
      cardsFound: cards,
      deviationFromPersonMedian: { confidenceCut: confCut, medianAboveCut: devHigh, medianBelowCut: devLow },
      fused: { people: fusedCount, leaveOneViewOutSdMedian: q(looSd, 0.5), leaveOneViewOutSdP90: q(looSd, 0.9) },
    };
    // Per view: how many photos give a tone, how far they sit from their person's median, their L* and b*,
    // and how many the exposure check refused.
    const perView: Record<string, { photos: number; measured: number; devMedian: number; lMedian: number; bMedian: number; refusedExposure: number }> = {};
    for (const view of [...new Set(rs.map((r) => r.photo.view))]) {
      const vr = rs.filter((r) => r.photo.view === view);
      const vm = vr.filter((r) => r.ita.orig !== null);
      perView[view] = {
        photos: vr.length,
        measured: vm.length,
        devMedian: q(vm.filter((r) => (byPerson.get(r.photo.subject)?.length ?? 0) >= 2).map((r) => Math.abs((r.ita.orig as number) - q(byPerson.get(r.photo.subject)!, 0.5))), 0.5),
        lMedian: q(vm.map((r) => r.measurement!.skinTone!.lab[0]), 0.5),
        bMedian: q(vm.map((r) => r.measurement!.skinTone!.lab[2]), 0.5),
        refusedExposure: vr.filter((r) => r.measurement?.reasons.some((x) => x.includes('under-exposed'))).length,
      };
    }
    Object.assign(entry, { perView });
    report[v] = entry;
    console.log(
      `${v.padEnd(27)} ${String(measured.length).padStart(4)}/${String(rs.length).padEnd(4)} ${f1(entry.personSdMedian).padStart(6)} ${f1(entry.personSdP90).padStart(6)} ${entry.icc.toFixed(2).padStart(5)} ${f1(entry.betweenPersonSd).padStart(6)}   | ${f1(entry.castShift.median).padStart(10)} ${f1(entry.castShift.p95).padStart(5)} ${f1(entry.castShift.max).padStart(5)}  | ${CASTS.map((c) => f1(entry.perCastP95[c.name])).join(' ')}` +
        `  (ITA median ${f1(entry.itaMedian)}°; |ITA − person median| ${f1(devHigh)}° when confidence ≥ ${confCut.toFixed(2)}, ${f1(devLow)}° below; fused per person: ${fusedCount} people, leave-one-view-out SD median ${f1(entry.fused.leaveOneViewOutSdMedian)}°${cards ? `; cards found in ${cards} photos` : ''})`,
    );
  }
  console.log('\nper view (variant: view measured/photos, median |ITA − person median|, median L*, b*, refused for exposure):');
  for (const v of variantNames) {
    const pv = (report[v] as { perView: Record<string, { photos: number; measured: number; devMedian: number; lMedian: number; bMedian: number; refusedExposure: number }> }).perView;
    console.log(
      `  ${v.padEnd(25)} ` +
        Object.entries(pv)
          .map(([k, x]) => `${k} ${x.measured}/${x.photos} ${f1(x.devMedian)}° L*${f1(x.lMedian)} b*${f1(x.bMedian)} ex${x.refusedExposure}`)
          .join(' | '),
    );
  }
  if (resolution) {
    console.log('\nresolution (variant: |ΔITA| of the photo resized and segmented again, against the photo as stored: median / p95 / max, photos):');
    for (const v of variantNames) {
      const parts: string[] = [];
      const entry: Record<string, unknown> = {};
      for (const side of RESOLUTIONS) {
        const d = rows
          .get(v)!
          .filter((r) => r.ita.orig !== null && r.ita[`${side}px`] !== null && r.ita[`${side}px`] !== undefined)
          .map((r) => Math.abs((r.ita[`${side}px`] as number) - (r.ita.orig as number)));
        entry[`${side}px`] = { median: q(d, 0.5), p95: q(d, 0.95), max: Math.max(...d), photos: d.length };
        parts.push(`${side} px ${f1(q(d, 0.5))} / ${f1(q(d, 0.95))} / ${f1(Math.max(...d))} (${d.length})`);
      }
      (report[v] as Record<string, unknown>).resolution = entry;
      console.log(`  ${v.padEnd(25)} ${parts.join(' | ')}`);
    }
  }
  // Monk against the ITA category (monk.ts): the Monk levels given, and how often the chosen reference's
  // own ITA lies two or more categories from the skin's (the report prints both side by side).
  console.log('\nMonk (variant: photos measured, MST 1..10 counts, reference two or more ITA categories from the skin):');
  for (const v of variantNames) {
    const tones = rows.get(v)!.flatMap((r) => (r.measurement?.skinTone ? [r.measurement.skinTone] : []));
    const counts = new Array(10).fill(0);
    let far = 0;
    for (const t of tones) {
      counts[t.monk - 1]++;
      if (Math.abs(itaCategoryIndex(t.ita) - itaCategoryIndex(MONK_ITA[t.monk - 1])) >= 2) far++;
    }
    console.log(`  ${v.padEnd(25)} ${tones.length} photos, MST ${counts.join(' ')}, ${far} far from the category`);
  }
  const worst = Number(arg('worst') ?? 0);
  if (worst > 0) printWorst(rows, variantNames, worst);
  const rowsOut = arg('rows');
  if (rowsOut) {
    const dump = Object.fromEntries(
      variantNames.map((v) => [
        v,
        rows.get(v)!.map((r) => {
          const wb = r.measurement?.whiteBalance;
          return {
            subject: r.photo.subject,
            view: r.photo.view,
            file: fileName(r),
            ita: r.ita,
            confidence: r.confidence,
            skinTone: r.measurement?.skinTone ?? null,
            // what the photo's confidence could be read from (the white balance, the hair beside the skin)
            whiteBalance: wb ? { method: wb.method, gains: wb.gains, pixels: wb.pixels, confidence: wb.confidence } : null,
            hairColour: r.measurement?.hairColour ?? null,
            reasons: r.measurement?.reasons ?? [],
          };
        }),
      ]),
    );
    writeFileSync(rowsOut, JSON.stringify(dump));
  }
  const out = arg('json');
  if (out) writeFileSync(out, JSON.stringify({ peopleSet, masks: seg.name, reseg, prebalance, report }, null, 2));
  console.log(`\ntargets: person SD median ≤ 5°, cast |ΔITA| ≤ 6° (no card). ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

/** The uncast ITA of each measured photo, grouped by person. */
function itaByPerson(measured: Row[]): Map<string, number[]> {
  const byPerson = new Map<string, number[]>();
  for (const r of measured) byPerson.set(r.photo.subject, [...(byPerson.get(r.photo.subject) ?? []), r.ita.orig as number]);
  return byPerson;
}

const fileName = (r: Row): string => r.photo.file.split('/').pop()!;

/** The photos that move most under a cast, and those furthest from their person's median ITA (for diagnosis). */
function printWorst(rows: Map<string, Row[]>, variantNames: string[], n: number): void {
  const name = (r: Row) => `${r.photo.subject}/${r.photo.view} ${fileName(r)}`;
  const lab = (r: Row) => {
    const t = r.measurement?.skinTone;
    return t ? `L*${f1(t.lab[0])} a*${f1(t.lab[1])} b*${f1(t.lab[2])} conf ${t.confidence.toFixed(2)}` : '';
  };
  for (const v of variantNames) {
    const rs = rows.get(v)!.filter((r) => r.ita.orig !== null);
    const shifts = rs.flatMap((r) =>
      CASTS.filter((c) => r.ita[c.name] !== null).map((c) => ({ r, cast: c.name, d: (r.ita[c.name] as number) - (r.ita.orig as number) })),
    );
    shifts.sort((a, b) => Math.abs(b.d) - Math.abs(a.d));
    console.log(`\nlargest cast shifts (${v}):`);
    for (const s of shifts.slice(0, n)) console.log(`  ${s.d >= 0 ? '+' : ''}${f1(s.d)}° ${s.cast.padEnd(9)} ITA ${f1(s.r.ita.orig as number)} ${lab(s.r)}  ${name(s.r)}`);
    const byPerson = itaByPerson(rs);
    const devs = rs
      .filter((r) => byPerson.get(r.photo.subject)!.length >= 3)
      .map((r) => ({ r, d: (r.ita.orig as number) - q(byPerson.get(r.photo.subject)!, 0.5) }))
      .sort((a, b) => Math.abs(b.d) - Math.abs(a.d));
    console.log(`furthest from their person's median ITA (${v}):`);
    for (const s of devs.slice(0, n)) console.log(`  ${s.d >= 0 ? '+' : ''}${f1(s.d)}° ITA ${f1(s.r.ita.orig as number)} ${lab(s.r)}  ${name(s.r)}`);
  }
}

/**
 * Every photo of the set holds no card: any card found is a false positive. Counted for the finder alone
 * and through measurePhotoColour (which keeps the person, from the teacher's cached masks, out of it),
 * on each photo and on its ±15 % red/blue casts.
 */
async function cardFalsePositives(): Promise<void> {
  const files = readLabelledPhotos();
  // --bare: the finder alone (an upper bound: the pipeline only adds the person exclusion), much quicker.
  const bareOnly = process.argv.includes('--bare');
  const seg = await openSegSource({ forceTeacher: true });
  let bare = 0;
  let piped = 0;
  let images = 0;
  const t0 = Date.now();
  for (const [k, { path: file, file: f }] of files.entries()) {
    const img = await readRgbImage(file);
    const s = bareOnly ? null : await seg.segment(file, img);
    for (const c of [null, ...CASTS]) {
      const im = c ? applyChannelCast(img, c.channel, c.factor) : img;
      images++;
      const card = findColourCard(im);
      if (card) {
        bare++;
        console.log(`  finder alone: false ${card.info.kind} in ${f}${c ? ` (${c.name})` : ''}`);
      }
      if (!s) continue;
      const m = measurePhotoColour(im, s);
      if (m.whiteBalance.card) {
        piped++;
        console.log(`  measurePhotoColour: false ${m.whiteBalance.card.kind} in ${f}${c ? ` (${c.name})` : ''}`);
      }
    }
    if ((k + 1) % 200 === 0) console.log(`  ${k + 1}/${files.length} photos (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await seg.release();
  console.log(
    `card finder: ${bare} false detections alone${bareOnly ? '' : `, ${piped} through measurePhotoColour`}, in ${images} images (${files.length} photos × uncast + 4 casts) without a card`,
  );
}

await main();
