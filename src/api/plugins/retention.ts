// Runs the retention sweep (api/retention.ts) when the service starts, every hour after, and when a
// clinic changes its settings (app.sweepRetention). Each sweep also forgets finished webhook deliveries
// past their 30 days and expired Idempotency-Keys, so a service that runs for months keeps neither.
import fp from 'fastify-plugin';
import { purgeExpiredRecords } from '../retention.js';
import { DELIVERY_RETENTION_MS } from '../webhooks/dispatcher.js';
import { IDEMPOTENCY_TTL_MS } from '../idempotency.js';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Starts a sweep, or when one runs, one more right after it (the running one read the clinics' settings
     * when it started); resolves when the sweep that sees the settings as they are now ends.
     */
    sweepRetention: () => Promise<void>;
  }
}

export const RETENTION_SWEEP_MS = 3_600_000;

export default fp(
  async (app) => {
    let running: Promise<void> | null = null;
    let next: Promise<void> | null = null;
    const sweep = (): Promise<void> => {
      // Many asking during one sweep share the one after it.
      if (running) return (next ??= running.then(() => ((next = null), sweep())));
      const now = new Date();
      return (running = purgeExpiredRecords(app.store, app.blobs, now)
        .then(async (gone) => {
          if (gone.length) app.log.info({ deleted: gone.length }, "retention: deleted records past their clinic's retention period");
          await app.store.purgeWebhookDeliveries(new Date(now.getTime() - DELIVERY_RETENTION_MS).toISOString());
          await app.store.purgeIdempotencyKeys(new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString());
          await app.store.purgeUploadTokens(now.toISOString());
        })
        .catch((err: unknown) => app.log.error({ err }, 'retention sweep failed'))
        .finally(() => (running = null)));
    };
    app.decorate('sweepRetention', sweep);
    const timer = setInterval(() => void sweep(), RETENTION_SWEEP_MS);
    timer.unref();
    app.addHook('onReady', async () => void sweep());
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await (next ?? running);
    });
  },
  { name: 'retention', dependencies: ['services'] },
);
