// X-Request-Id: every answer names its request; a client's own sensible id is kept (so the clinic's logs and
// ours meet), anything else is replaced; an internal error names the id in its body too.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { requestIdFrom } from '../../src/api/request-id.js';
import { rawExchange } from '../helpers/server.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('requestIdFrom', () => {
  it('keeps a UUID, a trace id, a ULID', () => {
    for (const id of ['3f0c9a52-1b7e-4c1a-9d7e-0e6b8f1c2a3d', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'clinic.app:call_42']) {
      expect(requestIdFrom(id)).toBe(id);
    }
  });
  it('replaces an empty, over-long, repeated or odd one with a fresh UUID', () => {
    for (const id of [undefined, '', 'x'.repeat(129), ['a', 'b'], 'a b', 'line\nbreak', '<script>', 'é']) {
      expect(requestIdFrom(id)).toMatch(UUID);
    }
  });
});

describe('X-Request-Id over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await build();
  });
  afterAll(async () => t?.close());

  it('answers with a fresh id, or the one sent when it is sensible', async () => {
    const fresh = await t.app.inject({ method: 'GET', url: '/health' });
    expect(fresh.headers['x-request-id']).toMatch(UUID);
    const kept = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'clinic-call-7' } });
    expect(kept.headers['x-request-id']).toBe('clinic-call-7');
    const long = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'a'.repeat(4000) } });
    expect(long.headers['x-request-id']).toMatch(UUID);
  });

  it('names it on errors, and in the body of an internal one', async () => {
    const auth = await t.auth();
    const missing = await t.app.inject({ method: 'GET', url: '/v1/consultations/3f0c9a52-1b7e-4c1a-9d7e-0e6b8f1c2a3d', headers: { ...auth, 'x-request-id': 'call-404' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toBe('call-404');

    const spy = vi.spyOn(t.app.store, 'getRecord').mockRejectedValueOnce(new Error('disk on fire'));
    try {
      const res = await t.app.inject({ method: 'GET', url: '/v1/consultations/3f0c9a52-1b7e-4c1a-9d7e-0e6b8f1c2a3e', headers: { ...auth, 'x-request-id': 'call-500' } });
      expect(res.statusCode).toBe(500);
      expect(res.headers['x-request-id']).toBe('call-500');
      expect(res.json()).toMatchObject({ type: expect.stringMatching(/\/internal$/), requestId: 'call-500' });
      expect(res.body).not.toContain('disk on fire');
    } finally {
      spy.mockRestore();
    }
  });

  it('names it on routing errors too (bad percent-encoding, an over-long path parameter)', async () => {
    const auth = await t.auth();
    for (const url of ['/v1/consultations/%ZZ', `/v1/consultations/${'m'.repeat(101)}`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: { ...auth, 'x-request-id': 'call-bad-url' } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().type, url).toMatch(/\/bad-url$/);
      expect(res.headers['x-request-id'], url).toBe('call-bad-url');
    }
  });

  it('gives a request that is not valid HTTP an id as well (written before any request exists)', async () => {
    const at = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
    const raw = await rawExchange(Number(at.port), 'POST /v1/consultations HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/);
  });
});
