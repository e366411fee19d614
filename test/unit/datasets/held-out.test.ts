import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heldOutPhotos, trainPhotoHashes } from '../../../datasets/norwood/held-out.js';
import { readLabelledPhotos, readSplit } from '../../../datasets/norwood/photos.js';
import { sharedAvailable } from '../../../src/models/paths.js';

const root = mkdtempSync(join(tmpdir(), 'held-out-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** a labels.csv folder with the given rows: [file, subject, level, view, bytes] */
function folder(name: string, rows: [string, string, number, string, string][], header = 'file,subject,level,view'): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'images'), { recursive: true });
  for (const [file, , , , bytes] of rows) writeFileSync(join(dir, file), bytes);
  writeFileSync(join(dir, 'labels.csv'), [header, ...rows.map(([f, s, l, v]) => `${f},${s},${l},${v}`)].join('\n') + '\n');
  return dir;
}

// "shared" stands in for the shared folder: T1 is a train person, T2 is not
const shared = folder('shared', [
  ['images/t1a.jpg', 'T1', 3, 'top-down', 'photo of T1, top'],
  ['images/t1b.jpg', 'T1', 3, 'front', 'photo of T1, front'],
  ['images/t2a.jpg', 'T2', 5, 'back', 'photo of T2, back'],
]);

describe('heldOutPhotos on another folder', () => {
  const hashes = trainPhotoHashes(['T1'], shared);

  it('hashes only the train people\'s photos', () => {
    expect([...hashes.values()].sort()).toEqual(['images/t1a.jpg', 'images/t1b.jpg']);
  });

  it('scores everyone but a person with a photo byte-identical to a train photo, whatever the names', () => {
    const dir = folder('new', [
      ['images/n1.jpg', 'T1', 3, 'top', 'a new person who reuses the name T1'],
      ['images/n2.jpg', 'N2', 4, 'left', 'new person N2'],
      ['images/n3.jpg', 'N3', 3, 'front', 'photo of T1, front'], // T1's front photo, renamed
      ['images/n4.jpg', 'N3', 3, 'back', 'another photo of N3'],
      ['images/n5.jpg', 'N5', 5, 'back', 'photo of T2, back'], // T2 is not a train person
    ]);
    const held = heldOutPhotos(dir, hashes);
    expect(held.shared).toBe(false);
    expect(held.photos.map((p) => p.subject)).toEqual(['T1', 'N2', 'N5']);
    expect(held.photos[0]).toMatchObject({ view: 'top', level: 3, possiblyRotated: false });
    expect(held.excluded).toEqual([{ subject: 'N3', reason: 'images/n3.jpg is the train photo images/t1b.jpg' }]);
  });

  it('names a photo that labels.csv lists but the folder lacks', () => {
    const dir = folder('gap', [['images/g1.jpg', 'G1', 2, 'front', 'x']]);
    writeFileSync(join(dir, 'labels.csv'), 'file,subject,level,view\nimages/g1.jpg,G1,2,front\nimages/g2.jpg,G1,2,back\n');
    expect(() => heldOutPhotos(dir, hashes)).toThrow(/1 photos named in .*labels\.csv are missing, e\.g\. .*g2\.jpg/);
  });

  it('refuses a level outside 1..7 with its row', () => {
    const dir = folder('badlevel', [['images/b1.jpg', 'B1', 9, 'front', 'x']]);
    expect(() => readLabelledPhotos(dir)).toThrow(/row 2: level must be 1\.\.7, got "9"/);
  });
});

describe('heldOutPhotos on the shared folder', () => {
  it.skipIf(!sharedAvailable())('is the split\'s test people exactly', () => {
    const split = readSplit()!;
    const held = heldOutPhotos();
    expect(held.shared).toBe(true);
    expect(new Set(held.photos.map((p) => p.subject))).toEqual(new Set(split.test));
    expect(held.excluded.map((e) => e.subject).sort()).toEqual([...split.train].sort());
  });
});
