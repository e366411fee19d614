// Prometheus metrics at /metrics: request durations, per-stage analysis durations, queue depth, cancelled
// tasks, webhook attempts.
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: { stageSeconds: Histogram<'stage'>; webhookAttempts: Counter<'outcome'>; registry: Registry };
  }
}

export default fp(
  async (app) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const requestSeconds = new Histogram({
      name: 'smp_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    const stageSeconds = new Histogram({
      name: 'smp_analysis_stage_duration_seconds',
      help: 'Duration of each analysis stage (per photo for per-photo stages)',
      labelNames: ['stage'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    new Gauge({
      name: 'smp_queue_depth',
      help: 'Analysis tasks waiting for a worker',
      registers: [registry],
      collect() {
        this.set(app.pool.queueDepth);
      },
    });
    new Gauge({
      name: 'smp_tasks_running',
      help: 'Analysis tasks being worked on',
      registers: [registry],
      collect() {
        this.set(app.pool.running);
      },
    });
    // Counted by the pool, so read at scrape time; 'forced' should stay 0 (a forced stop risks the process).
    new Counter({
      name: 'smp_tasks_cancelled_total',
      help: 'Analysis tasks cancelled (a timeout, or a stop), by how they ended: beforeStart, atCheckpoint, forced, finished',
      labelNames: ['outcome'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [outcome, n] of Object.entries(app.pool.cancellations)) this.inc({ outcome }, n);
      },
    });
    const webhookAttempts = new Counter({
      name: 'smp_webhook_attempts_total',
      help: 'Webhook delivery attempts by outcome (delivered, or failed: will retry or gave up)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    app.decorate('metrics', { stageSeconds, webhookAttempts, registry });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      requestSeconds.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics', dependencies: ['services'] },
);
