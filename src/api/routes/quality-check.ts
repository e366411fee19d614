// POST /v1/photo-checks: one photo through intake and the quality gate only (no segmentation, nothing
// stored), so the consultation page can ask for a retake while the person still holds the phone. The
// consultation's own gate stays final: it judges sharpness and light on the head, this one on the
// whole photo.
//
// The work runs off the event loop in a small piscina pool of its own (one thread, started on demand,
// gone when idle), whose task is `checkPhotoTask` below. When the main worker pool gets a
// 'photo-check' task kind, this pool can go.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { intakePhoto } from '../../vision/intake/decode.js';
import type { IntakeLimits } from '../../vision/intake/limits.js';
import { assessQuality, type QualityReport } from '../../vision/quality/gate.js';
import { InputError, type InputErrorKind } from '../../vision/errors.js';
import { PhotoInputError } from '../../pipeline/consultation.js';
import { QueueFullError } from '../../pipeline/pool.js';
import { readConsultationUpload } from '../multipart.js';
import { Problem } from '../problem.js';
import { ProblemSchema } from '../schemas/consultation.js';

export interface PhotoCheckTask {
  bytes: Uint8Array;
  limits: IntakeLimits;
}

export type PhotoCheckResult =
  | { ok: true; width: number; height: number; format: string; quality: QualityReport }
  | { ok: false; error: { kind: InputErrorKind; message: string; detail: Record<string, unknown> } };

/** Runs in the check pool's worker thread: plain data in and out, input errors included. */
export async function checkPhotoTask(task: PhotoCheckTask): Promise<PhotoCheckResult> {
  try {
    const intake = await intakePhoto(task.bytes, task.limits);
    const quality = assessQuality({ image: intake.analysis, original: intake });
    return { ok: true, width: intake.width, height: intake.height, format: intake.format, quality };
  } catch (err) {
    if (err instanceof InputError) return { ok: false, error: { kind: err.kind, message: err.message, detail: err.detail } };
    throw err;
  }
}

const CheckSchema = z.object({
  view: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  format: z.string(),
  quality: z.object({
    assessable: z.boolean(),
    reasons: z.array(z.string()),
    checks: z.array(z.object({ id: z.string(), severity: z.enum(['ok', 'warning', 'error']), value: z.number(), message: z.string() })),
  }),
});

const MAX_WAITING = 16;

const qualityCheck: FastifyPluginAsyncZod = async (app) => {
  let pool: Piscina | undefined;
  const checkPool = () =>
    (pool ??= new Piscina({ filename: compiledSelf(), name: 'checkPhotoTask', minThreads: 0, maxThreads: 1, idleTimeout: 30_000, maxQueue: MAX_WAITING }));
  app.addHook('onClose', async () => {
    await pool?.destroy();
  });

  app.post(
    '/v1/photo-checks',
    {
      schema: {
        summary: 'Check one photo (intake and quality gate only) before a consultation upload',
        description:
          'multipart/form-data with exactly one file part named by its view. Nothing is stored. Answers the quality gate (assessable, reasons, checks) judged on the whole photo; the consultation judges again on the head.',
        tags: ['consultations'],
        consumes: ['multipart/form-data'],
        response: { 200: CheckSchema, 400: ProblemSchema, 401: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      const { photos, meta } = await readConsultationUpload(request);
      if (photos.length !== 1 || Object.keys(meta).length > 0) {
        throw new Problem(400, 'one-photo', 'One photo per check', 'send exactly one file part, named by its view, and no text fields');
      }
      const [photo] = photos;
      const p = checkPool();
      if (p.queueSize >= MAX_WAITING) throw new QueueFullError(1);
      const result = (await p.run({ bytes: photo.bytes, limits: app.pool.config.limits } satisfies PhotoCheckTask)) as PhotoCheckResult;
      if (!result.ok) {
        const name = photo.filename ? ` (${photo.filename})` : '';
        throw new PhotoInputError(result.error.kind, `photo 1, field "${photo.view}"${name}: ${result.error.message}`, 0, photo.view, result.error.detail);
      }
      const { assessable, reasons, checks } = result.quality;
      return { view: photo.view, width: result.width, height: result.height, format: result.format, quality: { assessable, reasons, checks } };
    },
  );
};

/** Worker threads run compiled JavaScript: this module's own .js, from dist/ when the tests run the sources. */
function compiledSelf(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return here;
  const built = fileURLToPath(new URL('../../../dist/src/api/routes/quality-check.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`cannot find the compiled photo-check worker (${built}); run \`npm run build\` first`);
}

export default qualityCheck;
