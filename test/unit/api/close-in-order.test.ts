// The service's close steps: every one runs even when an earlier one fails, in order, each logged with
// its time, and the first failure is what closing throws.
import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { closeInOrder, closingStep } from '../../../src/api/plugins/services.js';

function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
  return { app: Fastify({ logger: { level: 'info', stream } }), lines };
}

describe('closeInOrder', () => {
  it('closes every step in order and logs each one', async () => {
    const { app, lines } = appWithLog();
    const seen: string[] = [];
    await closeInOrder(app, [
      ['webhooks', async () => void seen.push(`webhooks while ${closingStep}`)],
      ['store', async () => void seen.push(`store while ${closingStep}`)],
    ]);
    expect(seen).toEqual(['webhooks while webhooks', 'store while store']);
    expect(closingStep).toBeNull();
    expect(lines.filter((l) => l.msg === 'closed').map((l) => l.step)).toEqual(['webhooks', 'store']);
    expect(lines.every((l) => typeof l.ms === 'number' || l.msg !== 'closed')).toBe(true);
  });

  it('still closes the store when the workers fail to close, then throws the first failure', async () => {
    const { app, lines } = appWithLog();
    const seen: string[] = [];
    const closing = closeInOrder(app, [
      ['workers', async () => { throw new Error('terminate failed'); }],
      ['other', async () => { throw new Error('second failure'); }],
      ['store', async () => void seen.push('store')],
    ]);
    await expect(closing).rejects.toThrow('terminate failed');
    expect(seen).toEqual(['store']);
    expect(lines.filter((l) => l.msg === 'closing failed').map((l) => l.step)).toEqual(['workers', 'other']);
    expect(closingStep).toBeNull();
  });
});
