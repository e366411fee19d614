// `smp segment` end to end through commander with the tiny fixture model (--model), on a PNG whose
// EXIF orientation turns it: masks must come out at the upright size.
import { mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { outputFolder, register } from '../../../../src/cli/commands/segment.js';

const TINY = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', 'scalp-seg', 'fixtures', 'tiny');

describe('outputFolder', () => {
  it('is <out>/<file name without extension>', () => {
    expect(outputFolder('/o', '/photos/top.view.JPG')).toBe('/o/top.view');
  });
});

describe('smp segment', () => {
  it('writes four upright 8-bit masks per image, loading the model once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smp-segment-'));
    // 30 wide x 20 high, left half red (skin), right half green (hair); EXIF orientation 6 = turn 90 cw
    const w = 30;
    const h = 20;
    const px = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) px.set(i % w < w / 2 ? [255, 0, 0] : [0, 255, 0], i * 3);
    const img = join(dir, 'photo.jpg');
    await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toFile(img);
    const img2 = join(dir, 'second.png');
    await sharp(px, { raw: { width: w, height: h, channels: 3 } }).png().toFile(img2);
    const program = new Command('smp').exitOverride();
    register(program);
    const out = join(dir, 'out');
    await program.parseAsync(['node', 'smp', 'segment', img, img2, '--out', out, '--model', TINY]);
    for (const name of ['hair', 'skin', 'scar', 'background']) expect(existsSync(join(out, 'photo', `${name}.png`))).toBe(true);
    const meta = await sharp(join(out, 'photo', 'skin.png')).metadata();
    expect([meta.width, meta.height, meta.channels, meta.depth]).toEqual([h, w, 1, 'uchar']); // turned upright: 20 x 30
    const { data } = await sharp(join(out, 'photo', 'skin.png')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    // after a 90-degree clockwise turn the red (left) half is on top
    expect(data[2 * h + 10]).toBe(255);
    expect(data[27 * h + 10]).toBe(0);
    const hair = await sharp(join(out, 'second', 'hair.png')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([hair.info.width, hair.info.height]).toEqual([w, h]);
    expect(hair.data[5 * w + 25]).toBe(255);
  });

  // It read every file libvips can open, whatever it was: an SVG was rendered, and librsvg loaded the
  // photo its <image> names from beside it, so `smp segment` wrote masks of another file; GIFs and TIFFs
  // passed too. Now each image goes through the service's intake: only photos, sniffed from the bytes.
  it('refuses an SVG (which can pull in the files beside it), a GIF and a text file, and still writes the photos', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smp-segment-'));
    const px = Buffer.alloc(40 * 40 * 3, 128);
    await sharp(px, { raw: { width: 40, height: 40, channels: 3 } }).jpeg().toFile(join(dir, 'photo.jpg'));
    writeFileSync(join(dir, 'link.svg'), '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40"><image xlink:href="photo.jpg" width="40" height="40"/></svg>');
    await sharp(px, { raw: { width: 40, height: 40, channels: 3 } }).gif().toFile(join(dir, 'anim.gif'));
    writeFileSync(join(dir, 'notes.jpg'), 'not a photo\n');
    const program = new Command('smp').exitOverride();
    register(program);
    const out = join(dir, 'out');
    const errors: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const images = ['link.svg', 'anim.gif', 'notes.jpg', 'photo.jpg'].map((f) => join(dir, f));
      await program.parseAsync(['node', 'smp', 'segment', ...images, '--out', out, '--model', TINY]);
      expect(process.exitCode).toBe(1);
    } finally {
      err.mockRestore();
      log.mockRestore();
      process.exitCode = undefined;
    }
    for (const name of ['link', 'anim', 'notes']) expect(existsSync(join(out, name)), name).toBe(false);
    expect(existsSync(join(out, 'photo', 'hair.png'))).toBe(true);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/link\.svg: the file is not a recognisable image; send a photo as JPEG/);
    expect(errors[1]).toMatch(/anim\.gif: the file is image\/gif/);
    expect(errors[2]).toMatch(/notes\.jpg: the file is not a recognisable image/);
  });
});
