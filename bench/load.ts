// Load test on loopback only, bounded in count and time: the real server in a child process,
// uploads and reads at a stated concurrency, then 4x overload. Reports throughput, p50/p99 latency,
// status counts (5xx must be 0) and the server's peak memory (VmHWM).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT, SHARED_DIR, sharedAvailable } from '../src/models/paths.js';

const BIN = resolve(REPO_ROOT, 'bin/smp.js');
const DEADLINE_MS = 240_000; // the whole run stops by itself

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}

interface Phase {
  statuses: Record<number, number>;
  latencies: number[];
  latencyByStatus: Record<number, number[]>;
  seconds: number;
}

async function drive(total: number, concurrency: number, once: () => Promise<number>, started: number): Promise<Phase> {
  const statuses: Record<number, number> = {};
  const latencies: number[] = [];
  const latencyByStatus: Record<number, number[]> = {};
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total && performance.now() - started < DEADLINE_MS) {
        next++;
        const t = performance.now();
        const status = await once().catch(() => 0);
        const ms = performance.now() - t;
        latencies.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
        (latencyByStatus[status] ??= []).push(ms);
      }
    }),
  );
  return { statuses, latencies, latencyByStatus, seconds: (performance.now() - t0) / 1000 };
}

function report(name: string, p: Phase, concurrency: number): void {
  const n = p.latencies.length;
  const fivexx = Object.entries(p.statuses).filter(([s]) => Number(s) >= 500 || Number(s) === 0).reduce((a, [, c]) => a + c, 0);
  console.log(
    `  ${name.padEnd(22)} c=${String(concurrency).padStart(2)}  n=${n}  ${(n / p.seconds).toFixed(2)}/s  p50 ${pct(p.latencies, 0.5).toFixed(0)} ms  p99 ${pct(p.latencies, 0.99).toFixed(0)} ms  statuses ${JSON.stringify(p.statuses)}  5xx-other-than-503 ${fivexx - (p.statuses[503] ?? 0)}`,
  );
}

export async function run(): Promise<void> {
  if (!sharedAvailable()) {
    console.log(`load test skipped: ../shared not found at ${SHARED_DIR}`);
    return;
  }
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'smp-load-'));
  const port = await freePort();
  const env = { ...process.env, SMP_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), SMP_QUEUE_MAX: '4', LOG_LEVEL: 'warn' };
  const key = JSON.parse(execFileSync('node', [BIN, 'keys', 'create', '--clinic', 'Load', '--json'], { env, encoding: 'utf8' })).key as string;
  const headers = { authorization: `Bearer ${key}` };
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  try {
    server = spawn('node', [BIN, 'serve'], { env, stdio: 'ignore' });
    for (let i = 0; i < 150; i++) {
      const ok = await fetch(`${base}/ready`).then((r) => r.ok).catch(() => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const labels = readFileSync(join(SHARED_DIR, 'data/hairloss-levels/labels.csv'), 'utf8').trim().split('\n').slice(1);
    const photos = labels.slice(0, 40).map((l) => readFileSync(join(SHARED_DIR, 'data/hairloss-levels', l.split(',')[0])));
    let k = 0;
    const ids: string[] = [];
    const upload = async () => {
      const f = new FormData();
      f.append('auto', new Blob([new Uint8Array(photos[k++ % photos.length])], { type: 'image/jpeg' }), 'p.jpg');
      const res = await fetch(`${base}/v1/consultations`, { method: 'POST', body: f, headers });
      const body = (await res.json()) as { id?: string };
      if (res.status === 201 && body.id) ids.push(body.id);
      return res.status;
    };
    const read = async () => {
      const res = await fetch(`${base}/v1/consultations/${ids[k++ % ids.length]}`, { headers });
      await res.arrayBuffer();
      return res.status;
    };
    console.log(`server: 2 cores, SMP_QUEUE_MAX=4 (capacity = workers + 4 queued tasks), photos 640x640 JPEG from ../shared`);
    const c = 4;
    report('uploads', await drive(40, c, upload, started), c);
    report('reads', await drive(400, 8, read, started), 8);
    // 4x overload: four times as many concurrent uploads as the server can hold.
    const cap = 2 + 4;
    const overload = await drive(cap * 4 * 2, cap * 4, upload, started);
    report('uploads at 4x overload', overload, cap * 4);
    const q503 = overload.latencyByStatus[503] ?? [];
    if (q503.length) console.log(`    503 answers: p50 ${pct(q503, 0.5).toFixed(0)} ms, p99 ${pct(q503, 0.99).toFixed(0)} ms (quick refusals); accepted: ${overload.statuses[201] ?? 0}, all completed`);
    const ok201 = overload.latencyByStatus[201] ?? [];
    if (ok201.length) console.log(`    accepted uploads: p50 ${pct(ok201, 0.5).toFixed(0)} ms, p99 ${pct(ok201, 0.99).toFixed(0)} ms`);
    if (server.pid) console.log(`  server peak memory (VmHWM): ${peakRssMb(server.pid).toFixed(0)} MB`);
    console.log(`  wall time ${((performance.now() - started) / 1000).toFixed(0)} s (bounded at ${DEADLINE_MS / 1000} s)`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
