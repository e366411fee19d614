// /health: the process is up. /ready: models load and the store answers, so analyses can run.
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../schemas/consultation.js';

const HealthSchema = z.object({ status: z.string() });
const ReadySchema = z.looseObject({ status: z.enum(['ready', 'not-ready']), checks: z.record(z.string(), z.string()) });

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', { schema: { summary: 'Liveness', tags: ['health'], security: [], response: { 200: HealthSchema } } }, async () => ({ status: 'ok' }));

  app.get(
    '/ready',
    { schema: { summary: 'Readiness: models loaded, store reachable', tags: ['health'], security: [], response: { 200: ReadySchema, 503: z.union([ReadySchema, ProblemSchema]) } } },
    // 503 is also what load shedding answers (a problem+json), before this handler runs
    async (request, reply) => {
      const checks: Record<string, string> = {};
      try {
        await app.store.listRecords('consultation', '__ready__', { limit: 1 });
        checks.store = 'ok';
      } catch (err) {
        checks.store = `failed: ${(err as Error).message}`;
      }
      const models = await app.pool.ready();
      Object.assign(checks, models);
      const ok = Object.values(checks).every((v) => v === 'ok');
      // /ready answers anyone: why a check failed (file paths of the models and data directory) goes to the
      // log, not into the answer
      if (!ok) request.log.error({ checks }, 'not ready');
      const shown = Object.fromEntries(Object.entries(checks).map(([name, v]) => [name, v === 'ok' ? 'ok' : 'failed (see the service log)']));
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not-ready', checks: shown });
    },
  );
};

export default health;
