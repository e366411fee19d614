// One delivery attempt: POST the signed JSON, wait at most `timeoutMs`, follow no redirect, read at
// most a few kB of the answer. Never throws: the outcome says what happened, for the delivery log.
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, parseWebhookUrl, WebhookTargetError, type TargetPolicy } from './target.js';

export interface SendOutcome {
  /** A 2xx answer. */
  delivered: boolean;
  /** The HTTP status, when an answer came. */
  status: number | null;
  /** What went wrong, in words (null when delivered). */
  error: string | null;
  ms: number;
}

export interface SendRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  policy: TargetPolicy;
}

const USER_AGENT = 'smp-analyzer-webhooks/1';
/** Bytes of the receiver's answer kept for the error message. */
const ANSWER_KEPT = 200;
const ANSWER_READ_MAX = 64 * 1024;

export async function sendWebhook(req: SendRequest): Promise<SendOutcome> {
  const started = performance.now();
  const done = (delivered: boolean, status: number | null, error: string | null): SendOutcome => ({
    delivered,
    status,
    error,
    ms: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = parseWebhookUrl(req.url, req.policy);
  } catch (err) {
    return done(false, null, (err as Error).message);
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, 'content-length': String(Buffer.byteLength(req.body)), ...req.headers },
        lookup: guardedLookup(req.policy) as never,
        // An IP literal skips lookup: parseWebhookUrl checked it. A fresh connection per attempt.
        agent: false,
        signal: AbortSignal.timeout(req.timeoutMs),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const kept: Buffer[] = [];
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          if (read < ANSWER_KEPT) kept.push(chunk.subarray(0, ANSWER_KEPT - read));
          read += chunk.length;
          if (read > ANSWER_READ_MAX) res.destroy(); // the answer is not needed; a huge one is not read
        });
        const finish = () => {
          if (status >= 200 && status < 300) return resolve(done(true, status, null));
          const text = Buffer.concat(kept).toString('utf8').replace(/\s+/g, ' ').trim();
          const where = status >= 300 && status < 400 && res.headers.location ? ` to ${res.headers.location} (redirects are not followed)` : '';
          resolve(done(false, status, `the receiver answered ${status}${where}${text ? `: ${text}` : ''}`));
        };
        res.on('end', finish);
        res.on('close', finish); // destroyed early: resolve with what was read (resolve is idempotent)
        res.on('error', finish);
      },
    );
    request.on('error', (err: NodeJS.ErrnoException) => {
      const why =
        err instanceof WebhookTargetError
          ? err.message
          : err.name === 'AbortError' || err.name === 'TimeoutError'
            ? `no answer within ${req.timeoutMs / 1000} s`
            : `${err.code ?? err.name}: ${err.message}`;
      resolve(done(false, null, why));
    });
    request.end(req.body);
  });
}
