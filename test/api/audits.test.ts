// POST /v1/audits through app.inject(): a synthetic before/after pair made here (a known scar and
// pigment, shifted and rotated), stored per clinic like consultations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import type { SynthPair } from '../../src/vision/audit/synth/pair.js';
import { stripPair } from '../helpers/audit-pair.js';
import type { RgbImage } from '../../src/vision/image.js';
import { pdfText } from '../helpers/pdf-text.js';

let t: TestApp;
let pair: SynthPair;
let poly: [number, number][];

const png = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();

beforeAll(async () => {
  t = await build();
  ({ pair, poly } = stripPair(7, 384));
});
afterAll(async () => t?.close());

async function post(parts: Part[], clinic = 'audit-clinic') {
  const { body, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, ...(await t.auth(clinic)) } });
}

describe('POST /v1/audits', () => {
  // Upload tokens are for the public consultation page: an audit (the clinic's own before/after check) took
  // one anyway, though tokens "create and read consultations, nothing else".
  it('needs the clinic key: an upload token gets 403 and nothing is kept', async () => {
    const auth = await t.auth('audit-token-clinic');
    const minted = await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth });
    expect(minted.statusCode, minted.body).toBe(201);
    const { body, headers } = multipart([
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
    ]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, authorization: `Bearer ${minted.json().token}` } });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.app.inject({ method: 'GET', url: '/v1/audits', headers: auth })).json().items).toEqual([]);
  });

  it('audits a known pair: DESIGN.md section 3 fields, close to the painted truth, stored per clinic', async () => {
    const res = await post([
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
      { name: 'scarPolygon', value: JSON.stringify(poly) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    const scar = body.audit.scar;
    expect(Math.abs(scar.deltaE76.before - pair.truth.before.deltaE76)).toBeLessThan(2.5);
    expect(Math.abs(scar.deltaE76.after - pair.truth.after.deltaE76)).toBeLessThan(2.5);
    expect(typeof scar.deltaE00.before).toBe('number');
    expect(typeof scar.deltaE00.after).toBe('number');
    expect(['perfect', 'slight', 'obvious', 'gross']).toContain(scar.match.after);
    expect(body.audit.registration.registered).toBe(true);
    expect(body.links.side_by_side).toMatch(/side-by-side\.png$/);
    const auth = await t.auth('audit-clinic');
    const pdf = await t.app.inject({ method: 'GET', url: body.links.audit, headers: auth });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="audit.pdf"');
    // a file read is in the access log, as a consultation's is (the audit's photos are medical data too)
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: auth })).json().items as { action: string; target: string }[];
    expect(log[0]).toMatchObject({ action: 'read', target: `audit:${body.id}/audit.pdf` });
    expect((await t.app.inject({ method: 'GET', url: `/v1/audits/${body.id}`, headers: auth })).json().audit.scar.match.after).toBe(scar.match.after);
    expect((await t.app.inject({ method: 'GET', url: `/v1/audits/${body.id}`, headers: await t.auth('other-clinic') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/audits/${body.id}`, headers: auth })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: body.links.side_by_side, headers: auth })).statusCode).toBe(404);
  });

  it('takes the polygon and scale in the pixels of the photo as sent, however large, and says which frame it measured in', async () => {
    // The same pair sent 4x larger (1536 px): the service measures a 1024 px copy, so the polygon and
    // pxPerCm given in the large photo's pixels must be scaled onto it, not read as copy pixels.
    const k = 4;
    const up = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).resize(img.width * k, img.height * k, { kernel: 'nearest' }).png().toBuffer();
    const bigPoly = poly.map(([x, y]) => [(x + 0.5) * k - 0.5, (y + 0.5) * k - 0.5]);
    const res = await post([
      { name: 'before', value: await up(pair.before), filename: 'before.png' },
      { name: 'after', value: await up(pair.after), filename: 'after.png' },
      { name: 'scarPolygon', value: JSON.stringify(bigPoly) },
      { name: 'pxPerCm', value: String(40 * k) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const audit = res.json().audit;
    expect(audit.size).toEqual({ width: 1024, height: 1024 });
    expect(audit.photoSize).toEqual({ width: 384 * k, height: 384 * k });
    expect(audit.scale.pxPerCm).toBeCloseTo((40 * k * 1024) / (384 * k), 6);
    expect(Math.abs(audit.scar.deltaE76.before - pair.truth.before.deltaE76)).toBeLessThan(2.5);
    expect(Math.abs(audit.scar.deltaE76.after - pair.truth.after.deltaE76)).toBeLessThan(2.5);
    // The polygon's area, in copy pixels: the 384 px polygon's scaled by (1024 / 384)^2.
    const area = (p: number[][]) => Math.abs(p.reduce((s, [x, y], i) => s + x * p[(i + 1) % p.length][1] - p[(i + 1) % p.length][0] * y, 0)) / 2;
    expect(audit.scar.areaPx / (area(poly) * (1024 / 384) ** 2)).toBeGreaterThan(0.85);
    expect(audit.scar.areaPx / (area(poly) * (1024 / 384) ** 2)).toBeLessThan(1.15);
  });

  it('still serves an audit stored before photoSize was recorded', async () => {
    const res = await post([
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
      { name: 'scarPolygon', value: JSON.stringify(poly) },
    ], 'audit-clinic-old');
    expect(res.statusCode, res.body).toBe(201);
    const { id, audit } = res.json();
    const clinic = (await t.app.store.getClinicByName('audit-clinic-old'))!;
    const { photoSize: _dropped, ...older } = audit;
    await t.app.store.completeRecord('audit', clinic.id, id, older);
    const again = await t.app.inject({ method: 'GET', url: `/v1/audits/${id}`, headers: await t.auth('audit-clinic-old') });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().audit.photoSize).toBeUndefined();
    expect(again.json().audit.size).toEqual(audit.size);
  });

  it('refuses bad input with problem+json', async () => {
    const before = await png(pair.before);
    for (const [parts, status] of [
      [[{ name: 'before', value: before }], 400],
      [[{ name: 'before', value: before }, { name: 'after', value: Buffer.from('not an image') }], 415],
      [[{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'scarPolygon', value: '[[1,2]]' }], 400],
      // a coordinate past 2^31 wrapped round in the fill and painted a sliver nobody drew
      [[{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'scarPolygon', value: '[[-1e300,-1e300],[1e300,-1e300],[0,1e300]]' }], 400],
      [[{ name: 'before', value: before }, { name: 'during', value: before }], 400],
      [[{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'pxPerCm', value: '40' }, { name: 'pxPerCm', value: '41' }], 400],
      // a scale under 1 px/cm (a 4000 px photo spanning 40 m) was taken and gave 0 dots per cm²
      [[{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'pxPerCm', value: '1e-300' }], 400],
      [[{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'pxPerCm', value: '10001' }], 400],
    ] as [Part[], number][]) {
      const res = await post(parts);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const asText = await post([{ name: 'before', value: 'before.jpg' }, { name: 'after', value: before }]);
    expect(asText.statusCode, asText.body).toBe(400);
    expect(asText.json()).toMatchObject({ field: 'before', detail: '"before" must be a file part (a photo), but it came as a text field; with curl use -F before=@file.jpg' });
    const asFile = await post([{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'scarPolygon', value: Buffer.from('[[1,1],[9,1],[9,9]]'), filename: 'scar.json', contentType: 'application/json' }]);
    expect(asFile.json()).toMatchObject({ type: expect.stringContaining('text-as-file'), field: 'scarPolygon' });
    const max = t.app.settings.pipeline.limits.maxFileBytes;
    const big = await post([{ name: 'before', value: before }, { name: 'after', value: Buffer.alloc(max + 1, 1) }]);
    expect(big.statusCode, big.body).toBe(413);
    expect(big.json()).toMatchObject({ field: 'after', maxFileBytes: max });
  });

  // The clinic review: zod's own words ("Too big: expected string to have <=20000 characters") reached the
  // detail, and JSON that does not parse was told the same as a 2-point outline.
  it('says what is wrong with a field in plain words, naming the field and the limit', async () => {
    const before = await png(pair.before);
    const detailOf = async (name: string, value: string) => {
      const res = await post([{ name: 'before', value: before }, { name: 'after', value: before }, { name, value }]);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toMatch(/\/invalid-field$/);
      return res.json().detail as string;
    };
    const broken = await detailOf('scarPolygon', '[[1,2],[3,4]');
    expect(broken).toBe('scarPolygon is not valid JSON (at character 13); send the outline as [[x,y],[x,y],[x,y],...]');
    // a long one is not quoted back either (V8 cuts its quote with "...")
    const longBroken = await detailOf('scarPolygon', `[${Array.from({ length: 60 }, (_, i) => `[${i},${i}]`).join(',')},x]`);
    expect(longBroken).toMatch(/^scarPolygon is not valid JSON( \(at character \d+\))?; send the outline as \[\[x,y\],\[x,y\],\[x,y\],\.\.\.\]$/);
    expect(await detailOf('scarPolygon', '[[1,2],[3,4]]')).toBe('scarPolygon has 2 points; an outline needs at least 3');
    expect(await detailOf('scarPolygon', '[[1,2],[3,4],[5]]')).toBe('scarPolygon point 3 is not an [x, y] pair of numbers');
    expect(await detailOf('scarPolygon', '[[1,2],[3,4],[5,1e400]]')).toBe('scarPolygon point 3 has a coordinate beyond ±1,000,000 px');
    const long = JSON.stringify(Array.from({ length: 2000 }, (_, i) => [i, i])).padEnd(25_000, ' ');
    expect(await detailOf('scarPolygon', long)).toBe('scarPolygon is 25,000 characters long; at most 20,000');
    expect(await detailOf('pxPerCm', '0.5')).toBe('pxPerCm must be at least 1 pixel per cm');
    expect(await detailOf('pxPerCm', '10001')).toBe('pxPerCm must be at most 10,000 pixels per cm');
    expect(await detailOf('clientRef', 'Jane Doe')).toMatch(/^clientRef: must be the clinic's own id/);
  });

  it('puts the audit id, the client reference and the date on its PDF, and the overall change', async () => {
    const res = await post([
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
      { name: 'scarPolygon', value: JSON.stringify(poly) },
      { name: 'clientRef', value: 'C-0042' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { id, createdAt, audit, links } = res.json();
    const pdf = await t.app.inject({ method: 'GET', url: links.audit, headers: await t.auth('audit-clinic') });
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    if (text === null) return;
    const when = `${createdAt.slice(0, 10)} ${createdAt.slice(11, 16)} UTC`;
    expect(text).toContain(`Audit ${id} · client C-0042 · ${when}`);
    const [b, a] = [audit.scar.deltaE76.before.toFixed(1), audit.scar.deltaE76.after.toFixed(1)];
    expect(text).toContain(`ΔE76 ${b} → ${a} (change `);
    expect(text).not.toContain('dE76');
  });

  it('runs the quality gate on every photo: a dark after photo makes the audit not assessable, and each photo\'s checks are in the answer', async () => {
    const dark = await sharp(await png(pair.after)).linear(0.12, 0).png().toBuffer();
    const res = await post([
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: dark, filename: 'after.png' },
      { name: 'scarPolygon', value: JSON.stringify(poly) },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const { audit } = res.json();
    // It had been graded "perfect" (ΔE 0.5): everything is that dark.
    expect(audit.assessable).toBe(false);
    expect(audit.reasons).toContain('after photo: the photo is too dark; turn on the room lights or face a window, without using the flash');
    expect(audit.scar.match.after).toBeNull();
    expect(audit.quality.before.assessable).toBe(true);
    expect(audit.quality.after.checks.find((c: { id: string }) => c.id === 'exposure')).toMatchObject({ severity: 'error' });
    expect(audit.quality.visits).toEqual([]);
  });

  it('names the photo that is too small to audit, whichever it is', async () => {
    const before = await png(pair.before);
    const tiny = await sharp(before).resize(40, 40).png().toBuffer();
    for (const [parts, field, photo] of [
      [[{ name: 'before', value: tiny }, { name: 'after', value: before }], 'before', 1],
      [[{ name: 'before', value: before }, { name: 'after', value: tiny }], 'after', 2],
      [[{ name: 'before', value: before }, { name: 'after', value: before }, { name: 'visit', value: tiny }], 'visit', 3],
    ] as [Part[], string, number][]) {
      const res = await post([...parts, { name: 'scarPolygon', value: JSON.stringify(poly) }]);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ field, photo, minSide: 64 });
      expect(res.json().detail).toContain('40x40: at least 64 px a side');
    }
  });

  it('takes a polygon of 1000 points, the most its schema allows (the multipart field limit let only about 250 through)', async () => {
    const [cx, cy] = [poly.reduce((a, p) => a + p[0], 0) / 4, poly.reduce((a, p) => a + p[1], 0) / 4];
    const round = Array.from({ length: 1000 }, (_, i) => [+(cx + 30 * Math.cos((2 * Math.PI * i) / 1000)).toFixed(3), +(cy + 30 * Math.sin((2 * Math.PI * i) / 1000)).toFixed(3)]);
    const field = JSON.stringify(round);
    expect(field.length).toBeGreaterThan(4096);
    const res = await post([
      { name: 'before', value: await png(pair.before) },
      { name: 'after', value: await png(pair.after) },
      { name: 'scarPolygon', value: field },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().audit.scar.areaPx).toBeGreaterThan(2000);
    const tooLong = await post([{ name: 'before', value: await png(pair.before) }, { name: 'after', value: await png(pair.after) }, { name: 'scarPolygon', value: ' '.repeat(40_000) }]);
    expect(tooLong.statusCode, tooLong.body).toBe(413);
    expect(tooLong.json().detail).toContain('32768-byte limit');
  });
});

describe('GET /v1/audits', () => {
  // The clinic review: the list carried no outcome, so a clinic fetched every audit to see which failed.
  // Each item now has the outcome a client's history shows.
  it("gives each audit its outcome: the match and whether it is sure when assessable, null for both when not, the checks that fired", async () => {
    const clinic = 'audit-list-clinic';
    const auth = await t.auth(clinic);
    const parts = async (after: Buffer) => [
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: after, filename: 'after.png' },
      { name: 'scarPolygon', value: JSON.stringify(poly) },
    ];
    const passed = await post([...(await parts(await png(pair.after))), { name: 'clientRef', value: 'L-1' }], clinic);
    expect(passed.statusCode, passed.body).toBe(201);
    const dark = await sharp(await png(pair.after)).linear(0.12, 0).png().toBuffer();
    const refused = await post(await parts(dark), clinic);
    expect(refused.statusCode, refused.body).toBe(201);
    const good = passed.json();
    const bad = refused.json();
    expect(good.audit.assessable).toBe(true);
    expect(bad.audit.assessable).toBe(false);
    // one still being made has none yet
    const { id: clinicId } = (await t.app.store.getClinicByName(clinic))!;
    await t.app.store.createRecord({ id: '00000000-0000-4000-8000-000000000001', kind: 'audit', clinicId, input: {}, createdBy: null });

    const res = await t.app.inject({ method: 'GET', url: '/v1/audits', headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    const byId = Object.fromEntries(res.json().items.map((i: { id: string }) => [i.id, i]));
    expect(byId[good.id]).toEqual({
      id: good.id,
      status: 'completed',
      createdAt: good.createdAt,
      clientRef: 'L-1',
      outcome: {
        assessable: true,
        match: good.audit.scar.match.after,
        matchSure: good.audit.scar.matchSure.after,
        flags: good.audit.flags.map((f: { id: string }) => f.id),
      },
    });
    expect(['perfect', 'slight', 'obvious', 'gross']).toContain(byId[good.id].outcome.match);
    expect(typeof byId[good.id].outcome.matchSure).toBe('boolean');
    expect(byId[bad.id].outcome).toEqual({ assessable: false, match: null, matchSure: null, flags: bad.audit.flags.map((f: { id: string }) => f.id) });
    expect(byId['00000000-0000-4000-8000-000000000001']).toMatchObject({ status: 'processing', outcome: null });
    // the same item as the client's history shows
    const history = (await t.app.inject({ method: 'GET', url: '/v1/clients/L-1', headers: auth })).json();
    expect(history.audits).toEqual([byId[good.id]]);

    // an audit stored before matchSure was recorded lists with it null
    const { matchSure: _dropped, ...olderScar } = good.audit.scar;
    await t.app.store.completeRecord('audit', clinicId, good.id, { ...good.audit, scar: olderScar });
    const again = (await t.app.inject({ method: 'GET', url: '/v1/audits', headers: auth })).json();
    expect(again.items.find((i: { id: string }) => i.id === good.id).outcome).toMatchObject({ assessable: true, match: good.audit.scar.match.after, matchSure: null });

    // documented: the list's item schema has the outcome
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const item = doc.paths['/v1/audits'].get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(item.properties)).toEqual(expect.arrayContaining(['id', 'status', 'createdAt', 'clientRef', 'outcome']));
    const outcome = item.properties.outcome.anyOf?.find((s: { type?: string }) => s.type === 'object') ?? item.properties.outcome;
    expect(Object.keys(outcome.properties)).toEqual(['assessable', 'match', 'matchSure', 'flags']);
  });
});

describe('POST /v1/audits past the time limit', () => {
  let slow: TestApp;
  beforeAll(async () => {
    slow = await build({ analysisTimeoutMs: 30 }); // shorter than any audit
  });
  afterAll(async () => slow?.close());

  it('answers 503 analysis-timeout with Retry-After and keeps nothing, as a consultation does', async () => {
    const auth = await slow.auth();
    const { body, headers } = multipart([
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
      { name: 'visit', value: await png(pair.after), filename: 'visit.png' },
    ]);
    const res = await slow.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(503);
    expect(res.json().type).toMatch(/\/analysis-timeout$/);
    expect(res.headers['retry-after']).toBe('30');
    expect((await slow.app.inject({ method: 'GET', url: '/v1/audits', headers: auth })).json().items).toEqual([]);
    // the service is still ready
    const check = await slow.app.inject({ method: 'GET', url: '/ready' });
    expect(check.statusCode).toBe(200);
  });
});
