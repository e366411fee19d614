// Stored files on local disk: <root>/<clinic>/<record>/<name>. Writes go to a temporary name first and
// are renamed into place, so a crash never leaves a half-written file under its real name. Photos are
// medical data: folders and files are the service user's alone (0700 / 0600), whatever the umask.
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { chmodSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BlobStore } from './store.js';

export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {
    // The folder is the store's own: one an older version left open (0755, its photos 0644) is closed,
    // which puts every file below it out of other accounts' reach.
    try {
      if ((statSync(root).mode & 0o077) !== 0) chmodSync(root, PRIVATE_DIR);
    } catch {
      // not there yet (made private when the first file is stored), or not the service user's
    }
  }

  private dir(clinicId: string, recordId: string): string {
    for (const [what, v] of [['clinic id', clinicId], ['record id', recordId]] as const) {
      if (!SAFE.test(v)) throw new RangeError(`invalid ${what} for file storage: ${JSON.stringify(v)}`);
    }
    return resolve(this.root, clinicId, recordId);
  }

  private path(clinicId: string, recordId: string, name: string): string {
    if (!SAFE.test(name) || name.includes('..')) throw new RangeError(`invalid stored file name: ${JSON.stringify(name)}`);
    return join(this.dir(clinicId, recordId), name);
  }

  async put(clinicId: string, recordId: string, name: string, bytes: Uint8Array): Promise<void> {
    await this.putAll(clinicId, recordId, [{ name, bytes }]);
  }

  async putAll(clinicId: string, recordId: string, files: readonly { name: string; bytes: Uint8Array }[]): Promise<void> {
    const targets = files.map((f) => this.path(clinicId, recordId, f.name));
    await mkdir(this.dir(clinicId, recordId), { recursive: true, mode: PRIVATE_DIR });
    // Every file to a temporary name first: a full disk fails here, before anything stored is replaced.
    const tmps: string[] = [];
    try {
      for (const [i, f] of files.entries()) {
        const tmp = `${targets[i]}.${process.pid}.${Date.now()}.${i}.tmp`;
        tmps.push(tmp);
        await writeFile(tmp, f.bytes, { mode: PRIVATE_FILE });
      }
    } catch (err) {
      // A write cut short leaves the part written: it would hold the space under a record that may stay
      // (a plan edit's files go into a completed consultation), unseen by list().
      await Promise.all(tmps.map((tmp) => rm(tmp, { force: true }).catch(() => undefined)));
      throw err;
    }
    // Renames take no space.
    for (const [i, tmp] of tmps.entries()) await rename(tmp, targets[i]);
  }

  async get(clinicId: string, recordId: string, name: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.path(clinicId, recordId, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async list(clinicId: string, recordId: string): Promise<string[]> {
    try {
      return (await readdir(this.dir(clinicId, recordId))).filter((n) => !n.endsWith('.tmp')).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  async delete(clinicId: string, recordId: string, name: string): Promise<boolean> {
    try {
      await rm(this.path(clinicId, recordId, name));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async deleteRecord(clinicId: string, recordId: string): Promise<void> {
    await rm(this.dir(clinicId, recordId), { recursive: true, force: true });
  }

  async listFolders(): Promise<{ clinicId: string; recordIds: string[] }[]> {
    const dirs = async (path: string) => {
      try {
        return (await readdir(path, { withFileTypes: true })).filter((e) => e.isDirectory() && SAFE.test(e.name)).map((e) => e.name);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    };
    const out: { clinicId: string; recordIds: string[] }[] = [];
    for (const clinicId of await dirs(this.root)) out.push({ clinicId, recordIds: await dirs(join(this.root, clinicId)) });
    return out;
  }

  async deleteClinic(clinicId: string): Promise<void> {
    if (!SAFE.test(clinicId)) throw new RangeError(`invalid clinic id for file storage: ${JSON.stringify(clinicId)}`);
    await rm(resolve(this.root, clinicId), { recursive: true, force: true });
  }
}
