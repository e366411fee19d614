// One attempt against a real local HTTP server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook } from '../../../../src/api/webhooks/send.js';

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingMessage['headers']; body: string }[] = [];
const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  '/ok': (_req, res) => res.writeHead(204).end(),
  '/broken': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`database   down\n${'x'.repeat(1000)}`),
  '/moved': (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/' }).end(),
  '/slow': () => undefined, // never answers
  '/huge': (_req, res) => {
    res.writeHead(200);
    res.end(Buffer.alloc(2_000_000, 65));
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() });
      (routes[req.url!] ?? ((_q, s) => s.writeHead(404).end()))(req, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const lax = { allowPrivate: true };
const send = (path: string, extra: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook({ url: base + path, body: '{"a":1}', headers: { 'webhook-id': 'msg_x' }, timeoutMs: 2000, policy: lax, ...extra });

describe('sendWebhook', () => {
  it('POSTs the JSON with the given headers; a 2xx is delivered', async () => {
    const out = await send('/ok');
    expect(out).toMatchObject({ delivered: true, status: 204, error: null });
    const req = seen.at(-1)!;
    expect(req.body).toBe('{"a":1}');
    expect(req.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'msg_x', 'user-agent': 'smp-analyzer-webhooks/1' });
  });

  it("keeps the start of an error answer, folded, for the delivery log", async () => {
    const out = await send('/broken');
    expect(out.delivered).toBe(false);
    expect(out.status).toBe(500);
    expect(out.error).toMatch(/^the receiver answered 500: database down x+$/);
    expect(out.error!.length).toBeLessThan(260);
  });

  it('does not follow a redirect, and says where it pointed', async () => {
    const before = seen.length;
    const out = await send('/moved');
    expect(out).toMatchObject({ delivered: false, status: 302 });
    expect(out.error).toContain('to http://169.254.169.254/ (redirects are not followed)');
    expect(seen.length).toBe(before + 1);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const out = await send('/slow', { timeoutMs: 300 });
    expect(out).toMatchObject({ delivered: false, status: null, error: 'no answer within 0.3 s' });
    expect(out.ms).toBeGreaterThanOrEqual(250);
  });

  it('stops reading a huge answer', async () => {
    expect(await send('/huge')).toMatchObject({ delivered: true, status: 200 });
  });

  it('refuses private targets unless allowed, before or at connection', async () => {
    const strict = { allowPrivate: false };
    expect(await send('/ok', { policy: strict })).toMatchObject({ delivered: false, error: 'the URL must use https (got http)' });
    const port = (server.address() as AddressInfo).port;
    // A name: refused on the address it resolves to, when connecting.
    const byName = await sendWebhook({ url: `https://localhost:${port}/ok`, body: '{}', headers: {}, timeoutMs: 2000, policy: strict });
    expect(byName.delivered).toBe(false);
    expect(byName.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), which is not a public address$/);
  });

  it('reports a refused connection', async () => {
    const out = await sendWebhook({ url: 'http://127.0.0.1:1/', body: '{}', headers: {}, timeoutMs: 2000, policy: lax });
    expect(out).toMatchObject({ delivered: false, status: null });
    expect(out.error).toMatch(/^ECONNREFUSED/);
  });
});
