// The service as a fastify plugin: the external plugins, the services, the routes. server.ts and the
// tests (through build()) wrap it in a fastify instance.
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z, ZodObject, ZodType } from 'zod';
import errors, { wrongMediaTypeProblem } from './plugins/errors.js';
import services, { type ServiceOptions } from './plugins/services.js';
import auth, { isApiRequest } from './plugins/auth.js';
import metrics from './plugins/metrics.js';
import compress from './plugins/compress.js';
import limits from './plugins/limits.js';
import uploads from './plugins/uploads.js';
import retention from './plugins/retention.js';
import openapi from './plugins/openapi.js';
import health from './routes/health.js';
import consultations from './routes/consultations.js';
import clinic from './routes/clinic.js';
import keys from './routes/keys.js';
import webhook from './routes/webhook.js';
import plan from './routes/plan.js';
import audits from './routes/audits.js';
import clients from './routes/clients.js';
import qualityCheck from './routes/quality-check.js';
import web from './routes/web.js';
import { MAX_FIELD_BYTES, MAX_PHOTOS, shownName } from './multipart.js';
import { Problem } from './problem.js';
import { parseJsonBody } from './json-body.js';
import { ProblemSchema } from './schemas/consultation.js';

export type AppOptions = ServiceOptions;

const app: FastifyPluginAsync<AppOptions> = async (fastify, opts) => {
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // A JSON body that has a default as a whole (POST /v1/upload-tokens, POST /v1/clinic/keys) may be left
  // out, as the OpenAPI document says: fastify validates a body that was not sent as null, which zod's
  // .default() does not replace, so the default is put in its place first.
  fastify.addHook('preValidation', async (request) => {
    if (request.body !== undefined) return;
    const schema = (request.routeOptions.schema as { body?: unknown } | undefined)?.body;
    if (!(schema instanceof ZodType)) return;
    const absent = schema.safeParse(undefined);
    if (absent.success) request.body = absent.data;
  });
  // A query parameter given twice (?limit=2&limit=3 reads as an array: "expected number, received NaN"),
  // or one the route does not take ('/: Unrecognized key: "status"'), is said in those words, before the
  // schema's own check.
  fastify.addHook('preValidation', async (request) => {
    if (!request.routeOptions.url?.startsWith('/v1/')) return;
    const schema = (request.routeOptions.schema as { querystring?: unknown } | undefined)?.querystring;
    if (!(schema instanceof ZodObject)) return;
    const accepted = Object.keys(schema.shape);
    for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
      if (!accepted.includes(name)) {
        const detail = `unknown query parameter ${shownName(name)} (accepted: ${accepted.length ? accepted.join(', ') : 'none'})`;
        throw new Problem(400, 'invalid-request', 'Invalid request', detail, { issues: [{ path: `/${shownName(name)}`, message: detail }] });
      }
      if (Array.isArray(value)) {
        const detail = `${name} was given more than once`;
        throw new Problem(400, 'invalid-request', 'Invalid request', detail, { issues: [{ path: `/${name}`, message: detail }] });
      }
    }
  });
  // An unknown query parameter is a 400 on every /v1 route (README), so a typo (?limt=5) is told, not
  // ignored: a route that takes none gets a schema that takes none.
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const schema = (route.schema ??= {});
    schema.querystring ??= z.strictObject({});
    // What any /v1 route can answer, in its OpenAPI entry too: a request it cannot read, no or a wrong
    // key, a body type it does not take (415: even where it takes none), too many requests, a failure of
    // its own (500, with the requestId to quote), overload; an upload also a timeout (408) and a size
    // limit (413).
    const response = schema.response as Record<number, unknown> | undefined;
    if (!response) return;
    const upload = (schema as { consumes?: string[] }).consumes?.includes('multipart/form-data');
    for (const code of [400, 401, 415, 429, 500, 503, ...(upload ? [408, 413] : [])]) response[code] ??= ProblemSchema;
  });
  await fastify.register(errors);
  await fastify.register(services, opts);
  await fastify.register(auth);
  // No request body is decompressed: one sent gzip- or br-encoded was read as its compressed bytes and
  // refused as malformed JSON or multipart (400). 415 names what to change (RFC 9110, 15.5.16).
  fastify.addHook('onRequest', async (request) => {
    const coding = request.headers['content-encoding']?.trim();
    const hasBody = request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!hasBody || !coding || coding.toLowerCase() === 'identity') return;
    throw new Problem(415, 'unsupported-content-encoding', 'Unsupported Content-Encoding', `the body was sent with Content-Encoding "${coding.slice(0, 40)}"; send it uncompressed`, {}, { 'accept-encoding': 'identity' });
  });
  // Every /v1 answer is a client's medical data or a clinic's account: no browser or proxy cache may keep it
  // (photos were cached for 5 minutes, so a deleted photo, or one seen with a revoked key, could still be
  // shown from the cache), and no browser may read it as another type than it is sent as.
  fastify.addHook('onSend', async (request, reply) => {
    if (!isApiRequest(request)) return;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
  });
  // before metrics, so /metrics (about 50 KB of text) is compressed too
  await fastify.register(compress);
  await fastify.register(metrics);
  await fastify.register(limits);
  await fastify.register(uploads, { uploadBudgetBytes: opts.uploadBudgetBytes, uploadTimeoutMs: opts.uploadTimeoutMs });
  await fastify.register(retention);
  await fastify.register(openapi);
  // JSON or multipart only: a text/plain body would reach the JSON routes as a string and read as a
  // validation error (400) instead of the wrong media type (415)
  fastify.removeContentTypeParser('text/plain');
  // PATCH /v1/clinic/settings is a JSON merge patch (RFC 7396), which clients may label as such
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(['application/json', 'application/merge-patch+json'], { parseAs: 'string' }, parseJsonBody);
  await fastify.register(multipart, {
    // A file part need not carry a filename (RFC 7578): a part typed as an image is a photo too, not a
    // text field with an unknown name (busboy's default knows filenames and octet-stream only).
    isPartAFile: (_name, contentType, filename) => filename !== undefined || contentType === 'application/octet-stream' || /^image\//i.test(contentType ?? ''),
    limits: {
      fileSize: opts.pipeline.limits.maxFileBytes,
      files: MAX_PHOTOS + 1, // one over, so the 9th photo gets its own clear message
      fields: 10,
      fieldSize: MAX_FIELD_BYTES,
      parts: 24,
      headerPairs: 100,
    },
  });
  // @fastify/multipart reads a multipart body on any route: a form sent to a JSON route reached it as no
  // body at all, so the body's defaults applied in silence (a key asked for as "standard" was made admin,
  // an upload token lost its clientRef and lifetime). Only the upload routes take multipart.
  fastify.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/v1/') || request.method === 'GET' || request.method === 'HEAD' || !request.isMultipart()) return;
    const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
    if (!consumes?.includes('multipart/form-data')) throw wrongMediaTypeProblem(request);
  });
  await fastify.register(health);
  await fastify.register(consultations);
  await fastify.register(clinic);
  await fastify.register(keys);
  await fastify.register(webhook);
  await fastify.register(plan);
  await fastify.register(audits);
  await fastify.register(clients);
  await fastify.register(qualityCheck);
  await fastify.register(web);
};

// Not encapsulated, so the instance that registers it (build(), tests) sees the typed decorators.
export default fp(app, { name: 'smp-app' });
