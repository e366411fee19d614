// The OpenAPI document against what the routes really answer: each response's status, media type and
// body, checked with ajv against the document's own schema for it (clients generated from the document
// rely on all three).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { build, type TestApp } from '../helpers/app.js';

type Media = Record<string, { schema?: object }>;
type Operation = { responses: Record<string, { content?: Media }> };

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
