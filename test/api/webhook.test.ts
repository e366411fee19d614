// /v1/clinic/webhook through app.inject(), with a real local receiver: setting, refusing, isolating,
// testing, and the signed events a finished consultation or audit sends.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { build, type TestApp } from '../helpers/app.js';
import { deleteClinicBefore } from '../helpers/races.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { randomSpec, synthPair } from '../../src/vision/audit/synth/pair.js';
import type { RgbImage } from '../../src/vision/image.js';

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; json: () => any };
interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

let strict: TestApp; // production policy: https and public addresses only
let lax: TestApp; // SMP_WEBHOOK_ALLOW_PRIVATE=1, as for local development: the receiver runs on 127.0.0.1
let receiver: Server;
let base: string;
const received: Received[] = [];
let photo: Buffer;

beforeAll(async () => {
  strict = await build();
  lax = await build({ webhooks: { allowPrivate: true, retryDelaysMs: [50, 50] } });
  photo = await texturedJpeg(320, 240);
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url!, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString() });
      if (req.url === '/down') res.writeHead(503).end('maintenance');
      else if (req.url === '/flaky' && received.filter((r) => r.path === '/flaky').length === 1) res.writeHead(500).end();
      else res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await strict?.close();
  await lax?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

function expectProblem(res: Res, status: number, slug: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json().type).toMatch(new RegExp(`/${slug}$`));
  return res.json();
}

const put = (t: TestApp, auth: Record<string, string>, payload: object) => t.app.inject({ method: 'PUT', url: '/v1/clinic/webhook', headers: auth, payload });
const get = (t: TestApp, auth: Record<string, string>, url = '/v1/clinic/webhook') => t.app.inject({ method: 'GET', url, headers: auth });
const del = (t: TestApp, auth: Record<string, string>) => t.app.inject({ method: 'DELETE', url: '/v1/clinic/webhook', headers: auth });

/** The receiver's requests for one path, once `n` have come (the outbox sends after the answer). */
async function waitFor(path: string, n = 1): Promise<Received[]> {
  for (let i = 0; i < 400; i++) {
    const got = received.filter((r) => r.path === path);
    if (got.length >= n) return got;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`receiver got fewer than ${n} requests on ${path}`);
}

describe('/v1/clinic/webhook', () => {
  it('sets, shows (without the secret), replaces with a new secret, and removes', async () => {
    const auth = await strict.auth('hook-crud');
    expectProblem(await get(strict, auth), 404, 'no-webhook');
    // 93.184.216.34 is a public address literal: nothing is resolved or called when setting it.
    const first = await put(strict, auth, { url: 'https://93.184.216.34/smp/hook?token=abc' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ url: 'https://93.184.216.34/smp/hook?token=abc', events: ['consultation.completed', 'consultation.failed', 'audit.completed'] });
    expect(first.json().secret).toMatch(/^whsec_/);
    const shown = await get(strict, auth);
    expect(shown.json()).toEqual({ id: first.json().id, url: first.json().url, events: first.json().events, createdAt: first.json().createdAt });
    expect(shown.body).not.toContain('whsec_');

    const second = await put(strict, auth, { url: 'https://93.184.216.34/other', events: ['audit.completed', 'audit.completed'] });
    expect(second.json().events).toEqual(['audit.completed']);
    expect(second.json().id).not.toBe(first.json().id);
    expect(second.json().secret).not.toBe(first.json().secret);

    expect((await del(strict, auth)).statusCode).toBe(204);
    expectProblem(await del(strict, auth), 404, 'no-webhook');
    const log = (await get(strict, auth, '/v1/access-log')).json().items as { action: string; target: string }[];
    expect(log.filter((e) => e.action.endsWith('-webhook')).map((e) => `${e.action} ${e.target}`)).toEqual([
      'delete-webhook webhook',
      'set-webhook webhook:https://93.184.216.34',
      'set-webhook webhook:https://93.184.216.34', // origin only: a token in the path or query stays out of the log
    ]);
  });

  it('refuses URLs the service must not call, each with the reason', async () => {
    const auth = await strict.auth('hook-refuse');
    const cases: [string, RegExp][] = [
      ['http://93.184.216.34/hook', /must use https \(got http\)/],
      ['https://127.0.0.1/hook', /127\.0\.0\.1 is not a public address/],
      ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address/],
      ['https://[::ffff:10.0.0.1]/', /not a public address/],
      ['https://localhost:8443/hook', /localhost resolves to .*, which is not a public address/],
      ['https://admin:pw@93.184.216.34/', /user name or password/],
      ['https://nowhere.invalid/hook', /nowhere\.invalid does not resolve/],
      ['not a url', /not an absolute URL/],
    ];
    for (const [url, why] of cases) {
      const p = expectProblem(await put(strict, auth, { url }), 400, 'webhook-url-refused');
      expect(p.detail, url).toMatch(why);
      expect(p.field).toBe('url');
    }
    expectProblem(await put(strict, auth, { url: 'https://93.184.216.34/', events: ['consultation.deleted'] }), 400, 'invalid-request');
    expectProblem(await put(strict, auth, { url: 'https://93.184.216.34/', events: [] }), 400, 'invalid-request');
    expectProblem(await put(strict, auth, { url: 'https://93.184.216.34/', secret: 'mine' }), 400, 'invalid-request');
    expectProblem(await get(strict, auth), 404, 'no-webhook');
  });

  it('is one clinic\'s own: another clinic and upload tokens cannot see or change it', async () => {
    const a = await strict.auth('hook-iso-a');
    const b = await strict.auth('hook-iso-b');
    expect((await put(strict, a, { url: 'https://93.184.216.34/a' })).statusCode).toBe(200);
    expectProblem(await get(strict, b), 404, 'no-webhook');
    expectProblem(await del(strict, b), 404, 'no-webhook');
    expect((await get(strict, a)).statusCode).toBe(200);
    const token = (await strict.app.inject({ method: 'POST', url: '/v1/upload-tokens', headers: a, payload: { ttlMinutes: 5 } })).json().token;
    const asToken = { authorization: `Bearer ${token}` };
    expectProblem(await get(strict, asToken), 403, 'forbidden');
    expectProblem(await put(strict, asToken, { url: 'https://93.184.216.34/evil' }), 403, 'forbidden');
    expectProblem(await get(strict, { authorization: 'Bearer smp_nope' }), 401, 'unauthorized');
  });

  it('is not kept for a clinic deleted while its URL was being checked', async () => {
    const auth = await lax.auth('webhook-leaving');
    const clinicId = (await lax.app.store.getClinicByName('webhook-leaving'))!.id;
    deleteClinicBefore(lax.app, auth, 'setWebhook');
    const body = expectProblem(await put(lax, auth, { url: `${base}/leaving` }), 401, 'unauthorized');
    expect(body.detail).toMatch(/clinic was deleted/);
    expect(await lax.app.store.getWebhook(clinicId)).toBeNull();
  });

  it('sends a signed test event on request and reports what the receiver answered', async () => {
    const auth = await lax.auth('hook-test');
    expectProblem(await lax.app.inject({ method: 'POST', url: '/v1/clinic/webhook/test', headers: auth }), 404, 'no-webhook');
    const { secret } = (await put(lax, auth, { url: `${base}/test-ok` })).json();
    const ok = await lax.app.inject({ method: 'POST', url: '/v1/clinic/webhook/test', headers: auth });
    expect(ok.json()).toMatchObject({ delivered: true, status: 200, error: null });
    const [got] = await waitFor('/test-ok');
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ type: 'webhook.test' });

    await put(lax, auth, { url: `${base}/down` });
    const down = await lax.app.inject({ method: 'POST', url: '/v1/clinic/webhook/test', headers: auth });
    expect(down.json()).toMatchObject({ delivered: false, status: 503, error: 'the receiver answered 503: maintenance' });
  });

  it('tells the receiver when a consultation is done, signed, retried after a failure, forgotten with the record', async () => {
    const auth = await lax.auth('hook-events');
    const { secret } = (await put(lax, auth, { url: `${base}/flaky`, events: ['consultation.completed'] })).json();
    const { body, headers } = multipart([{ name: 'closeup', value: photo, filename: 'c.jpg' }, { name: 'clientRef', value: 'P-0042' }]);
    const res = await lax.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const [first, retry] = await waitFor('/flaky', 2); // the first attempt got 500
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    const event = new Webhook(secret).verify(retry.body, retry.headers) as { type: string; data: Record<string, unknown> };
    expect(event.type).toBe('consultation.completed');
    expect(event.data).toMatchObject({ kind: 'consultation', id, status: 'completed', clientRef: 'P-0042', links: { self: `/v1/consultations/${id}` } });
    expect(event.data.createdBy).toMatch(/^key:smp_/);
    expect(retry.body).not.toMatch(/norwood|skinTone|photos/); // no analysis content leaves unasked

    let items: { status: string; attempts: number; recordId: string; lastStatus: number }[] = [];
    for (let i = 0; i < 40 && items[0]?.status !== 'delivered'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      items = (await get(lax, auth, '/v1/clinic/webhook/deliveries')).json().items;
    }
    expect(items).toMatchObject([{ type: 'consultation.completed', recordId: id, status: 'delivered', attempts: 2, lastStatus: 200 }]);
    expect((await get(lax, await lax.auth('hook-events-other'), '/v1/clinic/webhook/deliveries')).json().items).toEqual([]);
    expect((await lax.app.inject({ method: 'DELETE', url: `/v1/consultations/${id}`, headers: auth })).statusCode).toBe(204);
    expect((await get(lax, auth, '/v1/clinic/webhook/deliveries')).json().items).toEqual([]);
    const metrics = (await lax.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/smp_webhook_attempts_total\{outcome="failed"\} [1-9]/);
    expect(metrics).toMatch(/smp_webhook_attempts_total\{outcome="delivered"\} [1-9]/);
  });

  it('gives up after the retries, and sends a failed event again on request', async () => {
    const auth = await lax.auth('hook-redeliver');
    await put(lax, auth, { url: `${base}/down`, events: ['consultation.completed'] });
    const { body, headers } = multipart([{ name: 'closeup', value: photo, filename: 'c.jpg' }]);
    const id = (await lax.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } })).json().id;
    let item: { id: string; status: string; attempts: number; lastError: string } | undefined;
    for (let i = 0; i < 80 && item?.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      item = (await get(lax, auth, '/v1/clinic/webhook/deliveries')).json().items.find((d: { recordId: string }) => d.recordId === id);
    }
    expect(item).toMatchObject({ status: 'failed', attempts: 3, lastError: 'the receiver answered 503: maintenance' }); // 1 + 2 retries

    const redeliver = (a: Record<string, string>, d: string) => lax.app.inject({ method: 'POST', url: `/v1/clinic/webhook/deliveries/${d}/redeliver`, headers: a });
    const other = await lax.auth('hook-redeliver-other');
    expectProblem(await redeliver(other, item!.id), 404, 'no-webhook');
    await put(lax, other, { url: `${base}/other` });
    expectProblem(await redeliver(other, item!.id), 404, 'not-found');

    const { secret } = (await put(lax, auth, { url: `${base}/back-up`, events: ['consultation.completed'] })).json(); // the receiver is fixed
    const again = await redeliver(auth, item!.id);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json()).toMatchObject({ id: item!.id, status: 'pending', attempts: 0 });
    const [got] = await waitFor('/back-up');
    expect(got.headers['webhook-id']).toBe(item!.id);
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ type: 'consultation.completed', data: { id } });
  });

  it('forgets finished deliveries after 30 days while the service keeps running, not only at its next start', async () => {
    const auth = await lax.auth('hook-forget');
    const clinicId = (await lax.app.store.getClinicByName('hook-forget'))!.id;
    const { id: webhookId } = (await put(lax, auth, { url: `${base}/never-called` })).json();
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    for (const [id, days] of [['msg_old', 31], ['msg_recent', 29]] as const) {
      await lax.app.store.addWebhookDelivery({ id, clinicId, webhookId, type: 'consultation.completed', recordId: null, payload: '{}', nextAttemptAt: at(-1) });
      await lax.app.store.recordWebhookAttempt(id, { at: at(days), delivered: true, status: 200, error: null, nextAttemptAt: null });
      // made `days` ago (the store has no API for it, rightly)
      (lax.app.store as unknown as { db: { prepare: (q: string) => { run: (...a: unknown[]) => void } } }).db.prepare(`UPDATE webhook_deliveries SET created_at = ? WHERE id = ?`).run(at(days), id);
    }
    await lax.app.sweepRetention(); // the hourly sweep
    expect((await get(lax, auth, '/v1/clinic/webhook/deliveries')).json().items.map((d: { id: string }) => d.id)).toEqual(['msg_recent']);
  });

  it('tells the receiver when an audit is done', async () => {
    const auth = await lax.auth('hook-audit');
    const { secret } = (await put(lax, auth, { url: `${base}/audits`, events: ['audit.completed'] })).json();
    const pair = synthPair(randomSpec(7, { width: 256, height: 256 }));
    const png = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
    const parts: Part[] = [
      { name: 'before', value: await png(pair.before), filename: 'before.png' },
      { name: 'after', value: await png(pair.after), filename: 'after.png' },
    ];
    const { body, headers } = multipart(parts);
    const res = await lax.app.inject({ method: 'POST', url: '/v1/audits', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    const [got] = await waitFor('/audits');
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ type: 'audit.completed', data: { kind: 'audit', id: res.json().id, links: { self: `/v1/audits/${res.json().id}` } } });
  });
});

describe('OpenAPI', () => {
  it('documents the webhook routes, the signing scheme and the refusal', async () => {
    const doc = (await strict.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const hook = doc.paths['/v1/clinic/webhook'];
    expect(Object.keys(hook).sort()).toEqual(['delete', 'get', 'put']);
    expect(hook.put.description).toContain('webhook-signature');
    expect(hook.put.responses['200'].content['application/json'].schema.properties.secret).toBeDefined();
    expect(hook.put.responses['400']).toBeDefined();
    expect(hook.get.responses['200'].content['application/json'].schema.properties.secret).toBeUndefined();
    expect(doc.paths['/v1/clinic/webhook/test'].post).toBeDefined();
    expect(doc.paths['/v1/clinic/webhook/deliveries'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['limit']);
  });
});

describe('consultation.failed', () => {
  let slow: TestApp;
  beforeAll(async () => {
    slow = await build({ analysisTimeoutMs: 1, webhooks: { allowPrivate: true } });
  });
  afterAll(async () => slow?.close());

  it('is sent when an async consultation fails', async () => {
    const auth = await slow.auth('hook-failed');
    const { secret } = (await put(slow, auth, { url: `${base}/failed` })).json();
    const { body, headers } = multipart([{ name: 'closeup', value: photo, filename: 'c.jpg' }]);
    const res = await slow.app.inject({ method: 'POST', url: '/v1/consultations?async=true', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(202);
    const [got] = await waitFor('/failed');
    expect(new Webhook(secret).verify(got.body, got.headers)).toMatchObject({ type: 'consultation.failed', data: { id: res.json().id, status: 'failed' } });
    const rec = await slow.app.inject({ method: 'GET', url: `/v1/consultations/${res.json().id}`, headers: auth });
    expect(rec.json()).toMatchObject({ status: 'failed' });
  });
});
