// Signatures in the Standard Webhooks form (standardwebhooks.com), so receivers can verify with any of
// its libraries: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body>", sent as "v1,<base64>".
// Each webhook's secret is derived from the service's token secret and the webhook's id, so no secret
// is stored: replacing the webhook (a new id) rotates it.
import { createHmac } from 'node:crypto';

const SECRET_PREFIX = 'whsec_';

/** The webhook's signing secret as shown to the clinic once ("whsec_" + base64 of 32 bytes). */
export function webhookSecret(tokenSecret: Buffer, webhookId: string): string {
  if (tokenSecret.length < 16) throw new RangeError('the token secret is too short to derive webhook secrets from');
  if (!webhookId) throw new RangeError('webhookId is empty');
  return SECRET_PREFIX + createHmac('sha256', tokenSecret).update(`webhook-secret:${webhookId}`).digest('base64');
}

/** The signature header value for one attempt: "v1,<base64 HMAC-SHA256>". */
export function signatureOf(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  if (!secret.startsWith(SECRET_PREFIX)) throw new RangeError(`a webhook secret starts with "${SECRET_PREFIX}"`);
  if (!Number.isInteger(timestampSeconds) || timestampSeconds < 0) throw new RangeError(`timestamp must be whole seconds, got ${timestampSeconds}`);
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64');
}

/** The three headers of a signed delivery. */
export function signedHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  const ts = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': messageId, 'webhook-timestamp': String(ts), 'webhook-signature': signatureOf(secret, messageId, ts, body) };
}
