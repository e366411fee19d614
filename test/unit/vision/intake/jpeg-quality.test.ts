// estimateJpegQuality: the IJG quality a JPEG was saved at, from its luminance quantisation table.
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { estimateJpegQuality, qualityOfScale } from '../../../../src/vision/intake/jpeg-quality.js';
import { texturedJpeg } from '../../../helpers/images.js';

describe('estimateJpegQuality', () => {
  it('reads back the quality libjpeg saved at, from 20 up; below it the table saturates and reads high', async () => {
    const src = await texturedJpeg(96, 64);
    for (const q of [20, 30, 50, 75, 90]) {
      const got = estimateJpegQuality(await sharp(src).jpeg({ quality: q }).toBuffer())!;
      expect(Math.abs(got - q), `quality ${q} read as ${got}`).toBeLessThanOrEqual(1);
    }
    const q5 = estimateJpegQuality(await sharp(src).jpeg({ quality: 5 }).toBuffer())!;
    expect(q5).toBeGreaterThan(5);
    expect(q5).toBeLessThan(20);
  });

  it('gives null for what is not a JPEG with a table 0', async () => {
    expect(estimateJpegQuality(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).png().toBuffer())).toBeNull();
    expect(estimateJpegQuality(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]))).toBeNull();
    expect(estimateJpegQuality(new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 0x01, 0x00]))).toBeNull(); // a segment longer than the file
    expect(estimateJpegQuality(new Uint8Array([]))).toBeNull();
  });

  it('reads 16-bit tables too', () => {
    // a DQT with one 16-bit table 0 whose every step is twice the standard mean (scale 200 -> quality 25)
    const std = [16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99];
    const table = std.flatMap((v) => [(2 * v) >> 8, (2 * v) & 0xff]);
    const length = 2 + 1 + 128;
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, length >> 8, length & 0xff, 0x10, ...table, 0xff, 0xd9]);
    expect(estimateJpegQuality(bytes)).toBe(25);
  });
});

describe('qualityOfScale', () => {
  it("inverts libjpeg's scaling", () => {
    expect(qualityOfScale(100)).toBe(50);
    expect(qualityOfScale(50)).toBe(75);
    expect(qualityOfScale(1000)).toBe(5);
    expect(qualityOfScale(1)).toBe(99.5);
    expect(() => qualityOfScale(0)).toThrow(/scale must be > 0/);
  });
});
