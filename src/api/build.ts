// A ready fastify instance around the app plugin: used by server.ts and by the tests (app.inject()).
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import app, { type AppOptions } from './app.js';
import { requestIdFrom } from './request-id.js';
import { loggedUrl } from './log-text.js';
import { clientErrorAnswer, sendProblem, toProblem } from './plugins/errors.js';

export async function build(opts: AppOptions, server: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: false,
    // fastify would take any X-Request-Id as it came (8 KB of it, on every log line); request-id.ts checks it
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    bodyLimit: 1024 * 1024,
    // routing errors (bad percent-encoding, an over-long path parameter) as problem+json too
    frameworkErrors: (err, request, reply) => {
      sendProblem(reply, request, toProblem(err));
    },
    // Node answers an HTTP/1.1 request without a Host header itself, with a bare 400 and no body; the
    // errors plugin answers it instead, as problem+json like every other error
    http: { requireHostHeader: false },
    // No request exists yet: a fresh id, logged with the error, so the answer's X-Request-Id leads somewhere.
    clientErrorHandler(this: FastifyInstance, err, socket) {
      const id = randomUUID();
      const answer = clientErrorAnswer(err, id);
      if (answer) this.log.info({ reqId: id, code: err.code }, 'request not valid HTTP; answered and closed');
      if (answer && socket.writable) socket.write(answer);
      socket.destroy(err);
    },
    ...server,
  }).withTypeProvider<ZodTypeProvider>();
  try {
    await fastify.register(app, opts);
    await fastify.ready();
  } catch (err) {
    // a plugin that failed after the services started: their close steps run, the data directory's lock
    // among them, or a second build in this process is refused as if another service held the directory
    await fastify.close().catch(() => undefined);
    throw err;
  }
  return fastify;
}

/** pino options: request ids on every line, never bodies, photo bytes, keys, tokens or client references. */
export const LOGGER_OPTIONS = {
  level: process.env.LOG_LEVEL || 'info',
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
  serializers: {
    req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: loggedUrl(req.url), id: req.id }),
  },
};
