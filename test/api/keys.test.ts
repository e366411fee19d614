// Clinic key management through app.inject(): list, add, revoke, and what revocation ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { deleteClinicBefore } from '../helpers/races.js';
import { build as buildApp } from '../../src/api/build.js';
import { pipelineConfig } from '../../src/pipeline/config.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => any };

function expectProblem(res: Res, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().type).toMatch(new RegExp(`/${slug}$`));
  return res.json();
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const list = (auth: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/clinic/keys', headers: auth });
const add = (auth: Record<string, string>, payload: unknown = {}) => t.app.inject({ method: 'POST', url: '/v1/clinic/keys', headers: auth, payload: payload as object });
const revoke = (auth: Record<string, string>, id: string) => t.app.inject({ method: 'DELETE', url: `/v1/clinic/keys/${id}`, headers: auth });
const mint = (auth: Record<string, string>) => t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: auth, payload: { ttlMinutes: 5 } });
const consultations = (auth: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/consultations', headers: auth });

describe('/v1/clinic/keys', () => {
  it('lists the keys, marks the one in use and when it was last used, never the key itself', async () => {
    const auth = await t.auth('keys-list');
    const res = await list(auth);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ current: true, revokedAt: null, label: null, scope: 'admin' });
    expect(items[0].prefix).toBe(auth.authorization.slice('Bearer '.length, 'Bearer '.length + 10));
    expect(Date.parse(items[0].lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body).not.toContain(auth.authorization.slice('Bearer '.length));
  });

  it('rotates: add a labelled key, switch to it, revoke the old one', async () => {
    const old = await t.auth('keys-rotate');
    const added = await add(old, { label: ' practice software ' });
    expect(added.statusCode, added.body).toBe(201);
    const fresh = added.json();
    expect(fresh).toMatchObject({ label: 'practice software', current: false, revokedAt: null });
    expect(fresh.key).toMatch(/^smp_/);
    expect(fresh.key.startsWith(fresh.prefix)).toBe(true);
    const next = bearer(fresh.key);
    expect((await consultations(next)).statusCode).toBe(200);

    const oldId = (await list(next)).json().items.find((k: { current: boolean }) => !k.current).id;
    expect((await revoke(next, oldId)).statusCode).toBe(204);
    expectProblem(await consultations(old), 401, 'unauthorized');
    expect((await consultations(next)).statusCode).toBe(200);
    const after = (await list(next)).json().items;
    expect(after.find((k: { id: string }) => k.id === oldId).revokedAt).toMatch(/^\d{4}-/);
    // Revoking again changes nothing and logs nothing more.
    expect((await revoke(next, oldId)).statusCode).toBe(204);
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: next })).json().items as { actor: string; action: string; target: string }[];
    expect(log.filter((e) => e.action === 'revoke-key')).toEqual([{ at: expect.any(String), actor: `key:${fresh.prefix}`, action: 'revoke-key', target: expect.stringMatching(/^key:smp_/) }]);
    expect(log.some((e) => e.action === 'create-key' && e.target === `key:${fresh.prefix}`)).toBe(true);
  });

  it('ends the upload tokens a revoked key minted, and only those', async () => {
    const first = await t.auth('keys-tokens');
    const second = bearer((await add(first)).json().key);
    const fromFirst = bearer((await mint(first)).json().token);
    const fromSecond = bearer((await mint(second)).json().token);
    const probe = (auth: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/consultations/00000000-0000-4000-8000-000000000000', headers: auth });
    expectProblem(await probe(fromFirst), 404, 'not-found');
    const firstId = (await list(first)).json().items.find((k: { current: boolean }) => k.current).id;
    expect((await revoke(second, firstId)).statusCode).toBe(204);
    expectProblem(await probe(fromFirst), 401, 'unauthorized');
    expectProblem(await probe(fromSecond), 404, 'not-found');
  });

  it('lists the upload tokens a revoked key minted as revoked, from when the key was', async () => {
    const first = await t.auth('keys-tokens-listed');
    const second = bearer((await add(first)).json().key);
    const early = (await mint(first)).json().id;
    const fromFirst = (await mint(first)).json().id;
    const fromSecond = (await mint(second)).json().id;
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/upload-tokens/${early}`, headers: first })).statusCode).toBe(204);
    const firstId = (await list(first)).json().items.find((k: { current: boolean }) => k.current).id;
    expect((await revoke(second, firstId)).statusCode).toBe(204);
    const keyRevokedAt = (await list(second)).json().items.find((k: { id: string }) => k.id === firstId).revokedAt;
    const items = (await t.app.inject({ method: 'GET', url: '/v1/upload-tokens', headers: second })).json().items as { id: string; revokedAt: string | null }[];
    const revokedAt = Object.fromEntries(items.map((i) => [i.id, i.revokedAt]));
    expect(revokedAt[fromFirst]).toBe(keyRevokedAt);
    expect(revokedAt[fromSecond]).toBeNull();
    expect(Date.parse(revokedAt[early]!)).toBeLessThanOrEqual(Date.parse(keyRevokedAt)); // its own, earlier revocation
  });

  it('keeps the last active key (409) and refuses another clinic\'s key (404)', async () => {
    const auth = await t.auth('keys-last');
    const own = (await list(auth)).json().items[0].id;
    const body = expectProblem(await revoke(auth, own), 409, 'last-active-key');
    expect(body.detail).toMatch(/add another/);
    expect((await consultations(auth)).statusCode).toBe(200);

    const other = await t.auth('keys-other');
    const otherId = (await list(other)).json().items[0].id;
    expectProblem(await revoke(auth, otherId), 404, 'not-found');
    expect((await consultations(other)).statusCode).toBe(200);
    expect((await list(auth)).json().items.map((k: { id: string }) => k.id)).not.toContain(otherId);
  });

  it('answers 401, not 500, when the clinic is deleted while a key is being added', async () => {
    const auth = await t.auth('keys-leaving');
    deleteClinicBefore(t.app, auth, 'addApiKey');
    expect(expectProblem(await add(auth), 401, 'unauthorized').detail).toMatch(/clinic was deleted/);
  });

  it('refuses bad input with 400 and upload tokens with 403', async () => {
    const auth = await t.auth('keys-bad');
    expectProblem(await revoke(auth, 'not-a-uuid'), 400, 'invalid-request');
    expectProblem(await add(auth, { label: 'x'.repeat(101) }), 400, 'invalid-request');
    expectProblem(await add(auth, { label: 'tab\there' }), 400, 'invalid-request');
    expectProblem(await add(auth, { label: '   ' }), 400, 'invalid-request');
    expectProblem(await add(auth, { name: 'extra field' }), 400, 'invalid-request');
    const token = bearer((await mint(auth)).json().token);
    expectProblem(await list(token), 403, 'forbidden');
    expectProblem(await add(token), 403, 'forbidden');
    expectProblem(await revoke(token, '00000000-0000-4000-8000-000000000000'), 403, 'forbidden');
    expect((await list(auth)).json().items).toHaveLength(1);
  });
});

describe('/v1/clinic/keys with auth off', () => {
  it('answers 409 auth-disabled', async () => {
    const local = await build({ auth: false });
    try {
      expectProblem(await local.app.inject({ method: 'GET', url: '/v1/clinic/keys' }), 409, 'auth-disabled');
      expectProblem(await local.app.inject({ method: 'POST', url: '/v1/clinic/keys', payload: {} }), 409, 'auth-disabled');
    } finally {
      await local.close();
    }
  });
});

describe('the local clinic of SMP_AUTH=off', () => {
  it('keeps its settings and access log, also after DELETE /v1/clinic; its upload tokens are nothing once auth is on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smp-local-'));
    const open = (auth: boolean) => buildApp({ dataDir, pipeline: pipelineConfig({ workers: 1, inferenceThreads: 1 }), auth });
    try {
      let app = await open(false);
      const settings = async () => (await app.inject({ method: 'GET', url: '/v1/clinic' })).json().settings;
      const put = await app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { retentionDays: 30 } });
      expect(put.statusCode, put.body).toBe(200);
      expect(await settings()).toEqual({ retentionDays: 30 });
      const log = (await app.inject({ method: 'GET', url: '/v1/access-log' })).json().items as { actor: string; action: string }[];
      expect(log).toEqual([expect.objectContaining({ actor: 'local', action: 'update-settings' })]);
      // its uploads are kept (a record is only kept for a clinic that exists)
      const { body, headers } = multipart([{ name: 'closeup', value: await texturedJpeg(640, 480), filename: 'c.jpg' }]);
      const created = await app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers });
      expect(created.statusCode, created.body).toBe(201);
      expect((await app.inject({ method: 'GET', url: `/v1/consultations/${created.json().id}` })).statusCode).toBe(200);
      // deleting all of its data leaves it empty, and still there to take settings
      expect((await app.inject({ method: 'DELETE', url: '/v1/clinic' })).statusCode).toBe(204);
      expect(await settings()).toBeNull();
      await app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { retentionDays: 7 } });
      expect(await settings()).toEqual({ retentionDays: 7 });
      const token = (await app.inject({ method: 'POST', url: '/v1/upload-tokens', payload: {} })).json().token as string;
      await app.close();

      app = await open(true);
      expectProblem(await app.inject({ method: 'GET', url: '/v1/consultations/00000000-0000-4000-8000-000000000000', headers: bearer(token) }), 401, 'unauthorized');
      await app.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('/v1/upload-tokens: one token revoked on its own', () => {
  const tokens = (auth: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/upload-tokens', headers: auth });
  const revokeToken = (auth: Record<string, string>, id: string) => t.app.inject({ method: 'DELETE', url: `/v1/upload-tokens/${id}`, headers: auth });
  const probe = (auth: Record<string, string>) => t.app.inject({ method: 'GET', url: '/v1/consultations/00000000-0000-4000-8000-000000000000', headers: auth });

  it('lists the tokens out, ends only the one revoked, logs it, and keeps to the clinic', async () => {
    const key = await t.auth('tokens-revoke');
    const sent = (await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: key, payload: { ttlMinutes: 30, clientRef: 'P-9' } })).json();
    const kept = (await mint(key)).json();
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = (await tokens(key)).json().items;
    expect(listed.map((x: { id: string }) => x.id)).toEqual([kept.id, sent.id]); // newest first
    expect(listed[1]).toEqual({ id: sent.id, clientRef: 'P-9', createdAt: expect.any(String), expiresAt: sent.expiresAt, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(sent.token.slice(5)); // the token itself is never shown

    // another clinic can neither see nor revoke it
    const other = await t.auth('tokens-revoke-other');
    expect((await tokens(other)).json().items).toEqual([]);
    expectProblem(await revokeToken(other, sent.id), 404, 'not-found');
    expectProblem(await probe(bearer(sent.token)), 404, 'not-found'); // still works

    expect((await revokeToken(key, sent.id)).statusCode).toBe(204);
    expectProblem(await probe(bearer(sent.token)), 401, 'unauthorized');
    expectProblem(await probe(bearer(kept.token)), 404, 'not-found'); // the other token lives on
    expect((await revokeToken(key, sent.id)).statusCode).toBe(204); // again: the same answer
    const after = (await tokens(key)).json().items.find((x: { id: string }) => x.id === sent.id);
    expect(after.revokedAt).toEqual(expect.any(String));
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: key })).json();
    const entries = ((log.items ?? log) as { action: string; target: string }[]).filter((l) => l.action === 'revoke-upload-token');
    expect(entries.map((l) => l.target)).toEqual([`upload-token:${sent.id}`]); // once, though revoked twice
  });

  it('logs a token revoked by two requests at once once', async () => {
    const key = await t.auth('tokens-revoke-race');
    const { id } = (await mint(key)).json();
    const answers = await Promise.all([revokeToken(key, id), revokeToken(key, id)]);
    expect(answers.map((a) => a.statusCode)).toEqual([204, 204]);
    const log = (await t.app.inject({ method: 'GET', url: '/v1/access-log', headers: key })).json();
    const entries = ((log.items ?? log) as { action: string; target: string }[]).filter((l) => l.action === 'revoke-upload-token');
    expect(entries.map((l) => l.target)).toEqual([`upload-token:${id}`]);
  });

  it("lists one client's tokens, and at most limit of them", async () => {
    const key = await t.auth('tokens-filter');
    const forClient = async (clientRef: string) => (await t.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: key, payload: { clientRef } })).json().id;
    const a1 = await forClient('A-1');
    await forClient('B-2');
    const a2 = await forClient('A-1');
    const get = (query: string) => t.app.inject({ method: 'GET', url: `/v1/upload-tokens?${query}`, headers: key });
    expect((await get('clientRef=A-1')).json().items.map((x: { id: string }) => x.id)).toEqual([a2, a1]);
    expect((await get('limit=2')).json().items).toHaveLength(2);
    expect((await get('clientRef=Z-9')).json().items).toEqual([]);
    expectProblem(await get('limit=0'), 400, 'invalid-request');
    expectProblem(await get('clientRef=Jane%20Doe'), 400, 'invalid-request');
  });

  it('answers 401, not 500, when the clinic is deleted while a token is being minted', async () => {
    const key = await t.auth('tokens-leaving');
    deleteClinicBefore(t.app, key, 'addUploadToken');
    expect(expectProblem(await mint(key), 401, 'unauthorized').detail).toMatch(/clinic was deleted/);
  });

  it('is for the clinic key only, and answers 404 for an unknown id and 400 for a malformed one', async () => {
    const key = await t.auth('tokens-revoke-3');
    const token = bearer((await mint(key)).json().token);
    const id = (await tokens(key)).json().items[0].id;
    expectProblem(await tokens(token), 403, 'forbidden');
    expectProblem(await revokeToken(token, id), 403, 'forbidden'); // a token cannot revoke itself or others
    expectProblem(await revokeToken(key, '00000000-0000-4000-8000-000000000000'), 404, 'not-found');
    expectProblem(await revokeToken(key, 'not-an-id'), 400, 'invalid-request');
  });
});

describe('key scopes', () => {
  it("a standard key does the clinic's work but cannot touch its keys, settings, webhook, or delete it", async () => {
    const admin = await t.auth('scopes');
    const made = await add(admin, { label: 'practice software', scope: 'standard' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ scope: 'standard', label: 'practice software' });
    const standard = bearer(made.json().key);

    // its work: consultations, clients, upload tokens, reading the clinic, the access log, the webhook's state
    expect((await consultations(standard)).statusCode).toBe(200);
    for (const url of ['/v1/clinic', '/v1/access-log', '/v1/clients/P-1', '/v1/upload-tokens', '/v1/clinic/webhook/deliveries']) {
      const res = await t.app.inject({ method: 'GET', url, headers: standard });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(400);
    }
    expect((await mint(standard)).statusCode).toBe(201);

    // the account: refused, and nothing changed
    const refused: [string, string, object?][] = [
      ['GET', '/v1/clinic/keys'],
      ['POST', '/v1/clinic/keys', { scope: 'admin' }],
      ['DELETE', `/v1/clinic/keys/${made.json().id}`],
      ['PUT', '/v1/clinic/settings', { retentionDays: 1 }],
      ['PATCH', '/v1/clinic/settings', { retentionDays: 1 }],
      ['PUT', '/v1/clinic/webhook', { url: 'https://example.com/hook' }],
      ['DELETE', '/v1/clinic/webhook'],
      ['DELETE', '/v1/clinic'],
    ];
    for (const [method, url, payload] of refused) {
      const res = await t.app.inject({ method: method as 'GET', url, headers: standard, ...(payload ? { payload } : {}) });
      expect(expectProblem(res, 403, 'admin-key-required').detail, `${method} ${url}`).toContain(`${method} ${url}`);
    }
    const keys = (await list(admin)).json().items;
    expect(keys).toHaveLength(2);
    expect(keys.every((k: { revokedAt: string | null }) => k.revokedAt === null)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/v1/clinic', headers: admin })).json().settings).toBeNull();
    expect((await consultations(admin)).statusCode).toBe(200); // the clinic is still there

    // the admin key cannot be revoked while it is the only admin key, though a standard one is active
    const adminId = keys.find((k: { scope: string }) => k.scope === 'admin').id;
    expect(expectProblem(await revoke(admin, adminId), 409, 'last-active-key').detail).toContain('only active admin key');
    // an admin revokes the standard key
    expect((await revoke(admin, made.json().id)).statusCode).toBe(204);
    expectProblem(await consultations(standard), 401, 'unauthorized');
  });

  it('refuses an unknown scope with 400', async () => {
    const admin = await t.auth('scopes-bad');
    expectProblem(await add(admin, { scope: 'root' }), 400, 'invalid-request');
  });
});
