// The one error handler: whatever went wrong becomes an RFC 9457 problem+json with a fitting status.
// Internal errors are logged with the request id and answered without internals.
import fp from 'fastify-plugin';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { InputError, type InputErrorKind } from '../../vision/errors.js';
import { ModelUnavailableError } from '../../pipeline/models.js';
import { QueueFullError, TaskAbortedError } from '../../pipeline/pool.js';
import { PhotoInputError } from '../../pipeline/consultation.js';
import { issuesProblem, Problem, sizeText } from '../problem.js';
import { invalidIdempotencyKey } from '../idempotency.js';
import { withoutClientRefs } from '../log-text.js';
import { ECHOED_NAME_CHARS } from '../multipart.js';

const INPUT_STATUS: Record<InputErrorKind, [number, string, string]> = {
  empty: [400, 'empty-file', 'Empty file'],
  'unsupported-type': [415, 'unsupported-media-type', 'Unsupported file type'],
  'heic-unsupported': [415, 'heic-not-decodable', 'HEIC photo could not be decoded'],
  corrupt: [422, 'corrupt-image', 'Image could not be decoded'],
  'too-large-bytes': [413, 'file-too-large', 'File too large'],
  'too-many-pixels': [413, 'too-many-pixels', 'Image has too many pixels'],
  'too-small': [422, 'image-too-small', 'Image too small'],
  'invalid-input': [422, 'invalid-input', 'Invalid input'],
};

// @fastify/multipart and fastify core error codes -> problems.
const FASTIFY_CODES: Record<string, [number, string, string]> = {
  FST_REQ_FILE_TOO_LARGE: [413, 'file-too-large', 'File too large'],
  FST_FILES_LIMIT: [400, 'too-many-photos', 'Too many photos'],
  FST_PARTS_LIMIT: [413, 'too-many-parts', 'Too many parts'],
  FST_FIELDS_LIMIT: [413, 'too-many-fields', 'Too many fields'],
  FST_PROTO_VIOLATION: [400, 'bad-multipart', 'Malformed multipart body'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'not-multipart', 'Expected multipart/form-data'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type', 'Unsupported Content-Type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body-too-large', 'Request body too large'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'empty-body', 'Empty JSON body'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad-content-length', 'Invalid Content-Length'],
  // routing errors, through the server's frameworkErrors option (build.ts)
  FST_ERR_BAD_URL: [400, 'bad-url', 'Malformed URL'],
  FST_ERR_MAX_PARAM_LENGTH: [400, 'bad-url', 'Path parameter too long'],
};

/** A failure of the service itself (a bug, a full disk), logged as an error with its cause, not as a refusal. */
export function isServiceFailure(problem: Problem): boolean {
  return problem.status >= 500 && (problem.slug === 'internal' || problem.slug === 'storage-full');
}

/**
 * A problem answered to a client, as the service log keeps it: its type, status and field, and its
 * detail without what the log must not hold (a client's reference, a photo's file name).
 */
export function logProblem(log: FastifyBaseLogger, problem: Problem, extra: Record<string, unknown> = {}, what?: string): void {
  const field = problem.extensions.field;
  const photo = problem.extensions.photo;
  log.info(
    {
      ...extra,
      status: problem.status,
      problem: problem.slug,
      ...(typeof field === 'string' ? { field: field.slice(0, ECHOED_NAME_CHARS) } : {}),
      ...(typeof photo === 'number' ? { photo } : {}),
    },
    (what ? `${what}: ` : '') + (problem.logDetail ?? withoutClientRefs(problem.message)),
  );
}

/** The client closed the connection mid-request (an abandoned upload): nobody reads the answer. */
function isAborted(err: { code?: string; message?: string }): boolean {
  return err.code === 'ECONNRESET' || err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.message === 'aborted';
}

export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof PhotoInputError) {
    const [status, slug, title] = INPUT_STATUS[err.kind];
    const problem = new Problem(status, slug, title, err.message, { field: err.field, photo: err.photoIndex + 1, ...err.detail });
    // the detail names the photo's file, often the client's name (HOSP-77821_front.jpg): not in the log
    problem.logDetail = `photo ${err.photoIndex + 1}, field "${err.field}": ${title}`;
    problem.storedDetail = err.messageWithoutFileName;
    return problem;
  }
  if (err instanceof InputError) {
    const [status, slug, title] = INPUT_STATUS[err.kind];
    return new Problem(status, slug, title, err.message, err.detail);
  }
  if (err instanceof QueueFullError) {
    return new Problem(503, 'busy', 'Service busy', err.message, {}, { 'retry-after': String(err.retryAfterSeconds) });
  }
  if (err instanceof TaskAbortedError) {
    // The service is stopping (a time limit is answered by its caller): the work did not fail, it was cut short.
    return new Problem(503, 'analysis-interrupted', 'Analysis interrupted', 'the service stopped during this analysis; send it again', {}, { 'retry-after': '30' });
  }
  if (err instanceof ModelUnavailableError) {
    return new Problem(503, 'model-unavailable', 'Model not available', err.message, {}, { 'retry-after': '30' });
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    // The route schema checks the header first (so that OpenAPI shows its pattern): its own type, as the
    // route would answer, not a generic invalid-request.
    if (fe.validationContext === 'headers' && fe.validation.every((v) => v.instancePath === '/idempotency-key')) return invalidIdempotencyKey();
    const issues = fe.validation.map((v) => ({ path: v.instancePath || '/', message: v.message }));
    return issuesProblem('invalid-request', 'Invalid request', issues);
  }
  if (isAborted(fe)) {
    return new Problem(400, 'request-aborted', 'Request aborted', 'the connection closed before the whole request arrived; send it again');
  }
  if (fe.code && FASTIFY_CODES[fe.code]) {
    const [status, slug, title] = FASTIFY_CODES[fe.code];
    return new Problem(status, slug, title, fe.message);
  }
  if (fe.validation) {
    return new Problem(400, 'invalid-request', 'Invalid request', fe.message);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new Problem(fe.statusCode, 'bad-request', 'Bad request', fe.message);
  }
  if (isStorageFull(fe)) {
    return new Problem(507, 'storage-full', 'Storage full', "the service's disk is full; try again once whoever runs the service has freed space", {}, { 'retry-after': '300' });
  }
  return new Problem(500, 'internal', 'Internal error', 'the service failed while handling this request; it has been logged');
}

/** The data directory's disk is full (a file write, or SQLite's own). */
function isStorageFull(err: { code?: string }): boolean {
  return err.code === 'ENOSPC' || err.code === 'EDQUOT' || err.code === 'SQLITE_FULL';
}

/**
 * Node's HTTP parser errors (a space in the URL, a bad Content-Length or chunk, headers over 16 KB) arrive
 * before there is a request: the answer is written to the socket, as fastify's default does, but as
 * problem+json like every other error.
 */
export function clientErrorAnswer(err: NodeJS.ErrnoException, requestId?: string): string | null {
  if (err.code === 'ECONNRESET') return null;
  const [status, slug, title, detail] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request-timeout', 'Request Timeout', 'the request did not arrive in time']
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers-too-large', 'Request Header Fields Too Large', 'the request headers are larger than 16 KB']
        : [400, 'bad-http', 'Malformed HTTP request', `the request is not valid HTTP/1.1 (${err.code ?? 'parse error'}): check the URL for spaces and the Content-Length and Transfer-Encoding headers`];
  return rawProblemAnswer(new Problem(status, slug, title, detail), requestId);
}

/**
 * A whole HTTP/1.1 answer carrying `problem`, for writing straight to a socket the server then closes;
 * with the request's id in X-Request-Id, as every answer has.
 */
export function rawProblemAnswer(problem: Problem, requestId?: string, instance?: string): string {
  const body = JSON.stringify(problem.body(instance));
  const id = requestId ? `X-Request-Id: ${requestId}\r\n` : '';
  return `HTTP/1.1 ${problem.status} ${problem.title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${id}Connection: close\r\n\r\n${body}`;
}

/**
 * A body fastify has no parser for (image/jpeg, text/plain, a form) sent to a route that takes
 * multipart/form-data: what the route wants, not fastify's bare "Unsupported Media Type", which also
 * reads like the photo's own format was refused.
 */
function uploadRouteProblem(err: unknown, request: FastifyRequest): Problem | null {
  if ((err as FastifyError).code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return null;
  return wrongMediaTypeProblem(request);
}

/** The 415 for a body of a type the route does not take, naming what it takes and what was sent. */
export function wrongMediaTypeProblem(request: FastifyRequest): Problem {
  const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes;
  const sent = request.headers['content-type'];
  const was = `the body was ${sent ? `"${String(sent).slice(0, 80)}"` : 'sent without a Content-Type'}`;
  if (consumes?.includes('multipart/form-data')) return new Problem(415, 'not-multipart', 'Expected multipart/form-data', `send the photos as multipart/form-data file parts (${was})`);
  // A JSON route (a plan edit, the settings): say which types it takes, not a bare "Unsupported Media Type".
  const json = request.method === 'PATCH' ? 'application/json or application/merge-patch+json' : 'application/json';
  return new Problem(415, 'unsupported-media-type', 'Unsupported Content-Type', `send the body as ${json} (${was})`);
}

/**
 * A /v1/clients path with more segments than the routes take: most likely a clientRef holding a '/'
 * sent as it is (HOSP/77821), which splits the path. Says how to send it.
 */
function clientRefHint(path: string): string {
  const m = /^\/v1\/clients\/(.+)$/i.exec(path);
  const rest = m?.[1].replace(/\/+$/, '') ?? '';
  if (!rest.includes('/')) return '';
  // an empty segment (/v1/clients//P-1: a URL joined twice) is not a '/' inside the reference
  if (rest.startsWith('/') || rest.includes('//')) return "; the path has an empty segment ('//'): send /v1/clients/<clientRef>";
  const exported = /\/export$/i.test(rest) && rest.split('/').length > 2;
  const ref = exported ? rest.slice(0, -'/export'.length) : rest;
  let suggestion: string;
  try {
    suggestion = `/v1/clients/${encodeURIComponent(decodeURIComponent(ref))}${exported ? '/export' : ''}`;
  } catch {
    suggestion = '/v1/clients/P%2F1042';
  }
  return `; a '/' in a clientRef must be sent percent-encoded as %2F (e.g. ${suggestion})`;
}

/** A JSON body over the route's size limit: which limit, so the client knows what will fit. */
function bodyTooLargeProblem(err: unknown, request: FastifyRequest): Problem | null {
  if ((err as FastifyError).code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return null;
  const limit = request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit;
  const route = request.routeOptions.url ? `${request.method} ${request.routeOptions.url}` : 'this route';
  const detail = limit ? `the body is over ${sizeText(limit)}, the limit of ${route}` : (err as Error).message;
  return new Problem(413, 'body-too-large', 'Request body too large', detail, limit ? { maxBodyBytes: limit } : {});
}

/** The methods a path is looked up with to tell a 405 from a 404. */
const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  // also for routing errors (frameworkErrors), which come before the onRequest hook that sets it
  reply.header('x-request-id', request.id);
  for (const [k, v] of Object.entries(problem.headers)) reply.header(k, v);
  return reply.code(problem.status).type('application/problem+json').send(problem.body(request.url.split('?')[0]));
}

export default fp(
  async (app) => {
    // RFC 9112 3.2: a server must answer 400 to an HTTP/1.1 request without a Host header (build.ts
    // turns Node's own, bodiless answer off so that this one is problem+json)
    app.addHook('onRequest', async (request, reply) => {
      // every answer names its request, so a clinic can quote it when one fails
      reply.header('x-request-id', request.id);
      if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
        throw new Problem(400, 'bad-http', 'Malformed HTTP request', 'an HTTP/1.1 request must carry a Host header');
      }
    });
    app.setErrorHandler((err, request, reply) => {
      let problem = uploadRouteProblem(err, request) ?? bodyTooLargeProblem(err, request) ?? toProblem(err);
      if (isServiceFailure(problem)) {
        request.log.error({ err }, 'request failed');
        // the log line to look for, named in the answer itself (a header is easily lost on the way to support)
        problem = new Problem(problem.status, problem.slug, problem.title, problem.message, { ...problem.extensions, requestId: request.id }, problem.headers);
      } else logProblem(request.log, problem);
      return sendProblem(reply, request, problem);
    });
    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0];
      // A path the service has, asked with a method it does not take there: 405 with the methods it does
      // (RFC 9110), not a 404 that reads as if the consultation or key did not exist.
      const allow = ROUTE_METHODS.filter((method) => app.findRoute({ method, url: path }) !== null);
      if (allow.length) {
        return sendProblem(reply, request, new Problem(405, 'method-not-allowed', 'Method not allowed', `${path} takes ${allow.join(', ')}, not ${request.method}`, { allow }, { allow: allow.join(', ') }));
      }
      return sendProblem(reply, request, new Problem(404, 'not-found', 'Not found', `no route ${request.method} ${path}${clientRefHint(path)}`));
    });
  },
  { name: 'errors' },
);
