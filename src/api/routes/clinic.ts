// /v1/upload-tokens: a clinic mints short-lived tokens for its public consultation page.
// /v1/clinic: what the caller's clinic is; DELETE removes all of its data. /v1/access-log: who read or
// deleted what.
import { randomUUID } from 'node:crypto';
import { apply as applyMergePatch } from 'json-merge-patch';
import { z } from 'zod';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signUploadToken } from '../auth/tokens.js';
import { issuesProblem, Problem } from '../problem.js';
import { IdSchema, ProblemSchema } from '../schemas/consultation.js';
import { ensureLocalClinic, requireAdminKey, unlessClinicDeleted } from '../plugins/auth.js';
import { ClinicTableError, clinicTableFrom, DEFAULT_CLINIC_TABLE } from '../../plan/recommend/index.js';
import { ChartPitchMmSchema, GreyCardMmSchema, ScaleReferenceSchema } from '../../plan/scale/card.js';
import { RetentionDaysSchema } from '../retention.js';
import { clinicTableOf } from '../consultation-runner.js';
import { ClientRefSchema } from '../schemas/client-ref.js';
import { RecordListQuerySchema } from '../schemas/record-list.js';
import type { UploadTokenRecord } from '../../store/store.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

const UploadTokenSchema = z.object({
  id: z.string().describe('what the records the token creates name as their creator (upload-token:<id>)'),
  clientRef: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable().describe('when it stopped working: revoked on its own, or the key that minted it was revoked'),
});

function earliest(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a || !b) return a ?? b ?? null;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function presentUploadToken(t: UploadTokenRecord): z.infer<typeof UploadTokenSchema> {
  return { id: t.id, clientRef: t.clientRef, createdAt: t.createdAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt };
}

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
        response: { 201: z.object({ id: z.string(), token: z.string(), expiresAt: z.string(), pageUrl: z.string(), clientRef: z.string().nullable() }), ...errors },
      },
    },
    async (request, reply) => {
      const exp = Math.floor(Date.now() / 1000) + request.body.ttlMinutes * 60;
      const { id: clinicId, keyId } = request.clinic;
      const { clientRef } = request.body;
      const jti = randomUUID();
      const token = signUploadToken(app.tokenSecret, { clinicId, jti, exp, ...(keyId ? { keyId } : {}) });
      const expiresAt = new Date(exp * 1000).toISOString();
      const minted = { id: jti, clinicId, keyId: keyId ?? null, clientRef: clientRef ?? null, createdAt: new Date().toISOString(), expiresAt };
      await unlessClinicDeleted(app.store, clinicId, 'the upload token was being minted', app.store.addUploadToken(minted));
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'mint-upload-token', target: clientRef ? `client:${clientRef}` : `exp:${exp}` });
      return reply.code(201).send({ id: jti, token, expiresAt, pageUrl: `/?t=${encodeURIComponent(token)}`, clientRef: clientRef ?? null });
    },
  );

  app.get(
    '/v1/upload-tokens',
    {
      schema: {
        summary: "The clinic's upload tokens that have not expired, revoked ones included, newest first",
        description:
          'Which consultation links are out, for whom and until when (at most `limit`, default 100; `clientRef`: one client\'s only). The tokens themselves are not kept, so not shown: only their ids.',
        tags: ['clinic'],
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100), clientRef: ClientRefSchema.optional() }),
        response: { 200: z.object({ items: z.array(UploadTokenSchema) }), ...errors },
      },
    },
    async (request) => {
      const { limit, clientRef } = request.query;
      const tokens = await app.store.listUploadTokens(request.clinic.id, new Date().toISOString(), { limit, clientRef });
      // A token ends with the key that minted it (auth checks the key): listed as revoked from then on, not
      // as live while it answers 401.
      const keyRevoked = new Map((await app.store.listApiKeys(request.clinic.id)).map((k) => [k.id, k.revokedAt]));
      return { items: tokens.map((token) => presentUploadToken({ ...token, revokedAt: earliest(token.revokedAt, token.keyId ? keyRevoked.get(token.keyId) : null) })) };
    },
  );

  app.delete(
    '/v1/upload-tokens/:id',
    {
      schema: {
        summary: 'Revoke one upload token',
        description:
          'From then on the token authenticates nothing (401), e.g. a consultation link sent to the wrong person; what it already uploaded stays with the clinic. Revoking a revoked token answers the same. 404 for an unknown id, another clinic\'s, or a token that has expired (it authenticates nothing already). Revoking the clinic key that minted a token ends it too.',
        tags: ['clinic'],
        params: z.object({ id: IdSchema }),
        response: { 204: z.null(), 404: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const clinicId = request.clinic.id;
      const { id } = request.params;
      const known = await app.store.getUploadToken(clinicId, id);
      if (!known || Date.parse(known.expiresAt) <= Date.now()) {
        throw new Problem(404, 'not-found', 'Upload token not found', `the clinic has no unexpired upload token ${id}`);
      }
      // Logged by the one request that revoked it, when two race.
      if (await app.store.revokeUploadToken(clinicId, id)) {
        await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'revoke-upload-token', target: `upload-token:${id}` });
      }
      return reply.code(204).send(null);
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

  const SettingsBody = z.strictObject({
    recommendationTable: z.looseObject({}).nullable().optional(),
    scaleReference: ScaleReferenceSchema.nullable().optional(),
    retentionDays: RetentionDaysSchema.nullable().optional(),
  });
  type Settings = z.infer<typeof SettingsBody>;
  /**
   * A merge patch of the settings (RFC 7396): every member may be null (removed), at every level, so a
   * card's one side is removed with {"scaleReference": {"greyCardMm": null}}. The merged result is what
   * is validated (SettingsBody), as PUT validates.
   */
  const SettingsPatch = z.strictObject({
    recommendationTable: z.looseObject({}).nullable().optional().describe('merged into the stored table at every level; null removes it (the default applies)'),
    scaleReference: z
      .strictObject({
        // the bounds of the stored reference (ScaleReferenceSchema), so the document says what is refused
        chartPitchMm: ChartPitchMmSchema.nullable().optional(),
        greyCardMm: GreyCardMmSchema.nullable().optional().describe('both sides, replacing the stored pair'),
      })
      .nullable()
      .optional()
      .describe('merged into the stored reference; a reference left with neither size is removed; null removes it'),
    retentionDays: RetentionDaysSchema.nullable().optional(),
  });

  /**
   * Stores the clinic's whole settings (null or absent fields are not kept), checking the table when it is
   * new: a patch of another setting keeps a stored table that a newer rule refuses (GET /v1/clinic says why).
   */
  async function storeSettings(request: FastifyRequest, { recommendationTable, scaleReference, retentionDays }: Settings, tableIsNew = true) {
    if (recommendationTable && tableIsNew) {
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
  }

  app.put(
    '/v1/clinic/settings',
    {
      schema: {
        summary:
          "Set the clinic's settings (replacing them whole): recommendation table and pigment catalogue (merged over the default, validated whole), the size of its colour card (sets the scale of photos that show it), and how many days consultations and audits are kept (older ones are deleted, hourly)",
        description: 'A setting left out is removed. To change one setting and keep the others, use PATCH.',
        tags: ['clinic'],
        body: SettingsBody,
        response: { 200: z.looseObject({ settings: z.looseObject({}).nullable() }), ...errors },
      },
    },
    async (request) => {
      requireAdminKey(request);
      return storeSettings(request, request.body);
    },
  );

  app.patch(
    '/v1/clinic/settings',
    {
      schema: {
        summary: "Change some of the clinic's settings and keep the rest",
        description:
          'JSON merge patch (RFC 7396): objects merge at every level (a recommendation table\'s fields included), null removes what it names, an array replaces the stored one whole (a pigment list), what is left out stays as it is. The result is validated as PUT validates.',
        tags: ['clinic'],
        body: SettingsPatch,
        response: { 200: z.looseObject({ settings: z.looseObject({}).nullable() }), ...errors },
      },
    },
    async (request) => {
      requireAdminKey(request);
      const stored = ((await app.store.getClinic(request.clinic.id))?.settings ?? {}) as Settings;
      // Into the table too: a patch of one number had replaced the stored table whole (its pigment catalogue went).
      const merged = applyMergePatch(structuredClone(stored), request.body) as Record<string, unknown>;
      // A card whose last size the patch removed is no card (PUT refuses an empty one as stating nothing).
      const card = merged.scaleReference;
      if (card && typeof card === 'object' && Object.keys(card).length === 0) delete merged.scaleReference;
      // The result is validated, not the patch against the whole schema: a null inside the card ("remove
      // this side") was refused as "expected tuple, received null".
      const parsed = SettingsBody.safeParse(merged);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }));
        throw issuesProblem('invalid-request', 'Invalid request', issues, 'the settings the patch would leave are not valid: ');
      }
      return storeSettings(request, parsed.data, request.body.recommendationTable !== undefined);
    },
  );

  app.delete(
    '/v1/clinic',
    { schema: { summary: "Delete all of the caller's clinic data: consultations, audits, files, keys, log", tags: ['clinic'], response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      requireAdminKey(request);
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
        description:
          'A page at a time: `limit` entries (1-1,000, default 100), newest first. For the next, older page send `before`, the `at` of the last entry of the page (an ISO 8601 time, `Z` or with an offset): the entries logged before it. A full page ends with every entry of its last millisecond, so it may hold a few more than `limit`, and the next page skips none.',
        tags: ['clinic'],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(1000).optional(),
          // the lists' own cursor (an ISO 8601 time, read as stored)
          before: RecordListQuerySchema.shape.before.describe('`at` of the last entry of the previous page (an ISO 8601 time, e.g. 2026-11-23T10:15:00.000Z)'),
        }),
        response: { 200: z.object({ items: z.array(z.object({ at: z.string(), actor: z.string(), action: z.string(), target: z.string() })) }), ...errors },
      },
    },
    async (request) => {
      const items = await app.store.readAccessLog(request.clinic.id, request.query.limit, request.query.before);
      return { items: items.map(({ at, actor, action, target }) => ({ at, actor, action, target })) };
    },
  );
};

export default clinic;
