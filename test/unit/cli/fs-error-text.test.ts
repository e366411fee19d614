import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fsErrorText } from '../../../src/cli/fs-error-text.js';

const dir = mkdtempSync(join(tmpdir(), 'smp-fs-error-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err);

describe('fsErrorText', () => {
  it('puts the errors met on command-line paths in words', async () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'x');
    expect(fsErrorText(await failure(readFile(join(dir, 'missing.jpg'))))).toBe('no such file');
    expect(fsErrorText(await failure(readFile(dir)))).toBe('is a folder, not a file');
    expect(fsErrorText(await failure(mkdir(join(file, 'sub'), { recursive: true })))).toBe('part of the path is a file, not a folder');
    expect(fsErrorText(await failure(mkdir(file, { recursive: true })))).toBe('a file of that name is in the way');
  });

  it('keeps the message of anything else', () => {
    expect(fsErrorText(new Error('odd'))).toBe('odd');
    expect(fsErrorText(Object.assign(new Error('strange'), { code: 'EWHATEVER' }))).toBe('strange');
    expect(fsErrorText('text')).toBe('text');
  });
});
