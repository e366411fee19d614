// Orientation and view from the masks: the photo is scored in each of its 4 quarter-turns by a linear
// model per view (fitted on upright photos turned 4 ways), so turning the photo only permutes the scores.
// Image features, when given, add their own scores for the same (view, turn) pairs.
import { rotatePlaneCcw, type Planes } from './planes.js';
import { linearScores, softmax, type LinearModel } from './linear.js';
import { HEAD_VIEWS, type HeadView, type Rotation } from './types.js';

export const ORIENT_GRID = 6;

/**
 * Mask features of the photo turned counter-clockwise by k quarter-turns: mean foreground, hair and
 * bald-skin (skin + scar) probability on an ORIENT_GRID x ORIENT_GRID lattice over the whole frame.
 */
export function orientationFeatures(p: Planes, k: number, mirror = false): number[] {
  const turn = (a: Float32Array): { data: Float32Array; width: number; height: number } => rotatePlaneCcw(a, p.width, p.height, k);
  const bg = turn(p.bg);
  const hair = turn(p.hair).data;
  const skin = turn(p.skin).data;
  const scar = turn(p.scar).data;
  const { width, height } = bg;
  const G = ORIENT_GRID;
  const sums = new Float64Array(3 * G * G);
  const counts = new Float64Array(G * G);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(G - 1, Math.floor(((y + 0.5) * G) / height)); // pixel centres: exact under turns
    for (let x = 0; x < width; x++) {
      const xx = mirror ? width - 1 - x : x;
      const gx = Math.min(G - 1, Math.floor(((xx + 0.5) * G) / width));
      const c = gy * G + gx;
      const i = y * width + x;
      sums[c] += 1 - bg.data[i];
      sums[G * G + c] += hair[i];
      sums[2 * G * G + c] += skin[i] + scar[i];
      counts[c]++;
    }
  }
  return Array.from(sums, (s, j) => s / Math.max(1, counts[j % (G * G)]));
}

export interface OrientationView {
  orientation: Rotation;
  orientationConfidence: number;
  /** joint probabilities [view][k] */
  joint: number[][];
}

/** Scores[view][k] of a linear model whose classes are the head views, applied to the 4 turns' features. */
export function turnScores(model: LinearModel, featuresPerTurn: ArrayLike<number>[]): number[][] {
  if (featuresPerTurn.length !== 4) throw new RangeError(`expected features for 4 turns, got ${featuresPerTurn.length}`);
  const byTurn = featuresPerTurn.map((f) => linearScores(model, f));
  return HEAD_VIEWS.map((v) => {
    const c = model.classes.indexOf(v);
    if (c < 0) throw new Error(`orientation model has no class ${v}`);
    return byTurn.map((s) => s[c]);
  });
}

/** Softmax over all (view, turn) pairs of summed score tables. */
export function jointProbabilities(tables: number[][][]): number[][] {
  if (tables.length === 0) throw new RangeError('at least one score table is needed');
  const flat: number[] = [];
  for (let v = 0; v < HEAD_VIEWS.length; v++) for (let k = 0; k < 4; k++) flat.push(tables.reduce((s, t) => s + t[v][k], 0));
  const p = softmax(flat);
  return HEAD_VIEWS.map((_, v) => p.slice(v * 4, v * 4 + 4));
}

/** Orientation given a known view (its row of the joint), or marginalised over views when unknown. */
export function decideOrientation(joint: number[][], view: HeadView | null): { orientation: Rotation; confidence: number } {
  const row = view ? joint[HEAD_VIEWS.indexOf(view)] : [0, 1, 2, 3].map((k) => joint.reduce((s, r) => s + r[k], 0));
  const z = row.reduce((a, b) => a + b, 0);
  let best = 0;
  for (let k = 1; k < 4; k++) if (row[k] > row[best]) best = k;
  return { orientation: (best * 90) as Rotation, confidence: z > 0 ? row[best] / z : 0 };
}

export function viewMarginals(joint: number[][]): Record<HeadView, number> {
  const out = {} as Record<HeadView, number>;
  HEAD_VIEWS.forEach((v, i) => (out[v] = joint[i].reduce((a, b) => a + b, 0)));
  return out;
}
