// Real analyses through the routes, each answer checked two ways: against the OpenAPI document's schema
// for it (ajv), and against the stored record as presentConsultation shows it. fastify-type-provider-zod
// serializes every answer with its response schema, so a field the schema made stricter than the pipeline
// would be a 500, and one it did not pass through would be missing: the second check shows neither.
// People from ../shared (men at several stages, one sent as a woman), a photo without a head, photos
// too dark and too blurred to grade, stated scars with a photo sent twice, the asynchronous form, a plan
// edit with dots already done, and a failed analysis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { HAS_SHARED, labels, sharedPhoto, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';
import { presentConsultation } from '../../src/api/present.js';
import { NORWOOD_STAGES } from '../../src/vision/norwood/types.js';

type Schema = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>> };

const ajv = new Ajv2020({ strict: false, allErrors: true });
// ajv-formats is CommonJS: its function is the default export's default under NodeNext
(addFormatsModule as unknown as typeof addFormatsModule.default)(ajv);

let t: TestApp;
let doc: Doc;
let auth: Record<string, string>;
let clinicId: string;

beforeAll(async () => {
  if (!HAS_SHARED) return;
  t = await build({ workers: 2 });
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  auth = await t.auth('openapi-results');
  clinicId = (await t.app.store.getClinicByName('openapi-results'))!.id;
});
afterAll(async () => t?.close());

/** A person's photo of a dataset view ('front', 'top-down', 'left', 'right', 'back'). */
function photo(subject: string, view: string): Buffer {
  const row = labels().find((r) => r.subject === subject && r.view === view);
  if (!row) throw new Error(`no ${view} photo of ${subject}`);
  return sharedPhoto(row);
}

/** What does not fit: the documented schema of this status and media type, then the stored record. */
async function misfits(method: string, path: string, res: LightMyRequestResponse): Promise<string[]> {
  const response = doc.paths[path]?.[method.toLowerCase()]?.responses[String(res.statusCode)];
  if (!response) return [`${method} ${path}: status ${res.statusCode} is not documented`];
  const type = String(res.headers['content-type']).split(';')[0].trim();
  const schema = response.content?.[type]?.schema;
  if (!schema) return [`${method} ${path} ${res.statusCode}: ${type} is not documented`];
  const out: string[] = [];
  const body = res.json();
  if (!ajv.validate(schema, body)) out.push(`${method} ${path} ${res.statusCode}: ${ajv.errorsText(ajv.errors)}`);
  if (res.statusCode < 300) {
    // the answer is the record as presentConsultation shows it: nothing dropped or changed on the way out
    const rec = await t.app.store.getRecord('consultation', clinicId, body.id);
    const files = rec?.status === 'completed' ? await t.app.blobs.list(clinicId, body.id) : [];
    const shown = JSON.parse(JSON.stringify(presentConsultation(rec!, res.statusCode === 202 ? [] : files)));
    // a 202 is the record as it was when accepted; it may have moved on since
    if (res.statusCode !== 202) expect(body, `${method} ${path} ${res.statusCode}: the stored record`).toEqual(shown);
  }
  return out;
}

/** POST, then GET the same record: both answers checked. */
async function consult(parts: Part[], query = ''): Promise<Record<string, any>> {
  const { body, headers } = multipart(parts);
  const res = await t.app.inject({ method: 'POST', url: `/v1/consultations${query}`, payload: body, headers: { ...headers, ...auth } });
  expect(res.statusCode, res.body).toBe(query ? 202 : 201);
  expect(await misfits('POST', '/v1/consultations', res)).toEqual([]);
  const id = res.json().id as string;
  let got = await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth });
  for (let i = 0; i < 600 && got.json().status === 'processing'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    got = await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth });
  }
  expect(got.statusCode, got.body).toBe(200);
  expect(await misfits('GET', '/v1/consultations/{id}', got)).toEqual([]);
  if (!query) expect(got.json()).toEqual(res.json());
  return got.json();
}

const file = (name: string, value: Buffer): Part => ({ name, value, filename: `${name}.jpg`, contentType: 'image/jpeg' });

if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);

describe.skipIf(!HAS_SHARED)('real consultations fit the OpenAPI document and come back whole', () => {
  it('a man, front and top: graded, planned, every contract field typed as documented', async () => {
    const b = await consult([file('front', photo('L3-004', 'front')), file('top', photo('L3-004', 'top-down'))]);
    expect(b.assessable).toBe(true);
    expect(NORWOOD_STAGES).toContain(b.norwood.stage);
    expect(b.norwood.level).toBeGreaterThanOrEqual(1);
    expect(Object.values(b.norwood.probabilities as Record<string, number>).reduce((a, p) => a + p, 0)).toBeCloseTo(1, 3);
    expect(typeof b.skinTone.ita).toBe('number');
    expect(b.photos[0].coverage).toEqual({ hair: expect.any(Number), skin: expect.any(Number), scar: expect.any(Number) });
    expect(b.plan.sessions[0]).toMatchObject({ index: 0, dots: expect.any(Number), densityPerCm2: expect.any(Number), dilution: expect.any(Object), needle: expect.any(Object) });
    expect(b.plan.totalDots).toBeGreaterThan(0);
  });

  it('five views of a man at the last stage', async () => {
    const s = 'L7-010';
    const b = await consult([file('front', photo(s, 'front')), file('top', photo(s, 'top-down')), file('left', photo(s, 'left')), file('right', photo(s, 'right')), file('back', photo(s, 'back'))]);
    expect(b.photos).toHaveLength(5);
    expect(b.norwood.views).toHaveLength(5);
  });

  it('a woman: graded on the Ludwig scale', async () => {
    const b = await consult([file('front', photo('L5-010', 'front')), file('top', photo('L5-010', 'top-down')), { name: 'sex', value: 'female' }, { name: 'age', value: '52' }]);
    expect(b.pattern).toBe('ludwig');
    expect(b.ludwig).toMatchObject({ assessable: expect.any(Boolean) });
    expect(b.input).toMatchObject({ sex: 'female', age: 52 });
  });

  it('a photo without a head, sent as auto: not assessable, no view read, no grade', async () => {
    const w = 640, h = 480;
    const raw = Buffer.alloc(w * h * 3);
    for (let i = 0; i < w * h; i++) raw.set(i < (w * h) / 2 ? [120 + (i % 50), 170, 230] : [40, 120 + (i % 30), 50], i * 3);
    const landscape = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg().toBuffer();
    const b = await consult([file('auto', landscape)]);
    expect(b.assessable).toBe(false);
    expect(b.norwood).toMatchObject({ stage: null, level: null, probabilities: null });
    expect(b.photos[0]).toMatchObject({ viewSource: 'none', coverage: null, skinTone: null, headFound: false });
    expect(b.skinTone).toBeNull();
    expect(b.plan).toBeNull();
  });

  it('photos too dark and too blurred to grade', async () => {
    const dark = await sharp(photo('L7-010', 'front')).linear(0.06, 0).jpeg().toBuffer();
    const blurred = await sharp(photo('L3-004', 'top-down')).blur(12).jpeg().toBuffer();
    const b = await consult([file('front', dark), file('top', blurred)]);
    expect(b.assessable).toBe(false);
    expect(b.photos[0].quality.assessable).toBe(false);
    expect(b.reasons.length).toBeGreaterThan(0);
  });

  it('stated scars and goals, views classified, a photo sent twice; asynchronously (202, then polled)', async () => {
    const top = photo('L5-010', 'top-down');
    const b = await consult(
      [
        file('back', photo('L5-010', 'back')),
        file('auto', top),
        { ...file('auto', top), filename: 'again.jpg' },
        { name: 'goals', value: 'scar camouflage' },
        { name: 'notes', value: 'FUT in 2019' },
        { name: 'scars', value: JSON.stringify([{ kind: 'linear', ageMonths: 60, raised: false }]) },
        { name: 'clientRef', value: 'P-openapi-1' },
      ],
      '?async=true',
    );
    expect(b.status).toBe('completed');
    expect(b.photos.map((p: { viewSource: string }) => p.viewSource)).toEqual(['given', 'classified', 'classified']);
    expect(b.scars.planned[0]).toMatchObject({ kind: 'linear', source: expect.stringMatching(/^stated/) });
    expect(b.clientRef).toBe('P-openapi-1');

    // a plan edit with dots already done: its answer, and the plan request it shows (dots as a count)
    const done = b.planRequest.sessions[0].index as number;
    const edit = await t.app.inject({
      method: 'POST',
      url: `/v1/consultations/${b.id}/plan`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: { existingDots: { x: [100, 120, 140], y: [100, 100, 100], session: [done, done, done] } },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await misfits('POST', '/v1/consultations/{id}/plan', edit)).toEqual([]);
    expect(edit.json().planRequest.existingDots).toEqual({ count: 3, sessions: [done] });
  });

  it('a failed analysis: the record and its error', async () => {
    const whole = photo('L3-004', 'front');
    // cut past its header (a cut inside it is refused before the 202 now, as without ?async)
    const truncated = Buffer.concat([whole.subarray(0, Math.floor(whole.length / 2)), Buffer.alloc(400)]);
    const b = await consult([file('front', truncated)], '?async=true');
    expect(b.status).toBe('failed');
    expect(b.error).toMatchObject({ title: expect.any(String), detail: expect.any(String), field: 'front', photo: 1 });
  });
});
