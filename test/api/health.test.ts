// /health and /ready, including while the service sheds load and without its models: /ready declares its own 503 body, and
// the load-shedding problem+json must still be sent, not fail serialisation as a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, buildWithEnv, untilShedding, type TestApp } from '../helpers/app.js';
import { texturedJpeg } from '../helpers/images.js';

describe('/health and /ready under memory pressure', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildWithEnv({ SMP_MAX_RSS_BYTES: '1' }); // any process is over it at the first sample
  });
  afterAll(async () => t?.close());

  it('answer 503 overloaded problem+json with Retry-After', async () => {
    await untilShedding(t);
    for (const url of ['/health', '/ready']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toMatch(/\/overloaded$/);
      expect(res.headers['retry-after']).toBe('5');
    }
  });
});

describe('/ready without its models', () => {
  let t: TestApp;
  let modelsDir: string;
  beforeAll(async () => {
    modelsDir = mkdtempSync(join(tmpdir(), 'smp-no-models-'));
    t = await buildWithEnv({ SMP_MODELS_DIR: modelsDir }); // read by the workers as they start
  });
  afterAll(async () => {
    await t?.close();
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('answers 503 not-ready naming the failed checks, without their file paths (it answers anyone)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.status).toBe('not-ready');
    expect(body.checks.store).toBe('ok');
    expect(body.checks.segmentation).toMatch(/^failed/);
    expect(res.body).not.toContain(modelsDir);
    expect(res.body).not.toMatch(/ENOENT|\/tmp\/|card\.json/);
  });
});

describe('/ready while the pool is busy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build({ workers: 1 });
  });
  afterAll(async () => t?.close());

  it('answers from the models already loaded, not from a task queued behind the analyses', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/ready' }); // loads the models
    expect(first.statusCode, first.body).toBe(200);
    const { pool } = t.app;
    const photo = await texturedJpeg(1024, 768);
    // the one worker busy with an analysis, and more waiting behind it
    const run = (index: number) => pool.run({ kind: 'photo', index, view: 'top', bytes: photo, limits: pool.config.limits, inferenceThreads: pool.config.inferenceThreads });
    const done: string[] = [];
    const running = run(0).then(() => done.push('the running analysis'));
    const queued = [run(1), run(2)];
    for (let waited = 0; pool.running !== 1 && waited < 5000; waited += 5) await new Promise((r) => setTimeout(r, 5));
    expect(pool.queueDepth).toBeGreaterThan(0);
    const res = await t.app.inject({ method: 'GET', url: '/ready' });
    done.push('ready');
    await Promise.all([running, ...queued]);
    // a ready task would have waited at least for the worker to finish the analysis it was running
    expect(done).toEqual(['ready', 'the running analysis']);
    // what it reports, and means, is unchanged
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(first.json());
    expect(res.json()).toEqual({ status: 'ready', checks: { store: 'ok', segmentation: 'ok', features: 'ok', norwoodPattern: 'ok', faceLandmarks: 'ok' } });
  });
});
