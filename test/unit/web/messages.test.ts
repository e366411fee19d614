// What the page says when sending fails (web/js/messages.js): plain words, whether the photos are kept and
// what to do; never a status code or the service's own detail of a 500.
import { describe, expect, it } from 'vitest';
import { webModule } from './load.js';

interface ApiModule {
  ApiError: new (status: number, problem: unknown, retryAfterSeconds?: number | null) => Error & { status: number };
}
interface MessagesModule {
  sendFailureText(err: unknown, opts?: { sent?: boolean; kept?: boolean }): string;
  busyMessage(retryAfterSeconds: number | null): string;
}

const { ApiError } = await webModule<ApiModule>('api.js');
const m = await webModule<MessagesModule>('messages.js');

/** An answer without a problem+json body, as a proxy in front of the service sends it (api.js parseProblem). */
const bare = (status: number) => new ApiError(status, { title: `Error ${status}`, detail: `the service answered ${status}` });

describe('send failures in plain words', () => {
  it('does not say the photos were not sent when the service is busy while the result is awaited', () => {
    const busy = new ApiError(429, { title: 'Too many requests', detail: 'slow down' });
    const text = m.sendFailureText(busy, { sent: true });
    expect(text).toContain('Your photos reached the service, but it is busy');
    expect(text).not.toMatch(/not sent/);
  });

  it('treats 502, 503 and 504 as busy or temporary, with the photos kept', () => {
    for (const status of [502, 503]) {
      const text = m.sendFailureText(bare(status));
      expect(text, String(status)).toContain('The service is busy right now');
      expect(text).toContain('still here');
    }
    const timeout = m.sendFailureText(bare(504));
    expect(timeout).toContain('did not answer in time');
    expect(timeout).toContain('still here');
    for (const status of [502, 503, 504]) expect(m.sendFailureText(bare(status))).not.toMatch(/\b50\d\b|answered/);
  });

  it('names the size limit for a 413', () => {
    const text = m.sendFailureText(bare(413));
    expect(text).toContain('too large to send: each photo may be at most 25.0 MB');
    expect(text).toContain('still here');
    expect(text).not.toMatch(/413|answered/);
    expect(m.sendFailureText(new ApiError(413, { title: 'Upload too large', detail: 'the upload is 300 MiB', maxFileBytes: 10 * 1024 * 1024 }))).toContain('at most 10.0 MB');
  });

  it("never shows a 500's detail, and gives the reference to quote", () => {
    const err = new ApiError(500, { type: 'https://smp.example/problems/internal', title: 'Internal error', detail: 'TypeError: cannot read x of undefined at worker.ts:12', requestId: 'req-42' });
    const text = m.sendFailureText(err);
    expect(text).toContain('Something went wrong at the service');
    expect(text).toContain('give the reference req-42');
    expect(text).not.toMatch(/TypeError|worker|500/);
    expect(m.sendFailureText(bare(500))).not.toMatch(/500|answered/);
  });

  it('says whether the photos are kept after a lost connection, and after a reload', () => {
    expect(m.sendFailureText(bare(0))).toMatch(/^The connection was lost, so your photos were not sent\. Your photos are still here/);
    const resumed = m.sendFailureText(bare(0), { sent: true, kept: false });
    expect(resumed).toContain('they had reached the service');
    expect(resumed).toContain('add your photos again');
    expect(resumed).not.toContain('still here');
  });

  it('says a long analysis reached the service and is not analysed twice', () => {
    const err = new ApiError(504, { title: 'Still analysing', detail: 'the analysis is taking unusually long; please try again in a few minutes' });
    const text = m.sendFailureText(err, { sent: true });
    expect(text).toContain('Your photos reached the service, but the analysis is taking unusually long');
    expect(text).toContain('not analysed twice');
  });

  it("keeps a person's detail of a refusal, but not a bare status", () => {
    expect(m.sendFailureText(new ApiError(415, { title: 'Unsupported', detail: 'this kind of file is not a photo we take' }))).toBe(
      'Your photos could not be sent: this kind of file is not a photo we take. Your photos are still here: check them, then press "Send photos for analysis" again.',
    );
    expect(m.sendFailureText(bare(404))).toBe('Your photos could not be sent. Your photos are still here: check them, then press "Send photos for analysis" again.');
    expect(m.sendFailureText(new Error('boom'))).toContain('Something went wrong on this page');
    expect(m.sendFailureText(new Error('boom'))).not.toContain('boom');
  });

  it('says how long to wait when busy', () => {
    expect(m.busyMessage(600)).toContain('please wait 10 minutes');
    expect(m.busyMessage(5)).toContain('please wait a minute');
    expect(m.busyMessage(null)).toContain('please wait a moment');
  });
});
