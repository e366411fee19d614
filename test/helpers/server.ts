// The real `smp` process for end-to-end tests: a free loopback port, a clinic key, start and wait.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/smp.js');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

/** `smp keys create --clinic <name> --json` against the data directory in `env`. */
export function createKey(env: NodeJS.ProcessEnv, clinic: string): string {
  return JSON.parse(execFileSync('node', [BIN, 'keys', 'create', '--clinic', clinic, '--json'], { env, encoding: 'utf8' })).key as string;
}

/** Starts `smp serve` with `env` (PORT and HOST set by the caller) and waits until `path` answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, path = '/health', stdio: 'ignore' | 'pipe' = 'ignore'): Promise<ChildProcess> {
  const child = spawn('node', [BIN, 'serve'], { env, stdio: ['ignore', stdio, stdio] });
  for (let i = 0; i < 150; i++) {
    if (await fetch(`http://127.0.0.1:${env.PORT}${path}`).then((r) => r.ok).catch(() => false)) return child;
    if (child.exitCode !== null) throw new Error(`smp serve exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`smp serve did not answer ${path} in 30 s`);
}

/**
 * Sends `request` as raw bytes (no HTTP client would send it as it is) and resolves all that came back
 * when the server closes the connection; the connection is ended after the write unless `end` is false.
 */
export function rawExchange(port: number, request: string, end = true): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let out = '';
    const s = connect(port, '127.0.0.1', () => (end ? s.end(request) : s.write(request)));
    s.on('data', (d) => (out += d));
    s.on('close', () => resolve(out));
    s.on('error', reject);
    setTimeout(() => s.destroy(), 5000);
  });
}
