// `smp segment` end to end through commander with the tiny fixture model (--model), on a PNG whose
// EXIF orientation turns it: masks must come out at the upright size.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
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
});
