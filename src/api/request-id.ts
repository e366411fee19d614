// The id every log line of a request carries, and that its answer names in X-Request-Id: a clinic's own
// id for the call when it sends a sensible one (so both sides' logs meet), else a fresh UUID.
import { randomUUID } from 'node:crypto';

/** What a client-sent X-Request-Id may look like: a UUID, a trace id, a ULID; nothing to mislead a log reader. */
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && ACCEPTED.test(header) ? header : randomUUID();
}
