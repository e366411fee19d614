// Idempotency-Key on POST /v1/consultations and /v1/audits: a retried upload answers with the first
// attempt's record; the same key with another upload, or while the first still runs, is refused.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { uploadFingerprint } from '../../src/api/idempotency.js';

let t: TestApp;
let photoA: Buffer;
let photoB: Buffer;
beforeAll(async () => {
  t = await build();
  photoA = await texturedJpeg(320, 240);
  photoB = await texturedJpeg(240, 320);
});
afterAll(async () => t?.close());

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => any };

function expectProblem(res: Res, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json().type).toMatch(new RegExp(`/${slug}$`));
  return res.json();
}

async function post(auth: Record<string, string>, parts: Part[], key?: string, query = ''): Promise<Res> {
  const { body, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: `/v1/consultations${query}`, payload: body, headers: { ...headers, ...auth, ...(key ? { 'idempotency-key': key } : {}) } });
}

const closeup = (photo: Buffer): Part[] => [{ name: 'closeup', value: photo, filename: 'c.jpg' }];
const count = async (auth: Record<string, string>) => (await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: auth })).json().items.length;

describe('Idempotency-Key on POST /v1/consultations', () => {
  it('answers a retry with the first consultation, analysed once', async () => {
    const auth = await t.auth('idem-retry');
    const key = randomUUID();
    const first = await post(auth, closeup(photoA), key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await post(auth, closeup(photoA), key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().photos.map((p: { urls: unknown }) => p.urls)).toEqual(first.json().photos.map((p: { urls: unknown }) => p.urls));
    expect(await count(auth)).toBe(1);
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: auth })).json().items as { action: string; target: string }[];
    expect(log.filter((e) => e.target === `consultation:${first.json().id}`).map((e) => e.action).sort()).toEqual(['create', 'replay']);
    // Without a key, or with another, the same photo is a new consultation.
    expect((await post(auth, closeup(photoA))).statusCode).toBe(201);
    expect((await post(auth, closeup(photoA), randomUUID())).statusCode).toBe(201);
    expect(await count(auth)).toBe(3);
  });

  it('stores one consultation when two attempts with the same key race', async () => {
    const auth = await t.auth('idem-race');
    const key = randomUUID();
    const answers = await Promise.all([post(auth, closeup(photoA), key), post(auth, closeup(photoA), key), post(auth, closeup(photoA), key)]);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().id)).size).toBe(1);
    expect(await count(auth)).toBe(1);
  });

  it('refuses the same key with another upload (422), storing nothing', async () => {
    const auth = await t.auth('idem-reuse');
    const key = `"${randomUUID()}"`; // the draft's structured-field form
    expect((await post(auth, closeup(photoA), key)).statusCode).toBe(201);
    expectProblem(await post(auth, closeup(photoB), key), 422, 'idempotency-key-reused');
    expectProblem(await post(auth, [...closeup(photoA), { name: 'sex', value: 'female' }], key), 422, 'idempotency-key-reused');
    expect(await count(auth)).toBe(1);
  });

  it('keeps key spaces apart: another clinic, another upload token', async () => {
    const key = randomUUID();
    const a = await post(await t.auth('idem-a'), closeup(photoA), key);
    const b = await post(await t.auth('idem-b'), closeup(photoA), key);
    expect(b.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    const mint = async () => ({ authorization: `Bearer ${(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: await t.auth('idem-a'), payload: {} })).json().token}` });
    const t1 = await post(await mint(), closeup(photoA), key);
    const t2 = await post(await mint(), closeup(photoA), key);
    expect(t1.statusCode).toBe(201);
    expect(t2.statusCode).toBe(201);
    expect(new Set([a.json().id, t1.json().id, t2.json().id]).size).toBe(3);
  });

  it('answers an async retry with the same 202 and Location', async () => {
    const auth = await t.auth('idem-async');
    const key = randomUUID();
    const first = await post(auth, closeup(photoA), key, '?async=true');
    expect(first.statusCode).toBe(202);
    const again = await post(auth, closeup(photoA), key, '?async=true');
    // 202 while the analysis runs (it may have ended already: then 201, below)
    expect(again.statusCode).toBe(again.json().status === 'processing' ? 202 : 201);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers['idempotent-replayed']).toBe('true');
    for (let i = 0; i < 200; i++) {
      const rec = (await t.app.inject({ method: 'GET', url: first.headers.location as string, headers: auth })).json();
      if (rec.status !== 'processing') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await count(auth)).toBe(1);
  });

  it('answers a replay as the record stands: 202 while it is analysed, 201 once it completed, however the first attempt was asked', async () => {
    const auth = await t.auth('idem-replay-status');
    const clinic = (await t.app.store.getClinicByName('idem-replay-status'))!;
    // an async first attempt still being analysed, replayed without async: 202
    const pending = randomUUID();
    await t.app.store.createRecord({ id: pending, kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: 'clinic' });
    const fingerprint = uploadFingerprint([{ name: 'closeup', bytes: photoB }], {});
    await t.app.store.claimIdempotencyKey({ clinicId: clinic.id, kind: 'consultation', scope: 'clinic', key: 'k-pending', fingerprint, recordId: pending, mode: 'async', createdAt: new Date().toISOString() });
    const running = await post(auth, closeup(photoB), 'k-pending');
    expect(running.statusCode, running.body).toBe(202);
    expect(running.json()).toMatchObject({ id: pending, status: 'processing' });
    expect(running.headers['idempotent-replayed']).toBe('true');
    expect(running.headers['retry-after']).toBeDefined();

    // an async first attempt completed since, replayed with and without async: 201 (it answered 202)
    const key = randomUUID();
    const first = await post(auth, closeup(photoA), key, '?async=true');
    expect(first.statusCode, first.body).toBe(202);
    let status = 'processing';
    for (let i = 0; i < 400 && status === 'processing'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await t.app.inject({ method: 'GET', url: first.headers.location as string, headers: auth })).json().status;
    }
    expect(status).toBe('completed');
    for (const query of ['', '?async=true']) {
      const replay = await post(auth, closeup(photoA), key, query);
      expect(replay.statusCode, `${query}: ${replay.body}`).toBe(201);
      expect(replay.json()).toMatchObject({ id: first.json().id, status: 'completed' });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers.location).toBe(first.headers.location);
      expect(replay.headers['retry-after']).toBeUndefined();
    }
  });

  it('says 409 while the first synchronous attempt still runs, and takes over a key whose consultation failed or was deleted', async () => {
    const auth = await t.auth('idem-states');
    const clinic = (await t.app.store.getClinicByName('idem-states'))!;
    const fingerprint = uploadFingerprint([{ name: 'closeup', bytes: photoA }], {});
    const pending = randomUUID();
    await t.app.store.createRecord({ id: pending, kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: 'test' });
    await t.app.store.claimIdempotencyKey({ clinicId: clinic.id, kind: 'consultation', scope: 'clinic', key: 'k-running', fingerprint, recordId: pending, mode: 'sync', createdAt: new Date().toISOString() });
    const busy = expectProblem(await post(auth, closeup(photoA), 'k-running'), 409, 'idempotency-key-in-use');
    expect(busy.detail).toMatch(/still being analysed/);
    expect(await count(auth)).toBe(1);

    await t.app.store.failRecord('consultation', clinic.id, pending, { title: 'Analysis interrupted', detail: 'test' });
    const retried = await post(auth, closeup(photoA), 'k-running');
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json().id).not.toBe(pending);

    expect((await t.app.inject({ method: 'DELETE', url: `/v1/consultations/${retried.json().id}`, headers: auth })).statusCode).toBe(204);
    const afterDelete = await post(auth, closeup(photoA), 'k-running');
    expect(afterDelete.statusCode).toBe(201);
    expect(afterDelete.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps nothing of a refused upload, key included: the corrected retry runs', async () => {
    const auth = await t.auth('idem-refused');
    const key = randomUUID();
    expectProblem(await post(auth, closeup(photoA.subarray(0, photoA.length >> 1)), key), 422, 'corrupt-image');
    expect(await count(auth)).toBe(0);
    const fixed = await post(auth, closeup(photoA), key);
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a malformed key with 400 invalid-idempotency-key and documents the header', async () => {
    const auth = await t.auth('idem-bad');
    for (const key of ['my key', 'x'.repeat(256)]) {
      const bad = expectProblem(await post(auth, closeup(photoA), key), 400, 'invalid-idempotency-key');
      expect(bad.detail).toBe('send one Idempotency-Key of 1-255 visible ASCII characters without spaces, e.g. a UUID');
    }
    expect(await count(auth)).toBe(0);
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const params = doc.paths['/v1/consultations'].post.parameters as { in: string; name: string }[];
    expect(params.some((p) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
    expect(doc.paths['/v1/consultations'].post.responses['409']).toBeDefined();
    expect(doc.paths['/v1/audits'].post.responses['409']).toBeDefined();
    expect(doc.paths['/v1/audits'].post.parameters.some((p: { in: string; name: string }) => p.in === 'header' && p.name === 'idempotency-key')).toBe(true);
  });
});

describe('Idempotency-Key on POST /v1/audits', () => {
  it('answers a retry with the first audit', async () => {
    const auth = await t.auth('idem-audit');
    const parts: Part[] = [
      { name: 'before', value: photoA, filename: 'b.jpg' },
      { name: 'after', value: photoA, filename: 'a.jpg' },
    ];
    const send = async () => {
      const { body, headers } = multipart(parts);
      return t.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, ...auth, 'idempotency-key': 'audit-1' } });
    };
    const first = await send();
    expect(first.statusCode, first.body).toBe(201); // stored, though not assessable: no scar in a textured test photo
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const { body, headers } = multipart([parts[0], { name: 'after', value: photoB, filename: 'a.jpg' }]);
    const other = await t.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, ...auth, 'idempotency-key': 'audit-1' } });
    expectProblem(other, 422, 'idempotency-key-reused');
  });
});
