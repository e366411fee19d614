// /v1/upload-tokens: a clinic mints short-lived tokens for its public consultation page.
// /v1/clinic: what the caller's clinic is; DELETE removes all of its data. /v1/access-log: who read or
// deleted what.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signUploadToken } from '../auth/tokens.js';
import { Problem } from '../problem.js';
import { ProblemSchema } from '../schemas/consultation.js';
import { ensureLocalClinic, requireKey } from '../plugins/auth.js';
import { ClinicTableError, clinicTableFrom, DEFAULT_CLINIC_TABLE } from '../../plan/recommend/index.js';
import { ScaleReferenceSchema } from '../../plan/scale/card.js';
import { RetentionDaysSchema } from '../retention.js';
import { clinicTableOf } from '../consultation-runner.js';
import { ClientRefSchema } from '../schemas/client-ref.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

const clinic: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/v1/upload-tokens',
    {
      schema: {
        summary: 'Mint a short-lived upload token for the public consultation page',
        tags: ['clinic'],
        body: z
          .strictObject({
            ttlMinutes: z.number().int().min(1).max(24 * 60).default(60),
            clientRef: ClientRefSchema.optional().describe('the client the token is for: what is uploaded with it carries this clientRef'),
          })
          .default({ ttlMinutes: 60 }),
        response: { 201: z.object({ token: z.string(), expiresAt: z.string(), pageUrl: z.string(), clientRef: z.string().nullable() }), ...errors },
      },
    },
    async (request, reply) => {
      requireKey(request);
      const exp = Math.floor(Date.now() / 1000) + request.body.ttlMinutes * 60;
      const { id: clinicId, keyId } = request.clinic;
      const { clientRef } = request.body;
      const token = signUploadToken(app.tokenSecret, { clinicId, jti: randomUUID(), exp, ...(keyId ? { keyId } : {}), ...(clientRef ? { clientRef } : {}) });
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'mint-upload-token', target: clientRef ? `client:${clientRef}` : `exp:${exp}` });
      return reply.code(201).send({ token, expiresAt: new Date(exp * 1000).toISOString(), pageUrl: `/?t=${encodeURIComponent(token)}`, clientRef: clientRef ?? null });
    },
  );

  app.get(
    '/v1/clinic',
    {
      schema: {
        summary: "The caller's clinic, its recommendation table in force and the default it overrides",
        tags: ['clinic'],
        response: {
          200: z.looseObject({
            id: z.string(),
            name: z.string(),
            settings: z.looseObject({}).nullable(),
            recommendationTable: z.looseObject({}),
            recommendationTableError: z.string().optional().describe('why the stored table no longer validates (the default is shown; consultations answer 409 until the table is set again)'),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      requireKey(request);
      const clinic = await app.store.getClinic(request.clinic.id);
      const answer = { id: request.clinic.id, name: clinic?.name ?? request.clinic.id, settings: clinic?.settings ?? null };
      try {
        return { ...answer, recommendationTable: (clinicTableOf(clinic?.settings) ?? DEFAULT_CLINIC_TABLE) as unknown as Record<string, unknown> };
      } catch (err) {
        // A table stored before a rule it breaks: the clinic still sees its settings, and why consultations are refused.
        if (!(err instanceof Problem)) throw err;
        return { ...answer, recommendationTable: DEFAULT_CLINIC_TABLE as unknown as Record<string, unknown>, recommendationTableError: `${err.message} Consultations are refused until then.` };
      }
    },
  );

  app.put(
    '/v1/clinic/settings',
    {
      schema: {
        summary:
          "Set the clinic's settings (replacing them whole): recommendation table and pigment catalogue (merged over the default, validated whole), the size of its colour card (sets the scale of photos that show it), and how many days consultations and audits are kept (older ones are deleted, hourly)",
        tags: ['clinic'],
        body: z.strictObject({
          recommendationTable: z.looseObject({}).nullable().optional(),
          scaleReference: ScaleReferenceSchema.nullable().optional(),
          retentionDays: RetentionDaysSchema.nullable().optional(),
        }),
        response: { 200: z.looseObject({ settings: z.looseObject({}).nullable() }), ...errors },
      },
    },
    async (request) => {
      requireKey(request);
      const { recommendationTable, scaleReference, retentionDays } = request.body;
      if (recommendationTable) {
        try {
          clinicTableFrom(recommendationTable);
        } catch (err) {
          if (err instanceof ClinicTableError) throw new Problem(400, 'invalid-clinic-table', 'Invalid clinic table', err.message);
          throw err;
        }
      }
      const given = { ...(recommendationTable ? { recommendationTable } : {}), ...(scaleReference ? { scaleReference } : {}), ...(retentionDays ? { retentionDays } : {}) };
      const settings = Object.keys(given).length ? given : null;
      await app.store.setClinicSettings(request.clinic.id, settings);
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'update-settings', target: 'clinic' });
      if (retentionDays) void app.sweepRetention(); // a shorter period applies now, not at the next hourly sweep
      return { settings };
    },
  );

  app.delete(
    '/v1/clinic',
    { schema: { summary: "Delete all of the caller's clinic data: consultations, audits, files, keys, log", tags: ['clinic'], response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      requireKey(request);
      const id = request.clinic.id;
      // The rows first, then the files, as for one record: an analysis that ends during the file sweep
      // then finds its record gone and removes what it wrote (rows deleted last let it complete into a
      // folder the sweep had already passed, leaving its photos behind with no record or clinic).
      await app.store.deleteClinic(id);
      await app.blobs.deleteClinic(id);
      // With auth off the service goes on acting as the local clinic: empty, but there to hold settings and a log.
      if (request.clinic.kind === 'local') await ensureLocalClinic(app.store);
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
