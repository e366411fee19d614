// Load shedding and fairness: per-clinic rate limits (keyed by the authenticated clinic, else the IP) and
// @fastify/under-pressure, which answers 503 + Retry-After when the event loop or memory is saturated
// instead of letting the process fall over.
import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import { Problem } from '../problem.js';
import { sendProblem } from './errors.js';
import { envInt } from '../../env.js';
import { isApiRequest } from './auth.js';

export default fp(
  async (app) => {
    await app.register(underPressure, {
      maxEventLoopDelay: envInt('SMP_MAX_EVENT_LOOP_DELAY_MS', 1000, 0) /* 0: off */,
      maxRssBytes: envInt('SMP_MAX_RSS_BYTES', 3 * 1024 ** 3, 0) /* 0: off */,
      retryAfter: 5,
      exposeStatusRoute: false,
      pressureHandler: (request, reply, type, value) => {
        sendProblem(reply, request, new Problem(503, 'overloaded', 'Service overloaded', `the service is under pressure (${type}: ${Math.round(Number(value))}); try again shortly`, {}, { 'retry-after': '5' }));
      },
    });
    await app.register(rateLimit, {
      global: true,
      max: envInt('SMP_RATE_LIMIT_PER_MIN', 600) /* 0 would refuse every request */,
      timeWindow: 60_000,
      // After auth (onRequest), so the key is the clinic; before the body is read and validated, so a request
      // refused for its body (a 400) counts too: at preHandler those never reached the limit.
      hook: 'preParsing',
      // Each upload token has an allowance of its own: the consultation page polls while it waits, and with
      // one shared per clinic about 15 people waiting at once used it up, so the clinic's own software got 429.
      keyGenerator: (request) =>
        !request.clinic ? `ip:${request.ip}` : request.clinic.kind === 'upload-token' ? `token:${request.clinic.actor}` : `clinic:${request.clinic.id}`,
      allowList: (request) => !isApiRequest(request), // as auth spells it: "/%761/..." is /v1 too
      errorResponseBuilder: (_request, context) =>
        new Problem(429, 'rate-limited', 'Too many requests', `this clinic sent more than ${context.max} requests a minute; retry in ${context.after}`, {}, {
          'retry-after': String(Math.ceil(context.ttl / 1000)),
        }),
    });
  },
  { name: 'limits', dependencies: ['auth'] },
);
