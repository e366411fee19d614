// Crash safety: kill -9 while an analysis runs, restart on the same data directory. The store must be
// intact, the interrupted consultation marked failed, and everything finished before it still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { HAS_SHARED, photoOf, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';
import { createKey, freePort, startServer as start } from '../helpers/server.js';

describe.skipIf(!HAS_SHARED)('kill -9 during an analysis', () => {
  let dataDir = '';
  let child: ChildProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-crash-'));
  });
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves a consistent store with the interrupted consultation failed and nothing else lost', async () => {
    const env = { ...process.env, SMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), SMP_WORKERS: '1' };
    const key = createKey(env, 'Crash');
    const base = `http://127.0.0.1:${env.PORT}`;
    const headers = { authorization: `Bearer ${key}` };
    const form = (n: number) => {
      const f = new FormData();
      for (let i = 0; i < n; i++) f.append('auto', new Blob([new Uint8Array(photoOf('back', i).bytes)], { type: 'image/jpeg' }), `p${i}.jpg`);
      return f;
    };

    child = await start(env);
    const done = await fetch(`${base}/v1/consultations`, { method: 'POST', body: form(1), headers });
    expect(done.status).toBe(201);
    const doneId = ((await done.json()) as { id: string }).id;

    const pending = await fetch(`${base}/v1/consultations?async=true`, { method: 'POST', body: form(8), headers });
    expect(pending.status).toBe(202);
    const pendingId = ((await pending.json()) as { id: string }).id;
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    // The SQLite file is intact (WAL replays on open).
    const db = new Database(join(dataDir, 'smp.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    const env2 = { ...env, PORT: String(await freePort()) };
    child = await start(env2);
    const base2 = `http://127.0.0.1:${env2.PORT}`;
    const interrupted = (await (await fetch(`${base2}/v1/consultations/${pendingId}`, { headers })).json()) as { status: string; error: { title: string } };
    expect(interrupted.status).toBe('failed');
    expect(interrupted.error.title).toMatch(/interrupted/i);
    const kept = (await (await fetch(`${base2}/v1/consultations/${doneId}`, { headers })).json()) as { status: string; photos: { urls: { photo: string } }[] };
    expect(kept.status).toBe('completed');
    expect((await fetch(base2 + kept.photos[0].urls.photo, { headers })).status).toBe(200);
    // And it still works.
    expect((await fetch(`${base2}/v1/consultations`, { method: 'POST', body: form(1), headers })).status).toBe(201);
  }, 90_000);
});

if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);
