// End to end: the real `smp serve` process on a free port, a key from `smp keys create`, a real photo
// from ../shared uploaded over HTTP, then a clean shutdown on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { HAS_SHARED, photoOf, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';
import { BIN, createKey, freePort, rawExchange, startServer } from '../helpers/server.js';


describe.skipIf(!HAS_SHARED)('smp serve, end to end', () => {
  let server: ChildProcess;
  let base = '';
  let key = '';
  let dataDir = '';
  let logs = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'smp-e2e-'));
    const env = { ...process.env, SMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), SMP_WORKERS: '1' };
    key = createKey(env, 'E2E Clinic');
    server = await startServer(env, '/health', 'pipe');
    server.stdout!.on('data', (d) => (logs += d));
    server.stderr!.on('data', (d) => (logs += d));
    base = `http://127.0.0.1:${env.PORT}`;
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('becomes ready once its models load', async () => {
    const res = await fetch(`${base}/ready`);
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it('analyses a real photo uploaded as multipart', async () => {
    const { bytes } = photoOf('top-down', 7);
    const form = new FormData();
    form.append('top', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'top.jpg');
    form.append('sex', 'male');
    const res = await fetch(`${base}/v1/consultations`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.photos[0].view).toBe('top');
    expect(body.photos[0].coverage.hair + body.photos[0].coverage.skin + body.photos[0].coverage.scar).toBeCloseTo(1, 3);
    const overlay = await fetch(base + body.photos[0].urls.overlay, { headers: { authorization: `Bearer ${key}` } });
    expect(overlay.headers.get('content-type')).toBe('image/png');
    // The logs carry request ids but never the key.
    expect(logs).toMatch(/reqId/);
    expect(logs).not.toContain(key);
  });

  it('answers what is not valid HTTP, and what the router cannot read, with problem+json', async () => {
    const port = Number(new URL(base).port);
    const raw = (request: string) => rawExchange(port, request);
    const cases: [string, number, string][] = [
      ['GET /v1/consultations?clientRef=a b HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'bad-http'],
      ['POST /v1/upload-tokens HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400, 'bad-http'],
      ['GET /health HTTP/1.1\r\nConnection: close\r\n\r\n', 400, 'bad-http'], // no Host (Node's own answer had no body)
      [`GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: ${'a'.repeat(20000)}\r\n\r\n`, 431, 'headers-too-large'],
      [`GET /v1/consultations/%ff%fe HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nConnection: close\r\n\r\n`, 400, 'bad-url'],
      [`DELETE /v1/consultations/${'a'.repeat(200)} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nConnection: close\r\n\r\n`, 400, 'bad-url'],
    ];
    for (const [request, status, slug] of cases) {
      const answer = await raw(request);
      const [head, body] = answer.split('\r\n\r\n');
      expect(head, request.slice(0, 60)).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head.toLowerCase()).toContain('content-type: application/problem+json');
      expect(JSON.parse(body).type).toMatch(new RegExp(`/${slug}$`));
    }
    // an upload abandoned mid-body is the client's doing: logged as such, not as a failure of the service
    const boundary = 'XyZzY';
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="front"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${'x'.repeat(20000)}`;
    const before = logs.length;
    await raw(`POST /v1/consultations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: 80000\r\n\r\n${part}`);
    await new Promise((r) => setTimeout(r, 300));
    expect(logs.slice(before)).toContain('request-aborted');
    expect(logs.slice(before)).not.toContain('"level":50');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('refuses a second smp serve on its data directory before touching the running analyses, exiting 1', async () => {
    const form = new FormData();
    form.append('top', new Blob([new Uint8Array(photoOf('top-down', 8).bytes)], { type: 'image/jpeg' }), 'top.jpg');
    const accepted = await fetch(`${base}/v1/consultations?async=true`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    // before: its start-up marked this analysis failed (and sent consultation.failed), then met EADDRINUSE and exited 0
    const env = { ...process.env, SMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(await freePort()), SMP_WORKERS: '1' };
    const second = spawn('node', [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    second.stdout!.on('data', (d) => (out += d));
    second.stderr!.on('data', (d) => (out += d));
    const code = await new Promise((r) => second.once('exit', r));
    expect(code, out).toBe(1);
    expect(out).toContain(`another smp serve is using the data directory ${dataDir}`);
    let rec = { status: 'processing' };
    for (let i = 0; i < 300 && rec.status === 'processing'; i++) {
      rec = (await (await fetch(`${base}/v1/consultations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { status: string };
      if (rec.status === 'processing') await new Promise((r) => setTimeout(r, 100));
    }
    expect(rec.status).toBe('completed');
  });

  it('shuts down gracefully on SIGTERM, answering an analysis in flight and closing a connection a client keeps busy after 5 s', async () => {
    // an upload whose body never comes: the server waits for it, then closes its connection
    const port = Number(new URL(base).port);
    const stalled = connect(port, '127.0.0.1', () => stalled.write(`POST /v1/consultations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${key}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n--b\r\n`));
    stalled.on('error', () => undefined);
    // three synchronous 8-photo analyses in flight (24 photos on one worker: longer than the 5 s the
    // connections are given): each is answered, the ones still running 3 s in with 503
    // analysis-interrupted (send it again); before, their connections were cut at 5 s with no answer
    const upload = () => {
      const form = new FormData();
      for (const view of ['top', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto', 'auto']) form.append(view, new Blob([new Uint8Array(photoOf('top-down', 7).bytes)], { type: 'image/jpeg' }), 'top.jpg');
      return fetch(`${base}/v1/consultations`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } }).then(
        async (r) => `${r.status} ${((await r.json()) as { type?: string }).type ?? ''}`,
        (err: Error) => `no answer: ${err.message}`,
      );
    };
    const inFlight = Promise.all([upload(), upload(), upload()]);
    await new Promise((r) => setTimeout(r, 300));
    server.kill('SIGTERM');
    const exited = new Promise((r) => server.once('exit', (c) => r(c)));
    const answers = await inFlight;
    for (const a of answers) expect(a).toMatch(/^(201 |503 .*\/analysis-interrupted$)/);
    expect(answers.some((a) => a.startsWith('503'))).toBe(true);
    const code = await exited;
    stalled.destroy();
    // at least the stalled one (under load a keep-alive connection of the earlier requests may still count)
    expect(logs).toMatch(/"open":[1-9]\d*,"afterMs":5000,"msg":"closing the connections still open"/);
    // close-with-grace exits 1 when closing takes over 10 s: the log's tail says what was still open
    expect(code, logs.slice(-3000)).toBe(0);
    // each close step is logged as done, the store last but for the data directory's lock
    const closed = logs.split('\n').filter((l) => l.includes('"msg":"closed"')).map((l) => JSON.parse(l).step);
    expect(closed, logs.split('\n').filter((l) => /clos|shut/.test(l)).join('\n')).toEqual(['webhooks', 'workers', 'store', 'data directory lock']);
  });
});

if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);
