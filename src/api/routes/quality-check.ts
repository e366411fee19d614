// POST /v1/photo-checks: one photo through intake and the quality gate only (no segmentation, nothing
// stored), so the consultation page can ask for a retake while the person still holds the phone. The
// consultation's own gate stays final: it judges sharpness and light on the head, this one on the
// whole photo.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PhotoInputError } from '../../pipeline/consultation.js';
import type { PhotoCheckResult } from '../../pipeline/check-task.js';
import { readConsultationUpload } from '../multipart.js';
import { Problem } from '../problem.js';
import { ProblemSchema } from '../schemas/consultation.js';

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

const qualityCheck: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/photo-checks',
    {
      config: { uploadToken: true },
      schema: {
        summary: 'Check one photo (intake and quality gate only) before a consultation upload',
        description:
          'multipart/form-data with exactly one file part named by its view. Nothing is stored. Answers the quality gate (assessable, reasons, checks) judged on the whole photo; the consultation judges again on the head.',
        tags: ['consultations'],
        consumes: ['multipart/form-data'],
        querystring: z.strictObject({}),
        response: { 200: CheckSchema, 400: ProblemSchema, 401: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      const onePhoto = new Problem(400, 'one-photo', 'One photo per check', 'send exactly one file part, named by its view, and no text fields');
      const [photo] = (await readConsultationUpload(request, { exactlyOne: onePhoto })).photos;
      app.pool.ensureCapacity(1);
      const result = await app.pool.run<PhotoCheckResult>({ kind: 'photo-check', bytes: photo.bytes, limits: app.pool.config.limits });
      if (!result.ok) {
        throw new PhotoInputError(result.error.kind, result.error.message, 0, photo.view, result.error.detail, photo.filename);
      }
      const { assessable, reasons, checks } = result.quality;
      return { view: photo.view, width: result.width, height: result.height, format: result.format, quality: { assessable, reasons, checks } };
    },
  );
};

export default qualityCheck;
