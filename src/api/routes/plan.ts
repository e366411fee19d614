// POST /v1/consultations/:id/plan: the practitioner edits the plan (moves the hairline, changes
// densities, keeps sessions already done) and the dot engine plans again on the same photo.
import { keepsOwnTemples } from '../../plan/hairline/keep.js';
import { scarsOffPlanPhoto } from '../../pipeline/scars-off-plan.js';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Problem } from '../problem.js';
import { MAX_PLANNED_DENSITY } from '../../plan/recommend/schema.js';
import { hairlineAsFill } from '../../plan/dots/from-recommendation.js';
import { durationText } from '../duration.js';
import { completeRecordWithFiles, deletedDuringAnalysis } from '../complete-record.js';
import { maySee, type ClinicContext } from '../plugins/auth.js';
import { presentConsultation } from '../present.js';
import { ConsultationSchema, IdParamsSchema, ProblemSchema } from '../schemas/consultation.js';
import { renderReport, type ConsultationAnalysis, type ConsultationMeta } from '../../pipeline/consultation.js';
import { planTarget, type PlanRequest, type PlanTaskResult } from '../../pipeline/plan-task.js';
import { scaleReferenceOf } from '../consultation-runner.js';
import type { ScaleReference } from '../../plan/scale/card.js';
import type { PhotoFile } from '../../pipeline/photo-task.js';
import { fitInside } from '../../vision/area-average.js';
import { OneAtATime, QueueLimitError } from '../one-at-a-time.js';

const Point = z.tuple([z.number().finite(), z.number().finite()]);

/** Dots already done that one edit may carry: a full scalp at 100 dots/cm² over 600 cm² is 60,000. */
const MAX_EXISTING_DOTS = 100_000;

export const PlanEditSchema = z.strictObject({
  photoIndex: z
    .number()
    .int()
    .min(0)
    .max(20)
    .optional()
    .describe('plan on another photo of the consultation (0-based); its own hairline is proposed unless one is given'),
  hairline: z
    .strictObject({ points: z.array(Point).min(2).max(2000) })
    .nullable()
    .optional()
    .describe('the practitioner\'s hairline in photo pixels of the plan photo (analysis size); null removes the hairline limit'),
  sessions: z
    .array(z.strictObject({ index: z.number().int().min(0).max(9), densityPerCm2: z.number().positive().max(MAX_PLANNED_DENSITY) }))
    .max(10)
    // two densities for one session: which was meant cannot be told (the first was taken, silently)
    .refine((list) => new Set(list.map((s) => s.index)).size === list.length, { message: 'each session index at most once' })
    .optional()
    .describe('new cumulative target densities (dots/cm²) per session'),
  densityOverrides: z
    .strictObject({ zoneFactor: z.strictObject({ bald: z.number().min(0).max(2), thinning: z.number().min(0).max(2), scar: z.number().min(0).max(2), hairline: z.number().min(0).max(2) }).partial() })
    .optional(),
  existingDots: z
    .strictObject({
      x: z.array(z.number().finite()).max(MAX_EXISTING_DOTS),
      y: z.array(z.number().finite()).max(MAX_EXISTING_DOTS),
      session: z.array(z.number().int().min(0).max(9)).max(MAX_EXISTING_DOTS),
    })
    .refine((d) => d.x.length === d.y.length && d.y.length === d.session.length, { message: 'x, y and session must have the same length' })
    .nullable()
    .optional()
    .describe(
      'dots already tattooed, in pixels of the plan photo\'s analysisSize, with the 0-based session of each (the x_px, y_px and session columns of dots.csv): they are kept and their sessions are not planned again; null forgets them',
    ),
  options: z
    .strictObject({ firstSessionRaiseMm: z.number().min(0).max(20).describe('how far (mm) the first session\'s hairline sits behind the designed one (default 5)') })
    .partial()
    .optional(),
  seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
});

/** Plan edits of one consultation waiting behind the running one before more are refused (409). */
const MAX_WAITING_EDITS = 4;

const plan: FastifyPluginAsyncZod = async (app) => {
  const planEdits = new OneAtATime(MAX_WAITING_EDITS);
  app.post(
    '/v1/consultations/:id/plan',
    {
      bodyLimit: 8 * 1024 * 1024, // room for MAX_EXISTING_DOTS dots done
      schema: {
        summary: 'Edit the plan (hairline, densities) and plan again',
        tags: ['consultations'],
        params: IdParamsSchema,
        body: PlanEditSchema,
        response: { 200: ConsultationSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 410: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      // The plan is the practitioner's: a client's upload token reads it but cannot rewrite it.
      const { id } = request.params;
      // Edits of one consultation run one after another: each reads the plan the one before it wrote.
      return planEdits.run(`${request.clinic.id}/${id}`, () => editPlan(app, request.clinic, id, request.body)).catch((err: unknown) => {
        if (err instanceof QueueLimitError) {
          throw new Problem(409, 'plan-edit-busy', 'Plan edits waiting', `${err.message} on this consultation's plan; send this one again when they have finished`, {}, { 'retry-after': '5' });
        }
        throw err;
      }) as never;
    },
  );
};

/**
 * A session at another fill density: the hairline and scar densities follow in proportion, so the
 * recommendation's relations (the hairline at 0.6x the fill) hold at the practitioner's density.
 */
export function withDensity(s: PlanRequest['sessions'][number], densityPerCm2: number): PlanRequest['sessions'][number] {
  const ratio = s.densityPerCm2 > 0 ? densityPerCm2 / s.densityPerCm2 : null;
  const zones = s.zoneDensityPerCm2;
  if (!zones || ratio === null) return { ...s, densityPerCm2 };
  const scaled: typeof zones = {};
  // Not rounded to 0.1: a density edited down to 0.001 rounded the hairline to 0, and its ratio to the
  // fill was lost for every later edit (the hairline stayed empty when the density went back to 27).
  // Kept to 12 significant digits.
  for (const [zone, d] of Object.entries(zones) as [keyof typeof zones, number][]) scaled[zone] = Number((d * ratio).toPrecision(12));
  return { ...s, densityPerCm2, zoneDensityPerCm2: scaled };
}

/** The last session whose dots are given as already tattooed, or -1. */
function lastDoneSession(dots: PlanRequest['existingDots']): number {
  return dots?.session.reduce((a, b) => Math.max(a, b), -1) ?? -1;
}

/** One plan edit: the stored plan request with the edit applied, planned again, its files and report stored. */
async function editPlan(app: FastifyInstance, clinic: ClinicContext, id: string, edit: z.infer<typeof PlanEditSchema>) {
  const clinicId = clinic.id;
  const rec = await app.store.getRecord('consultation', clinicId, id);
  if (!rec || !maySee(clinic, rec.createdBy)) throw new Problem(404, 'not-found', 'Consultation not found', `no consultation ${id}`);
  const analysis = rec.result as unknown as ConsultationAnalysis | null;
  if (rec.status !== 'completed' || !analysis?.planRequest) {
    throw new Problem(409, 'no-plan', 'No plan to edit', rec.status !== 'completed' ? `the consultation is ${rec.status}` : 'this consultation could not be planned (not assessable)');
  }
  const previous = analysis.planRequest;
  const sessions = previous.sessions.map((s) => {
    const change = edit.sessions?.find((e) => e.index === s.index);
    return change ? withDensity(s, change.densityPerCm2) : s;
  });
  for (const e of edit.sessions ?? []) {
    if (!previous.sessions.some((s) => s.index === e.index)) throw new Problem(400, 'unknown-session', 'Unknown session', `the plan has no session ${e.index}`);
  }
  const base =
    edit.photoIndex === undefined || edit.photoIndex === previous.photoIndex
      ? previous
      : onOtherPhoto(analysis, previous, edit.photoIndex, scaleReferenceOf((await app.store.getClinic(clinicId))?.settings));
  const request2: PlanRequest = {
    ...base,
    sessions,
    // Plans stored before the request said so: read from the recommendation they were made from.
    hairlineBandIsFill: base.hairlineBandIsFill ?? hairlineAsFill(analysis.recommendation?.sessions ?? []),
    keepOwnTemples: base.keepOwnTemples ?? keepsOwnTemples(analysis.pattern),
    ...(edit.hairline !== undefined ? { hairline: edit.hairline } : {}),
    // Zone by zone, as the rest of an edit: a factor not sent keeps its value (an edit of the hairline's
    // factor dropped the bald ×1.5 set before it); a factor is undone by sending 1.
    ...(edit.densityOverrides ? { densityOverrides: { zoneFactor: { ...base.densityOverrides?.zoneFactor, ...edit.densityOverrides.zoneFactor } } } : {}),
    ...(edit.seed !== undefined ? { seed: edit.seed } : {}),
    ...(edit.existingDots !== undefined ? { existingDots: edit.existingDots } : {}),
    ...(edit.options?.firstSessionRaiseMm !== undefined ? { firstSessionRaiseMm: edit.options.firstSessionRaiseMm } : {}),
  };
  const lastSession = lastDoneSession(request2.existingDots);
  if (lastSession >= sessions.length) {
    throw new Problem(400, 'unknown-session', 'Unknown session', `existing dots name session ${lastSession}; the plan has sessions 0-${sessions.length - 1}`, { field: 'existingDots' });
  }
  // A session whose dots are already tattooed is not planned again: a new density for it would be
  // stored and printed while its dots stay as they were. Read from the request as planned: a plan
  // moved to another photo leaves the old photo's dots behind (they are in its pixels).
  const done = (edit.sessions ?? []).map((e) => e.index).filter((i) => i <= lastSession);
  if (done.length) {
    throw new Problem(409, 'session-done', 'Session already done', `session${done.length > 1 ? 's' : ''} ${done.join(', ')} ${done.length > 1 ? 'are' : 'is'} done (its dots are in existingDots): change the density of a later session`, { field: 'sessions' });
  }
  if (edit.sessions) checkDensitiesRise(sessions);
  if (edit.sessions || edit.densityOverrides) checkZoneDensities(sessions, request2.densityOverrides?.zoneFactor);
  if (request2.hairline) checkHairline(request2.hairline.points, analysis.photos[request2.photoIndex], app.pool.config.limits.analysisSide);
  if (edit.existingDots) checkExistingDots(edit.existingDots, analysis.photos[request2.photoIndex], app.pool.config.limits.analysisSide);
  const photo = await app.blobs.get(clinicId, id, `photo-${request2.photoIndex}.jpg`);
  if (!photo) throw new Problem(409, 'photo-missing', 'Photo missing', 'the plan photo is no longer stored');
  app.pool.ensureCapacity(2);
  // the same time limit as an analysis: whatever an edit asks for, it cannot hold a worker for good
  const timeoutMs = app.pool.config.analysisTimeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = (err: unknown): never => {
    if (signal.aborted) throw new Problem(503, 'analysis-timeout', 'Planning timed out', `planning again took longer than ${durationText(timeoutMs)} and was stopped`, {}, { 'retry-after': '30' });
    throw err;
  };
  const planned = await app.pool
    .run<PlanTaskResult>({ kind: 'plan', photo, request: request2, limits: app.pool.config.limits, inferenceThreads: app.pool.config.inferenceThreads }, signal)
    .catch(timedOut);
  const offPlan = scarsOffPlanPhoto(analysis.scars?.planned ?? [], request2.photoIndex, analysis.photos.map((p) => p.view), planned.summary.areaCm2.scar);
  const updated: ConsultationAnalysis = { ...analysis, plan: { ...planned.summary, warnings: [...planned.summary.warnings, ...offPlan], photoIndex: request2.photoIndex }, planRequest: request2 };
  const files: PhotoFile[] = [...planned.files];
  // The plan images of the photo the plan left (the plan moved to another photo): not shown, then removed.
  const stale = (name: string) => /^(plan|preview)-\d+\.png$/.test(name) && !files.some((f) => f.name === name);
  const stored = await app.blobs.list(clinicId, id);
  // The report reads the photos and their images, not the masks.
  for (const name of stored) {
    if (!/^(photo|overlay|plan|preview)-\d+\./.test(name) || stale(name) || files.some((f) => f.name === name)) continue;
    const bytes = await app.blobs.get(clinicId, id, name);
    if (bytes) files.push({ name, contentType: '', bytes });
  }
  const report = await renderReport(app.pool, id, rec.input as ConsultationMeta, updated, files, signal).catch(timedOut);
  const written = [...planned.files, { name: 'report.pdf', bytes: report }];
  // All the new files or none (a full disk), then the JSON: the record never shows a new plan beside the old one.
  const kept = await completeRecordWithFiles(app, 'consultation', clinicId, id, written, updated as unknown as Record<string, unknown>);
  const fresh = kept ? await app.store.getRecord('consultation', clinicId, id) : null;
  if (!fresh) throw deletedDuringAnalysis('consultation', id);
  // Only now: until the new plan is stored, the old one still shows these.
  for (const name of stored) if (stale(name)) await app.blobs.delete(clinicId, id, name);
  await app.store.logAccess({ clinicId, actor: clinic.actor, action: 'replan', target: `consultation:${id}` });
  return presentConsultation(fresh, await app.blobs.list(clinicId, id));
}

/**
 * Densities are cumulative (dots/cm² after each session), and dots once tattooed stay: a session below
 * the one before it cannot be planned. The dot engine kept the earlier density and added nothing, while
 * the plan and the report said the lower figure, so the edit is refused naming both sessions.
 */
export function checkDensitiesRise(sessions: Pick<PlanRequest['sessions'][number], 'index' | 'densityPerCm2'>[]): void {
  const ordered = [...sessions].sort((a, b) => a.index - b.index);
  for (let k = 1; k < ordered.length; k++) {
    const [a, b] = [ordered[k - 1], ordered[k]];
    if (b.densityPerCm2 < a.densityPerCm2) {
      throw new Problem(
        400,
        'density-falls',
        'Density falls between sessions',
        `densityPerCm2 is cumulative (dots/cm² after each session): session ${b.index} would have ${b.densityPerCm2}, less than the ${a.densityPerCm2} of session ${a.index} before it; send the densities of both`,
        { field: 'sessions' },
      );
    }
  }
}

/** What the edit checks need of the plan photo's analysis: its size as sent, and the analysis copy's. */
type PlanPhotoSize = { width: number; height: number; analysisSize?: { width: number; height: number } };

/**
 * The frame an edit's pixels are in: the analysis copy (consultations stored before analysisSize was
 * recorded: the same fit of the upload's size inside the analysis side).
 */
function planPhotoFrame(photo: PlanPhotoSize, analysisSide: number): { width: number; height: number } {
  return photo.analysisSize ?? fitInside(photo.width, photo.height, analysisSide);
}

/**
 * Dots already tattooed lie on the plan photo: one off it was given in another frame (another photo, mm
 * instead of px) and would be dropped without a word, so the edit is refused naming the first.
 */
export function checkExistingDots(dots: { x: number[]; y: number[] }, photo: PlanPhotoSize | undefined, analysisSide: number): void {
  if (!photo) return;
  const { width: w, height: h } = planPhotoFrame(photo, analysisSide);
  const bad = dots.x.findIndex((x, i) => !(x >= 0 && x <= w && dots.y[i] >= 0 && dots.y[i] <= h));
  if (bad >= 0) {
    throw new Problem(
      400,
      'dot-outside-photo',
      'Existing dot outside the photo',
      `existing dot ${bad} (${dots.x[bad]}, ${dots.y[bad]}) is outside the ${w}x${h} plan photo (analysisSize); give the x_px, y_px columns of dots.csv`,
      { field: 'existingDots' },
    );
  }
}

/**
 * A hairline is drawn on the plan photo: points far outside it (up to 1e308 passes the schema) or a line
 * many times the photo's size would have the dot engine walk it in 1 mm steps for minutes or for ever.
 * Points may lie up to one photo size beyond an edge (a line drawn off the frame), the line up to twice
 * the photo's perimeter (a hairline spans about its width). Both in the analysis copy's pixels, the
 * frame the points are in (planPhotoFrame).
 */
export function checkHairline(points: [number, number][], photo: PlanPhotoSize | undefined, analysisSide: number): void {
  if (!photo) return; // photoIndex is checked where the plan moves
  const { width: w, height: h } = planPhotoFrame(photo, analysisSide);
  const bad = points.findIndex(([x, y]) => x < -w || x > 2 * w || y < -h || y > 2 * h);
  if (bad >= 0) {
    throw new Problem(400, 'hairline-outside-photo', 'Hairline outside the photo', `hairline point ${bad} (${points[bad].join(', ')}) is far outside the ${w}x${h} plan photo (analysisSize); give points in its pixels`, { field: 'hairline' });
  }
  // A line wholly off the photo limits nothing on it: the plan it gave had no dots, and replaced the one before.
  if (!crossesPhoto(points, w, h)) {
    throw new Problem(400, 'hairline-outside-photo', 'Hairline outside the photo', `the hairline does not cross the ${w}x${h} plan photo (analysisSize) anywhere; give points in its pixels`, { field: 'hairline' });
  }
  let length = 0;
  for (let i = 1; i < points.length; i++) length += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
  if (length > 4 * (w + h)) {
    throw new Problem(400, 'hairline-too-long', 'Hairline too long', `the hairline is ${Math.round(length)} px long, more than twice the ${w}x${h} plan photo's (analysisSize) perimeter; draw one line along the front of the scalp`, { field: 'hairline' });
  }
}

/** Whether the polyline has a point on the w × h photo or a segment through it (sampled at 1 px). */
export function crossesPhoto(points: [number, number][], w: number, h: number): boolean {
  const inside = ([x, y]: [number, number]) => x >= 0 && x <= w && y >= 0 && y <= h;
  if (points.some(inside)) return true;
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1], points[i]];
    const steps = Math.ceil(Math.hypot(b[0] - a[0], b[1] - a[1]));
    for (let k = 1; k < steps; k++) if (inside([a[0] + ((b[0] - a[0]) * k) / steps, a[1] + ((b[1] - a[1]) * k) / steps])) return true;
  }
  return false;
}

/**
 * A zone factor multiplies the session's density in its zone: together they must stay within what a plan
 * may ask for (MAX_PLANNED_DENSITY), as a session's density alone must (200 × 2 planned 400 /cm²).
 */
export function checkZoneDensities(sessions: readonly { index: number; densityPerCm2: number }[], zoneFactor: Partial<Record<string, number>> | undefined): void {
  const [zone, factor] = Object.entries(zoneFactor ?? {}).reduce<[string, number]>((top, [z, f]) => (f !== undefined && f > top[1] ? [z, f] : top), ['', 1]);
  const densest = sessions.reduce((a, s) => (s.densityPerCm2 > a.densityPerCm2 ? s : a), sessions[0]);
  if (densest && densest.densityPerCm2 * factor > MAX_PLANNED_DENSITY) {
    throw new Problem(
      400,
      'density-too-high',
      'Density too high',
      `session ${densest.index}'s ${densest.densityPerCm2} dots/cm² × the ${zone} factor ${factor} is ${Math.round(densest.densityPerCm2 * factor)} dots/cm², more than the ${MAX_PLANNED_DENSITY} a plan may ask for`,
      { field: 'densityOverrides' },
    );
  }
}

/** The plan request moved to another photo: its view, orientation and face; the old hairline and dots done (in the other photo's pixels) are dropped. */
function onOtherPhoto(analysis: ConsultationAnalysis, previous: PlanRequest, index: number, scaleReference: ScaleReference | undefined): PlanRequest {
  const p = analysis.photos[index];
  if (!p) throw new Problem(400, 'unknown-photo', 'Unknown photo', `the consultation has ${analysis.photos.length} photos (photoIndex 0-${analysis.photos.length - 1}), not ${index}`, { field: 'photoIndex' });
  if (!p.quality.assessable || !p.headFound) {
    throw new Problem(400, 'photo-not-plannable', 'Photo cannot be planned', `photo ${index} (${p.view}) was not assessable: ${p.quality.reasons.join('; ') || 'no head found'}`, { field: 'photoIndex' });
  }
  const { hairline: _old, face: _oldFace, scaleCues: _oldCues, existingDots: _oldDots, ...rest } = previous;
  return { ...rest, ...planTarget(p, index, scaleReference) };
}

export default plan;
