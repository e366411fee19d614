// The services every route uses, attached as typed decorators: store, files, worker pool, config.
import fp from 'fastify-plugin';
import { resolve } from 'node:path';
import type { PipelineConfig } from '../../pipeline/config.js';
import { WorkerPool } from '../../pipeline/pool.js';
import { FileBlobStore } from '../../store/file-blobs.js';
import { IDEMPOTENCY_TTL_MS } from '../idempotency.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import type { BlobStore, Store } from '../../store/store.js';
import { loadTokenSecret } from '../auth/tokens.js';

export interface ServiceOptions {
  dataDir: string;
  pipeline: PipelineConfig;
  /** Require clinic keys / upload tokens on /v1 (default true). */
  auth: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    blobs: BlobStore;
    pool: WorkerPool;
    settings: ServiceOptions;
    tokenSecret: Buffer;
  }
}

export default fp<ServiceOptions>(
  async (app, opts) => {
    const store = new SqliteStore(resolve(opts.dataDir, 'smp.sqlite'));
    const interrupted = await store.failInterrupted();
    if (interrupted > 0) app.log.warn({ interrupted }, 'marked analyses interrupted by a previous stop as failed');
    await store.purgeIdempotencyKeys(new Date(Date.now() - IDEMPOTENCY_TTL_MS).toISOString());
    const pool = new WorkerPool(opts.pipeline);
    app.decorate('store', store);
    app.decorate('blobs', new FileBlobStore(resolve(opts.dataDir, 'files')) as BlobStore);
    app.decorate('pool', pool);
    app.decorate('settings', opts);
    app.decorate('tokenSecret', loadTokenSecret(resolve(opts.dataDir, 'token-secret')));
    app.addHook('onClose', async () => {
      await pool.close();
      await store.close();
    });
  },
  { name: 'services' },
);
