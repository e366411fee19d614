// Short-lived upload tokens for the public consultation page: HMAC-signed, scoped to one clinic, so the
// page never holds a clinic key. The payload is signed, not encrypted: anyone who sees the link reads
// it, so it holds ids only. The client a token was minted for stays in its upload_tokens row.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const TOKEN_PREFIX = 'smpu_';

export interface UploadTokenClaims {
  clinicId: string;
  /** Random id of this token: what it creates belongs to it, and only it (or the clinic key) reads it. */
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Id of the clinic key that minted it: revoking that key ends the token too. Absent when auth is off. */
  keyId?: string;
}

export function signUploadToken(secret: Buffer, claims: UploadTokenClaims): string {
  const payload = Buffer.from(
    JSON.stringify({ c: claims.clinicId, j: claims.jti, e: claims.exp, ...(claims.keyId ? { k: claims.keyId } : {}) }),
  ).toString('base64url');
  const mac = createHmac('sha256', secret).update(payload).digest('base64url');
  return `${TOKEN_PREFIX}${payload}.${mac}`;
}

/** Claims of a valid, unexpired token, or null. */
export function verifyUploadToken(secret: Buffer, token: string, nowSeconds = Date.now() / 1000): UploadTokenClaims | null {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [payload, mac] = token.slice(TOKEN_PREFIX.length).split('.');
  if (!payload || !mac) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    // Tokens minted before the client moved to the row still carry it as `r`; the row is what counts.
    const { c, j, e, k } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c: unknown; j: unknown; e: unknown; k?: unknown };
    if (typeof c !== 'string' || typeof j !== 'string' || typeof e !== 'number' || e < nowSeconds) return null;
    if (k !== undefined && typeof k !== 'string') return null;
    return { clinicId: c, jti: j, exp: e, ...(k ? { keyId: k } : {}) };
  } catch {
    return null;
  }
}

export const MIN_SECRET_CHARS = 32;

/** The signing secret: SMP_TOKEN_SECRET, else one generated once and kept in the data directory. */
export function loadTokenSecret(file: string): Buffer {
  const given = process.env.SMP_TOKEN_SECRET;
  if (given) {
    // Tokens and webhook signatures are only as strong as this: a short one can be guessed offline.
    if (given.length < MIN_SECRET_CHARS) throw new RangeError(`SMP_TOKEN_SECRET must be at least ${MIN_SECRET_CHARS} characters (got ${given.length}); e.g. openssl rand -base64 32`);
    return Buffer.from(given, 'utf8');
  }
  if (existsSync(file)) {
    const kept = readFileSync(file);
    if (kept.length >= MIN_SECRET_CHARS) return kept;
    // Shorter than any secret this writes: a write cut short (an empty file after a crash on the first
    // start) once became the HMAC key, so anyone could sign upload tokens. Such a file is replaced.
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  // Written whole or not at all: a crash leaves the old file or none, never a part of the new one.
  const part = `${file}.${process.pid}.part`;
  writeFileSync(part, secret, { mode: 0o600 });
  renameSync(part, file);
  return secret;
}
