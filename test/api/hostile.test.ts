// More than 200 hostile inputs, generated here (no committed blobs). Each must get a 4xx problem+json;
// the service must stay up and its memory bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { pngBomb, texturedJpeg, texturedRaw } from '../helpers/images.js';

interface Case {
  name: string;
  /** Raw request, or multipart parts. */
  parts?: Part[];
  raw?: { url?: string; method?: 'POST' | 'GET' | 'DELETE'; headers?: Record<string, string>; payload?: Buffer | string };
  noAuth?: boolean;
}

let t: TestApp;
let auth: Record<string, string>;
const cases: Case[] = [];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function makeCases(): Promise<void> {
  const jpeg = await texturedJpeg(320, 240);
  const png = await sharp(texturedRaw(64, 64), { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
  const webp = await sharp(png).webp().toBuffer();
  const file = (name: string, value: Buffer | Uint8Array, view = 'front', filename = 'photo.jpg'): Case => ({ name, parts: [{ name: view, value, filename, contentType: 'image/jpeg' }] });

  // Truncated files: every format cut at many points.
  for (const [fmt, buf] of [['jpeg', jpeg], ['png', png], ['webp', webp]] as const) {
    for (const frac of [0.02, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99]) {
      cases.push(file(`truncated ${fmt} at ${frac}`, buf.subarray(0, Math.max(3, Math.floor(buf.length * frac)))));
    }
  }
  // Structural corruption: headers and tables overwritten with noise.
  for (const [fmt, buf] of [['jpeg', jpeg], ['png', png], ['webp', webp]] as const) {
    for (let k = 0; k < 10; k++) {
      const r = rng(k + 7);
      const bad = Buffer.from(buf);
      const start = fmt === 'jpeg' ? 2 : fmt === 'png' ? 8 : 12;
      for (let i = start; i < Math.min(bad.length, start + 40 + k * 20); i++) bad[i] = Math.floor(r() * 256);
      cases.push(file(`corrupted ${fmt} header #${k}`, bad));
    }
  }
  // Wrong magic bytes and random garbage.
  const magics: [string, number[]][] = [
    ['png magic on jpeg body', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['gif magic', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
    ['riff without webp', [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x41, 0x56, 0x49, 0x20]],
    ['bmp magic', [0x42, 0x4d]],
    ['tiff magic', [0x49, 0x49, 0x2a, 0x00]],
    ['pdf magic', [0x25, 0x50, 0x44, 0x46, 0x2d]],
    ['zip magic', [0x50, 0x4b, 0x03, 0x04]],
    ['elf magic', [0x7f, 0x45, 0x4c, 0x46]],
    ['gzip magic', [0x1f, 0x8b, 0x08]],
    ['jpeg soi then text', [0xff, 0xd8, 0xff, 0xe0]],
  ];
  for (const [name, m] of magics) cases.push(file(name, Buffer.concat([Buffer.from(m), jpeg.subarray(m.length + 20)])));
  for (let k = 0; k < 20; k++) {
    const r = rng(100 + k);
    cases.push(file(`random bytes #${k}`, Buffer.from(Array.from({ length: 50 + k * 97 }, () => Math.floor(r() * 256)))));
  }
  // Polyglots that are not images: a document or archive first, an image after it.
  for (const [name, head] of [
    ['html + jpeg', '<!doctype html><html><script>alert(1)</script></html>'],
    ['svg + jpeg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ['pdf + jpeg', '%PDF-1.4\n1 0 obj<<>>endobj\n'],
    ['shell + jpeg', '#!/bin/sh\nrm -rf /\n'],
    ['json + jpeg', '{"front": "x"}'],
    ['php + jpeg', '<?php system($_GET["c"]); ?>'],
  ] as const) {
    cases.push(file(`polyglot ${name}`, Buffer.concat([Buffer.from(head), jpeg])));
  }
  // Photos too small or too narrow to measure (a Laplacian needs 3 pixels a side).
  for (const [w, h] of [[1, 1], [2, 2], [20000, 1], [1, 20000], [4000, 100]]) {
    cases.push(file(`tiny png ${w}x${h}`, await sharp(texturedRaw(w, h), { raw: { width: w, height: h, channels: 3 } }).png().toBuffer(), 'top', 'tiny.png'));
  }
  cases.push(file('tiny jpeg 1x1', await texturedJpeg(1, 1)));
  // Decompression bombs and huge dimensions.
  for (const side of [7100, 8000, 12000, 20000, 30000]) cases.push(file(`png bomb ${side}x${side}`, await pngBomb(side), 'top', 'bomb.png'));
  {
    // A JPEG whose SOF header claims 65000x65000.
    const b = Buffer.from(jpeg);
    const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
    b.writeUInt16BE(65000, sof + 5);
    b.writeUInt16BE(65000, sof + 7);
    cases.push(file('jpeg claiming 65000x65000', b));
  }
  // Zero bytes under every view.
  for (const view of ['front', 'top', 'left', 'right', 'back', 'closeup', 'auto']) cases.push(file(`zero bytes as ${view}`, Buffer.alloc(0), view));
  // Hostile file names with non-image content.
  const names = ['../../etc/passwd', '..\\..\\windows\\system32\\x.jpg', '/etc/shadow', 'a\u0000b.jpg', '\u202egpj.exe', '名前.jpg', '😀'.repeat(100), 'x'.repeat(5000), 'CON', '.htaccess', '%2e%2e%2fetc', 'photo.jpg;rm -rf /'];
  for (const n of names) cases.push(file(`file name ${JSON.stringify(n).slice(0, 30)}`, Buffer.from('definitely not an image'), 'front', n));
  // Unknown and invalid views and fields.
  for (const view of ['crown', 'FRONT', '', 'front ', 'vertex', '__proto__', 'constructor', 'top[]', '../top', 'ｔｏｐ']) {
    cases.push({ name: `view ${JSON.stringify(view)}`, parts: [{ name: view, value: jpeg, filename: 'a.jpg' }] });
  }
  const badFields: [string, string][] = [
    ['age', '-1'], ['age', '999'], ['age', 'abc'], ['age', '1e9'], ['age', '40.5'], ['age', ''],
    ['sex', 'robot'], ['sex', ''], ['sex', 'MALE'], ['hairColour', ''], ['hairColour', 'x'.repeat(65)],
    ['notes', 'x'.repeat(2001)], ['goals', 'y'.repeat(1001)], ['notes', 'z'.repeat(5000)],
    ['scars', ''], ['scars', 'null'], ['scars', '{}'], ['scars', '"linear"'], ['scars', '[1, 2]'], ['scars', '[{"kind": "linear"'],
    ['scars', '['.repeat(1999) + ']'.repeat(1999)], ['scars', JSON.stringify([{ kind: 'linear', note: 'x'.repeat(4000) }])],
    ['scars', '[{"kind": "linear", "__proto__": {"raised": true}}]'], ['scars', '[{"kind": "linear", "ageMonths": 1e308}]'],
    ['__proto__', 'x'], ['constructor', 'x'], ['clinicId', 'other'], ['id', 'x'], ['view', 'top'], ['status', 'completed'],
  ];
  for (const [k, v] of badFields) cases.push({ name: `field ${k}=${v.slice(0, 12)}`, parts: [{ name: 'front', value: jpeg }, { name: k, value: v }] });
  cases.push({ name: 'duplicate field', parts: [{ name: 'front', value: jpeg }, { name: 'sex', value: 'male' }, { name: 'sex', value: 'female' }] });
  for (const v of ['top', 'front', 'back']) cases.push({ name: `duplicate view ${v}`, parts: [{ name: v, value: jpeg }, { name: v, value: jpeg }] });
  // Too many photos / parts.
  for (const n of [9, 12, 20]) cases.push({ name: `${n} photos`, parts: Array.from({ length: n }, () => ({ name: 'auto', value: png, filename: 'a.png' })) });
  cases.push({ name: '30 text parts', parts: [{ name: 'front', value: jpeg }, ...Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'x' }))] });
  cases.push({ name: 'no parts at all', parts: [] });
  cases.push({ name: 'only text parts', parts: [{ name: 'sex', value: 'male' }, { name: 'age', value: '40' }] });
  // Oversized upload (limit set to 2 MiB for this suite).
  for (const mb of [2.01, 3, 6]) cases.push(file(`oversized ${mb} MiB`, Buffer.concat([jpeg, Buffer.alloc(Math.floor(mb * 1024 * 1024))])));
  // Malformed requests.
  const raw = (name: string, r: Case['raw'], noAuth = false) => cases.push({ name, raw: r, noAuth });
  raw('json body', { headers: { 'content-type': 'application/json' }, payload: '{"front":"x"}' });
  raw('text body', { headers: { 'content-type': 'text/plain' }, payload: 'hello' });
  raw('no content type', { payload: 'hello' });
  raw('multipart without boundary', { headers: { 'content-type': 'multipart/form-data' }, payload: 'x' });
  raw('multipart with wrong boundary', { headers: { 'content-type': 'multipart/form-data; boundary=abc' }, payload: '--xyz\r\n\r\n' });
  raw('multipart never closed', { headers: { 'content-type': 'multipart/form-data; boundary=abc' }, payload: '--abc\r\nContent-Disposition: form-data; name="front"; filename="a.jpg"\r\n\r\nabc' });
  raw('multipart garbage headers', { headers: { 'content-type': 'multipart/form-data; boundary=abc' }, payload: '--abc\r\nGarbage\r\n\r\nabc\r\n--abc--\r\n' });
  raw('invalid json for token', { url: '/v1/upload-tokens', headers: { 'content-type': 'application/json' }, payload: '{bad' });
  raw('token ttl too long', { url: '/v1/upload-tokens', headers: { 'content-type': 'application/json' }, payload: '{"ttlMinutes": 100000}' });
  raw('token unknown field', { url: '/v1/upload-tokens', headers: { 'content-type': 'application/json' }, payload: '{"clinicId": "x"}' });
  for (const q of ['?async=maybe', '?async=1', '?foo=bar', '?async=true&async=false']) raw(`query ${q}`, { url: `/v1/consultations${q}`, headers: { 'content-type': 'text/plain' }, payload: 'x' });
  for (const id of ['not-a-uuid', '1', "' OR 1=1 --", '..%2f..%2fetc%2fpasswd', '00000000-0000-0000-0000-000000000000']) {
    raw(`GET consultation ${id}`, { method: 'GET', url: `/v1/consultations/${id}` });
    raw(`DELETE consultation ${id}`, { method: 'DELETE', url: `/v1/consultations/${id}` });
  }
  // Client references: injection, traversal, control bytes, names; a valid unknown one has nothing to export.
  for (const ref of ["'%20OR%201%3D1%20--", '..%2f..%2fetc%2fpasswd', 'a%00b', 'John%20Smith', 'x%40example.com', 'x'.repeat(65), '%2e%2e']) {
    raw(`GET client ${ref.slice(0, 20)}`, { method: 'GET', url: `/v1/clients/${ref}` });
    raw(`export client ${ref.slice(0, 20)}`, { method: 'GET', url: `/v1/clients/${ref}/export` });
    raw(`DELETE client ${ref.slice(0, 20)}`, { method: 'DELETE', url: `/v1/clients/${ref}` });
    raw(`list by client ${ref.slice(0, 20)}`, { method: 'GET', url: `/v1/consultations?clientRef=${ref}` });
  }
  raw('export of an unknown client', { method: 'GET', url: '/v1/clients/P-0/export' });
  for (const ref of ["' OR 1=1 --", '../x', 'a\u0000b', 'Jane Doe', 'j@x.org', '']) cases.push({ name: `clientRef field ${JSON.stringify(ref).slice(0, 16)}`, parts: [{ name: 'front', value: jpeg }, { name: 'clientRef', value: ref }] });
  for (const name of ['..%2f..%2fsmp.sqlite', '.hidden', 'a%00b', '%2e%2e']) {
    raw(`file ${name}`, { method: 'GET', url: `/v1/consultations/00000000-0000-4000-8000-000000000000/files/${name}` });
  }
  for (const h of ['', 'Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer smp_' + 'A'.repeat(4000), 'Bearer smpu_abc.def', 'bearer  smp_x y', 'Token smp_x']) {
    raw(`auth header ${JSON.stringify(h).slice(0, 24)}`, { method: 'GET', url: '/v1/consultations', headers: h ? { authorization: h } : {} }, true);
  }
}

beforeAll(async () => {
  t = await build({ maxFileBytes: 2 * 1024 * 1024 });
  auth = await t.auth();
  await makeCases();
});
afterAll(async () => t?.close());

describe('hostile input suite', () => {
  it('has at least 200 generated cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every case with a 4xx problem+json, never a 5xx or a crash, with bounded memory', async () => {
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const failures: string[] = [];
    for (const c of cases) {
      let res;
      if (c.parts) {
        const { body, headers } = multipart(c.parts);
        res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
      } else {
        const r = c.raw!;
        res = await t.app.inject({
          method: r.method ?? 'POST',
          url: r.url ?? '/v1/consultations',
          payload: r.payload,
          headers: { ...(c.noAuth ? {} : auth), ...(r.headers ?? {}) },
        });
      }
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      const ok = res.statusCode >= 400 && res.statusCode < 500 && /^application\/problem\+json/.test(String(res.headers['content-type']));
      if (!ok) failures.push(`${c.name}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      else {
        const body = res.json();
        if (body.status !== res.statusCode || typeof body.detail !== 'string' || !body.type) failures.push(`${c.name}: malformed problem ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    // The bombs are refused from their headers: memory never grows by their decoded size (hundreds of MB).
    expect(rssPeak - rssBefore).toBeLessThan(400 * 1024 * 1024);
    // Still serving, and nothing of the refused uploads was kept.
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: auth })).json().items).toEqual([]);
  });
});
