// The consultation page's files, served by the service; every other path is the service's 404 problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, buildWithEnv, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

describe('web page files', () => {
  it('serves the page and its scripts with the content security policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const script = await t.app.inject({ method: 'GET', url: '/js/main.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('answers any other path with a 404 problem+json, traversal included', async () => {
    const auth = await t.auth();
    for (const url of ['/nope.html', '/js/../../package.json', '/v1/consultations/../../etc/passwd', '/v1/consultations//', `/v1/consultations/${'a'.repeat(5000)}`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth });
      expect([400, 404], `${url.slice(0, 60)}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.headers['content-type'], url.slice(0, 60)).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toContain('"version"');
    }
  });
});

describe('GET /v1/upload-limits (the page asks when it opens)', () => {
  const mint = async (auth: Record<string, string>, on: TestApp = t) =>
    (await on.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: { ...auth, 'content-type': 'application/json' }, payload: { ttlMinutes: 5 } })).json() as { id: string; token: string };

  it("gives a live upload link the service's photo limits, and a dead link 401", async () => {
    const auth = await t.auth('web-limits');
    const { id, token } = await mint(auth);
    const live = await t.app.inject({ method: 'GET', url: '/v1/upload-limits', headers: { authorization: `Bearer ${token}` } });
    expect(live.statusCode, live.body).toBe(200);
    expect(live.json()).toEqual({ maxFileBytes: 25 * 1024 * 1024, maxPixels: 50_000_000 });
    expect(live.headers['cache-control']).toBe('no-store');
    // Revoked, garbage, or none at all: the page shows its "link expired" notice before any photo is taken.
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/upload-tokens/${id}`, headers: auth })).statusCode).toBe(204);
    for (const headers of [{ authorization: `Bearer ${token}` }, { authorization: 'Bearer smpu_garbage' }, {}]) {
      const dead = await t.app.inject({ method: 'GET', url: '/v1/upload-limits', headers });
      expect(dead.statusCode, JSON.stringify(headers)).toBe(401);
      expect(dead.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('reads the limits from the settings (SMP_MAX_PIXELS, SMP_MAX_FILE_BYTES)', async () => {
    const other = await buildWithEnv({ SMP_MAX_PIXELS: '12000000', SMP_MAX_FILE_BYTES: '1000000' });
    try {
      const { token } = await mint(await other.auth(), other);
      const res = await other.app.inject({ method: 'GET', url: '/v1/upload-limits', headers: { authorization: `Bearer ${token}` } });
      expect(res.json()).toEqual({ maxFileBytes: 1_000_000, maxPixels: 12_000_000 });
    } finally {
      await other.close();
    }
  });
});
