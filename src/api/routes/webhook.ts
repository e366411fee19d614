// /v1/clinic/webhook: where the clinic's software is told that a consultation or audit finished, so it
// need not poll (above all for uploads patients make through the consultation page). One webhook per
// clinic; its signing secret is shown once, when it is set, and setting it again rotates the secret.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Problem } from '../problem.js';
import { ProblemSchema } from '../schemas/consultation.js';
import { clinicDeleted, requireAdminKey } from '../plugins/auth.js';
import type { WebhookDelivery, WebhookRecord } from '../../store/store.js';
import { WEBHOOK_EVENTS, WebhookEventSchema } from '../webhooks/events.js';
import { checkResolvedHost, hostOf, MAX_WEBHOOK_URL_LENGTH, parseWebhookUrl, WebhookTargetError } from '../webhooks/target.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(WebhookEventSchema),
  createdAt: z.string(),
});

const DeliverySchema = z.object({
  id: z.string().describe('the webhook-id header the receiver saw: the same on every retry'),
  type: z.string(),
  recordId: z.string().nullable(),
  status: z.enum(['pending', 'delivered', 'failed']).describe('failed: the retries ran out, or the webhook was removed'),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().int().nullable().describe("the receiver's HTTP status at the last attempt"),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});

const SetWebhookSchema = z.strictObject({
  url: z.string().max(MAX_WEBHOOK_URL_LENGTH).describe('https URL that receives a signed POST for each event'),
  events: z.array(WebhookEventSchema).min(1).optional().describe(`default: all (${WEBHOOK_EVENTS.join(', ')})`),
});

const present = (h: WebhookRecord) => ({ id: h.id, url: h.url, events: h.events as (typeof WEBHOOK_EVENTS)[number][], createdAt: h.createdAt });
const presentDelivery = ({ id, type, recordId, status, attempts, nextAttemptAt, lastAttemptAt, lastStatus, lastError, createdAt }: WebhookDelivery) => ({
  id,
  type,
  recordId,
  status,
  attempts,
  nextAttemptAt,
  lastAttemptAt,
  lastStatus,
  lastError,
  createdAt,
});
const noWebhook = () => new Problem(404, 'no-webhook', 'No webhook', 'this clinic has no webhook: set one with PUT /v1/clinic/webhook');

const webhook: FastifyPluginAsyncZod = async (app) => {
  const policy = { allowPrivate: app.settings.webhooks?.allowPrivate ?? false };

  app.put(
    '/v1/clinic/webhook',
    {
      schema: {
        summary: "Set the clinic's webhook (replacing any): a signed POST to the URL when a consultation or audit finishes. The answer holds the signing secret, shown this once",
        description:
          'Requests follow Standard Webhooks (standardwebhooks.com): headers webhook-id (the same on retries), webhook-timestamp and webhook-signature ("v1," + base64 HMAC-SHA256 of "id.timestamp.body" under the secret after "whsec_"). The body says which record finished, never what is in it: fetch it with your key. A 2xx answer within 10 s counts as delivered; otherwise retried after 5 s, 1 min, 10 min, 1 h and 6 h. The URL must be https and reach a public address.',
        tags: ['clinic'],
        body: SetWebhookSchema,
        response: { 200: WebhookSchema.extend({ secret: z.string().describe('whsec_...: verify signatures with it; shown only now') }), ...errors },
      },
    },
    async (request) => {
      requireAdminKey(request);
      let url: URL;
      try {
        url = parseWebhookUrl(request.body.url, policy);
        await checkResolvedHost(hostOf(url), policy);
      } catch (err) {
        if (err instanceof WebhookTargetError) throw new Problem(400, 'webhook-url-refused', 'Webhook URL refused', err.message, { field: 'url' });
        throw err;
      }
      const events = [...new Set(request.body.events ?? WEBHOOK_EVENTS)];
      const hook = await app.store.setWebhook(request.clinic.id, url.href, events);
      // DELETE /v1/clinic ran while the URL was being checked: the webhook would outlive its clinic.
      if (!(await app.store.getClinic(request.clinic.id))) {
        await app.store.deleteWebhook(request.clinic.id);
        throw clinicDeleted('its webhook was being set');
      }
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'set-webhook', target: `webhook:${url.origin}` });
      return { ...present(hook), secret: app.webhooks.secretOf(hook.id) };
    },
  );

  app.get(
    '/v1/clinic/webhook',
    { schema: { summary: "The clinic's webhook (without its secret)", tags: ['clinic'], response: { 200: WebhookSchema, ...errors } } },
    async (request) => {
      const hook = await app.store.getWebhook(request.clinic.id);
      if (!hook) throw noWebhook();
      return present(hook);
    },
  );

  app.delete(
    '/v1/clinic/webhook',
    { schema: { summary: "Remove the clinic's webhook; events not yet delivered are dropped", tags: ['clinic'], response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      requireAdminKey(request);
      if (!(await app.store.deleteWebhook(request.clinic.id))) throw noWebhook();
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'delete-webhook', target: 'webhook' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/clinic/webhook/test',
    {
      schema: {
        summary: 'Send a signed test event ("webhook.test") to the webhook now and answer with what the receiver did',
        tags: ['clinic'],
        response: {
          200: z.object({ delivered: z.boolean(), status: z.number().int().nullable(), error: z.string().nullable(), ms: z.number() }),
          ...errors,
        },
      },
    },
    async (request) => {
      const outcome = await app.webhooks.test(request.clinic.id);
      if (!outcome) throw noWebhook();
      return outcome;
    },
  );

  app.post(
    '/v1/clinic/webhook/deliveries/:id/redeliver',
    {
      schema: {
        summary: 'Send a delivered or failed event again (e.g. after the receiver was down past the retries), from the start of the retry schedule',
        tags: ['clinic'],
        params: z.strictObject({ id: z.string().max(100) }),
        response: { 202: DeliverySchema, ...errors, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!(await app.store.getWebhook(request.clinic.id))) throw noWebhook();
      const result = await app.webhooks.redeliver(request.clinic.id, request.params.id);
      if (!result) throw new Problem(404, 'not-found', 'No such delivery', `this clinic has no webhook delivery ${request.params.id}`);
      if (!result.requeued) throw new Problem(409, 'delivery-pending', 'Delivery still pending', `delivery ${request.params.id} is still being tried (next attempt ${result.delivery.nextAttemptAt})`);
      await app.store.logAccess({ clinicId: request.clinic.id, actor: request.clinic.actor, action: 'redeliver-webhook', target: `delivery:${result.delivery.id}` });
      return reply.code(202).send(presentDelivery(result.delivery));
    },
  );

  app.get(
    '/v1/clinic/webhook/deliveries',
    {
      schema: {
        summary: 'Recent webhook deliveries, newest first: what was sent, how often, and what the receiver answered',
        tags: ['clinic'],
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).optional() }),
        response: { 200: z.object({ items: z.array(DeliverySchema) }), ...errors },
      },
    },
    async (request) => {
      const items = await app.store.listWebhookDeliveries(request.clinic.id, request.query.limit);
      return { items: items.map(presentDelivery) };
    },
  );
};

export default webhook;
