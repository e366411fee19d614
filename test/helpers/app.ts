// build() for API tests: the real app on a temporary data directory, with a clinic and its key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { build as buildApp } from '../../src/api/build.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { newApiKey } from '../../src/api/auth/keys.js';
import type { ServiceOptions } from '../../src/api/plugins/services.js';

export interface TestApp {
  app: FastifyInstance;
  dataDir: string;
  /** Authorization header of a fresh clinic. */
  auth: (clinic?: string) => Promise<Record<string, string>>;
  close: () => Promise<void>;
}

// Test files generate images synchronously in the same process as the app, which would read as event-loop
// pressure; load shedding is tested on the real server (test/e2e/overload.test.ts) instead.
process.env.SMP_MAX_EVENT_LOOP_DELAY_MS ??= '0';

export interface TestAppOptions {
  workers?: number;
  queueMax?: number;
  maxFileBytes?: number;
  analysisTimeoutMs?: number;
  auth?: boolean;
  webhooks?: ServiceOptions['webhooks'];
  uploadBudgetBytes?: number;
  uploadTimeoutMs?: number;
  /** fastify's logger (off unless given): e.g. LOGGER_OPTIONS with a stream, to read what the service logs. */
  logger?: FastifyServerOptions['logger'];
}

/**
 * build() with environment variables set while the app is built (settings read then: the rate limit, the
 * memory ceiling, the models folder) and put back after.
 */
export async function buildWithEnv(env: Record<string, string>, opts: TestAppOptions = {}): Promise<TestApp> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await build(opts);
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Waits (up to 5 s) until an app built with SMP_MAX_RSS_BYTES=1 has taken its first memory sample, from
 * when on it sheds load (503 overloaded).
 */
export async function untilShedding(t: TestApp): Promise<void> {
  let health = await t.app.inject({ method: 'GET', url: '/health' });
  for (let i = 0; i < 50 && health.statusCode !== 503; i++) {
    await new Promise((r) => setTimeout(r, 100));
    health = await t.app.inject({ method: 'GET', url: '/health' });
  }
}

export async function build(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smp-test-'));
  const base = pipelineConfig({ workers: opts.workers ?? 1, inferenceThreads: 1, queueMax: opts.queueMax ?? 16, ...(opts.analysisTimeoutMs ? { analysisTimeoutMs: opts.analysisTimeoutMs } : {}) });
  const pipeline = { ...base, limits: { ...base.limits, ...(opts.maxFileBytes ? { maxFileBytes: opts.maxFileBytes } : {}) } };
  const app = await buildApp({ dataDir, pipeline, auth: opts.auth ?? true, webhooks: opts.webhooks, uploadBudgetBytes: opts.uploadBudgetBytes, uploadTimeoutMs: opts.uploadTimeoutMs }, opts.logger ? { logger: opts.logger } : {});
  const keys = new Map<string, string>();
  return {
    app,
    dataDir,
    auth: async (clinic = 'clinic-a') => {
      if (!keys.has(clinic)) {
        const c = (await app.store.getClinicByName(clinic)) ?? (await app.store.createClinic(clinic));
        const k = newApiKey();
        await app.store.addApiKey(c.id, k.hash, k.prefix);
        keys.set(clinic, k.key);
      }
      return { authorization: `Bearer ${keys.get(clinic)}` };
    },
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
