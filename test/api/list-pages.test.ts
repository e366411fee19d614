// The clinic's lists a page at a time: `next` is the query of the page after a full one (the integrator
// review: a client had to assemble `before` and `beforeId` from the last item), null after the last.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

describe.each(['consultations', 'audits'] as const)('GET /v1/%s pages', (path) => {
  it('gives next while a page is full, and following it lists every record once, newest first', async () => {
    const name = `clinic-pages-${path}`;
    const auth = await t.auth(name);
    const clinic = (await t.app.store.getClinicByName(name))!;
    const ids: string[] = [];
    // five records, several in one millisecond: beforeId keeps them apart
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      ids.push(id);
      await t.app.store.createRecord({ id, kind: path === 'audits' ? 'audit' : 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    }
    const seen: string[] = [];
    let query = 'limit=2';
    for (let pages = 0; pages < 10; pages++) {
      const res = await t.app.inject({ method: 'GET', url: `/v1/${path}?${query}`, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: string; createdAt: string }[]; next: { before: string; beforeId: string } | null };
      seen.push(...body.items.map((i) => i.id));
      if (body.items.length === 2) expect(body.next).toEqual({ before: body.items[1].createdAt, beforeId: body.items[1].id });
      else expect(body.next).toBeNull();
      if (!body.next) break;
      query = `limit=2&before=${encodeURIComponent(body.next.before)}&beforeId=${body.next.beforeId}`;
    }
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(5);
    // without a limit: the default page (50) is not full, so no next
    const whole = await t.app.inject({ method: 'GET', url: `/v1/${path}`, headers: auth });
    expect(whole.json().next).toBeNull();
    expect(whole.headers.link).toBeUndefined();
  });

  it('links the next page in a Link header (RFC 8288), keeping the filter, and following the links lists every record once', async () => {
    const name = `clinic-links-${path}`;
    const auth = await t.auth(name);
    const clinic = (await t.app.store.getClinicByName(name))!;
    const mine: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      // every other record is another client's: the links must keep the clientRef filter
      const clientRef = i % 2 ? 'other client' : 'client-7/a:b';
      if (i % 2 === 0) mine.push(id);
      await t.app.store.createRecord({ id, kind: path === 'audits' ? 'audit' : 'consultation', clinicId: clinic.id, input: {}, createdBy: null, clientRef });
    }
    const seen: string[] = [];
    let url: string | null = `/v1/${path}?limit=1&clientRef=${encodeURIComponent('client-7/a:b')}`;
    for (let pages = 0; url && pages < 10; pages++) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { id: string }[]; next: { before: string; beforeId: string } | null };
      seen.push(...body.items.map((i) => i.id));
      const link = res.headers.link as string | undefined;
      if (!body.next) {
        expect(link).toBeUndefined();
        break;
      }
      const m = /^<([^>]+)>; rel="next"$/.exec(link ?? '');
      expect(m, link).not.toBeNull();
      const next = new URL(m![1], 'http://x');
      expect(next.pathname).toBe(`/v1/${path}`);
      expect(Object.fromEntries(next.searchParams)).toEqual({ limit: '1', clientRef: 'client-7/a:b', before: body.next.before, beforeId: body.next.beforeId });
      url = m![1];
    }
    expect([...seen].sort()).toEqual([...mine].sort());
  });
});
