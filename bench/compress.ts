// Compressed answers (plugins/compress.ts) on a real consultation of one person's five photos from
// ../shared, fetched over HTTP from the running service: the bytes sent and the time to fetch each
// answer brotli- and gzip-encoded, as a ratio to fetching it uncompressed in the same run (interleaved).
// The time is the server's and the client's together, on one machine: a slow link gains the bytes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'node:http';
import { build } from '../src/api/build.js';
import { pipelineConfig } from '../src/pipeline/config.js';
import { newApiKey } from '../src/api/auth/keys.js';
import { SHARED_DIR, sharedAvailable } from '../src/models/paths.js';
import { median } from './_photos.js';

const ROUNDS = 15;
/** A phone's link for the estimate beside the measured time: 10 Mbit/s. */
const LINK_BYTES_PER_MS = 10e6 / 8 / 1000;
const VIEWS: [string, RegExp][] = [['front', /^34-Front_/], ['top', /^34-Top-Down_/], ['left', /^34-Left_/], ['right', /^34-Right_/], ['back', /^34-Back_/]];

/** GET with an Accept-Encoding, reading the raw (still encoded) body: its size and the time to the end. */
function fetchRaw(url: string, headers: Record<string, string>): Promise<{ bytes: number; ms: number; encoding: string | undefined }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const req = request(url, { headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? done({ bytes, ms: performance.now() - t0, encoding: res.headers['content-encoding'] }) : fail(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}

export async function run(): Promise<void> {
  if (!sharedAvailable()) {
    console.log('skipped: ../shared is needed for a real consultation');
    return;
  }
  const dir = resolve(SHARED_DIR, 'data', 'hairloss-levels', 'images');
  const names = readdirSync(dir).sort();
  const dataDir = mkdtempSync(join(tmpdir(), 'smp-bench-compress-'));
  const app = await build({ dataDir, pipeline: pipelineConfig({}), auth: true });
  try {
    const clinic = await app.store.createClinic('bench');
    const k = newApiKey();
    await app.store.addApiKey(clinic.id, k.hash, k.prefix);
    const auth = { authorization: `Bearer ${k.key}` };
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const form = new FormData();
    form.append('sex', 'male');
    for (const [view, re] of VIEWS) {
      const file = names.find((n) => re.test(n));
      if (file) form.append(view, new Blob([readFileSync(resolve(dir, file))], { type: 'image/jpeg' }), file);
    }
    const created = await fetch(`${address}/v1/consultations`, { method: 'POST', body: form, headers: auth });
    if (created.status !== 201) throw new Error(`consultation answered ${created.status}: ${await created.text()}`);
    const c = (await created.json()) as { id: string };
    const targets: [string, string][] = [
      ['consultation JSON', `/v1/consultations/${c.id}`],
      ['plan.svg', `/v1/consultations/${c.id}/files/plan.svg`],
      ['dots.csv', `/v1/consultations/${c.id}/files/dots.csv`],
      ['openapi.json', '/openapi.json'],
    ];
    console.log(`L4-034's five photos, one consultation; ${ROUNDS} interleaved rounds per answer (median)`);
    for (const [label, path] of targets) {
      const url = `${address}${path}`;
      const plain: number[] = [], gz: number[] = [], br: number[] = [];
      let sizes = { plain: 0, gzip: 0, br: 0 };
      for (let i = 0; i < ROUNDS + 1; i++) {
        const p = await fetchRaw(url, { ...auth, 'accept-encoding': 'identity' });
        const g = await fetchRaw(url, { ...auth, 'accept-encoding': 'gzip' });
        const b = await fetchRaw(url, { ...auth, 'accept-encoding': 'br' });
        if (g.encoding !== 'gzip' || b.encoding !== 'br' || p.encoding) throw new Error(`${label}: encodings ${p.encoding}/${g.encoding}/${b.encoding}`);
        sizes = { plain: p.bytes, gzip: g.bytes, br: b.bytes };
        if (i === 0) continue; // warm-up
        plain.push(p.ms);
        gz.push(g.ms);
        br.push(b.ms);
      }
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      const onLink = (ms: number, bytes: number) => ms + bytes / LINK_BYTES_PER_MS;
      console.log(
        `  ${label.padEnd(18)} bytes ${kb(sizes.plain)} -> gzip ${kb(sizes.gzip)} (${(sizes.plain / sizes.gzip).toFixed(1)}x smaller), br ${kb(sizes.br)} (${(sizes.plain / sizes.br).toFixed(1)}x)\n` +
          `  ${''.padEnd(18)} time ratio to uncompressed on loopback: gzip ${(median(gz) / median(plain)).toFixed(2)}x, br ${(median(br) / median(plain)).toFixed(2)}x (uncompressed ${median(plain).toFixed(1)} ms); ` +
          `with 10 Mbit/s of transfer added: gzip ${(onLink(median(gz), sizes.gzip) / onLink(median(plain), sizes.plain)).toFixed(2)}x, br ${(onLink(median(br), sizes.br) / onLink(median(plain), sizes.plain)).toFixed(2)}x`,
      );
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
