// The services every route uses, attached as typed decorators: store, files, worker pool, config, and
// the webhook outbox (closed before the store it writes to).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import type { PipelineConfig } from '../../pipeline/config.js';
import { WorkerPool } from '../../pipeline/pool.js';
import { FileBlobStore } from '../../store/file-blobs.js';
import { IDEMPOTENCY_TTL_MS } from '../idempotency.js';
import { removeOrphanFiles } from '../orphan-files.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import { lockDataDir } from '../../store/data-dir-lock.js';
import type { BlobStore, Store } from '../../store/store.js';
import { loadTokenSecret } from '../auth/tokens.js';
import { DELIVERY_RETENTION_MS, WebhookDispatcher } from '../webhooks/dispatcher.js';
import { ensureLocalClinic } from './auth.js';

export interface ServiceOptions {
  dataDir: string;
  pipeline: PipelineConfig;
  /** Require clinic keys / upload tokens on /v1 (default true). */
  auth: boolean;
  /** Bytes of uploads read and held at once (SMP_UPLOAD_BUDGET_BYTES, default 512 MiB; plugins/uploads.ts). */
  uploadBudgetBytes?: number;
  /** How long an upload may take to arrive (default SMP_UPLOAD_TIMEOUT_MS, else 5 min; 0: no limit). */
  uploadTimeoutMs?: number;
  webhooks?: {
    /** Allow http:// and private addresses as webhook targets (SMP_WEBHOOK_ALLOW_PRIVATE=1): development and tests only. */
    allowPrivate?: boolean;
    retryDelaysMs?: readonly number[];
    timeoutMs?: number;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    blobs: BlobStore;
    pool: WorkerPool;
    settings: ServiceOptions;
    tokenSecret: Buffer;
    webhooks: WebhookDispatcher;
  }
}

export default fp<ServiceOptions>(
  async (app, opts) => {
    // before the start-up sweeps below, which would otherwise act on a running service's work
    const lock = lockDataDir(resolve(opts.dataDir));
    // what a start that fails part way has opened, closed again: above all the lock, or a retry in this
    // process (a test, an embedder) is refused as if another service held the directory
    const opened: [string, () => Promise<void>][] = [['data directory lock', async () => lock.release()]];
    try {
      await startServices(app, opts, opened);
    } catch (err) {
      await closeInOrder(app, [...opened].reverse()).catch(() => undefined);
      throw err;
    }
  },
  { name: 'services' },
);

/** The services, each close step added to `opened` once it has something to close (they close in reverse). */
async function startServices(app: FastifyInstance, opts: ServiceOptions, opened: [string, () => Promise<void>][]): Promise<void> {
  const store = new SqliteStore(resolve(opts.dataDir, 'smp.sqlite'));
  opened.push(['store', () => store.close()]);
  const blobs: BlobStore = new FileBlobStore(resolve(opts.dataDir, 'files'));
  if (!opts.auth) await ensureLocalClinic(store);
  const interrupted = await store.failInterrupted();
  // A stop while a finished analysis wrote its files leaves some of them: a failed record shows none, so
  // they would only linger in exports and on disk.
  for (const r of interrupted) await blobs.deleteRecord(r.clinicId, r.id);
  if (interrupted.length > 0) app.log.warn({ interrupted: interrupted.length }, 'marked analyses interrupted by a previous stop as failed');
  const orphans = await removeOrphanFiles(store, blobs);
  if (orphans.clinics + orphans.records > 0) app.log.warn(orphans, 'removed stored files left by deletions a stop cut short');
  await store.purgeIdempotencyKeys(new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString());
  const pool = new WorkerPool(opts.pipeline);
  opened.push(['workers', () => pool.close()]);
  app.decorate('store', store);
  app.decorate('blobs', blobs);
  app.decorate('pool', pool);
  app.decorate('settings', opts);
  const tokenSecret = loadTokenSecret(resolve(opts.dataDir, 'token-secret'));
  app.decorate('tokenSecret', tokenSecret);
  await store.purgeWebhookDeliveries(new Date(Date.now() - DELIVERY_RETENTION_MS).toISOString());
  const webhooks = new WebhookDispatcher(store, {
    tokenSecret,
    policy: { allowPrivate: opts.webhooks?.allowPrivate ?? false },
    retryDelaysMs: opts.webhooks?.retryDelaysMs,
    timeoutMs: opts.webhooks?.timeoutMs,
    onError: (err) => app.log.error({ err }, 'webhook outbox'),
    onAttempt: (d, o) => {
      app.log.info({ delivery: d.id, type: d.type, delivered: o.delivered, status: o.status, ms: o.ms }, 'webhook attempt');
      app.metrics?.webhookAttempts.inc({ outcome: o.delivered ? 'delivered' : 'failed' });
    },
  });
  opened.push(['webhooks', () => webhooks.close()]);
  app.decorate('webhooks', webhooks);
  // A consultation a crash cut short failed without its event (nobody was answered: an async one's client
  // waits for the event, a synchronous one's lost its connection).
  for (const r of interrupted) {
    if (r.kind === 'consultation') await webhooks.notify(r.clinicId, { type: 'consultation.failed', kind: 'consultation', recordId: r.id });
  }
  webhooks.kick(); // events left pending by the last run
  // webhooks (they write to the store), workers, the store, and the lock last
  app.addHook('onClose', () => closeInOrder(app, [...opened].reverse()));
}

/** What the service is closing now (null when nothing is), so a shutdown that runs out of time can say what it waited on. */
export let closingStep: string | null = null;

/**
 * Runs the close steps one after another, each even when one before it failed, so the store is always
 * closed (its write-ahead log folded in) last; logs each step's time and throws the first failure at the end.
 */
export async function closeInOrder(app: FastifyInstance, steps: readonly (readonly [string, () => Promise<void>])[]): Promise<void> {
  let failure: unknown = null;
  for (const [step, close] of steps) {
    const started = performance.now();
    closingStep = step;
    try {
      await close();
      app.log.info({ step, ms: Math.round(performance.now() - started) }, 'closed');
    } catch (err) {
      app.log.error({ err, step }, 'closing failed');
      failure ??= err;
    }
  }
  closingStep = null;
  if (failure) throw failure;
}
