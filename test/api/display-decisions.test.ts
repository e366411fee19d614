// The display decisions the answer carries so that the web page keeps no copy of the service's rules:
// photos[i].uprightTurn and plan.uprightTurn (the turn report.pdf shows a photo with), and skinTone.monkShown
// per photo and fused (whether report.pdf shows the Monk shade, and why not). They are worked out when the
// answer is given (presentAnalysis), so a record stored before them gets them too: checked here on such a
// record written straight to the store, on a fresh analysis, and in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { LightMyRequestResponse } from 'fastify';
import { build, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { storedUprightTurn } from '../../src/pipeline/plan-photo.js';
import { monkShownField } from '../../src/vision/colour/monk.js';

let t: TestApp;
let auth: Record<string, string>;
let clinicId: string;
let doc: { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormatsModule as unknown as typeof addFormatsModule.default)(ajv);

beforeAll(async () => {
  t = await build();
  auth = await t.auth('display-decisions');
  clinicId = (await t.app.store.getClinicByName('display-decisions'))!.id;
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => t?.close());

/** Whether an answer fits the OpenAPI document's schema for it (the error text where it does not). */
function misfit(method: string, path: string, res: LightMyRequestResponse): string | null {
  const schema = doc.paths[path][method].responses[String(res.statusCode)].content!['application/json'].schema!;
  return ajv.validate(schema, res.json()) ? null : ajv.errorsText(ajv.errors);
}

const skinTone = (ita: number, category: string, monk: number, monkDeltaE00: number) => ({ ita, category, lab: [65, 10, 15], fitzpatrick: 2, monk, monkDeltaE00 });

/** A photo as the pipeline stores it (the fields the answer's schema requires, and the orientation read). */
function photo(index: number, orientation: number, orientationConfidence: number, more: Record<string, unknown> = {}) {
  return {
    index,
    view: 'top',
    width: 640,
    height: 480,
    orientation,
    orientationConfidence,
    quality: { assessable: true, reasons: [] },
    coverage: { hair: 0.5, skin: 0.4, scar: 0 },
    face: null,
    skinTone: null,
    ...more,
  };
}

/** A completed consultation as a version before these fields stored it; its answer from GET. */
async function storedBefore(result: Record<string, unknown>): Promise<Record<string, any>> {
  const id = randomUUID();
  await t.app.store.createRecord({ id, kind: 'consultation', clinicId, input: { views: ['top'] }, createdBy: null });
  await t.app.store.completeRecord('consultation', clinicId, id, result);
  const res = await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  expect(misfit('get', '/v1/consultations/{id}', res)).toBeNull();
  return res.json();
}

describe('photos[i].uprightTurn and plan.uprightTurn', () => {
  it('undo a sure orientation and leave an unsure one as taken, on a record stored without them', async () => {
    const c = await storedBefore({
      assessable: true,
      photos: [
        photo(0, 90, 0.95), // sure: turned back a quarter turn anticlockwise
        photo(1, 90, 0.6), // unsure: as taken
        photo(2, 270, 0.3, { face: { found: true } }), // a face found makes the face end sure
        photo(3, 180, 0.9), // sure from 0.9
        { ...photo(4, 0, 0), orientation: undefined, orientationConfidence: undefined }, // no orientation read: as taken
      ],
      skinTone: null,
      plan: { photoIndex: 0, sessions: [], totalDots: 0, orientation: { degrees: 90, confidence: 0.95, sure: true } },
    });
    expect(c.photos.map((p: { uprightTurn: number }) => p.uprightTurn)).toEqual([270, 0, 90, 180, 0]);
    // the plan is drawn in its photo's frame: turned as that photo is
    expect(c.plan.uprightTurn).toBe(270);
    // the stored record itself is left as it was
    const rec = await t.app.store.getRecord('consultation', clinicId, c.id);
    expect((rec!.result as { photos: object[] }).photos[0]).not.toHaveProperty('uprightTurn');
  });

  it("give the plan its own orientation's turn where its photo is not in the answer", async () => {
    const sure = await storedBefore({ photos: [photo(0, 0, 0.99)], plan: { photoIndex: 3, sessions: [], totalDots: 0, orientation: { degrees: 90, confidence: 0.95, sure: true } } });
    expect(sure.plan.uprightTurn).toBe(270);
    const unsure = await storedBefore({ photos: [photo(0, 0, 0.99)], plan: { photoIndex: 3, sessions: [], totalDots: 0, orientation: { degrees: 90, confidence: 0.6, sure: false } } });
    expect(unsure.plan.uprightTurn).toBe(0);
    const none = await storedBefore({ photos: [photo(0, 0, 0.99)], plan: null });
    expect(none.plan).toBeNull();
  });
});

describe('skinTone.monkShown', () => {
  it('says whether the Monk shade is shown and why not, fused and per photo, on a record stored without it', async () => {
    const c = await storedBefore({
      photos: [
        photo(0, 0, 0.99, { skinTone: skinTone(50.39, 'light', 5, 15.158) }), // L3-033: past the cut
        photo(1, 0, 0.99, { skinTone: skinTone(60.2, 'very light', 5, 9) }), // Monk 5 is light
        photo(2, 0, 0.99, { skinTone: skinTone(60.2, 'very light', 4, 9) }),
        photo(3, 0, 0.99), // no skin measured
      ],
      skinTone: { ...skinTone(56.96, 'very light', 5, 18.89), photosUsed: 3, photosMeasured: 3 }, // L6-027
    });
    expect(c.skinTone.monkShown).toEqual({ shown: false, why: 'not-close' });
    expect(c.photos.map((p: { skinTone: { monkShown?: unknown } | null }) => p.skinTone?.monkShown ?? null)).toEqual([
      { shown: false, why: 'not-close' },
      { shown: false, why: 'other-category' },
      { shown: true },
      null,
    ]);
    expect(c.photos[3].skinTone).toBeNull();
  });

  it('shows a close match of the skin\'s own category', async () => {
    const c = await storedBefore({ photos: [photo(0, 0, 0.99)], skinTone: skinTone(45, 'light', 5, 12) });
    expect(c.skinTone.monkShown).toEqual({ shown: true });
  });

  it('leaves a processing record without them', async () => {
    const id = randomUUID();
    await t.app.store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: null });
    const res = await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).not.toHaveProperty('skinTone');
    expect(res.json()).not.toHaveProperty('plan');
    expect(res.json().photos).toEqual([]);
  });
});

describe('a fresh analysis', () => {
  it('answers them, by the same rules', async () => {
    const { body, headers } = multipart([{ name: 'top', value: await texturedJpeg(320, 240), filename: 't.jpg' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    expect(misfit('post', '/v1/consultations', res)).toBeNull();
    const c = res.json();
    expect(c.photos).toHaveLength(1);
    for (const p of c.photos) {
      expect([0, 90, 180, 270]).toContain(p.uprightTurn);
      expect(p.uprightTurn).toBe(storedUprightTurn(p));
      if (p.skinTone) expect(p.skinTone.monkShown).toEqual(monkShownField(p.skinTone));
    }
    if (c.skinTone) expect(c.skinTone.monkShown).toEqual(monkShownField(c.skinTone));
    if (c.plan) expect(c.plan.uprightTurn).toBe(c.photos.find((p: { index: number }) => p.index === c.plan.photoIndex).uprightTurn);
  });
});

describe('the OpenAPI document', () => {
  /** The schema at a path of properties ('[]' for an array's items), through nullable's anyOf. */
  function at(schema: Record<string, any>, path: string): Record<string, any> {
    const plain = (s: Record<string, any>) => s.anyOf?.find((v: { type?: string }) => v.type !== 'null') ?? s;
    let s = schema;
    for (const step of path.split('.')) {
      s = plain(s);
      s = step === '[]' ? s.items : s.properties?.[step];
      if (!s) throw new Error(`no ${step} in ${path}`);
    }
    return s;
  }
  const values = (s: Record<string, any>): unknown[] => s.enum ?? (s.anyOf ?? s.oneOf ?? []).flatMap((v: Record<string, any>) => (v.const !== undefined ? [v.const] : (v.enum ?? [])));

  it('documents each field, with a description, in every answer that carries a consultation', () => {
    const answers = [
      doc.paths['/v1/consultations'].post.responses['201'],
      doc.paths['/v1/consultations/{id}'].get.responses['200'],
      doc.paths['/v1/consultations/{id}/plan'].post.responses['200'],
    ].map((r) => r.content!['application/json'].schema as Record<string, any>);
    for (const s of answers) {
      for (const path of ['photos.[].uprightTurn', 'plan.uprightTurn']) {
        expect(at(s, path).description, path).toMatch(/clockwise/);
        expect(new Set(values(at(s, path))), path).toEqual(new Set([0, 90, 180, 270]));
      }
      for (const path of ['skinTone.monkShown', 'photos.[].skinTone.monkShown']) {
        const m = at(s, path);
        expect(m.description, path).toMatch(/Monk/);
        expect(m.properties.shown.type, path).toBe('boolean');
        expect(m.properties.shown.description, path).toBeTruthy();
        expect(new Set(m.properties.why.enum), path).toEqual(new Set(['not-close', 'other-category']));
        expect(m.properties.why.description, path).toMatch(/15/);
      }
    }
  });
});
