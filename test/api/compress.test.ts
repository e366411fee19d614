// Compressed answers: JSON, CSV and the web page's text shrink for clients that accept gzip or brotli and
// read back the same; images and PDFs are sent as they are; an answer holding a secret is never
// compressed (BREACH); a compressed request body is still refused (415).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { buildWithEnv, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { NEVER_COMPRESSED } from '../../src/api/plugins/compress.js';

/** Names of the properties anywhere in a JSON schema (objects, arrays, unions). */
function propertyNames(schema: unknown, out = new Set<string>()): Set<string> {
  if (!schema || typeof schema !== 'object') return out;
  const o = schema as Record<string, unknown>;
  if (o.properties && typeof o.properties === 'object') {
    for (const [name, sub] of Object.entries(o.properties as Record<string, unknown>)) {
      out.add(name);
      propertyNames(sub, out);
    }
  }
  for (const k of ['items', 'additionalProperties']) propertyNames(o[k], out);
  for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(o[k])) for (const sub of o[k] as unknown[]) propertyNames(sub, out);
  return out;
}

let t: TestApp;
beforeAll(async () => {
  // every answer of a byte or more would be compressed: only the secret routes' own rule keeps theirs plain
  t = await buildWithEnv({ SMP_COMPRESS_MIN_BYTES: '1' }, { webhooks: { allowPrivate: true } });
});
afterAll(async () => t?.close());

const decode = (encoding: string | undefined, body: Buffer): Buffer =>
  encoding === 'gzip' ? gunzipSync(body) : encoding === 'br' ? brotliDecompressSync(body) : body;

describe('compressed answers', () => {
  it('compresses a consultation and its CSV as the client accepts, and not its photo or report', async () => {
    const auth = await t.auth();
    const { body, headers } = multipart([{ name: 'top', value: await texturedJpeg(640, 480), filename: 'top.jpg' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    const clinic = (await t.app.store.getClinicByName('clinic-a'))!;
    const csv = 'x_px,y_px,session_index\n' + Array.from({ length: 2000 }, (_, i) => `${i % 640},${(i * 7) % 480},${i % 3}`).join('\n') + '\n';
    await t.app.blobs.put(clinic.id, c.id, 'dots.csv', Buffer.from(csv));

    const plain = await t.app.inject({ method: 'GET', url: `/v1/consultations/${c.id}`, headers: auth });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [accept, coding] of [['gzip', 'gzip'], ['br;q=1, gzip;q=0.5', 'br'], ['gzip, deflate, br', 'br']] as const) {
      const got = await t.app.inject({ method: 'GET', url: `/v1/consultations/${c.id}`, headers: { ...auth, 'accept-encoding': accept } });
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-encoding'], accept).toBe(coding);
      expect(String(got.headers.vary)).toMatch(/accept-encoding/i);
      expect(got.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      expect(JSON.parse(decode(coding, got.rawPayload).toString('utf8'))).toEqual(plain.json());
      // still never cached, and typed as it was
      expect(got.headers['cache-control']).toBe('no-store');
      expect(got.headers['content-type']).toBe(plain.headers['content-type']);
    }
    const dots = await t.app.inject({ method: 'GET', url: `/v1/consultations/${c.id}/files/dots.csv`, headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(dots.headers['content-encoding']).toBe('gzip');
    expect(dots.rawPayload.length).toBeLessThan(csv.length / 2);
    expect(gunzipSync(dots.rawPayload).toString('utf8')).toBe(csv);
    expect(dots.headers['content-disposition']).toBe('attachment; filename="dots.csv"');

    for (const url of [c.photos[0].urls.photo, c.links.report]) {
      const file = await t.app.inject({ method: 'GET', url, headers: { ...auth, 'accept-encoding': 'gzip, br' } });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-encoding'], url).toBeUndefined();
    }
  });

  it('sends as it is what a client does not accept compressed', async () => {
    const auth = await t.auth();
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json', headers: { ...auth, 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json().openapi).toMatch(/^3\./);
  });

  it('never compresses an answer that holds a secret', async () => {
    const auth = await t.auth();
    const key = await t.app.inject({ method: 'POST', url: '/v1/clinic/keys', payload: { label: 'front desk' }, headers: { ...auth, 'accept-encoding': 'gzip, br' } });
    expect(key.statusCode, key.body).toBe(201);
    expect(key.headers['content-encoding']).toBeUndefined();
    expect(key.json().key).toBeTruthy();
    const token = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: {}, headers: { ...auth, 'accept-encoding': 'gzip, br' } });
    expect(token.statusCode, token.body).toBe(201);
    expect(token.headers['content-encoding']).toBeUndefined();
    const hook = await t.app.inject({ method: 'PUT', url: '/v1/clinic/webhook', payload: { url: 'https://127.0.0.1:9/hook' }, headers: { ...auth, 'accept-encoding': 'gzip, br' } });
    expect(hook.statusCode, hook.body).toBeLessThan(300);
    expect(hook.headers['content-encoding']).toBeUndefined();
    expect(hook.json().secret).toMatch(/^whsec_/);
    // the same clinic's key list (no secret in it) is compressed: the rule is the route's, not the size's
    const list = await t.app.inject({ method: 'GET', url: '/v1/clinic/keys', headers: { ...auth, 'accept-encoding': 'gzip' } });
    expect(list.headers['content-encoding']).toBe('gzip');
  });

  it('lists every route whose answer holds a key, a token or a secret among those never compressed', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };
    const holding: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [code, response] of Object.entries(op.responses ?? {})) {
          if (!/^2/.test(code)) continue;
          const names = propertyNames(response.content?.['application/json']?.schema);
          if (['key', 'token', 'secret'].some((n) => names.has(n))) holding.push(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
        }
      }
    }
    expect([...new Set(holding)].sort()).toEqual([...NEVER_COMPRESSED].sort());
  });

  it('compresses /metrics for a scraper that accepts it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString('utf8')).toMatch(/smp_http_request_duration_seconds/);
  });

  // app.ts's rule, which answers before the plugin could decompress: kept as the plugin came in
  it('still refuses a compressed request body with 415', async () => {
    const auth = await t.auth();
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/v1/clinic/settings',
      payload: gzipSync(Buffer.from('{"retentionDays": 30}')),
      headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().type).toMatch(/unsupported-content-encoding/);
  });
});
