// Intake + quality on a 12-megapixel JPEG, as a ratio to the floor: sharp's plain decode-and-resize of
// the same file in the same run. Then the HTTP service: uploads per second at several concurrencies,
// as a ratio to one upload at a time.
import sharp from 'sharp';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { intakePhoto } from '../src/vision/intake/decode.js';
import { assessQuality } from '../src/vision/quality/gate.js';
import { build } from '../src/api/build.js';
import { pipelineConfig } from '../src/pipeline/config.js';
import { newApiKey } from '../src/api/auth/keys.js';
import { median } from './_photos.js';

async function twelveMegapixelJpeg(): Promise<Buffer> {
  const w = 4000;
  const h = 3000;
  // Smooth shading plus fine noise: compresses like a real photo (several MB), not like a flat card.
  const noise = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 150, g: 120, b: 100 }, noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
    .blur(0.8)
    .raw()
    .toBuffer();
  return sharp(noise, { raw: { width: w, height: h, channels: 3 } }).withExif({ IFD0: { Make: 'BenchPhone' } }).jpeg({ quality: 90 }).toBuffer();
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function intakeBench(jpeg: Buffer): Promise<void> {
  const floor = () => sharp(jpeg).rotate().resize(1024, 1024, { fit: 'inside' }).raw().toBuffer();
  const ours = async () => {
    const r = await intakePhoto(jpeg);
    assessQuality({ image: r.analysis, original: r });
  };
  await floor();
  await ours();
  const ratios: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 7; i++) {
    const [tf] = await time(floor, 1);
    const [to] = await time(ours, 1);
    a.push(to);
    b.push(tf);
    ratios.push(to / tf);
  }
  console.log(`12 MP JPEG (${(jpeg.length / 1e6).toFixed(1)} MB), 7 interleaved runs`);
  console.log(`  intake + quality   median ${median(a).toFixed(0)} ms  (decode, orient, strip, sRGB, stored JPEG, analysis copy, gate)`);
  console.log(`  sharp decode+resize median ${median(b).toFixed(0)} ms  (floor)`);
  console.log(`  ratio ours / floor: median ${median(ratios).toFixed(2)}x (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);
}

async function loadBench(jpeg: Buffer): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smp-bench-'));
  const app = await build({ dataDir, pipeline: pipelineConfig({ queueMax: 64 }), auth: true });
  try {
    const ready = await app.pool.ready();
    if (Object.values(ready).some((v) => v !== 'ok')) {
      console.log(`  upload throughput skipped: models not ready (${JSON.stringify(ready)})`);
      return;
    }
    const clinic = await app.store.createClinic('bench');
    const k = newApiKey();
    await app.store.addApiKey(clinic.id, k.hash, k.prefix);
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const upload = async () => {
      const form = new FormData();
      form.append('top', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'top.jpg');
      const res = await fetch(`${address}/v1/consultations`, { method: 'POST', body: form, headers: { authorization: `Bearer ${k.key}` } });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    };
    await upload();
    const rate = async (concurrency: number, total: number) => {
      const t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next++ < total) await upload();
        }),
      );
      return total / ((performance.now() - t0) / 1000);
    };
    console.log(`HTTP uploads of the same 12 MP JPEG, ${app.pool.config.workers} worker(s):`);
    const base = await rate(1, 6);
    console.log(`  concurrency 1: ${base.toFixed(2)} uploads/s (baseline)`);
    for (const c of [4, 8]) {
      const r = await rate(c, 12);
      console.log(`  concurrency ${c}: ${r.toFixed(2)} uploads/s, ratio to concurrency 1: ${(r / base).toFixed(2)}x`);
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const jpeg = await twelveMegapixelJpeg();
  await intakeBench(jpeg);
  await loadBench(jpeg);
}
