import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTokenSecret, MIN_SECRET_CHARS } from '../../../../src/api/auth/tokens.js';

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

  it('takes SMP_TOKEN_SECRET when given, and refuses one short enough to guess', () => {
    process.env.SMP_TOKEN_SECRET = 'x'.repeat(MIN_SECRET_CHARS);
    expect(loadTokenSecret('/nonexistent/never-written').toString()).toBe('x'.repeat(MIN_SECRET_CHARS));
    process.env.SMP_TOKEN_SECRET = 'hunter2';
    expect(() => loadTokenSecret('/nonexistent/never-written')).toThrow('SMP_TOKEN_SECRET must be at least 32 characters (got 7)');
  });
});
