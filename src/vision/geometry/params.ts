// Fitted settings of the geometry stage (orientation/view models, head checks), stored with the grader's
// parameters in models/norwood-grader/params.json under "geometry" (written by training/norwood/fit.py).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelDir } from '../../models/paths.js';
import { checkLinear, type LinearModel } from './linear.js';

export interface GeometryRules {
  /** head region below this fraction of the photo: no head */
  minHeadFraction: number;
  /** scalp part of the head below this fraction of the photo: too little scalp */
  minScalpFraction: number;
  /** head region above this fraction, touching all 4 sides: a closeup (when the view is auto) */
  closeupHeadFraction: number;
  /** head region's height / width below this: only a sliver of the head is in frame (too little scalp) */
  minHeadAspect: number;
  /** a zone is measured when its scalp pixels reach this fraction of the head region */
  minZoneFraction: number;
}

export interface GeometryParams {
  rules: GeometryRules;
  /** classes: the head views; input: orientationFeatures (per quarter-turn) */
  orientationMask: LinearModel | null;
  /** classes: the head views; input: one quarter-turn's orientationFeatures ++ its image embedding */
  orientationJoint: LinearModel | null;
  /** classes ['nohead', 'head']; input: the mean of the 4 embeddings */
  headImage: (LinearModel & { threshold: number }) | null;
}

export const DEFAULT_RULES: GeometryRules = {
  minHeadFraction: 0.03,
  minScalpFraction: 0.03,
  closeupHeadFraction: 0.97,
  minHeadAspect: 0.3,
  minZoneFraction: 0.02,
};

export const PARAMS_PATH = resolve(modelDir('norwood-grader'), 'params.json');

let cached: { path: string; params: GeometryParams } | null = null;

export function parseGeometryParams(raw: unknown, source = 'geometry params'): GeometryParams {
  const g = (raw ?? {}) as Partial<GeometryParams>;
  const p: GeometryParams = {
    rules: { ...DEFAULT_RULES, ...(g.rules ?? {}) },
    orientationMask: g.orientationMask ?? null,
    orientationJoint: g.orientationJoint ?? null,
    headImage: g.headImage ?? null,
  };
  if (p.orientationMask) checkLinear(p.orientationMask, `${source}.orientationMask`);
  if (p.orientationJoint) checkLinear(p.orientationJoint, `${source}.orientationJoint`);
  if (p.headImage) checkLinear(p.headImage, `${source}.headImage`);
  return p;
}

/** The shipped geometry parameters (read once). */
export function loadGeometryParams(path = PARAMS_PATH): GeometryParams {
  if (cached?.path === path) return cached.params;
  const json = JSON.parse(readFileSync(path, 'utf8')) as { geometry?: unknown };
  if (!json.geometry) throw new Error(`${path} has no "geometry" section: run the Norwood fit (training/norwood/fit.sh)`);
  cached = { path, params: parseGeometryParams(json.geometry, path) };
  return cached.params;
}
