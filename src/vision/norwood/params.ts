// The fitted grader, read from models/norwood-grader/params.json ("grader", written by
// training/norwood/fit_grader.py): one ordinal model per view, the fusion weights, the rule thresholds.
import { readFileSync } from 'node:fs';
import { PARAMS_PATH } from '../geometry/params.js';
import { HEAD_VIEWS, type HeadView } from '../geometry/types.js';
import { DEFAULT_STAGE_RULES, type StageRules } from './rules.js';

/** Cumulative-logit model: z = beta . ((x - mean) / scale); P(level <= levels[j]) = sigmoid(thresholds[j] - z). */
export interface OrdinalModel {
  mean: number[];
  scale: number[];
  beta: number[];
  thresholds: number[];
}

export interface ViewModels {
  /** input: [level score of the image model for this view, ...maskFeatureVector, ...mean image embedding] */
  full: OrdinalModel | null;
  /** input: maskFeatureVector only (photos without image features) */
  maskOnly: OrdinalModel;
  /** weight of one photo of this view in the fused (log-linear) pool, with the full model */
  weight: number;
  /** the same with the mask-only model */
  weightMaskOnly: number;
}

/** How the mask-pattern model's distribution (models/norwood-mask-cnn) joins a photo's own. */
export interface PatternFusion {
  /** the photo's distribution is multiplied by the pattern's raised to this (0 = pattern not used) */
  exponent: number;
  /** fusion weight of one photo of each view when its distribution includes the pattern */
  weights: Record<HeadView, number>;
}

export interface GraderParams {
  /** the major levels the fit knows, ascending (the data has 2..7) */
  levels: number[];
  /** which per-view models grade when image features are given: chosen by the fit's person-grouped CV */
  preferred: 'full' | 'maskOnly';
  views: Record<HeadView, ViewModels>;
  rules: StageRules;
  /** for photos the mask-pattern model read, per kind of per-view model; absent: the pattern is not used */
  pattern?: { full: PatternFusion; maskOnly: PatternFusion };
}

function checkPattern(p: PatternFusion | undefined, name: string): void {
  if (!p || !(p.exponent >= 0) || !p.weights) throw new Error(`${name}: exponent (>= 0) and weights are required`);
  for (const v of HEAD_VIEWS) if (!(p.weights[v] >= 0)) throw new Error(`${name}.weights.${v} must be a number >= 0`);
}

function checkOrdinal(m: OrdinalModel, levels: number, name: string): void {
  if (m.scale.length !== m.mean.length || m.beta.length !== m.mean.length) throw new Error(`${name}: mean, scale and beta lengths differ`);
  if (m.thresholds.length !== levels - 1) throw new Error(`${name}: expected ${levels - 1} thresholds, got ${m.thresholds.length}`);
}

export function parseGraderParams(raw: unknown, source = 'grader params'): GraderParams {
  const g = raw as Partial<GraderParams> | undefined;
  if (!g || !Array.isArray(g.levels) || !g.views) throw new Error(`${source}: "levels" and "views" are required`);
  for (const v of HEAD_VIEWS) {
    const m = g.views[v];
    if (!m) throw new Error(`${source}: no models for view ${v}`);
    checkOrdinal(m.maskOnly, g.levels.length, `${source}.views.${v}.maskOnly`);
    if (m.full) checkOrdinal(m.full, g.levels.length, `${source}.views.${v}.full`);
  }
  const rules: StageRules = {
    level1: { ...DEFAULT_STAGE_RULES.level1, ...(g.rules?.level1 ?? {}) },
    aVariant: { ...DEFAULT_STAGE_RULES.aVariant, ...(g.rules?.aVariant ?? {}) },
    vertex: { ...DEFAULT_STAGE_RULES.vertex, ...(g.rules?.vertex ?? {}) },
  };
  const preferred = g.preferred ?? 'full';
  if (preferred !== 'full' && preferred !== 'maskOnly') throw new Error(`${source}: preferred must be full or maskOnly`);
  if (g.pattern) {
    checkPattern(g.pattern.full, `${source}.pattern.full`);
    checkPattern(g.pattern.maskOnly, `${source}.pattern.maskOnly`);
  }
  return { levels: g.levels, preferred, views: g.views as Record<HeadView, ViewModels>, rules, ...(g.pattern ? { pattern: g.pattern } : {}) };
}

let cached: { path: string; params: GraderParams } | null = null;

export function loadGraderParams(path = PARAMS_PATH): GraderParams {
  if (cached?.path === path) return cached.params;
  const json = JSON.parse(readFileSync(path, 'utf8')) as { grader?: unknown };
  if (!json.grader) throw new Error(`${path} has no "grader" section: run the Norwood fit (training/norwood/fit.sh)`);
  cached = { path, params: parseGraderParams(json.grader, path) };
  return cached.params;
}
