// retentionDays in the clinic settings: records past it are deleted with their files, logged, and only
// for the clinic that set it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { purgeExpiredRecords } from '../../src/api/retention.js';

let t: TestApp;
let photo: Buffer;
beforeAll(async () => {
  t = await build();
  photo = await texturedJpeg(320, 240);
});
afterAll(async () => t?.close());

const DAY = 86_400_000;
const settings = (auth: Record<string, string>, payload: object) => t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', headers: auth, payload });
async function consult(auth: Record<string, string>): Promise<string> {
  const { body, headers } = multipart([{ name: 'closeup', value: photo, filename: 'c.jpg' }]);
  const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('retentionDays', () => {
  it('is validated as whole days from 1 to 36500', async () => {
    const auth = await t.auth('ret-validate');
    for (const bad of [0, -3, 1.5, 36_501, '30']) {
      const res = await settings(auth, { retentionDays: bad });
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(400);
    }
    const ok = await settings(auth, { retentionDays: 90 });
    expect(ok.json().settings).toEqual({ retentionDays: 90 });
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: auth })).json().settings).toEqual({ retentionDays: 90 });
  });

  it('deletes records older than the period, with their files, for that clinic only, and logs it', async () => {
    const keeps = await t.auth('ret-keeps'); // no period: nothing of it ever expires
    const expires = await t.auth('ret-expires');
    const kept = await consult(keeps);
    const old = await consult(expires);
    expect((await settings(expires, { retentionDays: 30 })).statusCode).toBe(200);
    const clinicId = (await t.app.store.getClinicByName('ret-expires'))!.id;
    expect((await t.app.blobs.list(clinicId, old)).length).toBeGreaterThan(0);

    expect(await purgeExpiredRecords(t.app.store, t.app.blobs, new Date(Date.now() + 29 * DAY))).toEqual([]);
    const gone = await purgeExpiredRecords(t.app.store, t.app.blobs, new Date(Date.now() + 31 * DAY));
    expect(gone).toEqual([{ clinicId, kind: 'consultation', id: old }]);
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${old}`, headers: expires })).statusCode).toBe(404);
    expect(await t.app.blobs.list(clinicId, old)).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/v1/consultations/${kept}`, headers: keeps })).statusCode).toBe(200);
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: expires })).json().items as { actor: string; action: string; target: string }[];
    expect(log[0]).toMatchObject({ actor: 'retention', action: 'expire', target: `consultation:${old}` });
  });

  it('applies when set, without waiting for the hourly sweep', async () => {
    const auth = await t.auth('ret-now');
    const id = await consult(auth);
    const clinicId = (await t.app.store.getClinicByName('ret-now'))!.id;
    // Backdate the record past a 1-day period, as if it had been kept for 2 days (the store has no API for it, rightly).
    (t.app.store as unknown as { db: { prepare: (q: string) => { run: (...a: unknown[]) => void } } }).db
      .prepare(`UPDATE records SET created_at = ? WHERE id = ?`)
      .run(new Date(Date.now() - 2 * DAY).toISOString(), id);
    expect((await settings(auth, { retentionDays: 1 })).statusCode).toBe(200);
    for (let i = 0; i < 100 && (await t.app.store.getRecord('consultation', clinicId, id)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await t.app.store.getRecord('consultation', clinicId, id)).toBeNull();
  });

  it('applies a period set while a sweep is already under way, once that sweep ends', async () => {
    const auth = await t.auth('ret-during-sweep');
    const id = await consult(auth);
    const clinicId = (await t.app.store.getClinicByName('ret-during-sweep'))!.id;
    (t.app.store as unknown as { db: { prepare: (q: string) => { run: (...a: unknown[]) => void } } }).db
      .prepare(`UPDATE records SET created_at = ? WHERE id = ?`)
      .run(new Date(Date.now() - 2 * DAY).toISOString(), id);
    // A sweep that reads the clinics before the period is set and takes a while over them (a large clinic's deletions).
    const store = t.app.store;
    const listClinics = store.listClinics.bind(store);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    store.listClinics = async () => {
      const clinics = await listClinics();
      await held;
      return clinics;
    };
    let sweeping: Promise<void>;
    try {
      sweeping = t.app.sweepRetention();
      expect((await settings(auth, { retentionDays: 1 })).statusCode).toBe(200);
    } finally {
      store.listClinics = listClinics;
      release();
    }
    await sweeping;
    for (let i = 0; i < 100 && (await store.getRecord('consultation', clinicId, id)); i++) await new Promise((r) => setTimeout(r, 20));
    expect((await store.getRecord('consultation', clinicId, id))?.id).toBeUndefined();
  });
});
