// Idempotency-Key on the create endpoints (IETF draft "The Idempotency-Key HTTP Header Field"): clinic
// software that lost the answer to a POST (a dropped connection, a gateway timeout) sends it again with
// the same key and gets the consultation the first attempt made, not a second analysis and a second
// stored copy of the photos.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Problem } from './problem.js';
import type { IdempotencyEntry, RecordKind, StoredRecord } from '../store/store.js';

/** How long a key is remembered; a key older than this starts a new record. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

// Visible ASCII, no spaces; a structured-field string ("...") as the draft writes it is accepted too.
const KEY = /^"?([\x21\x23-\x7e]{1,255})"?$/;

/** Documents (and checks) the header in the route schema. */
export const IdempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(KEY, '1-255 visible ASCII characters, no spaces')
    .optional()
    .describe('any unique string per upload (a UUID); a retry with the same key and upload answers with the first attempt\'s record for 24 h'),
});

/** The request's Idempotency-Key, unquoted, or null when it sent none. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  const match = typeof raw === 'string' ? KEY.exec(raw) : null;
  if (!match) throw invalidIdempotencyKey();
  return match[1];
}

export function invalidIdempotencyKey(): Problem {
  return new Problem(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'send one Idempotency-Key of 1-255 visible ASCII characters without spaces, e.g. a UUID');
}

/** SHA-256 over the upload: each file part's name and bytes, in order, then the text fields. */
export function uploadFingerprint(parts: { name: string; bytes: Uint8Array }[], fields: Record<string, unknown>): string {
  const h = createHash('sha256');
  for (const p of parts) {
    h.update(`${p.name}\0${p.bytes.length}\0`);
    h.update(p.bytes);
  }
  h.update(JSON.stringify(Object.keys(fields).sort().map((k) => [k, fields[k]])));
  return h.digest('hex');
}

export interface IdempotentCreate {
  kind: RecordKind;
  key: string;
  fingerprint: string;
  /** The record this request has just created (still 'processing'). */
  recordId: string;
  mode: 'sync' | 'async';
}

/**
 * Ties the key to the record just created. Returns null when this request goes ahead; otherwise the
 * first attempt's record and how it was asked for, to answer with (this request's record is then
 * removed). Throws 422 when the key came with another upload, 409 while a synchronous first attempt
 * is still running. A key whose record failed, was deleted or expired is taken over.
 */
export async function claimIdempotencyKey(
  app: FastifyInstance,
  request: FastifyRequest,
  c: IdempotentCreate,
): Promise<{ record: StoredRecord; mode: 'sync' | 'async' } | null> {
  const clinicId = request.clinic.id;
  const scope = request.clinic.kind === 'upload-token' ? request.clinic.actor : 'clinic';
  const entry: IdempotencyEntry = { clinicId, kind: c.kind, scope, key: c.key, fingerprint: c.fingerprint, recordId: c.recordId, mode: c.mode, createdAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    const first = await app.store.claimIdempotencyKey(entry);
    if (!first) return null;
    const expired = Date.now() - Date.parse(first.createdAt) > IDEMPOTENCY_TTL_MS;
    const record = expired ? null : await app.store.getRecord(c.kind, clinicId, first.recordId);
    if (!record || record.status === 'failed') {
      await app.store.releaseIdempotencyKey(entry);
      continue;
    }
    await app.store.deleteRecord(c.kind, clinicId, c.recordId);
    if (first.fingerprint !== c.fingerprint) {
      throw new Problem(422, 'idempotency-key-reused', 'Idempotency-Key reused', `this Idempotency-Key was used for another upload (${first.createdAt}); use a new key for each upload`);
    }
    if (record.status === 'processing' && first.mode === 'sync') {
      throw new Problem(409, 'idempotency-key-in-use', 'Request in progress', 'the first request with this Idempotency-Key is still being analysed; retry after a moment', {}, { 'retry-after': '2' });
    }
    return { record, mode: first.mode };
  }
  await app.store.deleteRecord(c.kind, clinicId, c.recordId);
  throw new Problem(409, 'idempotency-key-in-use', 'Request in progress', 'requests with this Idempotency-Key are racing; retry after a moment', {}, { 'retry-after': '2' });
}
