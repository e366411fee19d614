// One consultation: every photo through the worker pool in parallel, then the per-person fusion
// (hair-loss grade, skin tone, recommendation), then the dot plan and the report in workers.
import { performance } from 'node:perf_hooks';
import { InputError, type InputErrorKind } from '../vision/errors.js';
import { gradeNorwood } from '../vision/norwood/grade.js';
import { gradeLudwig } from '../vision/ludwig/grade.js';
import { fuseSkinTone } from '../vision/colour/fuse.js';
import { mergeScars, NOT_ASSESSABLE_WARNING, possibleScars, recommend, recommendInputFrom, DEFAULT_CLINIC_TABLE, type ClinicTable, type PossibleScar, type ScarInput, type StatedScar } from '../plan/recommend/index.js';
import { hairlineAsFill, sessionsFromRecommendation } from '../plan/dots/from-recommendation.js';
import type { WorkerPool } from './pool.js';
import type { PhotoAnalysis, PhotoFile, PhotoInternals, PhotoTaskResult, ViewOrAuto } from './photo-task.js';
import { planTarget, type PlanRequest, type PlanTaskResult } from './plan-task.js';
import { keepsOwnHairline, keepsOwnTemples } from '../plan/hairline/keep.js';
import type { ScaleReference } from '../plan/scale/card.js';
import { choosePlanPhoto, uprightTurn } from './plan-photo.js';
import { frontOnlyStage } from '../vision/norwood/stages.js';
import { asCopyOf, keptCopies } from './duplicates.js';
import { scarsOffPlanPhoto } from './scars-off-plan.js';
import { seedFrom } from '../vision/audit/synth/rng.js';

export interface ConsultationPhoto {
  view: ViewOrAuto;
  bytes: Uint8Array;
  /** The uploaded file name, only to name the part in error messages. */
  filename?: string;
}

export interface ConsultationMeta {
  sex?: 'male' | 'female' | 'other';
  age?: number;
  hairColour?: string;
  goals?: string;
  notes?: string;
  /** Scars the client or clinic states. */
  scars?: StatedScar[];
  /** The clinic's reference for the client, printed on the report. */
  clientRef?: string;
}

export interface ConsultationOptions {
  /** The consultation's id, printed on the report. */
  id?: string;
  /** The clinic's recommendation table (defaults to DOMAIN.md's). */
  clinicTable?: ClinicTable;
  /** The size of the colour card the clinic uses: a card found in the plan photo then sets the scale. */
  scaleReference?: ScaleReference | null;
  observe?: StageObserver;
  signal?: AbortSignal;
}

export interface ConsultationAnalysis {
  assessable: boolean;
  reasons: string[];
  /** Which grading scale leads: Ludwig for women, Norwood otherwise. */
  pattern: 'norwood' | 'ludwig';
  photos: PhotoAnalysis[];
  norwood: ReturnType<typeof gradeNorwood>;
  ludwig: ReturnType<typeof gradeLudwig> | null;
  skinTone: Record<string, unknown> | null;
  hairColour: Record<string, unknown> | null;
  contrast: Record<string, unknown> | null;
  colourNotes: string[];
  recommendation: ReturnType<typeof recommend> | null;
  /** The scars planned for (stated, and the sure ones the photos show) and the possible ones to check. */
  scars: { planned: ScarInput[]; possible: PossibleScar[] };
  plan: (PlanTaskResult['summary'] & { photoIndex: number }) | null;
  /** What the plan was made from, so it can be edited and re-planned. */
  planRequest: PlanRequest | null;
  timingsMs: Record<string, number>;
}

/**
 * A photo the intake refused; names which part of the upload it was: `photo 2, field "top" (IMG_1.jpg): why`.
 * The sender sees the file's name; what is kept (a failed record, the log) must not, since it is often the
 * client's name (HOSP-77821_front.jpg): that is `messageWithoutFileName`.
 */
export class PhotoInputError extends InputError {
  readonly messageWithoutFileName: string;

  constructor(
    kind: InputErrorKind,
    reason: string,
    readonly photoIndex: number,
    readonly field: string,
    detail: Record<string, unknown>,
    filename?: string,
  ) {
    const where = `photo ${photoIndex + 1}, field "${field}"`;
    super(kind, `${where}${filename ? ` (${filename})` : ''}: ${reason}`, detail);
    this.messageWithoutFileName = `${where}: ${reason}`;
    this.name = 'PhotoInputError';
  }
}

export type StageObserver = (stage: string, ms: number) => void;

export async function analyzeConsultation(
  photos: ConsultationPhoto[],
  meta: ConsultationMeta,
  pool: WorkerPool,
  options: ConsultationOptions = {},
): Promise<{ analysis: ConsultationAnalysis; files: PhotoFile[] }> {
  const observe = options.observe ?? (() => {});
  const started = performance.now();
  const timings: Record<string, number> = {};
  const stage = (name: string, t0: number) => {
    const ms = Math.round((performance.now() - t0) * 10) / 10;
    timings[name] = ms;
    observe(name, ms);
  };
  pool.ensureCapacity(photos.length);
  // one place in the queue for all of this consultation's tasks (wait-list.ts)
  const order = pool.newOrder();
  let t0 = performance.now();
  const results = await Promise.all(
    photos.map((p, index) =>
      pool.run<PhotoTaskResult>(
        { kind: 'photo', index, view: p.view, bytes: p.bytes, limits: pool.config.limits, inferenceThreads: pool.config.inferenceThreads },
        options.signal,
        order,
      ),
    ),
  );
  stage('photos', t0);
  const analyses: PhotoAnalysis[] = [];
  const internals: PhotoInternals[] = [];
  const files: PhotoFile[] = [];
  for (const [index, r] of results.entries()) {
    if (!r.ok) {
      throw new PhotoInputError(r.error.kind, r.error.message, index, photos[index].view, r.error.detail, photos[index].filename);
    }
    analyses.push(r.analysis);
    internals.push(r.internals);
    files.push(...r.files);
    for (const [s, ms] of Object.entries(r.analysis.timingsMs)) observe(s, ms);
  }

  // A photo sent twice counts once: its later copies are refused like photos the gate refused.
  const copies = keptCopies(
    analyses.map((a) => files.find((f) => f.name === `photo-${a.index}.jpg`)!.bytes),
    analyses.map((a) => a.quality.assessable),
  );
  for (const [i, of] of copies.entries()) if (of >= 0) analyses[i] = asCopyOf(analyses[i], analyses[of]);

  // Photos the gate refused take no part in grading or colour.
  t0 = performance.now();
  const judged = analyses.map((a) => a.quality.assessable);
  const geometries = internals.map((x, i) => (judged[i] ? x.geometry : { ...x.geometry, assessable: false, reasons: [...x.geometry.reasons, 'the photo failed the quality gate'] }));
  const pattern = meta.sex === 'female' ? 'ludwig' : 'norwood';
  const norwood = gradeNorwood(geometries, { features: internals.map((x) => x.features), patterns: internals.map((x) => x.pattern), checkViews: pattern === 'norwood' });
  const ludwig = pattern === 'ludwig' ? gradeLudwig(geometries) : null;
  const colour = fuseSkinTone(internals.filter((_, i) => judged[i]).map((x) => x.colour));
  stage('grading', t0);

  const reasons: string[] = [];
  for (const a of analyses) {
    if (!a.quality.assessable) {
      const errors = a.quality.checks.filter((c) => c.severity === 'error').map((c) => c.message);
      reasons.push(...errors.map((r) => `${photoName(a)}: ${r}`));
    }
  }
  const grade = pattern === 'ludwig' ? ludwig! : norwood;
  if (!grade.assessable) {
    // A photo's own reasons are listed above (its quality gate's head check carries its geometry's): the
    // grade adds only what is its own, e.g. that no photo could be graded, or that a closeup never is.
    const told = new Set(geometries.flatMap((g) => g.reasons));
    reasons.push(...grade.reasons.filter((r) => !told.has(r)).map((r) => `${pattern === 'ludwig' ? 'Ludwig' : 'Norwood'} grade: ${r}`));
  }
  const assessable = grade.assessable;

  t0 = performance.now();
  const found = internals.flatMap((x, i) => (judged[i] ? x.scars.map((sc) => ({ ...sc, photo: i })) : []));
  const scars = { planned: mergeScars(meta.scars ?? [], found), possible: possibleScars(meta.scars ?? [], found) };
  const recommended = recommend(
    recommendInputFrom(colour, {
      norwood: norwood.assessable
        ? {
            level: norwood.level,
            stage: norwood.stage,
            frontSeen: norwood.measurements.zones.frontal.bald !== null,
            viewOutlier: norwood.viewOutlier,
            donorBare: norwood.measurements.zones.donor.bald,
          }
        : null,
      ludwig: ludwig?.assessable && ludwig.grade ? { grade: ludwig.grade, frontalReceded: ludwig.frontalReceded } : null,
      scars: scars.planned,
      possibleScars: scars.possible,
      sex: meta.sex,
      age: meta.age,
      goals: meta.goals,
      hairColour: meta.hairColour,
    }),
    options.clinicTable ?? DEFAULT_CLINIC_TABLE,
  );
  // Photos that cannot be judged leave every setting on the table's defaults: said first, so neither the
  // JSON nor the report reads as a prescription for this client.
  let recommendation = assessable ? recommended : { ...recommended, warnings: [NOT_ASSESSABLE_WARNING, ...recommended.warnings] };
  stage('recommendation', t0);

  let plan: ConsultationAnalysis['plan'] = null;
  let planRequest: PlanRequest | null = null;
  // Not on a photo that reads far from the others (perhaps someone else's), while another can be planned.
  const planIndex = assessable
    ? choosePlanPhoto(analyses, {
        avoid: norwood.viewOutlier?.photo,
        frontOnly: pattern === 'norwood' && norwood.assessable && frontOnlyStage(norwood.stage),
        crown: pattern === 'ludwig' ? ludwig?.assessable === true : norwood.assessable && !frontOnlyStage(norwood.stage),
      })
    : -1;
  if (planIndex >= 0) {
    t0 = performance.now();
    const a = analyses[planIndex];
    planRequest = {
      ...planTarget(a, planIndex, options.scaleReference),
      sessions: sessionsFromRecommendation(recommendation.sessions),
      keepOwnHairline: keepsOwnHairline(pattern, norwood.assessable ? norwood.level : null),
      keepOwnTemples: keepsOwnTemples(pattern),
      hairlineBandIsFill: hairlineAsFill(recommendation.sessions),
      planScars: scars.planned.length > 0,
      seed: seedFrom(photos[planIndex].bytes), // from the photo itself: the same photos always give the same plan
    };
    const stored = files.find((f) => f.name === `photo-${planIndex}.jpg`)!;
    const planned = await pool.run<PlanTaskResult>(
      { kind: 'plan', photo: stored.bytes, request: planRequest, limits: pool.config.limits, inferenceThreads: pool.config.inferenceThreads },
      options.signal,
      order,
    );
    const views = analyses.map((x) => x.view);
    plan = { ...planned.summary, warnings: [...planned.summary.warnings, ...scarsOffPlanPhoto(scars.planned, planIndex, views, planned.summary.areaCm2.scar)], photoIndex: planIndex };
    files.push(...planned.files);
    stage('plan', t0);
    recommendation = withoutUnplannedWarnings(recommendation, plan.areaCm2.bald);
  }

  const analysis: ConsultationAnalysis = {
    assessable,
    reasons,
    pattern,
    photos: analyses,
    norwood,
    ludwig,
    skinTone: colour.skinTone as unknown as Record<string, unknown> | null,
    hairColour: colour.hairColour as unknown as Record<string, unknown> | null,
    contrast: colour.contrast as unknown as Record<string, unknown> | null,
    colourNotes: colour.reasons,
    recommendation,
    scars,
    plan,
    planRequest,
    timingsMs: timings,
  };
  t0 = performance.now();
  files.push({ name: 'report.pdf', contentType: 'application/pdf', bytes: await renderReport(pool, options.id, meta, analysis, files, options.signal, order) });
  stage('report', t0);
  timings.total = Math.round((performance.now() - started) * 10) / 10;
  return { analysis, files };
}

/** Bald area (cm²) under which a plan fills no bare skin worth a warning: a few stray dots at most. */
export const BARE_FRONT_PLANNED_CM2 = 1;

/**
 * The recommendation's warnings that the plan made shows not to apply: "the plan fills the bare skin in
 * front of the hair" (density-bare-front) where the plan fills almost none (the output review of session
 * 43: a woman's plan with 0.2 cm² of bald area, 1 dot of 105, carried it).
 */
export function withoutUnplannedWarnings<R extends { warnings: { code: string }[] }>(recommendation: R, plannedBaldCm2: number): R {
  if (plannedBaldCm2 >= BARE_FRONT_PLANNED_CM2) return recommendation;
  const warnings = recommendation.warnings.filter((w) => w.code !== 'density-bare-front');
  return warnings.length === recommendation.warnings.length ? recommendation : { ...recommendation, warnings };
}

/** report.pdf from the analysis and the images already made (rendered in a worker). */
export async function renderReport(
  pool: WorkerPool,
  id: string | undefined,
  meta: ConsultationMeta,
  analysis: ConsultationAnalysis,
  files: PhotoFile[],
  signal?: AbortSignal,
  order?: number,
): Promise<Uint8Array> {
  const file = (name: string) => files.find((f) => f.name === name)?.bytes;
  const photos = analysis.photos.map((p) => ({
    view: p.view,
    image: file(`photo-${p.index}.jpg`)!,
    overlay: file(`plan-${p.index}.png`),
    masks: file(`overlay-${p.index}.png`),
    preview: file(`preview-${p.index}.png`),
    turn: uprightTurn(p),
  }));
  const { planRequest: _omit, ...shown } = analysis;
  void _omit;
  // input: what the consultation was given, as the API's record keeps it (the analysis' own hairColour
  // reading would hide the client's stated one)
  const plannedSessions = analysis.planRequest?.sessions;
  const zoneFactor = analysis.planRequest?.densityOverrides?.zoneFactor;
  return pool.run<Uint8Array>(
    { kind: 'report', consultation: { id, ...meta, input: meta, ...shown }, plan: analysis.plan, photos, ...(plannedSessions ? { plannedSessions } : {}), ...(zoneFactor ? { zoneFactor } : {}) },
    signal,
    order,
  );
}

/** How a reason names a photo: 'photo 2 (top)'; a photo with no head has no view read (viewSource 'none'), so its placeholder view is not named. */
export function photoName(a: Pick<PhotoAnalysis, 'index' | 'view' | 'viewSource'>): string {
  return a.viewSource === 'none' ? `photo ${a.index + 1}` : `photo ${a.index + 1} (${a.view})`;
}
