// The page's client of the service (web/js/api.js): waiting for an analysis survives a busy moment.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { webModule } from './load.js';

interface ApiInstance {
  waitFor(id: string, opts?: { intervalMs?: number; timeoutMs?: number; onTick?: (ms: number) => void }): Promise<{ id: string; status: string }>;
}
interface ApiModule {
  Api: new (token: string, base?: string) => ApiInstance;
  ApiError: new (status: number, problem: unknown) => Error & { status: number };
}

const { Api, ApiError } = await webModule<ApiModule>('api.js');

const problem = (status: number, slug: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: `https://smp.example/problems/${slug}`, status, detail: `${slug} detail` }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });
const consultation = (status: string) => new Response(JSON.stringify({ id: 'c1', status }), { status: 200, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Api.waitFor', () => {
  it('keeps polling through a rate limit, a busy service and a lost connection', async () => {
    const answers: (() => Response)[] = [
      () => consultation('processing'),
      () => problem(429, 'rate-limited', { 'retry-after': '0' }),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => problem(503, 'overloaded', { 'retry-after': '0' }),
      () => consultation('completed'),
    ];
    const fetch = vi.fn(async () => answers.shift()!());
    vi.stubGlobal('fetch', fetch);
    const c = await new Api('smpu_x').waitFor('c1', { intervalMs: 1 });
    expect(c.status).toBe('completed');
    expect(fetch).toHaveBeenCalledTimes(5);
  });

  it('stops at an answer that will not change by waiting', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(401, 'unauthorized')));
    const err = await new Api('smpu_x').waitFor('c1', { intervalMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as { status: number }).status).toBe(401);
  });
});
