// A record the clinic deletes while it is still being analysed: nothing of it may outlive the deletion
// (the analysis finishes later and used to write its photos and images into the deleted record's folder).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { randomSpec, synthPair } from '../../src/vision/audit/synth/pair.js';
import type { RgbImage } from '../../src/vision/image.js';
import type { RecordKind } from '../../src/store/store.js';

let t: TestApp;
let clinicId: string;
let auth: Record<string, string>;

beforeAll(async () => {
  t = await build();
  auth = await t.auth('deleting-clinic');
  clinicId = (await t.app.store.getClinicByName('deleting-clinic'))!.id;
});
afterAll(async () => t?.close());

const PATH: Record<RecordKind, string> = { consultation: '/v1/consultations', audit: '/v1/audits' };

function send(kind: RecordKind, parts: Part[], query = '') {
  const { body, headers } = multipart(parts);
  return t.app.inject({ method: 'POST', url: `${PATH[kind]}${query}`, payload: body, headers: { ...headers, ...auth } });
}

/** The id of the clinic's record that is being analysed, as the clinic's list shows it. */
async function processingId(kind: RecordKind): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const items = (await t.app.inject({ method: 'GET', url: PATH[kind], headers: auth })).json().items as { id: string; status: string }[];
    const running = items.find((r) => r.status === 'processing');
    if (running) return running.id;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${kind} showed up as processing`);
}

/** Resolves with what completeRecord answered once the analysis of `id` has stored its result. */
function completion(id: string): Promise<boolean> {
  const store = t.app.store;
  const original = store.completeRecord.bind(store);
  return new Promise((resolve) => {
    store.completeRecord = async (kind, clinic, recordId, result) => {
      const kept = await original(kind, clinic, recordId, result);
      if (recordId === id) {
        store.completeRecord = original;
        resolve(kept);
      }
      return kept;
    };
  });
}

async function expectGone(kind: RecordKind, id: string) {
  expect(await t.app.store.getRecord(kind, clinicId, id)).toBeNull();
  // the clean-up follows completeRecord's answer by a few awaits
  for (let i = 0; i < 100 && (await t.app.blobs.list(clinicId, id)).length > 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(await t.app.blobs.list(clinicId, id)).toEqual([]);
}

const closeup = async (): Promise<Part[]> => [{ name: 'closeup', value: await texturedJpeg(800, 600), filename: 'c.jpg' }];

describe('deleting a record while it is analysed', () => {
  it('a synchronous consultation answers 410 and keeps no file', async () => {
    const answer = send('consultation', await closeup());
    const id = await processingId('consultation');
    const done = completion(id);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/consultations/${id}`, headers: auth })).statusCode).toBe(204);
    const res = await answer;
    expect(res.statusCode, res.body).toBe(410);
    expect(res.json().type).toMatch(/\/deleted-during-analysis$/);
    expect(await done).toBe(false);
    await expectGone('consultation', id);
  });

  it('an async consultation finishes into nothing', async () => {
    const res = await send('consultation', await closeup(), '?async=true');
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    const done = completion(id);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/consultations/${id}`, headers: auth })).statusCode).toBe(204);
    expect(await done).toBe(false);
    await expectGone('consultation', id);
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${id}`, headers: auth })).statusCode).toBe(404);
  });

  it('an audit answers 410 and keeps no file', async () => {
    let seed = 7;
    let pair;
    do pair = synthPair(randomSpec(seed++, { width: 384, height: 384 }));
    while (pair.spec.failure !== 'none');
    const png = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
    const answer = send('audit', [
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
    ]);
    const id = await processingId('audit');
    const done = completion(id);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/audits/${id}`, headers: auth })).statusCode).toBe(204);
    const res = await answer;
    expect(res.statusCode, res.body).toBe(410);
    expect(await done).toBe(false);
    await expectGone('audit', id);
  });

  it('a clinic deleted while its async consultation runs leaves no folder of its own behind', async () => {
    const leaving = await t.auth('leaving-clinic');
    const leavingId = (await t.app.store.getClinicByName('leaving-clinic'))!.id;
    const { body, headers } = multipart(await closeup());
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations?async=true', payload: body, headers: { ...headers, ...leaving } });
    expect(res.statusCode).toBe(202);
    const done = completion(res.json().id as string);
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/clinic', headers: leaving })).statusCode).toBe(204);
    expect(await done).toBe(false);
    const folder = join(t.dataDir, 'files', leavingId);
    for (let i = 0; i < 100 && existsSync(folder); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(folder)).toBe(false);
  });

  it("a clinic deleted while its file sweep is under way keeps nothing of an analysis that finishes meanwhile", async () => {
    const leaving = await t.auth('sweeping-clinic');
    const leavingId = (await t.app.store.getClinicByName('sweeping-clinic'))!.id;
    const { body, headers } = multipart(await closeup());
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations?async=true', payload: body, headers: { ...headers, ...leaving } });
    expect(res.statusCode).toBe(202);
    const done = completion(res.json().id as string);
    // A large clinic's files take a while to remove: the analysis ends (and writes its files) during that.
    const blobs = t.app.blobs;
    const deleteClinic = blobs.deleteClinic.bind(blobs);
    blobs.deleteClinic = async (id) => {
      blobs.deleteClinic = deleteClinic;
      await deleteClinic(id);
      await done;
    };
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/clinic', headers: leaving })).statusCode).toBe(204);
    const folder = join(t.dataDir, 'files', leavingId);
    for (let i = 0; i < 100 && existsSync(folder); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(folder)).toBe(false);
  });

  it('a clinic deleted while an upload was still being sent keeps nothing of it (consultation and audit)', async () => {
    for (const kind of ['consultation', 'audit'] as const) {
      const name = `deleted-while-uploading-${kind}`;
      const leaving = await t.auth(name);
      const leavingId = (await t.app.store.getClinicByName(name))!.id;
      // The request's key was checked and its photos were arriving when the clinic was deleted.
      const store = t.app.store;
      const createRecord = store.createRecord.bind(store);
      store.createRecord = async (rec) => {
        store.createRecord = createRecord;
        expect((await t.app.inject({ method: 'DELETE', url: '/v1/clinic', headers: leaving })).statusCode).toBe(204);
        return createRecord(rec);
      };
      const photo = await texturedJpeg(800, 600);
      const parts = kind === 'consultation' ? [{ name: 'closeup', value: photo, filename: 'c.jpg' }] : [{ name: 'before', value: photo, filename: 'b.jpg' }, { name: 'after', value: photo, filename: 'a.jpg' }];
      const { body, headers } = multipart(parts);
      const res = await t.app.inject({ method: 'POST', url: PATH[kind], payload: body, headers: { ...headers, ...leaving } });
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().detail).toMatch(/clinic was deleted/);
      expect(await store.listRecords(kind, leavingId)).toEqual([]);
      expect(existsSync(join(t.dataDir, 'files', leavingId))).toBe(false);
    }
  });

  it('a consultation deleted after it finished is untouched by the clean-up (control)', async () => {
    const res = await send('consultation', await closeup());
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await t.app.blobs.list(clinicId, id)).length).toBeGreaterThan(3);
  });
});
