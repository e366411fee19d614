// A restart after a crash: analyses left 'processing' are marked failed, and files a crash left half
// written for them are removed (a failed record shows no files, so they would linger on disk and in exports).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/api/build.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { newApiKey } from '../../src/api/auth/keys.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';

let dataDir = '';
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const open = () => build({ dataDir, pipeline: pipelineConfig({ workers: 1, inferenceThreads: 1 }), auth: true, webhooks: { allowPrivate: true } });

describe('a start that fails part way', () => {
  it('lets go of the data directory, so a second start in the same process is not refused', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-restart-'));
    // the services themselves fail (a token secret too short), then a plugin after them (the rate limit must
    // be at least 1): before, the lock stayed taken either way
    for (const [name, value, message] of [['SMP_TOKEN_SECRET', 'short', /SMP_TOKEN_SECRET must be at least/], ['SMP_RATE_LIMIT_PER_MIN', '0', /SMP_RATE_LIMIT_PER_MIN/]] as const) {
      const before = process.env[name];
      process.env[name] = value;
      try {
        await expect(open()).rejects.toThrow(message);
      } finally {
        if (before === undefined) delete process.env[name];
        else process.env[name] = before;
      }
    }
    const app = await open();
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('restart after a crash', () => {
  it("fails the interrupted record and removes the files written for it, keeping a finished record's", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-restart-'));
    let app = await open();
    const clinic = await app.store.createClinic('Restart');
    await app.store.createRecord({ id: 'done', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    await app.blobs.put(clinic.id, 'done', 'photo-0.jpg', new Uint8Array([1, 2, 3]));
    await app.store.completeRecord('consultation', clinic.id, 'done', {});
    // The crash came after the photo was written, before the result.
    await app.store.createRecord({ id: 'cut', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    await app.blobs.put(clinic.id, 'cut', 'photo-0.jpg', new Uint8Array([4, 5, 6]));
    await app.close();

    app = await open();
    try {
      expect((await app.store.getRecord('consultation', clinic.id, 'cut'))?.status).toBe('failed');
      expect(await app.blobs.list(clinic.id, 'cut')).toEqual([]);
      expect(await app.blobs.list(clinic.id, 'done')).toEqual(['photo-0.jpg']);
      expect(existsSync(join(dataDir, 'smp.sqlite'))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('removes the files of records and clinics whose deletion a stop cut short, keeping every live record\'s', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-restart-'));
    let app = await open();
    const clinic = await app.store.createClinic('Deleting');
    const gone = await app.store.createClinic('Gone');
    for (const id of ['kept', 'deleted']) {
      await app.store.createRecord({ id, kind: id === 'kept' ? 'audit' : 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
      await app.blobs.put(clinic.id, id, 'photo-0.jpg', new Uint8Array([1, 2, 3]));
      await app.store.completeRecord(id === 'kept' ? 'audit' : 'consultation', clinic.id, id, {});
    }
    await app.blobs.put(gone.id, 'x', 'photo-0.jpg', new Uint8Array([4]));
    // DELETE /v1/consultations/:id and DELETE /v1/clinic remove the rows first; the stop came before the files went
    await app.store.deleteRecord('consultation', clinic.id, 'deleted');
    await app.store.deleteClinic(gone.id);
    await app.close();
    expect(existsSync(join(dataDir, 'files', clinic.id, 'deleted', 'photo-0.jpg'))).toBe(true);

    app = await open();
    try {
      expect(existsSync(join(dataDir, 'files', clinic.id, 'deleted'))).toBe(false);
      expect(existsSync(join(dataDir, 'files', gone.id))).toBe(false);
      expect(await app.blobs.list(clinic.id, 'kept')).toEqual(['photo-0.jpg']);
    } finally {
      await app.close();
    }
  });

  it('a stop (SIGTERM) during an async analysis leaves it failed as interrupted, not as an internal error', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-restart-'));
    let app = await open();
    // Models loaded first, as in a running service: a stop while the worker is still creating its model
    // sessions waits at most CLOSE_WAIT_MS, and past that ends the thread inside native code, which on a
    // loaded CI machine took the whole test process down once (vitest: "Worker exited unexpectedly").
    await app.pool.ready();
    const clinic = await app.store.createClinic('Stopping');
    const key = newApiKey();
    await app.store.addApiKey(clinic.id, key.hash, key.prefix);
    const { body, headers } = multipart([{ name: 'closeup', value: await texturedJpeg(640, 480), filename: 'c.jpg' }]);
    const res = await app.inject({ method: 'POST', url: '/v1/consultations?async=true', payload: body, headers: { ...headers, authorization: `Bearer ${key.key}` } });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json().id as string;
    await app.close(); // what server.ts does on SIGTERM: the pool stops the analysis' tasks

    app = await open();
    try {
      const rec = await app.store.getRecord('consultation', clinic.id, id);
      expect(rec?.status).toBe('failed');
      expect(rec?.error).toMatchObject({ title: 'Analysis interrupted', status: 503 });
      expect(rec?.error?.type).toMatch(/\/analysis-interrupted$/);
    } finally {
      await app.close();
    }
  });

  it("sends the consultation.failed event of a consultation a crash interrupted", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-restart-'));
    const events: { type: string; data: { id: string; status: string } }[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        events.push(JSON.parse(body));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      let app = await open();
      const clinic = await app.store.createClinic('Restart hook');
      await app.store.setWebhook(clinic.id, `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, ['consultation.completed', 'consultation.failed']);
      // The crash came during the analysis: the record is still 'processing' when the service starts again.
      await app.store.createRecord({ id: 'cut', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
      await app.close();

      app = await open();
      try {
        for (let i = 0; i < 200 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
        await app.webhooks.idle();
        expect(events.map((e) => [e.type, e.data.id, e.data.status])).toEqual([['consultation.failed', 'cut', 'failed']]);
      } finally {
        await app.close();
      }
    } finally {
      receiver.closeAllConnections();
      await new Promise((r) => receiver.close(r));
    }
  });
});
