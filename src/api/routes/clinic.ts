// /v1/upload-tokens: a clinic mints short-lived tokens for its public consultation page.
// /v1/clinic: what the caller's clinic is; DELETE removes all of its data. /v1/access-log: who read or
// deleted what.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signUploadToken } from '../auth/tokens.js';
import { Problem } from '../problem.js';
import { ProblemSchema } from '../schemas/consultation.js';
import type { FastifyRequest } from 'fastify';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

export function requireKey(request: FastifyRequest): void {
  if (request.clinic.kind === 'upload-token') {
    throw new Problem(403, 'forbidden', 'Clinic key required', 'upload tokens can create and read consultations only; use the clinic API key');
  }
}

const clinic: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/upload-tokens',
    {
      schema: {
        summary: 'Mint a short-lived upload token for the public consultation page',
        tags: ['clinic'],
        body: z.strictObject({ ttlMinutes: z.number().int().min(1).max(24 * 60).default(60) }).default({ ttlMinutes: 60 }),
        response: { 201: z.object({ token: z.string(), expiresAt: z.string(), pageUrl: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      requireKey(request);
      const exp = Math.floor(Date.now() / 1000) + request.body.ttlMinutes * 60;
      const token = signUploadToken(app.tokenSecret, { clinicId: request.clinic.id, jti: randomUUID(), exp });
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'mint-upload-token', target: `exp:${exp}` });
      return reply.code(201).send({ token, expiresAt: new Date(exp * 1000).toISOString(), pageUrl: `/?t=${encodeURIComponent(token)}` });
    },
  );

  app.delete(
    '/v1/clinic',
    { schema: { summary: "Delete all of the caller's clinic data: consultations, audits, files, keys, log", tags: ['clinic'], response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      requireKey(request);
      const id = request.clinic.id;
      await app.blobs.deleteClinic(id);
      await app.store.deleteClinic(id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/access-log',
    {
      schema: {
        summary: 'Who created, read or deleted what in this clinic, newest first',
        tags: ['clinic'],
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional() }),
        response: { 200: z.object({ items: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), target: z.string() })) }), ...errors },
      },
    },
    async (request) => {
      requireKey(request);
      const items = await app.store.readAccessLog(request.clinic.id, request.query.limit);
      return { items: items.map(({ at, actor, action, target }) => ({ at, actor, action, target })) };
    },
  );
};

export default clinic;
