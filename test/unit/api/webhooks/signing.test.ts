import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { signatureOf, signedHeaders, webhookSecret } from '../../../../src/api/webhooks/signing.js';

describe('webhook signatures', () => {
  it("match the Standard Webhooks reference implementation's", () => {
    const secret = webhookSecret(Buffer.alloc(32, 7), 'hook-1');
    const at = new Date('2026-11-22T10:00:00.500Z');
    const body = JSON.stringify({ type: 'consultation.completed', data: { id: 'c1', note: 'ünïcode ✓' } });
    const headers = signedHeaders(secret, 'msg_1', at, body);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toBe(new Webhook(secret).sign('msg_1', at, body));
  });

  it('verify with the reference library only for the same body and secret', () => {
    const secret = webhookSecret(Buffer.alloc(32, 7), 'hook-1');
    const body = '{"type":"audit.completed"}';
    const headers = signedHeaders(secret, 'msg_2', new Date(), body);
    expect(new Webhook(secret).verify(body, headers)).toEqual({ type: 'audit.completed' });
    expect(() => new Webhook(secret).verify(body.replace('audit', 'consultation'), headers)).toThrow();
    expect(() => new Webhook(webhookSecret(Buffer.alloc(32, 7), 'hook-2')).verify(body, headers)).toThrow();
  });

  it('derive a stable 32-byte secret per webhook and service secret', () => {
    const a = webhookSecret(Buffer.alloc(32, 1), 'h');
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(webhookSecret(Buffer.alloc(32, 1), 'h')).toBe(a);
    expect(webhookSecret(Buffer.alloc(32, 2), 'h')).not.toBe(a);
    expect(webhookSecret(Buffer.alloc(32, 1), 'h2')).not.toBe(a);
  });

  it('check their arguments', () => {
    expect(() => webhookSecret(Buffer.alloc(4), 'h')).toThrow(/too short/);
    expect(() => webhookSecret(Buffer.alloc(32), '')).toThrow(/empty/);
    expect(() => signatureOf('nope', 'm', 1, '')).toThrow(/whsec_/);
    expect(() => signatureOf('whsec_AAAA', 'm', 1.5, '')).toThrow(/whole seconds/);
  });
});
