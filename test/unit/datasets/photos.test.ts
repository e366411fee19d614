import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { onePhotoPerView, photoKey, readLabelledPhotos } from '../../../datasets/norwood/photos.js';

// The shared labels.csv has CRLF line ends; a trailing "\r" once hid every "no" in possibly_rotated.
const dir = mkdtempSync(join(tmpdir(), 'labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  join(dir, 'labels.csv'),
  [
    'file,subject,level,view,source_split,possibly_rotated',
    'images/a1.jpg,L2-001,2,top-down,train,yes',
    'images/a2.jpg,L2-001,2,top-down,train,no',
    'images/a3.jpg,L2-001,2,front,train,yes',
    'images/a4.jpg,L2-001,2,front,train,yes',
    'images/b1.jpg,L5-002,5,back,valid,no',
    '',
  ].join('\r\n'),
);

describe('readLabelledPhotos', () => {
  it('reads CRLF rows with our view names and the rotation flag', () => {
    const photos = readLabelledPhotos(dir);
    expect(photos).toHaveLength(5);
    expect(photos.map((p) => p.possiblyRotated)).toEqual([true, false, true, true, false]);
    expect(photos[0]).toMatchObject({ file: 'images/a1.jpg', path: join(dir, 'images/a1.jpg'), subject: 'L2-001', level: 2, view: 'top' });
    expect(photos[4]).toMatchObject({ subject: 'L5-002', level: 5, view: 'back' });
  });

  it('names a view it does not know', () => {
    const bad = mkdtempSync(join(tmpdir(), 'labels-bad-'));
    writeFileSync(join(bad, 'labels.csv'), 'file,subject,level,view,possibly_rotated\r\nx.jpg,P,3,sideways,no\r\n');
    expect(() => readLabelledPhotos(bad)).toThrow(/unknown view "sideways"/);
    rmSync(bad, { recursive: true, force: true });
  });
});

describe('onePhotoPerView', () => {
  it('keeps the un-rotated copy where there is one, else the first, in first-named order', () => {
    const chosen = onePhotoPerView(readLabelledPhotos(dir));
    expect(chosen.map((p) => p.file)).toEqual(['images/a2.jpg', 'images/a3.jpg', 'images/b1.jpg']);
  });
});

describe('photoKey', () => {
  it('is the file name without folder or (last) extension', () => {
    expect(photoKey('images/6-Back_jpg.rf.3878e9.jpg')).toBe('6-Back_jpg.rf.3878e9');
    expect(photoKey('framed0-a.png')).toBe('framed0-a');
    expect(photoKey('/abs/dir/noext')).toBe('noext');
  });
});
