// The per-clinic rate limit (SMP_RATE_LIMIT_PER_MIN) through app.inject(): how a path is spelled, requests
// refused for their body, and how the setting is read.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWithEnv, type TestApp } from '../helpers/app.js';

const LIMIT = 3;
let t: TestApp;
beforeAll(async () => {
  t = await buildWithEnv({ SMP_RATE_LIMIT_PER_MIN: String(LIMIT) });
});
afterAll(async () => t?.close());

const list = (url: string, auth: Record<string, string>) => t.app.inject({ method: 'GET', url, headers: auth });

describe('rate limit', () => {
  it('counts a /v1 route however its path is spelled (percent-encoded), per clinic', async () => {
    const auth = await t.auth('rate-spelled');
    for (let i = 0; i < LIMIT; i++) expect((await list('/v1/consultations', auth)).statusCode).toBe(200);
    const over = await list('/v1/consultations', auth);
    expect(over.statusCode, over.body).toBe(429);
    expect(over.json().type).toMatch(/\/rate-limited$/);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    // the router takes these for /v1/consultations: they are the same route and the same budget
    for (const url of ['/%761/consultations', '/v%31/consultations', '/%76%31/consultations']) {
      const res = await list(url, auth);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(429);
    }
    // another clinic has its own budget
    expect((await list('/v1/consultations', await t.auth('rate-other'))).statusCode).toBe(200);
  });

  it('gives each upload token an allowance of its own, apart from the clinic key', async () => {
    const auth = await t.auth('rate-tokens');
    const mint = async () => ({ authorization: `Bearer ${(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth })).json().token}` });
    const [first, second] = [await mint(), await mint()]; // minting counts against the clinic: 2 of 3
    const poll = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/consultations/00000000-0000-4000-8000-000000000000', headers });
    for (let i = 0; i < LIMIT; i++) expect((await poll(first)).statusCode).toBe(404);
    expect((await poll(first)).statusCode).toBe(429);
    expect((await poll(second)).statusCode).toBe(404); // another person's page still has its own
    expect((await list('/v1/consultations', auth)).statusCode).toBe(200); // and the clinic its third
    expect((await list('/v1/consultations', auth)).statusCode).toBe(429);
  });

  it('counts requests refused for their body or query too, before the body is read', async () => {
    const auth = await t.auth('rate-invalid');
    // a plan edit of 1 MB that fails validation: parsed and validated each time, whatever the limit
    const existingDots = { x: Array.from({ length: 60_000 }, () => 1), y: [], session: [] };
    const codes: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/consultations/00000000-0000-4000-8000-000000000000/plan', headers: auth, payload: { existingDots } });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([...Array(LIMIT).fill(400), 429, 429]);
    expect((await list('/v1/consultations?limit=x', auth)).statusCode).toBe(429);
  });
});

describe('SMP_RATE_LIMIT_PER_MIN', () => {
  let own: TestApp | undefined;
  afterEach(async () => {
    await own?.close();
    own = undefined;
  });

  it('left empty, keeps the default limit instead of refusing every request', async () => {
    // An empty value (SMP_RATE_LIMIT_PER_MIN= in a compose file) once read as a limit of 0 a minute.
    own = await buildWithEnv({ SMP_RATE_LIMIT_PER_MIN: '' });
    const res = await own.app.inject({ method: 'GET', url: '/v1/consultations', headers: await own.auth() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe('600');
  });

  it('set, limits each clinic to that many requests a minute', async () => {
    own = await buildWithEnv({ SMP_RATE_LIMIT_PER_MIN: '2' });
    const headers = await own.auth();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await own.app.inject({ method: 'GET', url: '/v1/consultations', headers })).statusCode);
    expect(codes).toEqual([200, 200, 429]);
    // Another clinic has its own allowance.
    expect((await own.app.inject({ method: 'GET', url: '/v1/consultations', headers: await own.auth('clinic-b') })).statusCode).toBe(200);
  });

  it('zero is refused at start-up, naming the variable', async () => {
    await expect(buildWithEnv({ SMP_RATE_LIMIT_PER_MIN: '0' })).rejects.toThrow('SMP_RATE_LIMIT_PER_MIN must be an integer >= 1, got "0"');
  });
});

describe('failed credentials (SMP_AUTH_FAILURES_PER_MIN)', () => {
  let own: TestApp;
  beforeAll(async () => {
    own = await buildWithEnv({ SMP_AUTH_FAILURES_PER_MIN: '3' });
  });
  afterAll(async () => own?.close());

  const get = (headers: Record<string, string>, remoteAddress = '203.0.113.7') =>
    own.app.inject({ method: 'GET', url: '/v1/consultations', headers, remoteAddress });

  it('refuses an address that sent too many wrong keys or tokens, whatever it sends next; others go on', async () => {
    const good = await own.auth();
    // leaving the key out is not a guess: it does not count
    for (let i = 0; i < 5; i++) expect((await get({})).statusCode).toBe(401);
    expect((await get(good)).statusCode).toBe(200);
    for (const wrong of ['smp_wrongwrongwrong', 'smpu_e30.AAAA', 'nonsense']) expect((await get({ authorization: `Bearer ${wrong}` })).statusCode).toBe(401);
    const refused = await get({ authorization: 'Bearer smp_anotherguess' });
    expect(refused.statusCode, refused.body).toBe(429);
    expect(refused.json().type).toMatch(/\/too-many-failed-credentials$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await get(good)).statusCode).toBe(429); // a right key from that address waits too
    expect((await get(good, '198.51.100.4')).statusCode).toBe(200);
    expect((await own.app.inject({ method: 'GET', url: '/health', remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
  });
});
