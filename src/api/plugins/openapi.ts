// OpenAPI 3.1 generated from the routes' zod schemas, at /openapi.json, with Swagger UI at /docs.
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BINARY_RESPONSE_DOCS } from '../schemas/binary-docs.js';
import { MULTIPART_DOCS } from '../schemas/multipart-docs.js';
import { ProblemSchema } from '../schemas/consultation.js';
import { sizeText } from '../problem.js';

type Responses = Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;

const PROBLEM_MEDIA_TYPE = 'application/problem+json';

type RequestBody = { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };

/**
 * The generator marks every body schema required, but a JSON body with a default as a whole may be left
 * out (app.ts puts the default in its place).
 */
function optionalBody(body: RequestBody | undefined): void {
  if (body?.content?.['application/json']?.schema?.default !== undefined) body.required = false;
}

/** The properties a problem+json body has (ProblemSchema): how its schema is told from others. */
function isProblemSchema(schema: Record<string, unknown> | undefined): boolean {
  const props = schema?.properties as Record<string, unknown> | undefined;
  return props !== undefined && ['type', 'title', 'status', 'detail'].every((k) => k in props);
}

/**
 * Every error is sent as application/problem+json (errors.ts), but the generator files each response
 * schema under the route's own media type (application/json, or application/zip for the client export).
 * Error responses are moved to problem+json; a schema that is one of several bodies (/ready's 503: its own
 * not-ready JSON, or load shedding's problem) keeps the other under application/json.
 */
function problemMediaType(responses: Responses | undefined): void {
  for (const [status, response] of Object.entries(responses ?? {})) {
    if (Number(status) < 400 || !response.content || PROBLEM_MEDIA_TYPE in response.content) continue;
    const content: NonNullable<Responses[string]['content']> = {};
    for (const [type, media] of Object.entries(response.content)) {
      const variants = (media.schema?.anyOf as Record<string, unknown>[] | undefined) ?? [media.schema];
      const problem = variants.find(isProblemSchema);
      if (!problem) {
        content[type] = media;
        continue;
      }
      content[PROBLEM_MEDIA_TYPE] = { schema: problem };
      const others = variants.filter((v) => v !== problem);
      if (others.length) content[type] = { schema: others.length === 1 ? others[0]! : { anyOf: others } };
    }
    response.content = content;
  }
}

const { $schema: _, ...problemJsonSchema } = z.toJSONSchema(ProblemSchema, { io: 'output' });
const retryAfter = { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } } };
const problem = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { [PROBLEM_MEDIA_TYPE]: { schema: problemJsonSchema } },
});

/**
 * Answers no route declares, because a plugin or fastify gives them before the handler runs: load
 * shedding (limits.ts) on every route, the per-clinic rate limit on /v1, and a JSON body's size limit
 * and media type on routes that take one. A route's own answer with the same status stays as it is.
 */
function sharedErrors(path: string, method: string, op: Record<string, unknown>, bodyLimit: number | undefined): Responses {
  const body = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
  const limit = bodyLimit ? `${sizeText(bodyLimit)}, this route's limit` : 'the size limit';
  // A route that takes no body still reads one sent to it (a DELETE, the webhook test): over the limit it
  // answers 413 too, which the document had left out there.
  const readsBody = ['post', 'put', 'patch', 'delete'].includes(method);
  return {
    ...(body && 'application/json' in body
      ? {
          413: problem(`body-too-large: the JSON body is over ${limit}`),
          415: problem('unsupported-media-type: the body is not sent as application/json'),
        }
      : readsBody && !(body && 'multipart/form-data' in body)
        ? { 413: problem(`body-too-large: a body sent to this route (it takes none) is over ${limit}`) }
        : {}),
    ...(path.startsWith('/v1/') ? { 429: problem('rate-limited: this clinic sent more requests a minute than SMP_RATE_LIMIT_PER_MIN allows', retryAfter) } : {}),
    503: problem('overloaded: the service sheds load while its event loop or memory is saturated', retryAfter),
  } as Responses;
}

const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ description, schema });
const REQUEST_ID = header("the request's id, on the service's log lines for it: the X-Request-Id the client sent when it is 1-128 of A-Z a-z 0-9 . _ : - (a UUID, a trace id), else a new UUID");
const RETRY_AFTER = header('seconds to wait before trying again', { type: 'integer' });
const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': header('requests a minute this clinic (or upload token) may send (SMP_RATE_LIMIT_PER_MIN)', { type: 'integer' }),
  'X-RateLimit-Remaining': header('requests left in the current minute', { type: 'integer' }),
  'X-RateLimit-Reset': header('seconds until the minute is over', { type: 'integer' }),
};

/**
 * The response headers clients act on: X-Request-Id on every answer; Location (and, for a retry with the
 * same Idempotency-Key, Idempotent-Replayed) on a create's 201/202; Retry-After where waiting helps (a
 * 202's poll interval, 409 while another request runs, 429, 503, 507).
 */
/** The lists that link their next page (routes/consultations.ts, audits.ts: record-list.ts listPage). */
const PAGED_LISTS = new Set(['get /v1/consultations', 'get /v1/audits']);

function responseHeaders(op: Record<string, unknown>, key: string): void {
  const responses = op.responses as Record<string, { headers?: Record<string, unknown> } & Record<string, unknown>> | undefined;
  if (!responses) return;
  const idempotent = ((op.parameters ?? []) as { in?: string; name?: string }[]).some((p) => p.in === 'header' && p.name === 'idempotency-key');
  for (const [code, response] of Object.entries(responses)) {
    const headers: Record<string, unknown> = { ...response.headers, 'X-Request-Id': REQUEST_ID };
    // @fastify/rate-limit's, on the /v1 answers to a clinic or token it knows (its minute): not on a 401
    if (key.split(' ')[1]?.startsWith('/v1/') && code !== '401') Object.assign(headers, RATE_LIMIT_HEADERS);
    if (code === '401') headers['WWW-Authenticate'] = header('`Bearer realm="smp"`, with the error when a key or token was sent and refused (RFC 6750)');
    if (idempotent && (code === '201' || code === '202')) {
      headers.Location = header('the URL of the record created (or, on a replay, of the one the first attempt created)');
      headers['Idempotent-Replayed'] = header('"true" when this answers a retry with the same Idempotency-Key and upload: the first attempt\'s record, not a new one', { type: 'string', enum: ['true'] });
    }
    if (code === '200' && PAGED_LISTS.has(key)) {
      headers.Link = header('the next page as `<path?query>; rel="next"` (RFC 8288): the same limit and clientRef with the page\'s before and beforeId, a path from the service\'s root; absent on the last page');
    }
    // not a redelivery's: its 202 has no Location to poll, and its 409 (delivery-pending) passes with the attempt, not by waiting a set time
    const redeliver = key.endsWith('/redeliver');
    if (['202', '409', '429', '503', '507'].includes(code) && !(redeliver && (code === '202' || code === '409'))) {
      headers['Retry-After'] = code === '202' ? header('seconds to wait before polling the Location', { type: 'integer' }) : code === '409' ? header('seconds to wait before trying again, when the conflict passes by itself (another request with the key or on the plan still running)', { type: 'integer' }) : RETRY_AFTER;
    }
    responses[code] = { ...response, headers };
  }
}

export default fp(
  async (app) => {
    // Each route's own JSON body limit (a plan edit's 8 MiB), by method and OpenAPI path, for its 413.
    const bodyLimits = new Map<string, number>();
    app.addHook('onRoute', (route) => {
      if (route.bodyLimit === undefined) return;
      const path = route.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      for (const method of [route.method].flat()) bodyLimits.set(`${method} ${path}`, route.bodyLimit);
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'SMP consultation analyzer',
          version: '1',
          description:
            'Scalp photos in; hair / skin / scar masks, hair-loss stage, skin tone, pigment recommendation and a dot-by-dot plan out. Errors are RFC 9457 application/problem+json.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'clinic API key (smp_...) or upload token (smpu_...)' } } },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: (documentObject) => {
        const doc = 'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject;
        // Multipart bodies are parsed by streaming (not by a body schema), so their shape is documented here.
        const paths = (doc as { paths?: Record<string, Record<string, Record<string, unknown>>> }).paths ?? {};
        for (const [path, method, body] of MULTIPART_DOCS) {
          if (paths[path]?.[method]) paths[path][method].requestBody = body;
        }
        // So are the answers that are bytes, not JSON.
        for (const [path, method, ok] of BINARY_RESPONSE_DOCS) {
          const op = paths[path]?.[method];
          if (op) op.responses = { ...(op.responses as Record<string, unknown>), 200: ok };
        }
        for (const [path, methods] of Object.entries(paths)) {
          for (const [method, op] of Object.entries(methods)) {
            optionalBody(op.requestBody as RequestBody | undefined);
            problemMediaType(op.responses as Responses | undefined);
            const bodyLimit = bodyLimits.get(`${method.toUpperCase()} ${path}`) ?? app.initialConfig.bodyLimit;
            op.responses = { ...sharedErrors(path, method, op, bodyLimit), ...(op.responses as Responses) };
            const body = (op.requestBody as { content?: Record<string, unknown> } | undefined)?.content;
            // PATCH bodies are JSON merge patches (RFC 7396), taken labelled either way
            if (method === 'patch' && body && 'application/json' in body) body['application/merge-patch+json'] = body['application/json'];
            responseHeaders(op, `${method} ${path}`);
            if (bodyLimit && body && 'application/json' in body) {
              const said = `The JSON body may be at most ${sizeText(bodyLimit)} (413 body-too-large).`;
              op.description = op.description ? `${op.description as string} ${said}` : said;
            }
          }
        }
        return doc as never;
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
