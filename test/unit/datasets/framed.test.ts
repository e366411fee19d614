import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { framedCopy, framedManifestPath, framingOf, MAX_TILT, MAX_TRIM, readFramedCopies } from '../../../datasets/norwood/cache-framed.js';
import type { LabelledPhoto } from '../../../datasets/norwood/photos.js';

const dir = mkdtempSync(join(tmpdir(), 'framed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('framingOf', () => {
  it('is the same for the same photo and copy, and within the limits', () => {
    expect(framingOf('images/a.jpg', 0)).toEqual(framingOf('other/dir/a.jpg', 0));
    const all = Array.from({ length: 200 }, (_, i) => framingOf(`images/p${i}.jpg`, i % 2));
    for (const f of all) {
      expect(Math.abs(f.tilt)).toBeLessThanOrEqual(MAX_TILT);
      for (const t of f.trim) expect(t).toBeGreaterThanOrEqual(0), expect(t).toBeLessThanOrEqual(MAX_TRIM);
    }
    // spread over the whole range, both ways
    expect(Math.min(...all.map((f) => f.tilt))).toBeLessThan(-MAX_TILT / 2);
    expect(Math.max(...all.map((f) => f.tilt))).toBeGreaterThan(MAX_TILT / 2);
    expect(framingOf('images/a.jpg', 0)).not.toEqual(framingOf('images/a.jpg', 1));
  });
});

describe('framedCopy', () => {
  const W = 400;
  const H = 300;
  const path = join(dir, 'flat.png');
  const made = sharp({ create: { width: W, height: H, channels: 3, background: { r: 200, g: 150, b: 120 } } }).png().toFile(path);

  it('trims the shares asked for when there is no tilt', async () => {
    await made;
    const img = await framedCopy(path, { tilt: 0, trim: [0.1, 0.05, 0, 0.1] });
    expect(img.width).toBe(Math.floor(W * 0.9));
    expect(img.height).toBe(Math.floor(H * 0.85));
  });

  it('crops a tilted photo so that no filled corner is left', async () => {
    await made;
    const img = await framedCopy(path, { tilt: 10, trim: [0, 0, 0, 0] });
    const a = (10 * Math.PI) / 180;
    const k = Math.min(1 / (Math.cos(a) + (H / W) * Math.sin(a)), 1 / ((W / H) * Math.sin(a) + Math.cos(a)));
    expect(img.width).toBe(Math.floor(W * k));
    expect(img.height).toBe(Math.floor(H * k));
    // every pixel is the photo's colour (the turn's black fill would show in the corners)
    let darkest = 255;
    for (let i = 0; i < img.data.length; i += 3) darkest = Math.min(darkest, img.data[i]);
    expect(darkest).toBeGreaterThan(150);
  });
});

describe('readFramedCopies', () => {
  // a segmenter id no real cache uses, so the test writes and removes its own manifest
  const segId = `unit-test-${process.pid}`;
  const manifest = framedManifestPath(segId);
  afterAll(() => rmSync(manifest, { force: true }));
  const photo: LabelledPhoto = { file: 'images/a.jpg', path: '/x/images/a.jpg', subject: 'P', level: 3, view: 'top', possiblyRotated: false };

  it('is empty before cache-framed has run, and pairs each copy with its source photo', () => {
    expect(readFramedCopies(segId, [photo])).toEqual([]);
    mkdirSync(dirname(manifest), { recursive: true });
    const entry = { file: 'framed0-a.png', source: 'images/a.jpg', tilt: 3, trim: [0, 0, 0, 0] };
    writeFileSync(manifest, JSON.stringify([entry]));
    expect(readFramedCopies(segId, [photo])).toEqual([{ entry, photo }]);
  });

  it('names a copy whose source is not a labelled photo', () => {
    writeFileSync(manifest, JSON.stringify([{ file: 'framed1-b.png', source: 'images/b.jpg', tilt: 0, trim: [0, 0, 0, 0] }]));
    expect(() => readFramedCopies(segId, [photo])).toThrow(/the source of framed1-b\.png \(images\/b\.jpg\) is not a labelled photo/);
  });
});
