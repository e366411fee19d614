import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { loadTokenSecret, MIN_SECRET_CHARS, signUploadToken, TOKEN_PREFIX, verifyUploadToken } from '../../../../src/api/auth/tokens.js';

const saved = process.env.SMP_TOKEN_SECRET;
afterEach(() => {
  if (saved === undefined) delete process.env.SMP_TOKEN_SECRET;
  else process.env.SMP_TOKEN_SECRET = saved;
});

describe('loadTokenSecret', () => {
  it('generates 32 random bytes once into the data directory (owner-only) and reads them back', () => {
    delete process.env.SMP_TOKEN_SECRET;
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    try {
      const file = join(dir, 'sub', 'token-secret');
      const first = loadTokenSecret(file);
      expect(first).toHaveLength(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadTokenSecret(file).equals(first)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a kept secret too short to be one (an empty file left by a crash), instead of signing with it', () => {
    delete process.env.SMP_TOKEN_SECRET;
    const dir = mkdtempSync(join(tmpdir(), 'secret-'));
    try {
      const file = join(dir, 'token-secret');
      writeFileSync(file, '');
      const secret = loadTokenSecret(file);
      expect(secret).toHaveLength(32);
      expect(readFileSync(file).equals(secret)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir)).toEqual(['token-secret']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes SMP_TOKEN_SECRET when given, and refuses one short enough to guess', () => {
    process.env.SMP_TOKEN_SECRET = 'x'.repeat(MIN_SECRET_CHARS);
    expect(loadTokenSecret('/nonexistent/never-written').toString()).toBe('x'.repeat(MIN_SECRET_CHARS));
    process.env.SMP_TOKEN_SECRET = 'hunter2';
    expect(() => loadTokenSecret('/nonexistent/never-written')).toThrow('SMP_TOKEN_SECRET must be at least 32 characters (got 7)');
  });
});

describe('upload tokens', () => {
  const secret = Buffer.alloc(32, 7);
  const claims = { clinicId: 'c1', jti: 'j1', exp: 2_000_000_000, keyId: 'k1' };

  it('carry the clinic and the minting key, never the client: the link is readable by anyone who sees it', () => {
    const token = signUploadToken(secret, claims);
    expect(verifyUploadToken(secret, token, 1_000)).toEqual(claims);
    expect(Object.keys(JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length).split('.')[0], 'base64url').toString()))).toEqual(['c', 'j', 'e', 'k']);
    // a token minted when the payload still named the client (`r`) keeps working; the client comes from its row
    const legacy = Buffer.from(JSON.stringify({ c: 'c1', j: 'j1', e: 2_000_000_000, k: 'k1', r: 'P-1' })).toString('base64url');
    const legacyMac = createHmac('sha256', secret).update(legacy).digest('base64url');
    expect(verifyUploadToken(secret, `${TOKEN_PREFIX}${legacy}.${legacyMac}`, 1_000)).toEqual(claims);
  });

  it('are refused when expired, signed with another secret, altered, or malformed', () => {
    const token = signUploadToken(secret, claims);
    expect(verifyUploadToken(secret, token, 2_000_000_001)).toBeNull();
    expect(verifyUploadToken(Buffer.alloc(32, 8), token, 1_000)).toBeNull();
    const [payload, mac] = token.slice(TOKEN_PREFIX.length).split('.');
    const swapped = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('"c1"', '"c2"')).toString('base64url');
    expect(verifyUploadToken(secret, `${TOKEN_PREFIX}${swapped}.${mac}`, 1_000)).toBeNull();
    // correctly signed, but the key id is not a string
    const odd = Buffer.from(JSON.stringify({ c: 'c1', j: 'j1', e: 2_000_000_000, k: 5 })).toString('base64url');
    const oddMac = createHmac('sha256', secret).update(odd).digest('base64url');
    expect(verifyUploadToken(secret, `${TOKEN_PREFIX}${odd}.${oddMac}`, 1_000)).toBeNull();
  });
});
