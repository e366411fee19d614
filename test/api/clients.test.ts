// clientRef: the clinic's own id for a client on consultations, audits and upload tokens; one client's
// history (GET /v1/clients/:ref, list filters) and its erasure (DELETE /v1/clients/:ref), per clinic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { unzipSync } from 'fflate';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { randomSpec, synthPair } from '../../src/vision/audit/synth/pair.js';
import type { RgbImage } from '../../src/vision/image.js';
import { HAS_SHARED, photoOf } from '../helpers/shared.js';
import { erasedClientTarget } from '../../src/api/routes/clients.js';

let t: TestApp;
let photo: Buffer;
let auditParts: Part[];

beforeAll(async () => {
  t = await build();
  photo = await texturedJpeg(320, 240);
  let seed = 7;
  let pair;
  do pair = synthPair(randomSpec(seed++, { width: 256, height: 256 }));
  while (pair.spec.failure !== 'none');
  const png = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
  auditParts = [
    { name: 'before', value: await png(pair.before), filename: 'before.png' },
    { name: 'after', value: await png(pair.after), filename: 'after.png' },
  ];
});
afterAll(async () => t?.close());

async function post(url: string, parts: Part[], auth: Record<string, string>) {
  const { body, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url, payload: body, headers: { ...headers, ...auth } });
}
const consult = (auth: Record<string, string>, clientRef?: string) =>
  post('/v1/consultations', [{ name: 'closeup', value: photo, filename: 'c.jpg' }, ...(clientRef ? [{ name: 'clientRef', value: clientRef }] : [])], auth);
const get = async (url: string, auth: Record<string, string>) => t.app.inject({ method: 'GET', url, headers: auth });

function expectProblem(res: { statusCode: number; json: () => any }, status: number, slug: string) {
  expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
  expect(res.json().type).toMatch(new RegExp(`/${slug}$`));
}

describe('clientRef', () => {
  it("lists one client's consultations and audits, and erases exactly them", async () => {
    const auth = await t.auth('client-clinic');
    const clinicId = (await t.app.store.getClinicByName('client-clinic'))!.id;
    const a1 = await consult(auth, 'P-1');
    expect(a1.statusCode, a1.body).toBe(201);
    expect(a1.json().clientRef).toBe('P-1');
    const a2 = (await consult(auth, 'P-1')).json();
    const b = (await consult(auth, 'P-2')).json();
    const none = (await consult(auth)).json();
    expect(none.clientRef).toBeNull();
    const audit = await post('/v1/audits', [...auditParts, { name: 'clientRef', value: 'P-1' }], auth);
    expect(audit.statusCode, audit.body).toBe(201);
    expect(audit.json().clientRef).toBe('P-1');
    // the same reference in another clinic is another client
    const other = await t.auth('client-clinic-2');
    const foreign = (await consult(other, 'P-1')).json();

    const listed = (await get('/v1/consultations?clientRef=P-1', auth)).json().items;
    expect(listed.map((i: { id: string }) => i.id).sort()).toEqual([a1.json().id, a2.id].sort());
    expect(listed.every((i: { clientRef: string }) => i.clientRef === 'P-1')).toBe(true);
    expect((await get('/v1/audits?clientRef=P-1', auth)).json().items.map((i: { id: string }) => i.id)).toEqual([audit.json().id]);
    expect((await get('/v1/consultations', auth)).json().items).toHaveLength(4);

    const history = (await get('/v1/clients/P-1', auth)).json();
    expect(history.consultations).toHaveLength(2);
    expect(history.audits).toHaveLength(1);
    expect((await get('/v1/clients/P-1', other)).json().consultations.map((i: { id: string }) => i.id)).toEqual([foreign.id]);

    const erased = await t.app.inject({ method: 'DELETE', url: '/v1/clients/P-1', headers: auth });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toEqual({ clientRef: 'P-1', deleted: { consultations: 2, audits: 1, uploadTokens: 0 } });
    for (const id of [a1.json().id, a2.id]) {
      expect((await get(`/v1/consultations/${id}`, auth)).statusCode).toBe(404);
      expect(await t.app.blobs.list(clinicId, id)).toEqual([]);
    }
    expect((await get(`/v1/audits/${audit.json().id}`, auth)).statusCode).toBe(404);
    expect(await t.app.blobs.list(clinicId, audit.json().id)).toEqual([]);
    // everyone else is untouched: another client, a record without a reference, the other clinic's P-1
    expect((await get(`/v1/consultations/${b.id}`, auth)).statusCode).toBe(200);
    expect((await get(`/v1/consultations/${none.id}`, auth)).statusCode).toBe(200);
    expect((await get(`/v1/consultations/${foreign.id}`, other)).statusCode).toBe(200);
    // a repeated erasure is safe, and the log says who erased what, naming the client by a pseudonym only
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/clients/P-1', headers: auth })).json().deleted).toEqual({ consultations: 0, audits: 0, uploadTokens: 0 });
    const log = (await get('/v1/access-log', auth)).json();
    const lines = (log.items ?? log) as { action: string; target: string }[];
    expect(lines.filter((l) => l.action === 'erase-client').map((l) => l.target)).toEqual(
      expect.arrayContaining([`consultation:${a1.json().id}`, `consultation:${a2.id}`, `audit:${audit.json().id}`, erasedClientTarget(t.app.tokenSecret, clinicId, 'P-1')]),
    );
    expect(lines.some((l) => l.target.includes('P-1'))).toBe(false);
  });

  it.runIf(HAS_SHARED)("shows each visit's outcome in the client's history: the stage (Ludwig for women) and the audit's match", async () => {
    const auth = await t.auth('history-clinic');
    const top = photoOf('top-down', 4);
    const man = (await post('/v1/consultations', [{ name: 'top', value: top.bytes }, { name: 'clientRef', value: 'H-1' }], auth)).json();
    const woman = (await post('/v1/consultations', [{ name: 'top', value: top.bytes }, { name: 'sex', value: 'female' }, { name: 'clientRef', value: 'H-1' }], auth)).json();
    const blank = (await consult(auth, 'H-1')).json();
    const audit = (await post('/v1/audits', [...auditParts, { name: 'clientRef', value: 'H-1' }], auth)).json();
    const history = (await get('/v1/clients/H-1', auth)).json();
    const byId = Object.fromEntries(history.consultations.map((c: { id: string }) => [c.id, c]));
    expect(man.norwood.stage).not.toBeNull();
    expect(byId[man.id].outcome).toEqual({ assessable: man.assessable, scale: 'norwood', stage: man.norwood.stage, confidence: man.norwood.confidence });
    expect(byId[woman.id].outcome).toMatchObject({ scale: 'ludwig', stage: woman.ludwig.grade, confidence: woman.ludwig.confidence });
    // her recommendation reads her own grade (a "none" would caution that SMP may not be needed)
    expect(woman.recommendation.warnings.some((w: { code: string }) => w.code === 'no-hair-loss')).toBe(woman.ludwig.grade === 'none');
    expect(byId[blank.id].outcome).toMatchObject({ assessable: false, stage: null });
    // with whether it could be judged, how sure the band is and the checks that fired: a bare "slight" had
    // hidden a fired photos-swapped warning (the clinic review)
    expect(history.audits[0].outcome).toEqual({
      assessable: audit.audit.assessable,
      match: audit.audit.assessable ? audit.audit.scar.match.after : null,
      matchSure: audit.audit.assessable ? audit.audit.scar.matchSure.after : null,
      flags: audit.audit.flags.map((f: { id: string }) => f.id),
    });
    expect(history.consultations.map((c: { id: string }) => c.id)).toEqual([blank.id, woman.id, man.id]); // newest first
  });

  it('an upload token minted for a client files its uploads under that client, and cannot choose another', async () => {
    const auth = await t.auth('token-clinic');
    const minted = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth, payload: { clientRef: 'file:2024/117' } });
    expect(minted.statusCode, minted.body).toBe(201);
    expect(minted.json().clientRef).toBe('file:2024/117');
    const token = { authorization: `Bearer ${minted.json().token}` };
    const res = await consult(token);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().clientRef).toBe('file:2024/117');
    expectProblem(await consult(token, 'P-9'), 403, 'client-ref-from-token');
    expectProblem(await consult(token, 'file:2024/117'), 403, 'client-ref-from-token');
    // a token without a client files nothing under one; the client routes need the clinic key
    const plain = { authorization: `Bearer ${(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth, payload: {} })).json().token}` };
    expect((await consult(plain)).json().clientRef).toBeNull();
    expectProblem(await get('/v1/clients/file:2024%2F117', token), 403, 'forbidden');
    expectProblem(await t.app.inject({ method: 'DELETE', url: '/v1/clients/P-9', headers: token }), 403, 'forbidden');
    const history = (await get(`/v1/clients/${encodeURIComponent('file:2024/117')}`, auth)).json();
    expect(history.consultations.map((i: { id: string }) => i.id)).toEqual([res.json().id]);
  });

  it('refuses a reference that is a name, an e-mail address or too long, wherever it comes in', async () => {
    const auth = await t.auth('strict-clinic');
    for (const bad of ['John Smith', 'john@example.com', 'x'.repeat(65), '-leading']) {
      const res = await consult(auth, bad);
      expectProblem(res, 400, 'invalid-field');
      expect(res.json().detail).toMatch(/clientRef/);
      expectProblem(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth, payload: { clientRef: bad } }), 400, 'invalid-request');
      expectProblem(await get(`/v1/consultations?clientRef=${encodeURIComponent(bad)}`, auth), 400, 'invalid-request');
      expectProblem(await t.app.inject({ method: 'DELETE', url: `/v1/clients/${encodeURIComponent(bad)}`, headers: auth }), 400, 'invalid-request');
    }
    expectProblem(await post('/v1/audits', [...auditParts, { name: 'clientRef', value: 'Jane Doe' }], auth), 400, 'invalid-field');
    expect((await get('/v1/consultations', auth)).json().items).toEqual([]);
  });

  it("exports one client's records as a ZIP: each record's JSON and every stored file, nothing of anyone else", async () => {
    const auth = await t.auth('export-clinic');
    const first = (await consult(auth, 'P-5')).json();
    const second = (await consult(auth, 'P-5')).json();
    const audit = (await post('/v1/audits', [...auditParts, { name: 'clientRef', value: 'P-5' }], auth)).json();
    const elsewhere = (await consult(auth, 'P-6')).json();
    const res = await get('/v1/clients/P-5/export', auth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="client-P-5.zip"');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const index = JSON.parse(new TextDecoder().decode(files['index.json']));
    expect(index.clientRef).toBe('P-5');
    expect(index.consultations.map((c: { id: string }) => c.id)).toEqual([first.id, second.id]); // oldest first
    expect(index.audits.map((a: { id: string }) => a.id)).toEqual([audit.id]);
    expect(files['README.txt']).toBeDefined();
    for (const entry of [...index.consultations, ...index.audits]) {
      for (const name of entry.files) expect(files[`${entry.folder}/${name}`], `${entry.folder}/${name}`).toBeDefined();
    }
    // the JSON is the record as the API shows it; the photo is the stored one, byte for byte
    const shown = JSON.parse(new TextDecoder().decode(files[`consultations/${first.id}/consultation.json`]));
    expect(shown.norwood).toEqual(first.norwood);
    expect(shown.clientRef).toBe('P-5');
    const stored = await get(first.photos[0].urls.photo, auth);
    expect(Buffer.from(files[`consultations/${first.id}/photo-0.jpg`]).equals(stored.rawPayload)).toBe(true);
    expect(files[`consultations/${first.id}/report.pdf`]).toBeDefined();
    expect(JSON.parse(new TextDecoder().decode(files[`audits/${audit.id}/audit.json`])).audit.scar).toEqual(audit.audit.scar);
    expect(Object.keys(files).some((f) => f.includes(elsewhere.id))).toBe(false);

    expectProblem(await get('/v1/clients/P-404/export', auth), 404, 'no-records');
    expectProblem(await get('/v1/clients/P-5/export', await t.auth('export-clinic-2')), 404, 'no-records');
    const token = { authorization: `Bearer ${(await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth, payload: { clientRef: 'P-5' } })).json().token}` };
    expectProblem(await get('/v1/clients/P-5/export', token), 403, 'forbidden');
    let log = (await get('/v1/access-log', auth)).json();
    const exports = () => ((log.items ?? log) as { action: string; target: string }[]).filter((l) => l.action === 'export' && l.target === 'client:P-5').length;
    expect(exports()).toBe(1);

    // HEAD would build the whole archive only to drop it, and log an export that sent nothing
    const head = await t.app.inject({ method: 'HEAD', url: '/v1/clients/P-5/export', headers: auth });
    expect(head.statusCode).toBe(405);
    expect(head.headers.allow).toBe('GET');
    log = (await get('/v1/access-log', auth)).json();
    expect(exports()).toBe(1);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/v1/clients/{clientRef}'].get).toBeDefined();
    expect(doc.paths['/v1/clients/{clientRef}'].delete).toBeDefined();
    expect(doc.paths['/v1/clients/{clientRef}/export'].get.responses['200'].content).toEqual({ 'application/zip': { schema: { type: 'string', format: 'binary' } } });
    expect(doc.paths['/v1/consultations'].post.requestBody.content['multipart/form-data'].schema.properties.clientRef.pattern).toBeDefined();
    expect(doc.paths['/v1/audits'].post.requestBody.content['multipart/form-data'].schema.properties.clientRef).toBeDefined();
  });
});
