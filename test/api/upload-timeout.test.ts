// An upload that stalls or trickles is ended after SMP_UPLOAD_TIMEOUT_MS, so it cannot hold its share of
// the upload budget for ever (Node's own requestTimeout stops counting once a request reaches its handler).
// On a real socket: app.inject() has none to stall.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';

let t: TestApp;
let base = '';
let port = 0;

beforeAll(async () => {
  t = await build({ uploadBudgetBytes: 1_000_000, uploadTimeoutMs: 1_000 });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = Number(new URL(base).port);
});
afterAll(async () => t?.close());

/** Sends the head of an upload declaring `declared` bytes, then one more byte every 200 ms; resolves what came back when the server closes it. */
function trickleUpload(auth: Record<string, string>, declared: number): { socket: Socket; answer: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  const boundary = 'trickle';
  socket.write(
    `POST /v1/consultations HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth.authorization}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
      `Content-Length: ${declared}\r\n\r\n--${boundary}\r\nContent-Disposition: form-data; name="top"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tick = setInterval(() => socket.writable && socket.write('x'), 200);
  let got = '';
  socket.on('data', (d) => (got += d));
  const answer = new Promise<string>((resolve) => socket.on('close', () => (clearInterval(tick), resolve(got))));
  socket.on('error', () => {});
  return { socket, answer };
}

describe('an upload that does not arrive', () => {
  it('is answered 408 and closed, and its share of the upload budget is given back', async () => {
    const auth = await t.auth('clinic-trickle');
    const { answer } = trickleUpload(auth, 999_990);
    // While it holds the budget, other uploads are refused before they are read...
    await new Promise((r) => setTimeout(r, 300));
    expect(t.app.uploads.inFlightBytes).toBe(999_990);
    const { body, headers } = multipart([{ name: 'front', value: await texturedJpeg(64, 64) }]);
    const busy = await fetch(`${base}/v1/consultations`, { method: 'POST', body: new Uint8Array(body), headers: { ...headers, ...auth } });
    expect(busy.status).toBe(503);
    // ...until its time is up.
    const raw = await answer;
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw).toMatch(/\r\nX-Request-Id: [0-9a-f-]{36}\r\n/);
    expect(raw).toContain('application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 408, type: expect.stringMatching(/\/upload-timeout$/) });
    for (let i = 0; i < 50 && t.app.uploads.inFlightBytes > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.app.uploads.inFlightBytes).toBe(0);
    const taken = await fetch(`${base}/v1/consultations`, { method: 'POST', body: new Uint8Array(body), headers: { ...headers, ...auth } });
    expect(taken.status, await taken.clone().text()).toBe(201);
    // Nothing of the stalled upload was kept.
    const list = await fetch(`${base}/v1/consultations`, { headers: auth });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it('does not cut an upload that arrived in full and is being analysed', async () => {
    // A 50 ms limit: the analysis (segmentation alone takes hundreds of ms) runs well past it.
    const quick = await build({ uploadTimeoutMs: 50 });
    try {
      const at = await quick.app.listen({ port: 0, host: '127.0.0.1' });
      const { body, headers } = multipart([{ name: 'front', value: await texturedJpeg(64, 64) }]);
      const res = await fetch(`${at}/v1/consultations`, { method: 'POST', body: new Uint8Array(body), headers: { ...headers, ...(await quick.auth()) } });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(((await res.json()) as { timingsMs: { total: number } }).timingsMs.total).toBeGreaterThan(50);
    } finally {
      await quick.close();
    }
  });
});

describe('an upload whose parts the parser cannot go on with', () => {
  // @fastify/multipart never ends the parts of these bodies (a part without Content-Disposition, 17 KB or
  // 100 KB; 10 KB and 70 KB end): the request was never answered and held its upload budget until the
  // client hung up. Sizes from a probe of the service, each one hung every time.
  it.each([
    ['/v1/consultations', 17_000],
    ['/v1/audits', 100_000],
  ])('%s with a %d byte part without a name: 400 bad-multipart once the body is in, and the budget back', async (route, size) => {
    const auth = await t.auth(`clinic-nameless-${size}`);
    const body = Buffer.concat([Buffer.from('--XB\r\nContent-Type: image/jpeg\r\n\r\n'), Buffer.alloc(size, 'x'), Buffer.from('\r\n--XB--\r\n')]);
    const started = Date.now();
    const res = await fetch(`${base}${route}`, { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=XB', ...auth }, signal: AbortSignal.timeout(20_000) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ type: expect.stringMatching(/\/bad-multipart$/), detail: expect.stringContaining('Content-Disposition') });
    expect(Date.now() - started).toBeLessThan(15_000);
    for (let i = 0; i < 50 && t.app.uploads.inFlightBytes > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.app.uploads.inFlightBytes).toBe(0);
  }, 30_000);
});
