// The OpenAPI document against what the routes really answer: each response's status, media type and
// body, checked with ajv against the document's own schema for it (clients generated from the document
// rely on all three).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { build, buildWithEnv, untilShedding, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';

type Media = Record<string, { schema?: object }>;
type Operation = { requestBody?: { required?: boolean }; responses: Record<string, { content?: Media }> };

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its function is the default export's default under NodeNext
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
addFormats(ajv);

beforeAll(async () => {
  t = await build();
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => t?.close());

/** What in the document does not fit the response (empty when all of it does). */
function misfits(method: string, path: string, res: LightMyRequestResponse): string[] {
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) return [`${method} ${path} is not documented`];
  const response = op.responses[String(res.statusCode)];
  if (!response) return [`${method} ${path}: status ${res.statusCode} is not documented (${Object.keys(op.responses).join(', ')})`];
  if (!response.content) return res.body.length ? [`${method} ${path} ${res.statusCode}: documented without a body, sent one`] : [];
  const type = String(res.headers['content-type']).split(';')[0].trim();
  const media = response.content[type];
  if (!media) return [`${method} ${path} ${res.statusCode}: sent ${type}, documented ${Object.keys(response.content).join(', ')}`];
  if (media.schema && /json$/.test(type) && !ajv.validate(media.schema, res.json())) {
    return [`${method} ${path} ${res.statusCode}: body does not fit its schema: ${ajv.errorsText(ajv.errors)}`];
  }
  return [];
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('error responses', () => {
  it('are documented as the application/problem+json they are sent as, with the problem schema', async () => {
    const auth = await t.auth('openapi-errors');
    const json = { ...auth, 'content-type': 'application/json' };
    const cases: [string, string, InjectOptions][] = [
      ['GET', '/v1/consultations/{id}', { method: 'GET', url: `/v1/consultations/${UNKNOWN}`, headers: auth }],
      ['GET', '/v1/consultations/{id}', { method: 'GET', url: `/v1/consultations/${UNKNOWN}` }],
      ['GET', '/v1/consultations', { method: 'GET', url: '/v1/consultations?limit=0', headers: auth }],
      ['GET', '/v1/consultations/{id}/files/{name}', { method: 'GET', url: `/v1/consultations/${UNKNOWN}/files/report.pdf`, headers: auth }],
      ['GET', '/v1/clients/{clientRef}/export', { method: 'GET', url: '/v1/clients/P-none/export', headers: auth }],
      ['GET', '/v1/clients/{clientRef}/export', { method: 'GET', url: '/v1/clients/P-none/export' }],
      ['DELETE', '/v1/clinic/keys/{id}', { method: 'DELETE', url: `/v1/clinic/keys/${UNKNOWN}`, headers: auth }],
      ['POST', '/v1/upload-tokens', { method: 'POST', url: '/v1/upload-tokens', headers: json, payload: { ttlMinutes: 0 } }],
      ['GET', '/v1/clinic/webhook', { method: 'GET', url: '/v1/clinic/webhook', headers: auth }],
    ];
    const found: string[] = [];
    for (const [method, path, request] of cases) {
      const res = await t.app.inject(request);
      expect(res.statusCode, `${method} ${request.url}`).toBeGreaterThanOrEqual(400);
      found.push(...misfits(method, path, res));
    }
    expect(found).toEqual([]);
  });

  it("/ready's 503 is documented both ways: not-ready JSON, and load shedding's problem+json", () => {
    const content = doc.paths['/ready'].get.responses['503'].content!;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/problem+json']);
    expect(ajv.validate(content['application/json'].schema!, { status: 'not-ready', checks: { store: 'ok', segmentation: 'failed: x' } })).toBe(true);
    expect(ajv.validate(content['application/problem+json'].schema!, { type: 'https://smp.example/problems/overloaded', title: 'Service overloaded', status: 503, detail: 'x' })).toBe(true);
  });
});

describe('answers given before the route runs', () => {
  it('a JSON body of the wrong media type (415) or over the size limit (413) is documented', async () => {
    const auth = await t.auth('openapi-body');
    const found: string[] = [];
    for (const [method, path, url] of [
      ['POST', '/v1/upload-tokens', '/v1/upload-tokens'],
      ['PUT', '/v1/clinic/settings', '/v1/clinic/settings'],
      ['POST', '/v1/consultations/{id}/plan', `/v1/consultations/${UNKNOWN}/plan`],
    ] as const) {
      const wrongType = await t.app.inject({ method, url, headers: { ...auth, 'content-type': 'text/plain' }, payload: '{}' });
      expect(wrongType.statusCode).toBe(415);
      const tooLarge = await t.app.inject({ method, url, headers: { ...auth, 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'a'.repeat(9 * 1024 * 1024) }) });
      expect(tooLarge.statusCode).toBe(413);
      found.push(...misfits(method, path, wrongType), ...misfits(method, path, tooLarge));
    }
    expect(found).toEqual([]);
  });

  it('documents the merge-patch media type, the response headers clients act on, and how to send a "/" in a clientRef', () => {
    type Op = { requestBody?: { content: Record<string, unknown> }; parameters?: { in: string; name: string; description?: string }[]; responses: Record<string, { headers?: Record<string, unknown> }> };
    const op = (path: string, method: string) => doc.paths[path][method] as unknown as Op;
    expect(Object.keys(op('/v1/clinic/settings', 'patch').requestBody!.content).sort()).toEqual(['application/json', 'application/merge-patch+json']);
    for (const [path, method] of [['/health', 'get'], ['/v1/consultations/{id}', 'get'], ['/v1/clinic/settings', 'put']] as const) {
      for (const [code, response] of Object.entries(op(path, method).responses)) expect(Object.keys(response.headers ?? {}), `${method} ${path} ${code}`).toContain('X-Request-Id');
    }
    const create = op('/v1/consultations', 'post').responses;
    for (const code of ['201', '202']) expect(Object.keys(create[code].headers!), code).toEqual(expect.arrayContaining(['Location', 'Idempotent-Replayed', 'X-Request-Id']));
    expect(Object.keys(op('/v1/audits', 'post').responses['201'].headers!)).toEqual(expect.arrayContaining(['Location', 'Idempotent-Replayed']));
    for (const code of ['202', '409', '429', '503']) expect(Object.keys(create[code].headers!), code).toContain('Retry-After');
    expect(Object.keys(op('/v1/consultations/{id}/plan', 'post').responses['409'].headers!)).toContain('Retry-After');
    const ref = op('/v1/clients/{clientRef}', 'get').parameters!.find((p) => p.in === 'path' && p.name === 'clientRef')!;
    expect(ref.description).toContain('%2F');
  });

  it("a 413 body-too-large says the route's limit, and the document gives each route's", async () => {
    const auth = await t.auth('openapi-limit');
    const big = JSON.stringify({ x: 'a'.repeat(9 * 1024 * 1024) });
    for (const [method, path, url, limit, bytes] of [
      ['POST', '/v1/upload-tokens', '/v1/upload-tokens', '1 MiB', 2 ** 20],
      ['POST', '/v1/consultations/{id}/plan', `/v1/consultations/${UNKNOWN}/plan`, '8 MiB', 8 * 2 ** 20],
    ] as const) {
      const res = (await t.app.inject({ method, url, headers: { ...auth, 'content-type': 'application/json' }, payload: big })).json();
      expect(res).toMatchObject({ status: 413, detail: `the body is over ${limit}, the limit of ${method} ${path.replace('{id}', ':id')}`, maxBodyBytes: bytes });
      const op = doc.paths[path][method.toLowerCase()] as Operation & { description?: string; responses: Record<string, { description?: string }> };
      expect(op.description).toContain(`The JSON body may be at most ${limit}`);
      expect(op.responses['413'].description).toBe(`body-too-large: the JSON body is over ${limit}, this route's limit`);
    }
  });

  it('a body type a route does not take is documented as 415 even where it takes no body; reads document no upload statuses', async () => {
    const auth = await t.auth('openapi-415');
    const found: string[] = [];
    for (const [method, path, url] of [
      ['POST', '/v1/clinic/webhook/test', '/v1/clinic/webhook/test'],
      ['DELETE', '/v1/clinic/keys/{id}', `/v1/clinic/keys/${UNKNOWN}`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { ...auth, 'content-type': 'text/plain' }, payload: 'hello' });
      expect(res.statusCode, url).toBe(415);
      found.push(...misfits(method, path, res));
    }
    expect(found).toEqual([]);
    for (const path of ['/v1/consultations', '/v1/audits']) {
      expect(Object.keys(doc.paths[path].post.responses), path).toEqual(expect.arrayContaining(['408', '413', '415', '422']));
      expect(Object.keys(doc.paths[`${path}/{id}`].get.responses), path).not.toEqual(expect.arrayContaining(['410']));
      expect(Object.keys(doc.paths[`${path}/{id}`].get.responses), path).not.toContain('422');
    }
  });

  // The OpenAPI review (session 43): a body over the limit sent to a route that takes none answered 413,
  // which its entry did not list.
  it('a body over the limit sent to a route that takes none (a DELETE, the webhook test) is a documented 413', async () => {
    const auth = await t.auth('openapi-413-nobody');
    const big = JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) });
    const found: string[] = [];
    for (const [method, path, url] of [
      ['POST', '/v1/clinic/webhook/test', '/v1/clinic/webhook/test'],
      ['DELETE', '/v1/consultations/{id}', `/v1/consultations/${UNKNOWN}`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { ...auth, 'content-type': 'application/json' }, payload: big });
      expect(res.statusCode, url).toBe(413);
      found.push(...misfits(method, path, res));
    }
    expect(found).toEqual([]);
    // a GET reads no body: no 413 to document
    expect(Object.keys(doc.paths['/v1/consultations/{id}'].get.responses)).not.toContain('413');
  });

  it("documents what the service checks: a redelivery's 202 and 409 without Retry-After, a woman's zones, the settings' card bounds, a non-empty hairColour", () => {
    const redeliver = doc.paths['/v1/clinic/webhook/deliveries/{id}/redeliver'].post.responses as Record<string, { headers?: Record<string, unknown> }>;
    expect(Object.keys(redeliver['202'].headers ?? {})).not.toContain('Retry-After');
    expect(Object.keys(redeliver['409']?.headers ?? {})).not.toContain('Retry-After');
    const created = doc.paths['/v1/consultations'].post.responses['201'].content!['application/json'].schema as any;
    const ludwig = created.properties.ludwig.anyOf.find((x: any) => x.type === 'object');
    expect(ludwig.properties.measurements.properties).toHaveProperty('zones');
    const patch = (doc.paths['/v1/clinic/settings'].patch as any).requestBody.content['application/json'].schema;
    const card = JSON.stringify(patch.properties.scaleReference);
    expect(card).toMatch(/"minimum":10/);
    expect(card).toMatch(/"maximum":400/);
    const form = (doc.paths['/v1/consultations'].post as any).requestBody.content['multipart/form-data'].schema;
    expect(form.properties.hairColour.minLength).toBe(1);
  });

  it('documents the headers the service sends: rate-limit counts, WWW-Authenticate on 401, Content-Disposition on files', async () => {
    const op = doc.paths['/v1/consultations'].get.responses as Record<string, { headers?: Record<string, unknown> }>;
    const refused = await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: { authorization: 'Bearer smp_wrong' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toBeDefined();
    expect(Object.keys(op['401'].headers ?? {})).toContain('WWW-Authenticate');
    const listed = await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth('openapi-headers') });
    expect(listed.statusCode).toBe(200);
    for (const h of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset']) {
      expect(listed.headers[h.toLowerCase()], h).toBeDefined();
      expect(Object.keys(op['200'].headers ?? {}), h).toContain(h);
      expect(refused.headers[h.toLowerCase()], h).toBeUndefined();
    }
    const files = doc.paths['/v1/consultations/{id}/files/{name}'].get.responses as Record<string, { headers?: Record<string, unknown> }>;
    expect(Object.keys(files['200'].headers ?? {})).toContain('Content-Disposition');
  });

  it("the rate limit's 429 is documented on the /v1 routes", async () => {
    const limited = await buildWithEnv({ SMP_RATE_LIMIT_PER_MIN: '1' });
    try {
      const auth = await limited.auth();
      await limited.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth }); // the minute's one request
      const found: string[] = [];
      for (const [method, path, url] of [
        ['GET', '/v1/consultations', '/v1/consultations'],
        ['GET', '/v1/consultations/{id}', `/v1/consultations/${UNKNOWN}`],
        ['GET', '/v1/clients/{clientRef}/export', '/v1/clients/P-1/export'],
        ['GET', '/v1/clinic/keys', '/v1/clinic/keys'],
      ] as const) {
        const res = await limited.app.inject({ method, url, headers: auth });
        expect(res.statusCode, url).toBe(429);
        found.push(...misfits(method, path, res));
      }
      expect(found).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it("load shedding's 503 is documented on every route", async () => {
    const shedding = await buildWithEnv({ SMP_MAX_RSS_BYTES: '1' }); // any process is over it at the first sample
    try {
      const auth = await shedding.auth();
      await untilShedding(shedding);
      const found: string[] = [];
      for (const [method, path, url] of [
        ['GET', '/health', '/health'],
        ['GET', '/v1/clinic', '/v1/clinic'],
        ['GET', '/v1/consultations/{id}/files/{name}', `/v1/consultations/${UNKNOWN}/files/report.pdf`],
        ['DELETE', '/v1/clients/{clientRef}', '/v1/clients/P-1'],
      ] as const) {
        const answer = await shedding.app.inject({ method, url, headers: auth });
        expect(answer.statusCode, url).toBe(503);
        found.push(...misfits(method, path, answer));
      }
      expect(found).toEqual([]);
    } finally {
      await shedding.close();
    }
  });
});

describe('request bodies', () => {
  it('a JSON body with a default may be left out, as documented; one without must be sent', async () => {
    const auth = await t.auth('openapi-no-body');
    const before = Date.now();
    const token = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth });
    expect(token.statusCode, token.body).toBe(201);
    const minutes = (Date.parse(token.json().expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(58); // the default 60 minutes
    expect(minutes).toBeLessThan(61);
    const key = await t.app.inject({ method: 'POST', url: '/v1/clinic/keys', headers: auth });
    expect(key.statusCode, key.body).toBe(201);
    expect(key.json().label).toBeNull();
    expect([...misfits('POST', '/v1/upload-tokens', token), ...misfits('POST', '/v1/clinic/keys', key)]).toEqual([]);
    expect(doc.paths['/v1/upload-tokens'].post.requestBody?.required).toBe(false);
    expect(doc.paths['/v1/clinic/keys'].post.requestBody?.required).toBe(false);

    // PUT /v1/clinic/settings replaces the settings whole: its body has no default and stays required
    const settings = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', headers: auth });
    expect(settings.statusCode).toBe(400);
    expect(doc.paths['/v1/clinic/settings'].put.requestBody?.required).toBe(true);
    // a body sent as JSON null is not a body left out
    const asNull = await t.app.inject({ method: 'POST', url: '/v1/clinic/keys', headers: { ...auth, 'content-type': 'application/json' }, payload: 'null' });
    expect(asNull.statusCode).toBe(400);
  });
});

/** The schema at `path` under `schema`: through nullable's anyOf, and `[]` into an array's items. */
function at(schema: Record<string, any>, path: string): Record<string, any> {
  let s = schema;
  for (const step of path.split('.')) {
    s = s.anyOf?.find((v: { type?: string }) => v.type !== 'null') ?? s;
    s = step === '[]' ? s.items : s.properties?.[step];
    if (!s) throw new Error(`no ${step} in ${path}`);
  }
  return s.anyOf?.find((v: { type?: string }) => v.type !== 'null') ?? s;
}
const nullable = (schema: Record<string, any>, path: string): boolean => {
  const [parent, last] = [path.split('.').slice(0, -1).join('.'), path.split('.').at(-1)!];
  const s = (parent ? at(schema, parent) : schema).properties[last];
  return (s.anyOf ?? []).some((v: { type?: string }) => v.type === 'null');
};

describe('consultation answers', () => {
  const consultation = () => {
    const ok = {
      'POST /v1/consultations 201': doc.paths['/v1/consultations'].post.responses['201'],
      'POST /v1/consultations 202': doc.paths['/v1/consultations'].post.responses['202'],
      'GET /v1/consultations/{id} 200': doc.paths['/v1/consultations/{id}'].get.responses['200'],
      'POST /v1/consultations/{id}/plan 200': doc.paths['/v1/consultations/{id}/plan'].post.responses['200'],
    };
    return Object.entries(ok).map(([name, r]) => [name, r.content!['application/json'].schema as Record<string, any>] as const);
  };

  it('type the DESIGN.md section 3 contract fields, in every answer that carries a consultation', () => {
    for (const [name, s] of consultation()) {
      const where = (p: string) => `${name}: ${p}`;
      expect(new Set(at(s, 'norwood.stage').enum), where('norwood.stage')).toEqual(new Set(['1', '2', '2A', '3', '3A', '3V', '4', '4A', '5', '5A', '6', '7']));
      expect(nullable(s, 'norwood.stage'), where('norwood.stage null')).toBe(true);
      expect(at(s, 'norwood.level'), where('norwood.level')).toMatchObject({ type: 'integer', minimum: 1, maximum: 7 });
      expect(nullable(s, 'norwood.level')).toBe(true);
      expect(at(s, 'norwood.probabilities').additionalProperties, where('norwood.probabilities')).toEqual({ type: 'number' });
      expect(at(s, 'norwood.confidence').type).toBe('number');
      expect(at(s, 'assessable').type).toBe('boolean');
      expect(at(s, 'reasons.[]').type).toBe('string');
      expect(at(s, 'skinTone.ita').type).toBe('number');
      expect(at(s, 'skinTone.lab').prefixItems, where('skinTone.lab')).toEqual([{ type: 'number' }, { type: 'number' }, { type: 'number' }]);
      expect(at(s, 'skinTone.fitzpatrick')).toMatchObject({ type: 'integer', minimum: 1, maximum: 6 });
      expect(at(s, 'skinTone.monk')).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
      expect(at(s, 'skinTone').required, where('skinTone')).toEqual(expect.arrayContaining(['ita', 'lab', 'fitzpatrick', 'monk']));
      expect(at(s, 'photos.[].view').enum).toEqual(expect.arrayContaining(['front', 'top', 'left', 'right', 'back', 'closeup']));
      for (const k of ['hair', 'skin', 'scar']) expect(at(s, `photos.[].coverage.${k}`).type, where(`coverage.${k}`)).toBe('number');
      expect(at(s, 'photos.[].skinTone.ita').type).toBe('number');
      const session = at(s, 'plan.sessions.[]');
      expect(session.required, where('plan.sessions[k]')).toEqual(expect.arrayContaining(['index', 'dots', 'densityPerCm2', 'dilution', 'needle']));
      expect(session.properties.dots.type).toBe('integer');
      expect(session.properties.dilution.properties.waterParts.type).toBe('number');
      expect(session.properties.needle.properties.code.type).toBe('string');
      expect(at(s, 'plan.totalDots').type).toBe('integer');
      expect(at(s, 'recommendation.sessions.[].dilution.value.label').type).toBe('string');
      // nested objects keep what they do not name: the serializer passes it through unchanged
      for (const p of ['norwood', 'skinTone', 'plan', 'plan.sessions.[]', 'photos.[]', 'recommendation']) expect(at(s, p).additionalProperties, where(p)).toEqual({});
    }
  });

  it("name every field a completed consultation answers, top level and per photo", async () => {
    const auth = await t.auth('openapi-fields');
    const { body, headers } = multipart([{ name: 'closeup', value: await texturedJpeg(320, 240), filename: 'c.jpg' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    expect(misfits('POST', '/v1/consultations', res)).toEqual([]);
    const answer = res.json();
    for (const [name, s] of consultation()) {
      expect(Object.keys(answer).filter((k) => !(k in s.properties)), name).toEqual([]);
      expect(Object.keys(answer.photos[0]).filter((k) => !(k in at(s, 'photos.[]').properties)), name).toEqual([]);
    }
    for (const k of ['input', 'pattern', 'ludwig', 'hairColour', 'contrast', 'colourNotes', 'scars', 'planRequest', 'timingsMs']) expect(answer, k).toHaveProperty(k);
    for (const k of ['skinTone', 'scars', 'metadataRemoved', 'gpsRemoved', 'viewSource', 'viewConfidence']) expect(answer.photos[0], k).toHaveProperty(k);
  });

  it('document 500 and 507 with the requestId their bodies carry, and the extension members problems carry', async () => {
    for (const [path, method] of [['/v1/consultations', 'post'], ['/v1/consultations/{id}', 'get'], ['/v1/consultations/{id}', 'delete'], ['/v1/audits', 'post'], ['/v1/audits/{id}', 'get']] as const) {
      const responses = doc.paths[path][method].responses;
      for (const code of ['500', '507']) {
        expect(Object.keys(responses[code]?.content ?? {}), `${method} ${path} ${code}`).toEqual(['application/problem+json']);
        expect((responses[code].content!['application/problem+json'].schema as any).properties.requestId.type).toBe('string');
      }
    }
    // every other /v1 route documents a failure of its own too (app.ts onRoute)
    for (const [path, ops] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/v1/'))) {
      for (const [method, op] of Object.entries(ops as Record<string, { responses?: Record<string, unknown> }>)) {
        if (op?.responses) expect(op.responses['500'], `${method} ${path} 500`).toBeDefined();
      }
    }
    const upload = doc.paths['/v1/consultations'].post.responses;
    const problem = (code: string) => (upload[code].content!['application/problem+json'].schema as any).properties;
    expect(Object.keys(problem('400'))).toEqual(expect.arrayContaining(['field', 'photo', 'issues', 'max']));
    expect(Object.keys(problem('413'))).toEqual(expect.arrayContaining(['field', 'maxFileBytes', 'limitBytes', 'maxPixels']));
    expect(Object.keys(problem('415'))).toContain('detected');
    expect(Object.keys(problem('422'))).toEqual(expect.arrayContaining(['photo', 'decoderMessage', 'minSide']));
    expect(Object.keys(problem('503'))).toEqual(expect.arrayContaining(['inFlightBytes', 'capacityBytes']));

    // as the service really answers them: a failure of its own (500), a full disk (507)
    const auth = await t.auth('openapi-500');
    const store = t.app.store;
    const getRecord = store.getRecord;
    const failing = '00000000-0000-4000-8000-0000000005a0';
    const found: string[] = [];
    try {
      for (const [status, err] of [
        [500, new Error('a bug')],
        [507, Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })],
      ] as const) {
        store.getRecord = (async (...args: Parameters<typeof getRecord>) => (args[2] === failing ? Promise.reject(err) : getRecord.apply(store, args))) as typeof getRecord;
        const res = await t.app.inject({ method: 'GET', url: `/v1/consultations/${failing}`, headers: auth });
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().requestId).toBe(res.headers['x-request-id']);
        found.push(...misfits('GET', '/v1/consultations/{id}', res));
      }
    } finally {
      store.getRecord = getRecord;
    }
    expect(found).toEqual([]);
  });
});
