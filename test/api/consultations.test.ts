// The consultation API through app.inject(): contracts, bad input with its statuses, isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { gzipSync } from 'node:zlib';
import { build, type TestApp } from '../helpers/app.js';
import { ConsultationMetaSchema } from '../../src/api/schemas/consultation.js';
import { DEFAULT_CLINIC_TABLE } from '../../src/plan/recommend/index.js';
import { VIEWS } from '../../src/vision/geometry/types.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { pngBomb, texturedJpeg } from '../helpers/images.js';
import { HAS_SHARED, labels, photoOf, sharedPhoto, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';

let t: TestApp;
let jpeg: Buffer;

beforeAll(async () => {
  t = await build({ maxFileBytes: 3 * 1024 * 1024 });
  jpeg = await texturedJpeg(64, 64);
});
afterAll(async () => t?.close());

async function post(parts: Part[], clinic = 'clinic-a', query = '') {
  const { body, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: `/v1/consultations${query}`, payload: body, headers: { ...headers, ...(await t.auth(clinic)) } });
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number, slug: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.status).toBe(status);
  expect(body.type).toMatch(new RegExp(`/${slug}$`));
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('service endpoints', () => {
  it('GET /health is live without auth', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves OpenAPI 3.1 generated from the schemas, with the multipart body documented', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/v1/consultations'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.front.format).toBe('binary');
    // every text field the upload accepts is documented, and nothing else
    const documented = Object.keys(post.requestBody.content['multipart/form-data'].schema.properties).filter((k) => ![...VIEWS, 'auto'].includes(k as never));
    expect(documented.sort()).toEqual(Object.keys(ConsultationMetaSchema.shape).sort());
    expect(doc.paths['/v1/consultations/{id}'].get).toBeDefined();
    expect(doc.paths['/v1/consultations/{id}'].delete).toBeDefined();
    // files are bytes: each type a stored file can have is documented as binary
    for (const path of ['/v1/consultations/{id}/files/{name}', '/v1/audits/{id}/files/{name}']) {
      const content = doc.paths[path].get.responses['200'].content;
      expect(Object.keys(content)).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/svg+xml', 'application/pdf', 'text/csv; charset=utf-8']));
      expect(content['image/jpeg'].schema).toEqual({ type: 'string', format: 'binary' });
    }
  });

  it('serves Swagger UI at /docs and Prometheus metrics at /metrics', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
    const m = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(m.body).toMatch(/smp_http_request_duration_seconds/);
    expect(m.body).toMatch(/smp_queue_depth/);
    expect(m.body).toMatch(/smp_analysis_stage_duration_seconds/);
  });

  it('answers unknown routes with problem+json 404', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/nope' }), 404, 'not-found');
  });

  it('answers a path it has, asked with a method it does not take there, with 405 and Allow', async () => {
    const auth = await t.auth();
    const cases: [string, string, string][] = [
      ['PUT', '/v1/consultations', 'GET, HEAD, POST'],
      ['PATCH', '/v1/consultations/00000000-0000-4000-8000-000000000000', 'GET, HEAD, DELETE'],
      ['POST', '/v1/clinic', 'GET, HEAD, DELETE'],
      ['OPTIONS', '/health', 'GET, HEAD'],
    ];
    for (const [method, url, allow] of cases) {
      const res = await t.app.inject({ method: method as 'PUT', url, headers: auth });
      expectProblem(res, 405, 'method-not-allowed');
      expect(res.headers.allow, `${method} ${url}`).toBe(allow);
    }
    // a path it does not have stays 404, whatever the method
    expectProblem(await t.app.inject({ method: 'PUT', url: '/v1/nope', headers: auth }), 404, 'not-found');
    // and credentials come first on /v1, as for every other answer there
    expectProblem(await t.app.inject({ method: 'PUT', url: '/v1/consultations' }), 401, 'unauthorized');
  });
});

describe('auth', () => {
  it('requires a Bearer key on /v1 and refuses unknown keys', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations' }), 401, 'unauthorized');
    const bad = await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: { authorization: 'Bearer smp_nope' } });
    expectProblem(bad, 401, 'unauthorized');
  });
});

describe('POST /v1/consultations refuses bad input with a fitting status', () => {
  it('zero bytes -> 400', async () => {
    expectProblem(await post([{ name: 'front', value: new Uint8Array(0), filename: 'front.jpg', contentType: 'image/jpeg' }]), 400, 'empty-file');
  });

  it('a truncated JPEG -> 422', async () => {
    const full = await texturedJpeg(400, 400);
    expectProblem(await post([{ name: 'front', value: full.subarray(0, full.length >> 1), filename: 'front.jpg' }]), 422, 'corrupt-image');
  });

  it('a refused upload is not in the access log as created; a kept one is', async () => {
    const auth = await t.auth('clinic-refused-log');
    const full = await texturedJpeg(400, 400);
    expectProblem(await post([{ name: 'front', value: full.subarray(0, full.length >> 1), filename: 'front.jpg' }], 'clinic-refused-log'), 422, 'corrupt-image');
    const log = async () => (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: auth })).json().items as { action: string; target: string }[];
    expect((await log()).filter((e) => e.action === 'create')).toEqual([]);
    const kept = await post([{ name: 'front', value: full }], 'clinic-refused-log');
    expect(kept.statusCode, kept.body).toBe(201);
    expect((await log()).filter((e) => e.action === 'create').map((e) => e.target)).toEqual([`consultation:${kept.json().id}`]);
  });

  it('a file name that is not UTF-8 is echoed with "?" for the bytes it cannot show, not with replacement boxes', async () => {
    const { body, headers } = multipart([{ name: 'top', value: Buffer.from('not a photo at all\n'.repeat(20)), filename: 'MXller.jpg', contentType: 'image/jpeg' }]);
    const at = body.indexOf('MXller');
    body[at + 1] = 0xfc; // Latin-1 ü
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...(await t.auth()) } });
    expect(expectProblem(res, 415, 'unsupported-media-type').detail).toContain('(M?ller.jpg)');
  });

  it('a text file named .jpg -> 415', async () => {
    const body = expectProblem(await post([{ name: 'top', value: Buffer.from('not a photo at all\n'.repeat(20)), filename: 'top.jpg', contentType: 'image/jpeg' }]), 415, 'unsupported-media-type');
    expect(body.field).toBe('top');
  });

  it('?async=true refuses what needs no decode before answering 202, as the synchronous form does, and keeps nothing', async () => {
    const clinic = 'clinic-async-refused';
    const auth = await t.auth(clinic);
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
    const cases: [string, Uint8Array, number, string][] = [
      ['x.gif', gif, 415, 'unsupported-media-type'],
      ['x.pdf', pdf, 415, 'unsupported-media-type'],
      ['x.jpg', Buffer.from('not a photo at all\n'.repeat(20)), 415, 'unsupported-media-type'],
      ['x.jpg', new Uint8Array(0), 400, 'empty-file'],
      // from the header, no decode: a decompression bomb and a photo too small to look at
      ['bomb.png', await pngBomb(20000), 413, 'too-many-pixels'],
      ['dot.png', await sharp({ create: { width: 1, height: 1, channels: 3, background: '#886655' } }).png().toBuffer(), 422, 'image-too-small'],
      ['strip.png', await sharp({ create: { width: 4000, height: 40, channels: 3, background: '#886655' } }).png().toBuffer(), 422, 'image-too-small'],
    ];
    for (const [filename, value, status, slug] of cases) {
      // the second photo is the bad one: the problem names it, as the synchronous answer does
      const parts: Part[] = [{ name: 'front', value: jpeg, filename: 'ok.jpg' }, { name: 'top', value, filename, contentType: 'image/jpeg' }];
      const sync = expectProblem(await post(parts, clinic), status, slug);
      const async = expectProblem(await post(parts, clinic, '?async=true'), status, slug);
      expect(async).toMatchObject({ field: 'top', photo: 2 });
      expect(async.detail).toBe(sync.detail);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: auth })).json().items).toEqual([]);
  });

  it('a small PNG that decodes to 20000x20000 -> 413', async () => {
    expectProblem(await post([{ name: 'front', value: await pngBomb(20000), filename: 'bomb.png' }]), 413, 'too-many-pixels');
  });

  it('a photo too small to measure -> 422 naming it, here and in the photo check', async () => {
    const dot = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#886655' } }).png().toBuffer();
    const body = expectProblem(await post([{ name: 'front', value: dot, filename: 'dot.png' }]), 422, 'image-too-small');
    expect(body).toMatchObject({ field: 'front', width: 1, height: 1 });
    const { body: payload, headers } = multipart([{ name: 'top', value: dot, filename: 'dot.png' }]);
    const check = await t.app.inject({ method: 'POST', url: '/v1/photo-checks', payload, headers: { ...headers, ...(await t.auth()) } });
    expect(expectProblem(check, 422, 'image-too-small').field).toBe('top');
  });

  it('an over-limit file -> 413', async () => {
    const body = expectProblem(await post([{ name: 'front', value: Buffer.alloc(3 * 1024 * 1024 + 10, 1), filename: 'big.jpg' }]), 413, 'file-too-large');
    expect(body).toMatchObject({ field: 'front', maxFileBytes: 3 * 1024 * 1024 });
    expect(body.detail).toContain('photo "front" is larger than the 3 MiB upload limit');
  });

  it('9 photos -> 400', async () => {
    const parts = Array.from({ length: 9 }, () => ({ name: 'auto', value: jpeg, filename: 'a.jpg' }));
    expectProblem(await post(parts), 400, 'too-many-photos');
  });

  it('no photo -> 400, unknown view -> 400, duplicate view -> 400', async () => {
    expectProblem(await post([{ name: 'sex', value: 'male' }]), 400, 'no-photos');
    expectProblem(await post([{ name: 'crown', value: jpeg, filename: 'c.jpg' }]), 400, 'unknown-view');
    expectProblem(await post([{ name: 'top', value: jpeg }, { name: 'top', value: jpeg }]), 400, 'duplicate-view');
  });

  it('unknown and invalid fields -> 400', async () => {
    expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'shoeSize', value: '44' }]), 400, 'unknown-field');
    // a photo's name sent as text (curl -F top=top.jpg, without the @) is told so, not called unknown
    const asText = expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'top', value: 'top.jpg' }]), 400, 'photo-as-text');
    expect(asText.detail).toBe('"top" must be a file part (a photo), but it came as a text field; with curl use -F top=@file.jpg');
    expect(asText.field).toBe('top');
    // and the other way: a text field sent as a file (curl -F notes=@notes.txt) is told so, not called a view
    const asFile = expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'notes', value: Buffer.from('thinning at the crown'), filename: 'notes.txt', contentType: 'text/plain' }]), 400, 'text-as-file');
    expect(asFile.detail).toBe('"notes" must be a text field, but it came as a file part; with curl use -F notes=<text> (or --form-string notes=<text>)');
    expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'age', value: 'old' }]), 400, 'invalid-field');
    // an empty age is not "too small", and hex or exponent spellings are not ages
    for (const value of ['', '0x28', '4e1', '42.5', '-40']) {
      const res = await post([{ name: 'front', value: jpeg }, { name: 'age', value }]);
      expect(expectProblem(res, 400, 'invalid-field').detail, value).toContain('age must be written as a plain whole number');
    }
    expect(expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'age', value: '12' }]), 400, 'invalid-field').detail).toMatch(/16/);
    expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'sex', value: 'robot' }]), 400, 'invalid-field');
    // bytes that are not UTF-8 (a Latin-1 form): refused, not stored as "���"
    const { body, headers } = multipart([{ name: 'front', value: jpeg }]);
    const boundary = headers['content-type'].split('boundary=')[1];
    const latin1 = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="notes"\r\n\r\n`), Buffer.from([0x63, 0x61, 0x66, 0xe9]), Buffer.from('\r\n'), body]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: latin1, headers: { ...headers, ...(await t.auth()) } });
    expect(expectProblem(res, 400, 'invalid-field').detail).toBe('field "notes" is not valid UTF-8 text; send text fields as UTF-8');
  });

  it('echoes at most 64 characters of a part name it refuses (a 10,000-character name came back as a 20 KB answer)', async () => {
    const name = 'n'.repeat(10_000);
    const shown = `${'n'.repeat(64)}…`;
    const text = expectProblem(await post([{ name: 'front', value: jpeg }, { name, value: '1' }]), 400, 'unknown-field');
    expect(text.field).toBe(shown);
    expect(text.detail).toBe(`field "${shown}" is not accepted; text fields are sex, age, hairColour, goals, notes, scars, clientRef`);
    const file = expectProblem(await post([{ name, value: jpeg, filename: 'a.jpg' }]), 400, 'unknown-view');
    expect(file.field).toBe(shown);
    expect(file.detail).toContain(`file part "${shown}" is not a view`);
    const { body, headers } = multipart([{ name, value: jpeg, filename: 'a.jpg' }]);
    const audit = await t.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, ...(await t.auth()) } });
    expect(expectProblem(audit, 400, 'unknown-field').field).toBe(shown);
    for (const res of [text, file, audit.json()]) expect(JSON.stringify(res).length).toBeLessThan(600);
  });

  it('a part without a name -> 400 bad-multipart "a part has no name"', async () => {
    const auth = await t.auth();
    const boundary = 'b0undary';
    for (const [url, disposition] of [['/v1/consultations', 'form-data; filename="a.jpg"'], ['/v1/photo-checks', 'form-data; filename="a.jpg"'], ['/v1/audits', 'form-data; filename="a.jpg"'], ['/v1/consultations', 'form-data']] as const) {
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: image/jpeg\r\n\r\n`), jpeg, Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const res = await t.app.inject({ method: 'POST', url, payload, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` } });
      expect(expectProblem(res, 400, 'bad-multipart').detail, `${url} ${disposition}`).toMatch(/^a part has no name/);
    }
  });

  it('takes notes at their 2,000-character limit in any script; longer ones are refused in characters, then bytes', async () => {
    const notes = '頭皮'.repeat(1000); // 2,000 characters, 6,000 bytes of UTF-8 (the byte limit was 4,096)
    const ok = await post([{ name: 'closeup', value: jpeg }, { name: 'notes', value: notes }], 'clinic-long-notes');
    expect(ok.statusCode, ok.body).toBe(201);
    const over = expectProblem(await post([{ name: 'closeup', value: jpeg }, { name: 'notes', value: notes + '頭' }]), 400, 'invalid-field');
    expect(over.detail).toMatch(/notes: .*2000/);
    const huge = expectProblem(await post([{ name: 'closeup', value: jpeg }, { name: 'notes', value: 'x'.repeat(40_000) }]), 413, 'field-too-large');
    expect(huge.detail).toContain('32768-byte limit');
  });

  it('stated scars must be a JSON array of known kinds -> 400 naming what is wrong', async () => {
    const notJson = await post([{ name: 'front', value: jpeg }, { name: 'scars', value: 'FUT strip' }]);
    expectProblem(notJson, 400, 'invalid-field');
    expect(notJson.json().detail).toMatch(/^scars: must be a JSON array of at most 8 scars.*it is not JSON$/);
    const badKind = await post([{ name: 'front', value: jpeg }, { name: 'scars', value: '[{"kind": "linear"}, {"kind": "burn"}]' }]);
    expectProblem(badKind, 400, 'invalid-field');
    expect(badKind.json().detail).toMatch(/at 1\.kind:/);
    const tooMany = JSON.stringify(Array.from({ length: 9 }, () => ({ kind: 'punctate' })));
    expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'scars', value: tooMany }]), 400, 'invalid-field');
    expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'scars', value: '[{"kind": "linear", "ageMonths": -2}]' }]), 400, 'invalid-field');
    expectProblem(await post([{ name: 'front', value: jpeg }, { name: 'scars', value: '[{"kind": "linear", "colour": "red"}]' }]), 400, 'invalid-field');
  });

  it('a JSON body instead of multipart -> 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: { front: 'x' }, headers: await t.auth() });
    expectProblem(res, 415, 'not-multipart');
  });

  it('a bare photo, text, a form or no Content-Type on an upload route -> 415 not-multipart, saying what was sent', async () => {
    const auth = await t.auth();
    for (const url of ['/v1/consultations', '/v1/photo-checks', '/v1/audits']) {
      for (const type of ['image/jpeg', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/mixed; boundary=x']) {
        const res = await t.app.inject({ method: 'POST', url, payload: jpeg, headers: { ...auth, 'content-type': type } });
        expectProblem(res, 415, 'not-multipart');
        expect(res.json().detail).toContain(type.split(';')[0]);
      }
    }
  });

  it('takes a photo part that has no filename but an image type (RFC 7578 makes the filename optional)', async () => {
    const boundary = 'smp-no-filename';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="top"\r\nContent-Type: image/jpeg\r\n\r\n`),
      await texturedJpeg(640, 480),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/photo-checks', payload: body, headers: { ...(await t.auth()), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().view).toBe('top');
  });

  it('an unknown query parameter -> 400', async () => {
    expectProblem(await post([{ name: 'front', value: jpeg }], 'clinic-a', '?foo=1'), 400, 'invalid-request');
    const check = multipart([{ name: 'top', value: jpeg }]);
    expectProblem(await t.app.inject({ method: 'POST', url: '/v1/photo-checks?async=true', payload: check.body, headers: { ...check.headers, ...(await t.auth()) } }), 400, 'invalid-request');
    // also on the routes that take no query at all (they ignored one)
    const auth = await t.auth();
    const id = '3f0c9a52-1b7e-4c1a-9d7e-0e6b8f1c2a3d';
    for (const url of [`/v1/consultations/${id}?bogus=1`, `/v1/consultations/${id}/files/photo-0.jpg?x=`, '/v1/clinic?bogus=1', '/v1/clinic/keys?a=b', '/v1/clients/P-1?bogus=1']) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth });
      expectProblem(res, 400, 'invalid-request');
      expect(res.json().detail, url).toMatch(/^unknown query parameter (bogus|x|a) \(accepted: none\)$/);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/?t=smpu_whatever' })).statusCode).toBe(200); // the web page takes its token there
  });

  it('a query parameter given twice, or one the route does not take, is said in those words', async () => {
    const auth = await t.auth();
    const twice = expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations?limit=2&limit=3', headers: auth }), 400, 'invalid-request');
    expect(twice.detail).toBe('limit was given more than once');
    const unknown = expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations?status=completed', headers: auth }), 400, 'invalid-request');
    expect(unknown.detail).toBe('unknown query parameter status (accepted: limit, before, beforeId, clientRef)');
    const long = expectProblem(await t.app.inject({ method: 'GET', url: `/v1/audits?${'q'.repeat(5000)}=1`, headers: auth }), 400, 'invalid-request');
    expect(long.detail.length).toBeLessThan(200);
    expect(expectProblem(await post([{ name: 'front', value: jpeg }], 'clinic-a', '?async=true&async=true'), 400, 'invalid-request').detail).toBe('async was given more than once');
  });

  it('a JSON route sent text/plain -> 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: '{}', headers: { ...(await t.auth()), 'content-type': 'text/plain' } });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  // A form reached the JSON routes as no body at all, and their defaults applied in silence: a key asked
  // for as standard came back admin, a token lost its clientRef and lifetime (the API review, session 43).
  it('a JSON route sent multipart/form-data -> 415, and nothing is made', async () => {
    const auth = await t.auth('clinic-form-json');
    const form = (fields: Record<string, string>) => multipart(Object.entries(fields).map(([name, value]) => ({ name, value })));
    const key = form({ scope: 'standard', label: 'front desk' });
    const refusedKey = expectProblem(await t.app.inject({ method: 'POST', url: '/v1/clinic/keys', payload: key.body, headers: { ...auth, ...key.headers } }), 415, 'unsupported-media-type');
    expect(refusedKey.detail).toMatch(/^send the body as application\/json \(the body was "multipart\/form-data; boundary=/);
    const token = form({ ttlMinutes: '5', clientRef: 'P-FORM' });
    expectProblem(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: token.body, headers: { ...auth, ...token.headers } }), 415, 'unsupported-media-type');
    const settings = form({ retentionDays: '30' });
    expect(expectProblem(await t.app.inject({ method: 'PATCH', url: '/v1/clinic/settings', payload: settings.body, headers: { ...auth, ...settings.headers } }), 415, 'unsupported-media-type').detail).toMatch(
      /application\/json or application\/merge-patch\+json/,
    );
    // nothing was made: the clinic still has its one key, no token names the client
    const keys = (await t.app.inject({ method: 'GET', url: '/v1/clinic/keys', headers: auth })).json();
    expect(keys.items).toHaveLength(1);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/clients/P-FORM', headers: auth })).json().deleted.uploadTokens).toBe(0);
  });

  it('a compressed body (Content-Encoding gzip) -> 415 unsupported-content-encoding, not a malformed-body 400', async () => {
    const auth = await t.auth();
    const json = gzipSync('{"ttlMinutes":5}');
    const token = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: json, headers: { ...auth, 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expectProblem(token, 415, 'unsupported-content-encoding');
    expect(token.headers['accept-encoding']).toBe('identity');
    const { body, headers } = multipart([{ name: 'front', value: jpeg }]);
    const upload = await t.app.inject({ method: 'POST', url: '/v1/photo-checks', payload: gzipSync(body), headers: { ...auth, ...headers, 'content-encoding': 'gzip' } });
    expectProblem(upload, 415, 'unsupported-content-encoding');
    // identity is no coding at all
    const plain = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: { ttlMinutes: 5 }, headers: { ...auth, 'content-encoding': 'identity' } });
    expect(plain.statusCode).toBe(201);
  });

  it('a list page cursor that is not a time -> 400; a time -> 200', async () => {
    const auth = await t.auth();
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations?before=garbage', headers: auth }), 400, 'invalid-request');
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations?before=2026-11-23T10:15:00.000Z&limit=5', headers: auth })).statusCode).toBe(200);
    const id = '7b0c2a4e-8d1f-4c3b-9a57-2f1e0d9c8b7a';
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations?before=2026-11-23T10:15:00.000Z&beforeId=${id}`, headers: auth })).statusCode).toBe(200);
    const alone = expectProblem(await t.app.inject({ method: 'GET', url: `/v1/consultations?beforeId=${id}`, headers: auth }), 400, 'invalid-request');
    expect(JSON.stringify(alone)).toContain('beforeId needs before');
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations?before=2026-11-23T10:15:00.000Z&beforeId=x', headers: auth }), 400, 'invalid-request');
  });

  it('a list page cursor without milliseconds is a time, not text: a record later in that second is not before it', async () => {
    const auth = await t.auth('clinic-cursor');
    const clinic = (await t.app.store.getClinicByName('clinic-cursor'))!;
    const setCreated = (t.app.store as unknown as { db: { prepare: (q: string) => { run: (...a: unknown[]) => void } } }).db.prepare(`UPDATE records SET created_at = ? WHERE id = ?`);
    const at = { 'c0000000-0000-4000-8000-000000000001': '2026-11-24T07:24:56.500Z', 'c0000000-0000-4000-8000-000000000002': '2026-11-24T07:24:57.118Z' };
    for (const [kind, prefix] of [['consultation', 'c'], ['audit', 'a']] as const) {
      for (const [id, createdAt] of Object.entries(at)) {
        const own = prefix + id.slice(1);
        await t.app.store.createRecord({ id: own, kind, clinicId: clinic.id, input: {}, createdBy: 'test' });
        setCreated.run(createdAt, own);
      }
    }
    for (const path of ['consultations', 'audits']) {
      const page = async (q: string) => (await t.app.inject({ method: 'GET', url: `/v1/${path}?limit=2&${q}`, headers: auth })).json().items.map((i: { createdAt: string }) => i.createdAt);
      expect(await page('before=2026-11-24T07:24:57Z')).toEqual(['2026-11-24T07:24:56.500Z']);
      expect(await page('before=2026-11-24T07:24:57.118Z')).toEqual(['2026-11-24T07:24:56.500Z']);
      expect(await page('before=2026-11-24T07:24:57.1181Z')).toEqual(['2026-11-24T07:24:57.118Z', '2026-11-24T07:24:56.500Z']);
      expect(await page('before=2026-11-24T07:24:58Z')).toEqual(['2026-11-24T07:24:57.118Z', '2026-11-24T07:24:56.500Z']);
      // an ISO 8601 time with an offset is the same instant (it was 400 "Invalid ISO datetime")
      expect(await page(`before=${encodeURIComponent('2026-11-24T07:24:57+00:00')}`)).toEqual(['2026-11-24T07:24:56.500Z']);
      expect(await page(`before=${encodeURIComponent('2026-11-24T08:24:57.118+01:00')}`)).toEqual(['2026-11-24T07:24:56.500Z']);
      expect(await page(`before=${encodeURIComponent('2026-11-24T01:54:58-05:30')}`)).toEqual(['2026-11-24T07:24:57.118Z', '2026-11-24T07:24:56.500Z']);
    }
  });

  it('refuses an upload that does not fit the in-flight upload budget before reading it: 503 busy, nothing kept', async () => {
    // its own clinic: the upload it lets through at the end must not show in clinic-a's list below
    const before = (await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth('clinic-budget') })).json().items.length;
    const others = t.app.uploads.reserve(t.app.uploads.capacityBytes)!; // other uploads fill the budget
    try {
      const res = await post([{ name: 'front', value: jpeg }], 'clinic-budget');
      const body = expectProblem(res, 503, 'busy');
      expect(res.headers['retry-after']).toBe('5');
      expect(body).toMatchObject({ capacityBytes: t.app.uploads.capacityBytes });
    } finally {
      others();
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth('clinic-budget') })).json().items.length).toBe(before);
    // With the budget free again it is taken, and its reservation ends with its answer.
    expect((await post([{ name: 'front', value: jpeg }], 'clinic-budget')).statusCode).toBe(201);
    expect(t.app.uploads.inFlightBytes).toBe(0);
  });

  // A declared size past what any upload can be (every photo at the file limit) reserved the whole budget
  // and held it while the body never came, so every other upload got 503 busy.
  it('refuses an upload declaring more bytes than any upload can have, before reading it: 413, budget untouched', async () => {
    const { body, headers } = multipart([{ name: 'front', value: jpeg }]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/consultations',
      payload: body,
      headers: { ...headers, 'content-length': String(100 * 2 ** 20), ...(await t.auth('clinic-declared')) },
    });
    const problem = expectProblem(res, 413, 'upload-too-large');
    expect(problem.detail).toContain('100 MiB');
    expect(problem.limitBytes).toBe(9 * 3 * 2 ** 20 + 16 * 32 * 1024);
    expect(t.app.uploads.inFlightBytes).toBe(0);
  });

  // Photos went out as "private, max-age=300", so a browser could show one from its cache for 5 minutes after
  // it was deleted or its key revoked; the JSON (results, the access log) said nothing.
  it('lets no cache keep medical data: every /v1 answer is no-store and nosniff, photos and errors too', async () => {
    const auth = await t.auth('clinic-cache');
    const created = await post([{ name: 'front', value: jpeg }], 'clinic-cache');
    expect(created.statusCode).toBe(201);
    const answers = [
      created,
      await t.app.inject({ method: 'GET', url: created.json().photos[0].urls.photo, headers: auth }),
      await t.app.inject({ method: 'GET', url: `/v1/consultations/${created.json().id}`, headers: auth }),
      await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: auth }),
      await t.app.inject({ method: 'GET', url: '/v1/consultations/7b0c2a4e-8d1f-4c3b-9a57-2f1e0d9c8b7a', headers: auth }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([201, 200, 200, 200, 404]);
    for (const res of answers) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('keeps nothing of a refused upload', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth() });
    expect(list.json().items).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED)('a real consultation', () => {
  let id = '';
  let body: any;

  beforeAll(async () => {
    const top = photoOf('top-down', 3);
    const back = photoOf('back', 3);
    const res = await post([
      { name: 'top', value: top.bytes, filename: 'top.jpg' },
      { name: 'back', value: back.bytes, filename: 'back.jpg' },
      { name: 'sex', value: 'male' },
      { name: 'age', value: '41' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    body = res.json();
    id = body.id;
    expect(res.headers.location).toBe(`/v1/consultations/${id}`);
  });

  it('returns per-photo quality, coverage and image URLs', () => {
    expect(body.status).toBe('completed');
    expect(body.photos).toHaveLength(2);
    for (const p of body.photos) {
      expect(typeof p.quality.assessable).toBe('boolean');
      const c = p.coverage;
      expect(c.hair + c.skin + c.scar).toBeCloseTo(1, 3);
      expect(p.urls.photo).toMatch(/\.jpg$/);
      expect(p.urls.overlay).toMatch(/\.png$/);
    }
  });

  it('carries the DESIGN.md section 3 fields: norwood, assessable, skinTone, plan', () => {
    expect(body.assessable).toBe(true);
    const n = body.norwood;
    expect(['1', '2', '2A', '3', '3A', '3V', '4', '4A', '5', '5A', '6', '7']).toContain(n.stage);
    expect(n.level).toBeGreaterThanOrEqual(1);
    expect(n.level).toBeLessThanOrEqual(7);
    const ps = Object.values(n.probabilities as Record<string, number>);
    expect(ps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(n.confidence).toBeGreaterThan(0);
    expect(n.confidence).toBeLessThanOrEqual(1);
    expect(typeof body.skinTone.ita).toBe('number');
    expect(body.skinTone.lab).toHaveLength(3);
    expect(body.skinTone.fitzpatrick).toBeGreaterThanOrEqual(1);
    expect(body.skinTone.monk).toBeGreaterThanOrEqual(1);
    for (const p of body.photos) expect(['front', 'top', 'left', 'right', 'back', 'closeup']).toContain(p.view);
    expect(body.recommendation.sessions.length).toBeGreaterThan(0);
    expect(body.plan.totalDots).toBeGreaterThan(0);
    for (const [k, s] of (body.plan.sessions as any[]).entries()) {
      expect(s.index).toBe(k);
      expect(s.dots).toBeGreaterThan(0);
      expect(s.densityPerCm2).toBeGreaterThan(0);
      expect(s.dilution).toBeDefined();
      expect(s.needle).toBeDefined();
    }
    expect(body.plan.sessions.reduce((a: number, s: any) => a + s.dots, 0)).toBe(body.plan.totalDots);
    expect(body.links.report).toMatch(/report\.pdf$/);
    expect(body.links.plan).toMatch(/plan\.svg$/);
  });

  it('takes the scars the client states into the recommendation, with what no photo can tell', async () => {
    const res = await post([
      { name: 'top', value: photoOf('top-down', 3).bytes, filename: 'top.jpg' },
      { name: 'scars', value: JSON.stringify([{ kind: 'linear', ageMonths: 3 }, { kind: 'irregular', ageMonths: 30, raised: true }]) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b.input.scars).toEqual([{ kind: 'linear', ageMonths: 3 }, { kind: 'irregular', ageMonths: 30, raised: true }]);
    // the scars the plan is made for, first the stated ones (merged with any of their kind the photo shows)
    expect(b.scars.planned.slice(0, 2).map((x: any) => [x.kind, x.ageMonths, x.source.startsWith('stated')])).toEqual([
      ['linear', 3, true],
      ['irregular', 30, true],
    ]);
    expect(Array.isArray(b.scars.possible)).toBe(true);
    const warnings = b.recommendation.warnings as { code: string; severity: string; message: string }[];
    const young = warnings.find((w) => w.code === 'scar-too-young')!;
    expect(young.severity).toBe('stop');
    expect(young.message).toMatch(/^Scar 1 \(linear, stated(, seen in photo 1)?\) is 3 months old/);
    expect(warnings.find((w) => w.code === 'scar-raised')!.message).toMatch(/^Scar 2 \(irregular, stated/);
    expect(b.recommendation.basis.zones.value).toContain('scar');
    expect(b.recommendation.basis.zones.reason).toMatch(/scar: \d+ scars listed \(2 stated/);
  });

  it('serves the report, the plan SVG and the preview', async () => {
    const auth = await t.auth();
    const pdf = await t.app.inject({ method: 'GET', url: body.links.report, headers: auth });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const svg = await t.app.inject({ method: 'GET', url: body.links.plan, headers: auth });
    expect(svg.body).toMatch(/<svg[^>]*>/);
    expect(svg.body).toMatch(/<g id="session-1" data-session-index="0"/);
    const preview = Object.entries(body.links as Record<string, string>).find(([k]) => k.startsWith('preview'));
    const png = await t.app.inject({ method: 'GET', url: preview![1], headers: auth });
    expect(png.headers['content-type']).toBe('image/png');
    // an id in upper case is the same id (UUIDs compare case-blind)
    const upper = await t.app.inject({ method: 'GET', url: `/v1/consultations/${id.toUpperCase()}`, headers: auth });
    expect(upper.statusCode).toBe(200);
    expect(upper.json().id).toBe(id);
    expect((await t.app.inject({ method: 'GET', url: body.links.report.replace(id, id.toUpperCase()), headers: auth })).statusCode).toBe(200);
  });

  it('re-plans when the practitioner lowers the densities, keeping the rest', async () => {
    const auth = await t.auth();
    const sessions = (body.plan.sessions as any[]).map((s) => ({ index: s.index, densityPerCm2: Math.max(1, Math.round(s.densityPerCm2 / 2)) }));
    const res = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { sessions }, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const again = res.json();
    expect(again.plan.totalDots).toBeLessThan(body.plan.totalDots);
    expect(again.plan.sessions[0].densityPerCm2).toBe(sessions[0].densityPerCm2);
    expect(again.norwood).toEqual(body.norwood);
    const bad = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { sessions: [{ index: 9, densityPerCm2: 10 }] }, headers: auth });
    expectProblem(bad, 400, 'unknown-session');
    // one session given twice: which density was meant cannot be told
    const twice = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { sessions: [{ index: 0, densityPerCm2: 30 }, { index: 0, densityPerCm2: 40 }] }, headers: auth });
    expect(expectProblem(twice, 400, 'invalid-request').detail).toContain('each session index at most once');
    // densities are cumulative: a session below the one before it is refused, not planned at the higher one and reported at the lower
    const falls = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { sessions: [{ index: 1, densityPerCm2: 1 }] }, headers: auth });
    expect(expectProblem(falls, 400, 'density-falls').field).toBe('sessions');
    const junk = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { hairline: { points: [[1, 2]] } }, headers: auth });
    expectProblem(junk, 400, 'invalid-request');
    // far-away points and a zigzag many photos long would have the dot engine walk them for ever
    const { width, height } = body.photos[body.plan.photoIndex].analysisSize;
    const far = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { hairline: { points: [[1e308, 1e308], [-1e308, -1e308]] } }, headers: auth });
    expect(expectProblem(far, 400, 'hairline-outside-photo').field).toBe('hairline');
    const zigzag = Array.from({ length: 20 }, (_, i): [number, number] => [i % 2 ? width : 0, i % 2 ? height : 0]);
    expectProblem(await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { hairline: { points: zigzag } }, headers: auth }), 400, 'hairline-too-long');
    const edge = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { hairline: { points: [[-10, height * 0.3], [width / 2, height * 0.2], [width + 10, height * 0.3]] } }, headers: auth });
    expect(edge.statusCode, edge.body).toBe(200);
    // a line wholly above the photo (within the points' bounds) had replaced the plan with an empty one
    const above = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { hairline: { points: [[width * 0.2, -height * 0.8], [width * 0.8, -height * 0.8]] } }, headers: auth });
    expect(expectProblem(above, 400, 'hairline-outside-photo').detail).toMatch(/does not cross the/);
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).json().plan.totalDots).toBe(edge.json().plan.totalDots);
  });

  // The plan-edit review (session 43): an edit of one zone's factor dropped the factors set before it,
  // and a factor took a session past the density a plan may ask for (200 × 2 planned 400 /cm²).
  it('composes zone factors zone by zone, and keeps factor × density within the plan limit', async () => {
    const auth = await t.auth();
    const edit = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload, headers: auth });
    expect((await edit({ densityOverrides: { zoneFactor: { bald: 1.5 } } })).statusCode).toBe(200);
    const second = await edit({ densityOverrides: { zoneFactor: { hairline: 0.5 } } });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().planRequest.densityOverrides).toEqual({ zoneFactor: { bald: 1.5, hairline: 0.5 } });
    const dense = await edit({ sessions: (body.plan.sessions as any[]).map((s) => ({ index: s.index, densityPerCm2: 150 })) });
    expect(expectProblem(dense, 400, 'density-too-high').detail).toMatch(/150 dots\/cm² × the bald factor 1\.5 is 225 dots\/cm², more than the 200/);
    const before = (await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).json().plan.sessions.map((s: any) => ({ index: s.index, densityPerCm2: s.densityPerCm2 }));
    expect((await edit({ sessions: before.map((s: any) => ({ index: s.index, densityPerCm2: 120 })) })).statusCode).toBe(200); // 120 × 1.5 = 180
    expect(expectProblem(await edit({ densityOverrides: { zoneFactor: { thinning: 2 } } }), 400, 'density-too-high').field).toBe('densityOverrides');
    // undone by sending 1; the densities as they were
    expect((await edit({ densityOverrides: { zoneFactor: { bald: 1, hairline: 1 } }, sessions: before })).json().planRequest.densityOverrides).toEqual({ zoneFactor: { bald: 1, hairline: 1 } });
  });

  it("labels dots.csv's hairline dots only when the recommendation treats a hairline zone", async () => {
    const auth = await t.auth();
    const csvUrl = Object.entries(body.links as Record<string, string>).find(([k]) => k.startsWith('dots'))![1];
    const zones = new Set((await t.app.inject({ method: 'GET', url: csvUrl, headers: auth })).body.trim().split('\n').slice(1).map((l) => l.split(',')[6]));
    const treated = (body.recommendation.sessions as { zones: { zone: string }[] }[]).some((s) => s.zones.some((z) => z.zone === 'hairline'));
    expect(zones.has('hairline')).toBe(treated);
    expect(body.plan.areaCm2.hairline > 0).toBe(treated);
  });

  it('re-plans around the dots already tattooed, read back from dots.csv', async () => {
    const auth = await t.auth();
    const csvUrl = Object.entries(body.links as Record<string, string>).find(([k]) => k.startsWith('dots'))![1];
    const rows = (await t.app.inject({ method: 'GET', url: csvUrl, headers: auth })).body.trim().split('\n').slice(1).map((l) => l.split(','));
    const done = rows.filter((r) => r[1] === '0'); // session 0 is done
    expect(done.length).toBeGreaterThan(0);
    const existingDots = { x: done.map((r) => Number(r[2])), y: done.map((r) => Number(r[3])), session: done.map(() => 0) };
    const res = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { existingDots, seed: 12345, options: { firstSessionRaiseMm: 3 } }, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const again = (await t.app.inject({ method: 'GET', url: csvUrl, headers: auth })).body.trim().split('\n').slice(1).map((l) => l.split(','));
    const key = (r: string[]) => `${r[2]},${r[3]}`;
    // the dots done stay where they were, in session 0; later sessions are planned anew around them
    expect(again.filter((r) => r[1] === '0').map(key).sort()).toEqual(done.map(key).sort());
    expect(again.filter((r) => r[1] !== '0').map(key).sort()).not.toEqual(rows.filter((r) => r[1] !== '0').map(key).sort());
    const uneven = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { existingDots: { ...existingDots, session: [...existingDots.session, 0] } }, headers: auth });
    expectProblem(uneven, 400, 'invalid-request');
    const late = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { existingDots: { x: [10], y: [10], session: [9] } }, headers: auth });
    expect(expectProblem(late, 400, 'unknown-session').field).toBe('existingDots');
    // a done session's density cannot change (it was stored and printed while its dots stayed), sent with
    // the dots or after them (they are kept with the plan)
    const redo = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { existingDots, sessions: [{ index: 0, densityPerCm2: 40 }] }, headers: auth });
    expect(expectProblem(redo, 409, 'session-done').detail).toBe('session 0 is done (its dots are in existingDots): change the density of a later session');
    expectProblem(await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { sessions: [{ index: 0, densityPerCm2: 40 }] }, headers: auth }), 409, 'session-done');
    // moved to another photo, the dots done stay behind (they are in the old photo's pixels): nothing is
    // done there, so its session 0 may change; moved back with the dots, they are done again
    const here: number = (await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).json().plan.photoIndex;
    const moved = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { photoIndex: 1 - here, sessions: [{ index: 0, densityPerCm2: 20 }] }, headers: auth });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().plan.photoIndex).toBe(1 - here);
    expect(moved.json().plan.sessions[0].densityPerCm2).toBe(20);
    const back = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { photoIndex: here, existingDots }, headers: auth });
    expect(back.statusCode, back.body).toBe(200);
    expectProblem(await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { sessions: [{ index: 0, densityPerCm2: 21 }] }, headers: auth }), 409, 'session-done');
    // a dot off the photo was given in another frame: refused, not dropped without a word
    const off = await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { existingDots: { x: [10, 1e300], y: [10, 5], session: [0, 0] } }, headers: auth });
    expect(expectProblem(off, 400, 'dot-outside-photo').field).toBe('existingDots');
  });

  it('GET returns it again, and the stored photo has no metadata', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: await t.auth() });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(id);
    const photo = await t.app.inject({ method: 'GET', url: body.photos[0].urls.photo, headers: await t.auth() });
    expect(photo.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(photo.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('is invisible (404) to another clinic', async () => {
    const other = await t.auth('clinic-b');
    expectProblem(await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: other }), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'GET', url: body.photos[0].urls.photo, headers: other }), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/v1/consultations/${id}`, headers: other }), 404, 'not-found');
  });

  it('async mode answers 202 with a Location that ends in the same result', async () => {
    const top = photoOf('top-down', 3);
    const res = await post([{ name: 'top', value: top.bytes }], 'clinic-a', '?async=true');
    expect(res.statusCode).toBe(202);
    const loc = res.headers.location as string;
    expect(res.json().status).toBe('processing');
    // its photo is in memory until the analysis ends, and so is its share of the upload budget (it was
    // released at the 202: 16 async uploads held about 550 KB of photos against a 300 KB budget)
    expect(t.app.uploads.inFlightBytes).toBeGreaterThan(top.bytes.length);
    let rec: any;
    for (let i = 0; i < 120; i++) {
      rec = (await t.app.inject({ method: 'GET', url: loc, headers: await t.auth() })).json();
      if (rec.status !== 'processing') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rec.status).toBe('completed');
    expect(rec.photos[0].coverage).toEqual(body.photos[0].coverage);
    expect(t.app.uploads.inFlightBytes).toBe(0);
  });

  it('applies two plan edits sent at once one after the other, so neither is lost', async () => {
    const auth = await t.auth();
    const before = (await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).json();
    // the last session (an earlier test left session 0 done, which cannot be edited), a little lower
    const last = before.plan.sessions.length - 1;
    const sessions = [{ index: last, densityPerCm2: Math.max(before.plan.sessions[last - 1].densityPerCm2, before.plan.sessions[last].densityPerCm2 - 3) }];
    const edit = (payload: object) => t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload, headers: auth });
    const [a, b] = await Promise.all([edit({ seed: 777 }), edit({ sessions })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    // the second reads the first's result: its answer and the record carry both changes
    expect(b.json().plan.seed).toBe(777);
    const after = (await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).json();
    expect(after.plan.seed).toBe(777);
    expect(after.plan.sessions[last].densityPerCm2).toBe(sessions[0].densityPerCm2);
    // one running and four waiting: more are refused until they finish
    const burst = await Promise.all(Array.from({ length: 7 }, (_, i) => edit({ seed: i })));
    expect(burst.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 409, 409]);
    const refused = expectProblem(burst.find((r) => r.statusCode === 409)!, 409, 'plan-edit-busy');
    expect(refused.detail).toMatch(/already waiting/);
    expect(burst.find((r) => r.statusCode === 409)!.headers['retry-after']).toBe('5');
  });

  it('DELETE removes the record and every file', async () => {
    const auth = await t.auth();
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/consultations/${id}`, headers: auth });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: body.photos[0].urls.overlay, headers: auth })).statusCode).toBe(404);
    expect(await t.app.blobs.list((await t.app.store.getClinicByName('clinic-a'))!.id, id)).toEqual([]);
  });
});

if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);

describe('privacy', () => {
  it('removes GPS and all EXIF from every stored and returned image', async () => {
    const withGps = await texturedJpeg(800, 600, { gps: true, orientation: 6 });
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const res = await post([{ name: 'closeup', value: withGps, filename: 'IMG_0001.jpg' }]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.photos[0].gpsRemoved).toBe(true);
    expect([body.photos[0].width, body.photos[0].height]).toEqual([600, 800]);
    const auth = await t.auth();
    const urls = Object.values(body.photos[0].urls as Record<string, string>);
    expect(urls.length).toBeGreaterThanOrEqual(6);
    for (const url of urls) {
      const file = await t.app.inject({ method: 'GET', url, headers: auth });
      expect(file.statusCode).toBe(200);
      const meta = await sharp(file.rawPayload).metadata();
      expect(meta.exif, url).toBeUndefined();
      expect(meta.xmp, url).toBeUndefined();
      expect(file.rawPayload.includes(Buffer.from('TestPhone')), url).toBe(false);
    }
    // And on disk, byte for byte: no EXIF marker in any stored file.
    const clinic = (await t.app.store.getClinicByName('clinic-a'))!;
    for (const name of await t.app.blobs.list(clinic.id, body.id)) {
      const bytes = Buffer.from((await t.app.blobs.get(clinic.id, body.id, name))!);
      expect(bytes.includes(Buffer.from('Exif\0\0')), name).toBe(false);
    }
  });
});

describe.skipIf(!HAS_SHARED)('a photo sent under the wrong view', () => {
  it('is refused with the view it shows, and the consultation is graded and planned on the others', async () => {
    // L2-018's back view: the view model reads it as back at 0.97, as front at 0.015
    const row = (view: string) => labels().find((r) => r.subject === 'L2-018' && r.view === view)!;
    const res = await post([
      { name: 'front', value: sharedPhoto(row('back')), filename: 'front.jpg' },
      { name: 'top', value: sharedPhoto(row('top-down')), filename: 'top.jpg' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const [wrong, top] = body.photos;
    expect(wrong.view).toBe('front');
    expect(wrong.quality.assessable).toBe(false);
    expect(wrong.quality.checks.find((c: { id: string }) => c.id === 'view')).toMatchObject({ severity: 'error' });
    expect(wrong.quality.reasons[0]).toMatch(/^this looks like a back view \(\d+ % sure\), not the front view it was sent as/);
    expect(wrong.skinTone).toBeNull();
    expect(top.quality.checks.find((c: { id: string }) => c.id === 'view')).toMatchObject({ severity: 'ok' });
    expect(body.assessable).toBe(true);
    expect(body.norwood.stage).not.toBeNull();
    expect(body.plan.photoIndex).toBe(1);
  });

  it('sent again under its own view, keeps that copy and refuses the mislabelled one as its copy', async () => {
    const back = sharedPhoto(labels().find((r) => r.subject === 'L2-018' && r.view === 'back')!);
    const res = await post([
      { name: 'front', value: back, filename: 'front.jpg' },
      { name: 'back', value: back, filename: 'back.jpg' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.photos.map((p: { quality: { assessable: boolean } }) => p.quality.assessable)).toEqual([false, true]);
    expect(body.photos[0].quality.reasons).toContain('the same photo as photo 2 (back): it counts once and cannot show the front view too; send a photo of its own');
    expect(body.assessable).toBe(true);
  });
});

describe.skipIf(!HAS_SHARED)('a back view alone', () => {
  it('is graded with a caution that no photo shows the front; a top view shows it', async () => {
    const back = await post([{ name: 'back', value: photoOf('back', 3).bytes, filename: 'back.jpg' }]);
    expect(back.statusCode, back.body).toBe(201);
    const b = back.json();
    expect(b.norwood.measurements.zones.frontal.bald).toBeNull();
    expect(b.recommendation.warnings.map((w: { code: string }) => w.code)).toContain('front-not-seen');
    const top = (await post([{ name: 'top', value: photoOf('top-down', 3).bytes, filename: 'top.jpg' }])).json();
    expect(top.norwood.measurements.zones.frontal.bald).not.toBeNull();
    expect(top.recommendation.warnings.map((w: { code: string }) => w.code)).not.toContain('front-not-seen');
  });
});

describe.skipIf(!HAS_SHARED)('the same photo sent twice', () => {
  it('counts once: the copy is refused, naming the photo it copies, and weighs nothing in the grade or the colour', async () => {
    const top = photoOf('top-down', 3).bytes;
    const once = (await post([{ name: 'top', value: top, filename: 'top.jpg' }])).json();
    const res = await post([
      { name: 'top', value: top, filename: 'top.jpg' },
      { name: 'front', value: top, filename: 'front.jpg' },
      { name: 'auto', value: top, filename: 'again.jpg' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.photos.map((p: { quality: { assessable: boolean } }) => p.quality.assessable)).toEqual([true, false, false]);
    expect(body.photos[1].quality.reasons[0]).toBe('the same photo as photo 1 (top): it counts once and cannot show the front view too; send a photo of its own');
    expect(body.photos[1].skinTone).toBeNull();
    expect(body.reasons).toContain('photo 2 (front): the same photo as photo 1 (top): it counts once and cannot show the front view too; send a photo of its own');
    // graded and measured as the one photo it is
    for (const k of ['stage', 'level', 'probabilities', 'confidence']) expect(body.norwood[k], k).toEqual(once.norwood[k]);
    expect(once.hairColour.photosUsed).toBe(1);
    expect(body.hairColour).toEqual(once.hairColour); // counted once, not three times
    expect(body.skinTone).toEqual(once.skinTone);
    expect(body.plan.photoIndex).toBe(0);
  });
});

describe.skipIf(!HAS_SHARED)('an over-exposed photo', () => {
  it('gives no hair colour (it would read lighter than it is), says why, and the dilution assumes dark brown with a caution', async () => {
    const row = labels().find((r) => r.subject === 'L5-010' && r.view === 'top-down' && r.file.includes('afcdca0e'))!;
    const plain = (await post([{ name: 'top', value: sharedPhoto(row), filename: 'top.jpg' }])).json();
    expect(plain.hairColour.name).toBe('dark brown');
    // The same photo three times brighter: the hair had read "blond" and the dilution 18:1.
    const bright = await sharp(sharedPhoto(row)).linear(3, 0).jpeg({ quality: 92 }).toBuffer();
    const res = await post([{ name: 'top', value: bright, filename: 'top.jpg' }]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.photos[0].quality.checks.find((c: { id: string }) => c.id === 'highlights').severity).toBe('warning');
    expect(body.photos[0].hairColour).toBeNull();
    expect(body.photos[0].colourNotes).toContain('hair colour not read: 21 % of the head is blown out to white, and over-exposure makes hair read lighter than it is');
    expect(body.hairColour).toBeNull();
    expect(body.colourNotes).toContain('hair colour: not read from any photo: 21 % of the head is blown out to white, and over-exposure makes hair read lighter than it is');
    expect(body.recommendation.warnings.map((w: { code: string }) => w.code)).toContain('hair-colour-missing');
    expect(body.recommendation.basis.hairGroup.value).toBe('dark brown');
  });
});

describe.skipIf(!HAS_SHARED)('analysis timeout', () => {
  it('answers 503 with Retry-After, keeps nothing of it, and the pool recovers', async () => {
    const slow = await build({ workers: 1 });
    try {
      expect(await slow.app.pool.ready()).toMatchObject({ segmentation: 'ok' });
      const threads = slow.app.pool.threadIds;
      slow.app.pool.config.analysisTimeoutMs = 1; // nothing finishes in a millisecond
      const { body, headers } = multipart([{ name: 'top', value: photoOf('top-down', 1).bytes }]);
      const res = await slow.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...(await slow.auth()) } });
      expect(expectProblem(res, 503, 'analysis-timeout').detail).toBe('the analysis took longer than 1 ms and was stopped'); // was "0 s"
      expect(res.headers['retry-after']).toBeDefined();
      const list = await slow.app.inject({ method: 'GET', url: '/v1/consultations', headers: await slow.auth() });
      expect(list.json().items).toEqual([]);
      // The pool recovers: the next analysis with a sane limit completes.
      slow.app.pool.config.analysisTimeoutMs = 120_000;
      const ok = await slow.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...(await slow.auth()) } });
      expect(ok.statusCode, ok.body).toBe(201);
      // The timed-out photos were stopped at a checkpoint or taken off the queue; no worker thread was
      // stopped by force, which can take the process down (src/pipeline/cancel.ts).
      expect(slow.app.pool.threadIds).toEqual(threads);
      const metrics = (await slow.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toMatch(/smp_tasks_cancelled_total\{outcome="forced"\} 0/);
      const stopped = [...metrics.matchAll(/smp_tasks_cancelled_total\{outcome="(beforeStart|atCheckpoint)"\} (\d+)/g)].reduce((n, m) => n + Number(m[2]), 0);
      expect(stopped).toBeGreaterThanOrEqual(1);
    } finally {
      await slow.close();
    }
  });
});

describe('upload tokens (the public page)', () => {
  async function mint(): Promise<Record<string, string>> {
    const res = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: { ttlMinutes: 5 }, headers: await t.auth() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().pageUrl).toMatch(/^\/\?t=smpu_/);
    return { authorization: `Bearer ${res.json().token}` };
  }

  it('create and read only what they created: no list, no delete, nothing of other tokens', async () => {
    const mine = await mint();
    const other = await mint();
    const { body, headers } = multipart([{ name: 'closeup', value: await texturedJpeg(640, 480) }]);
    const created = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...mine } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, photos } = created.json();
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: mine })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: photos[0].urls.photo, headers: mine })).statusCode).toBe(200);
    expectProblem(await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: other }), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'GET', url: photos[0].urls.photo, headers: other }), 404, 'not-found');
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: mine }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'DELETE', url: `/v1/consultations/${id}`, headers: mine }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: {}, headers: mine }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'DELETE', url: '/v1/clinic', headers: mine }), 403, 'forbidden');
    // the plan is the practitioner's: the token reads it, it cannot plan again over the clinic's edits
    expectProblem(await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, payload: { seed: 99 }, headers: mine }), 403, 'forbidden');
    // refused before its body is read: with no body, or a wrong one, it had been told about the body (400)
    expectProblem(await t.app.inject({ method: 'POST', url: `/v1/consultations/${id}/plan`, headers: mine }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', headers: mine }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'PATCH', url: '/v1/clinic/settings', payload: 'not json', headers: { ...mine, 'content-type': 'application/json' } }), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'POST', url: '/v1/audits', headers: mine }), 403, 'forbidden');
    // The clinic's key sees it, and the access log says who did what.
    const auth = await t.auth();
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).statusCode).toBe(200);
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: auth })).json().items as { actor: string; action: string; target: string }[];
    expect(log.some((e) => e.action === 'create' && e.target === `consultation:${id}` && e.actor.startsWith('upload-token:'))).toBe(true);
  });

  it('needs credentials on a /v1 route however its path is spelled (percent-encoded)', async () => {
    const { body, headers } = multipart([{ name: 'front', value: await texturedJpeg(320, 240) }]);
    for (const url of ['/%761/photo-checks', '/v%31/photo-checks', '/%76%31/photo-checks']) {
      expectProblem(await t.app.inject({ method: 'POST', url, payload: body, headers }), 401, 'unauthorized');
    }
    for (const url of ['/%761/consultations', '/v%31/clinic/keys', '/%76%31/consultations/00000000-0000-4000-8000-000000000000']) {
      expectProblem(await t.app.inject({ method: 'GET', url }), 401, 'unauthorized');
      // and with a key they are the routes they name, not a 500 for a request that skipped auth
      expect((await t.app.inject({ method: 'GET', url, headers: await t.auth() })).statusCode).toBeLessThan(500);
    }
  });

  it('refuses a forged or expired token', async () => {
    const good = (await mint()).authorization;
    const forged = good.slice(0, -3) + (good.endsWith('A') ? 'BBB' : 'AAA');
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations/00000000-0000-4000-8000-000000000000', headers: { authorization: forged } }), 401, 'unauthorized');
  });
});

describe('clinic settings', () => {
  it('validates and applies a clinic recommendation table', async () => {
    const auth = await t.auth('clinic-settings');
    const current = (await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json();
    expect(current.recommendationTable).toBeDefined();
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { recommendationTable: { sessions: 'many' } }, headers: auth });
    expectProblem(bad, 400, 'invalid-clinic-table');
    const ok = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { recommendationTable: {} }, headers: auth });
    expect(ok.statusCode, ok.body).toBe(200);
    // tables that would plan no dots are refused when set, not when a consultation meets them
    for (const [recommendationTable, message] of [
      [{ goals: { density: { densityScale: 0 } } }, 'densityScale must be above 0'],
      [{ densitySchedule: [{ cumulativeFraction: 0, reason: 'nothing yet' }, { cumulativeFraction: 1, reason: 'all at once' }] }, 'first session must place dots'],
    ] as const) {
      const refused = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { recommendationTable }, headers: auth });
      expectProblem(refused, 400, 'invalid-clinic-table');
      expect(refused.json().detail).toContain(message);
    }
    // texts the report prints are bounded: a 30,000-character needle code ran analyses past their time limit
    const fill = structuredClone(DEFAULT_CLINIC_TABLE.needles.fill);
    fill.default.needle.code = 'RL'.repeat(100);
    const tooLong = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { recommendationTable: { needles: { fill } } }, headers: auth });
    expectProblem(tooLong, 400, 'invalid-clinic-table');
    expect(tooLong.json().detail).toContain('needles.fill.default.needle.code');
  });

  it('PATCH changes one setting and keeps the others; PUT replaces them whole', async () => {
    const auth = await t.auth('clinic-settings-patch');
    const send = (method: 'PUT' | 'PATCH', payload: object, type = 'application/json') =>
      t.app.inject({ method, url: '/v1/clinic/settings', payload: JSON.stringify(payload), headers: { ...auth, 'content-type': type } });
    const table = { goals: { density: { densityScale: 0.8, reason: 'our house style' } } };
    expect((await send('PUT', { recommendationTable: table, retentionDays: 365 })).statusCode).toBe(200);
    // a retention change alone used to need the table sent again, or lose it
    const patched = await send('PATCH', { retentionDays: 90 }, 'application/merge-patch+json');
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().settings).toEqual({ recommendationTable: table, retentionDays: 90 });
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().recommendationTable.goals.density.densityScale).toBe(0.8);
    // null removes a setting; a bad table is refused and changes nothing
    expect((await send('PATCH', { retentionDays: null, scaleReference: { chartPitchMm: 20 } })).json().settings).toEqual({ recommendationTable: table, scaleReference: { chartPitchMm: 20 } });
    expectProblem(await send('PATCH', { recommendationTable: { sessions: 'many' } }), 400, 'invalid-clinic-table');
    expectProblem(await send('PATCH', { colour: 'red' }), 400, 'invalid-request');
    const plain = expectProblem(await send('PATCH', { retentionDays: 5 }, 'text/plain'), 415, 'unsupported-media-type');
    expect(plain.detail).toBe('send the body as application/json or application/merge-patch+json (the body was "text/plain")');
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().settings).toEqual({ recommendationTable: table, scaleReference: { chartPitchMm: 20 } });
    // into the table too (RFC 7396): one number changes, the rest of the stored table stays (the pigment
    // catalogue had gone); null removes a field; an array replaces the stored one whole
    const pigments = [{ id: 'p1', name: 'House black', undertone: 'neutral', hairGroups: [], skinCategories: [], notes: 'ours' }];
    expect((await send('PATCH', { recommendationTable: { pigments, defaultPigment: 'p1', description: 'house table' } })).statusCode).toBe(200);
    const deep = await send('PATCH', { recommendationTable: { naturalDensity: { fuPerCm2: 100 }, description: null } }, 'application/merge-patch+json');
    expect(deep.statusCode, deep.body).toBe(200);
    expect(deep.json().settings.recommendationTable).toEqual({ ...table, pigments, defaultPigment: 'p1', naturalDensity: { fuPerCm2: 100 } });
    const info = (await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().recommendationTable;
    expect(info.defaultPigment).toBe('p1');
    expect(info.naturalDensity.fuPerCm2).toBe(100);
    expect((await send('PUT', { retentionDays: 30 })).json().settings).toEqual({ retentionDays: 30 });
  });

  it('PATCH removes a null at every level (RFC 7396), and validates the merged settings, not the patch', async () => {
    const auth = await t.auth('clinic-settings-null');
    const send = (method: 'PUT' | 'PATCH', payload: object) =>
      t.app.inject({ method, url: '/v1/clinic/settings', payload: JSON.stringify(payload), headers: { ...auth, 'content-type': 'application/merge-patch+json' } });
    expect((await send('PUT', { scaleReference: { chartPitchMm: 20, greyCardMm: [100, 150] }, retentionDays: 90 })).statusCode).toBe(200);
    const side = await send('PATCH', { scaleReference: { greyCardMm: null } });
    expect(side.statusCode, side.body).toBe(200);
    expect(side.json().settings).toEqual({ scaleReference: { chartPitchMm: 20 }, retentionDays: 90 });
    // the last size removed: no card at all (an empty one would state nothing)
    expect((await send('PATCH', { scaleReference: { chartPitchMm: null } })).json().settings).toEqual({ retentionDays: 90 });
    // what the patch leaves is checked as PUT checks it
    const bad = expectProblem(await send('PATCH', { scaleReference: { greyCardMm: [100] } }), 400, 'invalid-request');
    expect(bad.detail).toContain('/scaleReference/greyCardMm');
    expectProblem(await send('PATCH', { scaleReference: { chartPitchMm: 1 } }), 400, 'invalid-request');
    expectProblem(await send('PATCH', { scaleReference: { size: 3 } }), 400, 'invalid-request');
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().settings).toEqual({ retentionDays: 90 });
  });

  it('refuses consultations, and says why, when a stored table breaks a rule added after it was set', async () => {
    const auth = await t.auth('clinic-stale-table');
    const clinic = (await t.app.store.getClinicByName('clinic-stale-table'))!;
    // as an older version stored it: a goal scaled to no dots
    await t.app.store.setClinicSettings(clinic.id, { recommendationTable: { goals: { density: { densityScale: 0, reason: 'set before the rule' } } } });
    const info = await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth });
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json().recommendationTableError).toMatch(/densityScale must be above 0[\s\S]*PUT \/v1\/clinic\/settings/);
    expect(info.json().settings.recommendationTable.goals.density.densityScale).toBe(0);
    const { body, headers } = multipart([{ name: 'closeup', value: await texturedJpeg(640, 480) }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expectProblem(res, 409, 'invalid-clinic-table');
    expect(res.json().detail).toContain('densityScale must be above 0');
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: auth })).json().items).toEqual([]);
    // another setting can still be changed without touching the table (it stays refused until set again)
    expect((await t.app.inject({ method: 'PATCH', url: '/v1/clinic/settings', payload: { retentionDays: 30 }, headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().recommendationTableError).toContain('densityScale must be above 0');
    // set again, it applies
    expect((await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { recommendationTable: {} }, headers: auth })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().recommendationTableError).toBeUndefined();
  });

  it.skipIf(!HAS_SHARED)('plans a clinic schedule that holds its density for a session (a review visit) without failing', async () => {
    const auth = await t.auth('clinic-review-visit');
    const densitySchedule = [
      { cumulativeFraction: 0.4, reason: 'first pass at 40 %' },
      { cumulativeFraction: 0.4, reason: 'review visit: healing checked, nothing added' },
      { cumulativeFraction: 1, reason: 'full density' },
    ];
    const set = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { recommendationTable: { densitySchedule } }, headers: auth });
    expect(set.statusCode, set.body).toBe(200);
    const { body, headers } = multipart([{ name: 'top', value: photoOf('top-down', 3).bytes, filename: 'top.jpg' }, { name: 'goals', value: 'more density' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    const sessions = res.json().recommendation.sessions as { addedPerCm2: { value: number }; densityPerCm2: { value: number }; zones: unknown[] }[];
    expect(sessions).toHaveLength(3);
    expect(sessions[1].addedPerCm2.value).toBe(0);
    expect(sessions[1].densityPerCm2.value).toBe(sessions[0].densityPerCm2.value);
    expect(sessions[1].zones.length).toBeGreaterThan(0);
    expect(sessions[2].densityPerCm2.value).toBeGreaterThan(sessions[1].densityPerCm2.value);
  });
});

describe('clinic deletion', () => {
  it('DELETE /v1/clinic removes every record, file and key of that clinic only', async () => {
    const doomed = await t.auth('clinic-doomed');
    const { body, headers } = multipart([{ name: 'closeup', value: await texturedJpeg(640, 480) }]);
    const created = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...doomed } });
    expect(created.statusCode).toBe(201);
    const clinic = (await t.app.store.getClinicByName('clinic-doomed'))!;
    expect((await t.app.blobs.list(clinic.id, created.json().id)).length).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/clinic', headers: doomed })).statusCode).toBe(204);
    expect(await t.app.blobs.list(clinic.id, created.json().id)).toEqual([]);
    expect(await t.app.store.getClinic(clinic.id)).toBeNull();
    expectProblem(await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: doomed }), 401, 'unauthorized');
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: await t.auth() })).statusCode).toBe(200);
  });
});

describe('a consultation with more photos than the whole queue holds', () => {
  // SMP_QUEUE_MAX=1 and one worker: 3 photos never fit "queue + need <= capacity", so the idle service
  // answered 503 busy with Retry-After for ever. Now it is taken when the service is idle.
  it('is taken by an idle service, not told to retry for ever', async () => {
    const small = await build({ queueMax: 1 });
    try {
      const img = await texturedJpeg(64, 64);
      const { body, headers } = multipart(['top', 'front', 'back'].map((name) => ({ name, value: img })));
      const res = await small.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...(await small.auth()) } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().photos).toHaveLength(3);
    } finally {
      await small.close();
    }
  }, 60_000);
});

describe('an upload limit that is not a whole number of MiB', () => {
  it('is said as it is (the 413 said "the 1 MiB upload limit" for 1.5 MB)', async () => {
    const small = await build({ maxFileBytes: 1_500_000 });
    try {
      const { body: payload, headers } = multipart([{ name: 'front', value: Buffer.alloc(1_600_000, 1), filename: 'big.jpg' }]);
      const res = await small.app.inject({ method: 'POST', url: '/v1/consultations', payload, headers: { ...headers, ...(await small.auth()) } });
      expect(expectProblem(res, 413, 'file-too-large').detail).toContain('larger than the 1.4 MiB upload limit');
    } finally {
      await small.close();
    }
  });
});
