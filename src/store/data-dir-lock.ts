// One service per data directory. Start-up marks every analysis left `processing` as failed (a crash cut
// it short) and sweeps files no record owns: a second `smp serve` pointed at a running one's directory
// did both to the live service's work (its running analyses marked failed, a consultation.failed event
// sent for each, then EADDRINUSE).
import Database from 'better-sqlite3';
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'serve.lock';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(`another smp serve is using the data directory ${dataDir} (it holds ${LOCK_FILE}); stop it first, or give this one its own SMP_DATA_DIR`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the directory's lock or throws DataDirInUseError. The lock is SQLite's own exclusive lock on a
 * small file (a POSIX record lock), so the kernel lets go of it when the process dies however it dies:
 * a restart after kill -9 is not refused, and no process id is trusted (a container's is 1 every time).
 * The database itself stays shared: `smp keys` opens it beside a running service.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  // Never opened and closed here: closing any descriptor of the file drops every POSIX lock this process
  // holds on it (a refused second attempt in one process had released the first's lock).
  const db = new Database(file, { timeout: 0 });
  chmodSync(file, 0o600);
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // a write takes the exclusive lock; in this mode it is kept after the commit, until the connection closes
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirInUseError(dataDir);
    throw err;
  }
  return { release: () => db.close() };
}
