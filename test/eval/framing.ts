// Does a photo's reading depend on how it was framed? Each person's photo of one view (top by default)
// goes through the service as stored, trimmed by the crop a 10-degree tilt needs (7 % a side, no turn)
// and tilted by 10 degrees (test/helpers/resave.ts, tiltedCopy). Printed: how often the orientation (which
// end is the face) changes, by the stored photo's orientation probability; how far the proposed
// hairline's mid-frontal point moves, in mm on the stored photo; and the plan's dots. Train and held-out
// people apart: the orientation model was fitted on the train people's photos, so their probabilities
// are in-sample. Where the Norwood fit's turns are cached (datasets/cache/norwood/turns-<segmenter>-train.json,
// written by training/norwood/fit_geometry.py: rotated copies matched by pixels, each group's turn chosen by
// the model fitted on upright photos), the stored reading is also checked against them.
//   npm run eval:framing [-- --view top|front|back|left|right] [--json out.json]
// Photos: the "hair-loss" dataset by the Roboflow user "uze" (Roboflow Universe, hair-loss-nq8hh v1),
// CC BY 4.0: one photo of the view per person (the upright copy where there is one).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';
import { WorkerPool } from '../../src/pipeline/pool.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { analyzeConsultation } from '../../src/pipeline/consultation.js';
import type { View } from '../../src/vision/geometry/types.js';
import { arg } from '../helpers/eval-args.js';
import { tiltedCopy } from '../helpers/resave.js';
import { NORWOOD_CACHE } from '../../datasets/norwood/mask-cache.js';
import { photoKey, readLabelledPhotos, readSplit, type LabelledPhoto } from '../../datasets/norwood/photos.js';
import { segmenterId } from '../../datasets/norwood/segmenter.js';

if (!sharedAvailable()) {
  console.log(`eval:framing skipped: ../shared not found at ${SHARED_DIR}`);
  process.exit(0);
}
const VIEWS = ['top', 'front', 'back', 'left', 'right'] as const;
const view = (arg('view') ?? 'top') as (typeof VIEWS)[number];
if (!VIEWS.includes(view)) throw new Error(`--view must be one of ${VIEWS.join(', ')}, got ${view}`);
const TILT = 10;
const split = readSplit();
if (!split) throw new Error('eval:framing needs datasets/split.json');
const chosen = new Map<string, LabelledPhoto>();
for (const ph of readLabelledPhotos()) if (ph.view === view && (!chosen.has(ph.subject) || !ph.possiblyRotated)) chosen.set(ph.subject, ph);

type Mode = 'stored' | 'cropped' | 'tilted';
interface Reading { orientation: number | null; confidence: number | null; mid: [number, number] | null; mmPerPixel: number | null; dots: number | null }

/** A point of the sent copy back on the stored photo: undo the crop, then the clockwise turn. */
function toStored(p: [number, number], mode: Mode, W: number, H: number, w: number, h: number): [number, number] {
  if (mode === 'stored') return p;
  const th = mode === 'tilted' ? (TILT * Math.PI) / 180 : 0;
  const Wt = Math.round(W * Math.cos(th) + H * Math.sin(th));
  const Ht = Math.round(W * Math.sin(th) + H * Math.cos(th));
  const x = p[0] + Math.floor((Wt - w) / 2) - Wt / 2;
  const y = p[1] + Math.floor((Ht - h) / 2) - Ht / 2;
  return [x * Math.cos(th) + y * Math.sin(th) + W / 2, -x * Math.sin(th) + y * Math.cos(th) + H / 2];
}

const turnsPath = resolve(NORWOOD_CACHE, `turns-${segmenterId()}-train.json`);
const turns = existsSync(turnsPath) ? (JSON.parse(readFileSync(turnsPath, 'utf8')) as Record<string, number>) : null;
const pseudoTurn = (file: string): number | null => turns?.[photoKey(file)] ?? null;

const pool = new WorkerPool(pipelineConfig({ queueMax: 16 }));
const out: Record<string, Record<Mode, Reading>> = {};
for (const [subject, ph] of chosen) {
  const stored = readFileSync(ph.path);
  const { width: W = 0, height: H = 0 } = await sharp(stored).metadata();
  const readings = {} as Record<Mode, Reading>;
  for (const mode of ['stored', 'cropped', 'tilted'] as Mode[]) {
    const bytes = mode === 'stored' ? stored : await tiltedCopy(stored, TILT, mode === 'tilted');
    const { width: w = 0, height: h = 0 } = await sharp(bytes).metadata();
    const { analysis } = await analyzeConsultation([{ view: view as View, bytes: new Uint8Array(bytes) }], { sex: 'male' }, pool);
    const photo = analysis.photos[0];
    const plan = analysis.plan;
    const k = plan ? plan.width / w : 1; // analysis copy px per sent px
    const c = plan?.hairline?.control?.[2];
    readings[mode] = {
      orientation: photo?.orientation ?? null,
      confidence: photo?.orientationConfidence ?? null,
      mid: c ? toStored([c[0] / k, c[1] / k], mode, W, H, w, h) : null,
      mmPerPixel: plan ? plan.scale.mmPerPixel * k : null,
      dots: plan?.totalDots ?? null,
    };
  }
  out[subject] = readings;
}
await pool.close();

const q = (xs: number[], p: number): number => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
const BANDS: [number, number][] = [[0, 0.6], [0.6, 0.8], [0.8, 1.01]];
console.log(`FRAMING (${view} views, one per person; copies trimmed 7 % a side, and tilted ${TILT} degrees)`);
for (const part of ['train', 'test'] as const) {
  const people = Object.keys(out).filter((s) => split[part].includes(s));
  const flips: { flip: boolean; conf: number }[] = [];
  const shifts: number[] = [];
  const dots: number[] = [];
  for (const s of people) {
    const a = out[s].stored;
    for (const m of ['cropped', 'tilted'] as Mode[]) {
      const b = out[s][m];
      if (a.orientation !== null && b.orientation !== null && a.confidence !== null) flips.push({ flip: a.orientation !== b.orientation, conf: a.confidence });
      if (a.mid && b.mid && a.mmPerPixel) shifts.push(Math.hypot(a.mid[0] - b.mid[0], a.mid[1] - b.mid[1]) * a.mmPerPixel);
      if (a.dots && b.dots) dots.push(Math.abs(b.dots / a.dots - 1));
    }
  }
  const n = flips.filter((f) => f.flip).length;
  console.log(`${part} (${people.length} people${part === 'train' ? ', orientation in-sample' : ''}): orientation changed in ${n} of ${flips.length} copies`);
  for (const [lo, hi] of BANDS) {
    const b = flips.filter((f) => f.conf >= lo && f.conf < hi);
    console.log(`  stored orientation probability ${lo.toFixed(1)}-${Math.min(1, hi).toFixed(1)}: ${b.filter((f) => f.flip).length} of ${b.length} changed`);
  }
  if (turns) {
    for (const [lo, hi] of BANDS) {
      const inBand = people.filter((s) => (out[s].stored.confidence ?? -1) >= lo && (out[s].stored.confidence ?? -1) < hi);
      const right = inBand.filter((s) => pseudoTurn(chosen.get(s)!.file) !== null && pseudoTurn(chosen.get(s)!.file)! * 90 === out[s].stored.orientation).length;
      console.log(`  stored photos at ${lo.toFixed(1)}-${Math.min(1, hi).toFixed(1)} read as their pseudo-labelled turn: ${right} of ${inBand.length}`);
    }
  }
  if (shifts.length) console.log(`  hairline mid-frontal point moved: median ${q(shifts, 0.5).toFixed(0)} mm, p75 ${q(shifts, 0.75).toFixed(0)} mm, p90 ${q(shifts, 0.9).toFixed(0)} mm (${shifts.length} copies)`);
  if (dots.length) console.log(`  plan dots changed: median ${(100 * q(dots, 0.5)).toFixed(0)} %, p90 ${(100 * q(dots, 0.9)).toFixed(0)} %`);
}
const jsonOut = arg('json');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ view, tilt: TILT, people: out }, null, 1));
