// Stored files on disk: per clinic and record, unsafe names refused, one file or a whole record removable.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileBlobStore } from '../../../src/store/file-blobs.js';

/** When set to n, n more writeFiles succeed, then one writes half its bytes and fails as a full disk does. */
const disk = vi.hoisted(() => ({ writesLeft: null as number | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    writeFile: async (path: string, bytes: Uint8Array, opts?: { mode?: number }) => {
      if (disk.writesLeft === null) return fs.writeFile(path, bytes, opts);
      if (disk.writesLeft-- > 0) return fs.writeFile(path, bytes, opts);
      disk.writesLeft = null;
      await fs.writeFile(path, bytes.subarray(0, bytes.length >> 1));
      throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC' });
    },
  };
});

let root = '';
let blobs: FileBlobStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'blobs-'));
  blobs = new FileBlobStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('FileBlobStore', () => {
  it('keeps each clinic and record apart', async () => {
    await blobs.put('clinic-a', 'rec-1', 'photo-0.jpg', new Uint8Array([1, 2, 3]));
    await blobs.put('clinic-b', 'rec-1', 'photo-0.jpg', new Uint8Array([9]));
    expect([...(await blobs.get('clinic-a', 'rec-1', 'photo-0.jpg'))!]).toEqual([1, 2, 3]);
    expect([...(await blobs.get('clinic-b', 'rec-1', 'photo-0.jpg'))!]).toEqual([9]);
    expect(await blobs.get('clinic-a', 'rec-2', 'photo-0.jpg')).toBeNull();
    expect(await blobs.list('clinic-a', 'rec-2')).toEqual([]);
  });

  it('deletes one file, says whether there was one, and leaves the rest', async () => {
    await blobs.put('c', 'r', 'plan-0.png', new Uint8Array([1]));
    await blobs.put('c', 'r', 'plan-1.png', new Uint8Array([2]));
    expect(await blobs.delete('c', 'r', 'plan-0.png')).toBe(true);
    expect(await blobs.delete('c', 'r', 'plan-0.png')).toBe(false);
    expect(await blobs.delete('c', 'nothing-here', 'plan-0.png')).toBe(false);
    expect(await blobs.list('c', 'r')).toEqual(['plan-1.png']);
  });

  it('refuses names that could leave the record folder', async () => {
    for (const name of ['../x', '..', 'a/b', '', '.hidden', 'x'.repeat(200)]) {
      await expect(blobs.put('c', 'r', name, new Uint8Array([1]))).rejects.toThrow(/invalid stored file name/);
      await expect(blobs.delete('c', 'r', name)).rejects.toThrow(/invalid stored file name/);
    }
    await expect(blobs.get('../c', 'r', 'a.png')).rejects.toThrow(/invalid clinic id/);
    await expect(blobs.list('c', '../r')).rejects.toThrow(/invalid record id/);
    expect(readdirSync(root)).toEqual([]);
  });

  it('removes a record, then a whole clinic', async () => {
    await blobs.put('c', 'r1', 'a.png', new Uint8Array([1]));
    await blobs.put('c', 'r2', 'a.png', new Uint8Array([1]));
    await blobs.deleteRecord('c', 'r1');
    expect(await blobs.list('c', 'r1')).toEqual([]);
    expect(await blobs.list('c', 'r2')).toEqual(['a.png']);
    await blobs.deleteClinic('c');
    expect(readdirSync(root)).toEqual([]);
  });

  it('leaves no part-written file behind when a write fails (disk full), and keeps the file it was to replace', async () => {
    await blobs.put('c', 'r', 'plan-0.png', new Uint8Array([1, 2, 3]));
    disk.writesLeft = 0;
    await expect(blobs.put('c', 'r', 'plan-0.png', new Uint8Array(1000))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(join(root, 'c', 'r'))).toEqual(['plan-0.png']);
    expect([...(await blobs.get('c', 'r', 'plan-0.png'))!]).toEqual([1, 2, 3]);
  });

  it('stores several files all or none: a write that fails replaces none of them (a plan edit on a full disk)', async () => {
    const old = [
      { name: 'plan-0.svg', bytes: new Uint8Array([1]) },
      { name: 'preview-0.png', bytes: new Uint8Array([2]) },
      { name: 'report.pdf', bytes: new Uint8Array([3]) },
    ];
    await blobs.putAll('c', 'r', old);
    disk.writesLeft = 1; // the new plan.svg fits, the preview does not
    await expect(blobs.putAll('c', 'r', old.map((f) => ({ name: f.name, bytes: new Uint8Array(100).fill(9) })))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readdirSync(join(root, 'c', 'r')).sort()).toEqual(['plan-0.svg', 'preview-0.png', 'report.pdf']);
    for (const f of old) expect([...(await blobs.get('c', 'r', f.name))!]).toEqual([...f.bytes]);
    await blobs.putAll('c', 'r', [{ name: 'report.pdf', bytes: new Uint8Array([4]) }, { name: 'plan-0.svg', bytes: new Uint8Array([5]) }]);
    expect([...(await blobs.get('c', 'r', 'plan-0.svg'))!]).toEqual([5]);
    expect([...(await blobs.get('c', 'r', 'preview-0.png'))!]).toEqual([2]);
  });
});
