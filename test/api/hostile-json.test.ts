// The JSON routes and query strings under seeded random input: 1,500 requests of valid shapes with
// hostile values (huge, negative, empty, control and lone-surrogate strings, nested objects, prototype
// keys), random objects and truncated JSON. Each must get a 2xx or a 4xx problem+json, never a 5xx.
// The multipart routes have their own such test (hostile.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWithEnv, type TestApp } from '../helpers/app.js';
import { mulberry32 } from '../../src/vision/audit/synth/rng.js';

let t: TestApp;
beforeAll(async () => {
  // 1,500 requests of one clinic, most refused for their body or query, all counted by the rate limit:
  // at the default 600 a minute most would meet the limit (429) instead of the routes' own checks.
  t = await buildWithEnv({ SMP_RATE_LIMIT_PER_MIN: '100000' });
});
afterAll(async () => t?.close());

const random = mulberry32(11);
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
const SCALARS = [0, -1, 1, 1.5, 1e308, -1e308, 2 ** 53, '', ' ', 'x', 'null', '1', 'true', '\u0000', '\ud800', 'é'.repeat(100), 'a'.repeat(5000), null, true, false];
const KEYS = ['url', 'events', 'label', 'ttlMinutes', 'clientRef', 'scaleReference', 'retentionDays', 'chartPitchMm', 'greyCardMm', 'recommendationTable', '__proto__', 'constructor', 'limit'];

function randomJson(depth = 0): unknown {
  const k = random();
  if (depth > 3 || k < 0.6) return pick(SCALARS);
  if (k < 0.8) return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [pick(KEYS), randomJson(depth + 1)]));
}

/** encodeURIComponent, with a lone surrogate sent as the raw bytes it cannot encode. */
function query(v: unknown): string {
  try {
    return encodeURIComponent(String(v));
  } catch {
    return '%ED%A0%80';
  }
}

const URLS = ['https://example.com/hook', 'https://[::1]/', 'https://0x7f.1/', 'https://user:pass@example.com/', 'https://xn--/', 'https://例え.jp/', 'https://example.com:0/', 'https://example.com:65536/', 'http://example.com/', `https://${'a'.repeat(300)}.com/`, 'https://169.254.169.254/latest', 'javascript:alert(1)', 'https://example.com/%zz', 'https:///x', 'file:///etc/passwd', 'https://[fe80::1%25eth0]/', 'https://2130706433/'];
const EVENTS = ['consultation.completed', 'consultation.failed', 'audit.completed', 'x', '', 'CONSULTATION.COMPLETED'];
const MM = [...SCALARS, 12.5, 20, 85, 100, 100.01];
const TIMES = ['2026-02-30T00:00:00Z', '2026-11-23T10:15:00.000Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z'];

type Request = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: unknown };
const REQUESTS: (() => Request)[] = [
  () => ({ method: 'PUT', url: '/v1/clinic/webhook', payload: random() < 0.7 ? { url: pick(URLS), ...(random() < 0.5 ? { events: Array.from({ length: Math.floor(random() * 4) }, () => pick(EVENTS)) } : {}) } : randomJson() }),
  () => ({ method: 'POST', url: '/v1/clinic/keys', payload: random() < 0.5 ? { label: pick(SCALARS) } : randomJson() }),
  () => ({ method: 'POST', url: '/v1/upload-tokens', payload: random() < 0.5 ? { ttlMinutes: pick(SCALARS), clientRef: pick(SCALARS) } : randomJson() }),
  () => ({
    method: 'PUT',
    url: '/v1/clinic/settings',
    payload:
      random() < 0.6
        ? {
            scaleReference: random() < 0.5 ? { chartPitchMm: pick(MM) } : { greyCardMm: random() < 0.5 ? pick(MM) : [pick(MM), pick(MM)] },
            retentionDays: pick([...SCALARS, 30, 36500, 36501]),
          }
        : randomJson(),
  }),
  () => ({ method: 'PATCH', url: '/v1/clinic/settings', payload: random() < 0.5 ? { [pick(['scaleReference', 'retentionDays', 'recommendationTable'])]: pick([...SCALARS, 30, {}]) } : randomJson() }),
  () => ({ method: 'DELETE', url: `/v1/upload-tokens/${query(pick([...SCALARS, '00000000-0000-4000-8000-000000000000']))}` }),
  () => ({ method: 'GET', url: `/v1/${pick(['consultations', 'audits'])}?${pick(['limit', 'before', 'clientRef', 'x'])}=${query(pick([...SCALARS, ...TIMES]))}` }),
  () => ({ method: 'GET', url: `/v1/access-log?limit=${query(pick(SCALARS))}` }),
  () => ({ method: 'GET', url: `/v1/clinic/webhook/deliveries?limit=${query(pick(SCALARS))}` }),
  () => ({ method: 'POST', url: '/v1/clinic/webhook/test', payload: randomJson() }),
  () => ({ method: 'POST', url: `/v1/clinic/webhook/deliveries/${query(pick(['msg_x', 'x', '%00', 'a'.repeat(300)]))}/redeliver`, payload: randomJson() }),
  () => ({ method: 'DELETE', url: `/v1/clinic/keys/${query(pick(SCALARS))}` }),
  () => ({ method: 'POST', url: '/v1/consultations/00000000-0000-4000-8000-000000000000/plan', payload: randomJson() }),
];

describe('JSON routes under random input', () => {
  it('answer every request with a 2xx or a 4xx problem+json', async () => {
    const auth = await t.auth();
    const statuses = new Set<number>();
    for (let n = 0; n < 1500; n++) {
      const r = pick(REQUESTS)();
      const body = r.payload === undefined ? undefined : JSON.stringify(r.payload);
      // one in ten bodies cut short: JSON that does not parse
      const payload = body !== undefined && random() < 0.1 ? body.slice(0, Math.floor(random() * 50)) : body;
      const res = await t.app.inject({ method: r.method, url: r.url, headers: { ...auth, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(payload !== undefined ? { payload } : {}) });
      const what = `${r.method} ${r.url.slice(0, 80)} ${String(payload).slice(0, 160)} -> ${res.body.slice(0, 200)}`;
      expect(res.statusCode, what).toBeLessThan(500);
      if (res.statusCode >= 400) expect(res.headers['content-type'], what).toMatch(/^application\/problem\+json/);
      statuses.add(res.statusCode);
    }
    // the valid shapes get through too, so the routes' own code ran, not only their schemas
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 201, 400, 404]));
    expect(statuses.has(429)).toBe(false);
  });
});

describe('JSON bodies that are not what a route reads', () => {
  it('takes an empty body labelled JSON as no body, and names a refused or broken one', async () => {
    const auth = await t.auth();
    const json = { ...auth, 'content-type': 'application/json' };
    // many clients send the header on every request: a DELETE with it and no body is an ordinary DELETE
    const del = await t.app.inject({ method: 'DELETE', url: '/v1/upload-tokens/00000000-0000-4000-8000-000000000000', headers: json, payload: '' });
    expect(del.statusCode, del.body).toBe(404);
    // a route that needs a body still says so, through its schema
    const put = await t.app.inject({ method: 'PUT', url: '/v1/clinic/webhook', headers: json, payload: '' });
    expect(put.statusCode).toBe(400);
    expect(put.json().type).toMatch(/\/invalid-request$/);
    // prototype keys: refused, and said to be the reason (it read "Body is not valid JSON")
    for (const payload of ['{"__proto__":{"ttlMinutes":5}}', '{"label":"x","constructor":{"prototype":{"admin":true}}}']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json(), payload).toMatchObject({ type: expect.stringMatching(/\/invalid-json$/), title: 'Forbidden key in JSON', detail: expect.stringMatching(/"(__proto__|constructor)" key/) });
    }
    const broken = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload: '{"ttlMinutes": 5 x' });
    expect(broken.json()).toMatchObject({ status: 400, type: expect.stringMatching(/\/invalid-json$/), title: 'Body is not valid JSON', detail: 'the body sent as JSON does not parse (at character 17)' });
    // a body cut short is told so, not "at character 0" (V8 gives no position for the end of input)
    for (const payload of ['{"seed":', '{"ttlMinutes": 5', 'nul', '{"a":"abc']) {
      const short = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload });
      expect(short.json(), payload).toMatchObject({ status: 400, type: expect.stringMatching(/\/invalid-json$/), detail: `the body ends before the JSON is complete (after ${payload.length} characters: a value is missing, or a brace, bracket or string is not closed)` });
    }
    // an unexpected character with no position (Node 20) is not a body cut short
    for (const payload of ['hello', '[1,]', '{"a":tru}', 'Bearer smp_secretsecret']) {
      const odd = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload });
      expect(odd.json(), payload).toMatchObject({ status: 400, detail: 'the body sent as JSON does not parse (an unexpected character: check that it is JSON, not text or a form)' });
    }
    // nested 20,000 levels deep: a clear answer, not a stack overflow read as "at character 0"
    for (const payload of ['['.repeat(20_000) + ']'.repeat(20_000), '{"a":'.repeat(65) + '1' + '}'.repeat(65)]) {
      const deep = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload });
      expect(deep.json()).toMatchObject({ status: 400, type: expect.stringMatching(/\/invalid-json$/), title: 'JSON nested too deeply', detail: expect.stringContaining('more than 64 levels') });
    }
    // brackets inside strings are not nesting
    const quoted = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload: JSON.stringify({ ttlMinutes: 5, clientRef: undefined, x: '['.repeat(100) }) });
    expect(quoted.json().detail).not.toContain('levels');
    // never quoted back: a body may hold a key
    const secret = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload: 'Bearer smp_secretsecret' });
    expect(secret.statusCode).toBe(400);
    expect(secret.body).not.toContain('secret');
    // a byte-order mark before the JSON is taken, as it was
    const bom = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: json, payload: '\ufeff{"ttlMinutes": 5}' });
    expect(bom.statusCode, bom.body).toBe(201);
    // the same parser for merge patches
    const patch = await t.app.inject({ method: 'PATCH', url: '/v1/clinic/settings', headers: { ...auth, 'content-type': 'application/merge-patch+json' }, payload: '{"__proto__":{}}' });
    expect(patch.json().type).toMatch(/\/invalid-json$/);
  });
});
