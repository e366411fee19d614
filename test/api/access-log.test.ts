// GET /v1/access-log a page at a time: `before` reaches the entries older than the newest 1,000.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

type Db = { prepare: (q: string) => { run: (...a: unknown[]) => void; all: (...a: unknown[]) => unknown[] } };

describe('GET /v1/access-log', () => {
  it('pages back with before (the at of the last entry), skipping none of a millisecond two entries share', async () => {
    const auth = await t.auth('clinic-log-pages');
    const clinic = (await t.app.store.getClinicByName('clinic-log-pages'))!;
    const db = (t.app.store as unknown as { db: Db }).db;
    // oldest first, as they were logged; two share a millisecond
    const at = ['2026-11-24T07:24:55.000Z', '2026-11-24T07:24:56.500Z', '2026-11-24T07:24:57.118Z', '2026-11-24T07:24:57.118Z', '2026-11-24T07:24:58.000Z'];
    for (const [i] of at.entries()) await t.app.store.logAccess({ clinicId: clinic.id, actor: 'test', action: 'read', target: `consultation:${i}` });
    const seqs = (db.prepare(`SELECT seq FROM access_log WHERE clinic_id = ? ORDER BY seq`).all(clinic.id) as { seq: number }[]).map((r) => r.seq);
    expect(seqs).toHaveLength(at.length);
    for (const [i, seq] of seqs.entries()) db.prepare(`UPDATE access_log SET at = ? WHERE seq = ?`).run(at[i], seq);

    const page = async (q: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/v1/access-log?${q}`, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { at: string; target: string }[]).map((e) => e.target);
    };
    expect(await page('limit=2')).toEqual(['consultation:4', 'consultation:3', 'consultation:2']); // the rest of 57.118
    expect(await page('limit=2&before=2026-11-24T07:24:57.118Z')).toEqual(['consultation:1', 'consultation:0']);
    expect(await page('limit=2&before=2026-11-24T07:24:55.000Z')).toEqual([]);
    // the same instant with an offset, and a time without milliseconds
    expect(await page(`before=${encodeURIComponent('2026-11-24T08:24:57.118+01:00')}`)).toEqual(['consultation:1', 'consultation:0']);
    expect(await page('before=2026-11-24T07:24:57Z')).toEqual(['consultation:1', 'consultation:0']);
    expect(await page('limit=1&before=2026-11-24T07:24:58Z')).toEqual(['consultation:3', 'consultation:2']);
  });

  it('pages in time order, so a clock stepped back hides no entry from every page (diff review)', async () => {
    const auth = await t.auth('clinic-log-clock');
    const clinic = (await t.app.store.getClinicByName('clinic-log-clock'))!;
    const db = (t.app.store as unknown as { db: Db }).db;
    // logged in this order, the clock stepped back an hour between the second and the third
    const at = ['2026-11-24T08:00:00.000Z', '2026-11-24T08:00:01.000Z', '2026-11-24T07:00:00.000Z', '2026-11-24T07:00:01.000Z'];
    for (const [i] of at.entries()) await t.app.store.logAccess({ clinicId: clinic.id, actor: 'test', action: 'read', target: `consultation:${i}` });
    const seqs = (db.prepare(`SELECT seq FROM access_log WHERE clinic_id = ? ORDER BY seq`).all(clinic.id) as { seq: number }[]).map((r) => r.seq);
    for (const [i, seq] of seqs.entries()) db.prepare(`UPDATE access_log SET at = ? WHERE seq = ?`).run(at[i], seq);
    const seen: string[] = [];
    let before = '';
    for (let pages = 0; pages < 5; pages++) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/access-log?limit=1${before ? `&before=${before}` : ''}`, headers: auth });
      const items = res.json().items as { at: string; target: string }[];
      if (!items.length) break;
      seen.push(...items.map((e) => e.target));
      before = items.at(-1)!.at;
    }
    expect(seen).toEqual(['consultation:1', 'consultation:0', 'consultation:3', 'consultation:2']);
  });

  it('refuses a before that is not a time, and documents the cursor', async () => {
    const auth = await t.auth();
    const bad = await t.app.inject({ method: 'GET', url: '/v1/access-log?before=yesterday', headers: auth });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    const op = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths['/v1/access-log'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['before', 'limit']);
    expect(op.description).toMatch(/`before`/);
  });
});
