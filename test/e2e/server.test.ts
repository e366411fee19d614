// End to end: the real `smp serve` process on a free port, a key from `smp keys create`, a real photo
// from ../shared uploaded over HTTP, then a clean shutdown on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_SHARED, photoOf, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';
import { createKey, freePort, startServer } from '../helpers/server.js';


describe.skipIf(!HAS_SHARED)('smp serve, end to end', () => {
  let server: ChildProcess;
  let base = '';
  let key = '';
  let dataDir = '';
  let logs = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-e2e-'));
    const env = { ...process.env, SMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), SMP_WORKERS: '1' };
    key = createKey(env, 'E2E Clinic');
    server = await startServer(env, '/health', 'pipe');
    server.stdout!.on('data', (d) => (logs += d));
    server.stderr!.on('data', (d) => (logs += d));
    base = `http://127.0.0.1:${env.PORT}`;
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready once its models load', async () => {
    const res = await fetch(`${base}/ready`);
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('analyses a real photo uploaded as multipart', async () => {
    const { bytes } = photoOf('top-down', 7);
    const form = new FormData();
    form.append('top', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'top.jpg');
    form.append('sex', 'male');
    const res = await fetch(`${base}/v1/consultations`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.photos[0].view).toBe('top');
    expect(body.photos[0].coverage.hair + body.photos[0].coverage.skin + body.photos[0].coverage.scar).toBeCloseTo(1, 3);
    const overlay = await fetch(base + body.photos[0].urls.overlay, { headers: { authorization: `Bearer ${key}` } });
    expect(overlay.headers.get('content-type')).toBe('image/png');
    // The logs carry request ids but never the key.
    expect(logs).toMatch(/reqId/);
    expect(logs).not.toContain(key);
  });

  it('shuts down gracefully on SIGTERM', async () => {
    server.kill('SIGTERM');
    const code = await new Promise((r) => server.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  });
});

if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);
