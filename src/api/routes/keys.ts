// /v1/clinic/keys: a clinic lists, adds and revokes its own API keys, so a key that leaked or belonged
// to a departed integration can be ended without the operator's CLI, and keys can be rotated (add the
// new one, switch, revoke the old). Keys are shown once and stored hashed (auth/keys.ts).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { KeyLabelSchema, newApiKey } from '../auth/keys.js';
import { Problem } from '../problem.js';
import { IdSchema, ProblemSchema } from '../schemas/consultation.js';
import { requireAdminKey, unlessClinicDeleted } from '../plugins/auth.js';
import { KEY_SCOPES, type ApiKeyRecord } from '../../store/store.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

const KeySchema = z.object({
  id: z.string(),
  prefix: z.string().describe('the first characters of the key, to recognise it'),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('last authentication with it, to the minute'),
  current: z.boolean().describe('the key this request was made with'),
  scope: z.enum(KEY_SCOPES).describe("admin: everything; standard: the clinic's work, not its keys, settings, webhook or deletion"),
});

/** Key management needs a clinic key; with auth off there are no keys to manage. */
function requireManagedKeys(request: FastifyRequest): void {
  requireAdminKey(request);
  if (request.clinic.kind === 'local') throw new Problem(409, 'auth-disabled', 'Authentication is off', 'API keys are not used while SMP_AUTH=off');
}

function present(k: ApiKeyRecord, currentKeyId: string | undefined): z.infer<typeof KeySchema> {
  return { id: k.id, prefix: k.prefix, label: k.label, createdAt: k.createdAt, revokedAt: k.revokedAt, lastUsedAt: k.lastUsedAt, current: k.id === currentKeyId, scope: k.scope };
}

const keys: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/clinic/keys',
    {
      schema: {
        summary: "The clinic's API keys, revoked ones included, newest first (never the keys themselves)",
        tags: ['clinic'],
        response: { 200: z.object({ items: z.array(KeySchema) }), ...errors },
      },
    },
    async (request) => {
      requireManagedKeys(request);
      const items = await app.store.listApiKeys(request.clinic.id);
      return { items: items.map((k) => present(k, request.clinic.keyId)) };
    },
  );

  app.post(
    '/v1/clinic/keys',
    {
      schema: {
        summary: 'Add an API key to the clinic (to rotate: add, switch the software over, revoke the old one); the key is in this answer only',
        tags: ['clinic'],
        description:
          "scope 'standard' (for practice software and front-desk machines) does the clinic's work but cannot manage keys, change settings or the webhook, or delete the clinic; 'admin' (the default, as every key made before scopes) can.",
        body: z.strictObject({ label: KeyLabelSchema.optional(), scope: z.enum(KEY_SCOPES).default('admin') }).default({ scope: 'admin' }),
        response: { 201: KeySchema.extend({ key: z.string().describe('shown once: store it now') }), ...errors },
      },
    },
    async (request, reply) => {
      requireManagedKeys(request);
      const k = newApiKey();
      const rec = await unlessClinicDeleted(
        app.store,
        request.clinic.id,
        'the key was being added',
        app.store.addApiKey(request.clinic.id, k.hash, k.prefix, request.body.label ?? null, request.body.scope),
      );
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'create-key', target: `key:${rec.prefix}` });
      return reply.code(201).send({ ...present(rec, request.clinic.keyId), key: k.key });
    },
  );

  app.delete(
    '/v1/clinic/keys/:id',
    {
      schema: {
        summary: 'Revoke an API key of the clinic: it and the upload tokens it minted stop working at once. The last active key cannot be revoked (409)',
        tags: ['clinic'],
        params: z.strictObject({ id: IdSchema }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      requireManagedKeys(request);
      const result = await app.store.revokeApiKey(request.clinic.id, request.params.id, { keepOne: true });
      if (!result) throw new Problem(404, 'not-found', 'No such key', `this clinic has no API key ${request.params.id}`);
      if (result.outcome === 'last-active-key') {
        const what = result.key.scope === 'admin' ? 'admin key' : 'key';
        throw new Problem(409, 'last-active-key', 'Last active key', `this is the clinic's only active ${what}: add another (POST /v1/clinic/keys) before revoking it, or delete the clinic (DELETE /v1/clinic)`);
      }
      if (result.outcome === 'revoked') {
        await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'revoke-key', target: `key:${result.key.prefix}` });
      }
      return reply.code(204).send(null);
    },
  );
};

export default keys;
