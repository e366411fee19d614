// 4x overload on the real server: accepted uploads finish, the rest get a quick 503 with Retry-After,
// no other 5xx, and the process stays under its stated memory ceiling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAS_SHARED, labels, sharedPhoto, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';
import { createKey, freePort, startServer } from '../helpers/server.js';

/** The stated ceiling for one server process at these settings (README: Limits). */
const MEMORY_CEILING_MB = 1024;

describe.skipIf(!HAS_SHARED)('overload', () => {
  let server: ChildProcess;
  let dataDir = '';
  let base = '';
  let key = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-overload-'));
    const env = { ...process.env, SMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), SMP_WORKERS: '2', SMP_QUEUE_MAX: '2', LOG_LEVEL: 'warn' };
    key = createKey(env, 'Overload');
    server = await startServer(env, '/ready');
    base = `http://127.0.0.1:${env.PORT}`;
  });

  afterAll(() => {
    server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes what it accepts and sheds the rest with 503 + Retry-After', async () => {
    const rows = labels().slice(0, 16);
    const capacity = 2 + 2; // workers + queue
    const results = await Promise.all(
      rows.map(async (row, i) => {
        const f = new FormData();
        f.append('auto', new Blob([new Uint8Array(sharedPhoto(row))], { type: 'image/jpeg' }), `p${i}.jpg`);
        const t0 = performance.now();
        const res = await fetch(`${base}/v1/consultations`, { method: 'POST', body: f, headers: { authorization: `Bearer ${key}` } });
        const body = (await res.json()) as { status?: string | number };
        return { status: res.status, ms: performance.now() - t0, retryAfter: res.headers.get('retry-after'), body };
      }),
    );
    expect(rows.length).toBe(capacity * 4);
    const accepted = results.filter((r) => r.status === 201);
    const shed = results.filter((r) => r.status === 503);
    expect(accepted.length + shed.length, JSON.stringify(results.map((r) => r.status))).toBe(results.length);
    expect(accepted.length).toBeGreaterThanOrEqual(capacity);
    expect(shed.length).toBeGreaterThan(0);
    for (const r of accepted) expect(r.body.status).toBe('completed');
    for (const r of shed) expect(Number(r.retryAfter)).toBeGreaterThan(0);
    const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
    const peakMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
    expect(peakMb).toBeLessThan(MEMORY_CEILING_MB);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });
});

if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);
