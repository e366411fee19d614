// The consultation web page (web/), served from this service: no CDN, nothing from elsewhere.
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../../models/paths.js';
import { ProblemSchema } from '../schemas/consultation.js';

const UploadLimitsSchema = z.object({
  maxFileBytes: z.number().int().describe('largest photo file accepted, in bytes (SMP_MAX_FILE_BYTES)'),
  maxPixels: z.number().int().describe('most decoded pixels per photo (SMP_MAX_PIXELS)'),
});

const web: FastifyPluginAsyncZod = async (app) => {
  // What a photo sent with this link may be, which the page checks each photo against before it is sent
  // (so the limits live in one place, the service's settings). The page asks when it opens: a link that
  // has expired or was revoked is answered 401 here by the auth hook, before the person takes any photo.
  app.get(
    '/v1/upload-limits',
    {
      config: { uploadToken: true },
      schema: {
        summary: 'The limits a photo must keep to (the consultation page asks when it opens, which also checks its link)',
        tags: ['consultations'],
        querystring: z.strictObject({}),
        response: { 200: UploadLimitsSchema, 400: ProblemSchema, 401: ProblemSchema },
      },
    },
    async () => {
      const { maxFileBytes, maxPixels } = app.pool.config.limits;
      return { maxFileBytes, maxPixels };
    },
  );

  await app.register(fastifyStatic, {
    root: resolve(REPO_ROOT, 'web'),
    prefix: '/',
    index: ['index.html'],
    cacheControl: true,
    maxAge: '5m',
    schemaHide: true,
    // one route per file in web/ (read at start), not a catch-all: any other path, /v1/... with '..' or
    // '//' included, gets the service's 404 problem+json instead of the file server's 403
    wildcard: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/v1/') || request.url.startsWith('/docs')) return;
    // The page loads only what this service serves.
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
  });
};

export default web;
