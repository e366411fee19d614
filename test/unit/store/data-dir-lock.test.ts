import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '../../../src/store/data-dir-lock.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('lockDataDir', () => {
  it('lets one holder in at a time, keeps the lock after a refused attempt, and frees it on release', () => {
    dir = join(mkdtempSync(join(tmpdir(), 'smp-lock-')), 'data'); // made when missing
    const first = lockDataDir(dir);
    expect(statSync(join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    // a refused attempt must not drop the holder's lock (closing a descriptor drops a process's POSIX locks)
    expect(() => lockDataDir(dir)).toThrow(/another smp serve is using the data directory .*data/);
    first.release();
    lockDataDir(dir).release();
  });
});
