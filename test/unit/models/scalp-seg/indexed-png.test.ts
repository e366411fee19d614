import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pngPalette, readIndexedPng } from '../../../../src/models/scalp-seg/indexed-png.js';

// A minimal 8-bit indexed PNG built by hand (CRC is not checked by the palette reader; sharp needs it).
function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function indexedPng(width: number, height: number, palette: number[][], pixels: number[]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 3; // colour type: indexed
  const rows: number[] = [];
  for (let y = 0; y < height; y++) rows.push(0, ...pixels.slice(y * width, (y + 1) * width));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('PLTE', Buffer.from(palette.flat())),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('indexed PNG reading', () => {
  const palette = [
    [0, 0, 0],
    [128, 0, 0],
    [0, 128, 0],
    [128, 128, 0],
  ];
  it('reads the palette', () => {
    expect(pngPalette(indexedPng(2, 1, palette, [0, 1]))).toEqual(palette);
  });
  it('returns palette indices, not colours', async () => {
    const out = await readIndexedPng(indexedPng(3, 2, palette, [0, 1, 2, 3, 3, 1]));
    expect([out.width, out.height]).toEqual([3, 2]);
    expect(Array.from(out.data)).toEqual([0, 1, 2, 3, 3, 1]);
  });
  it('rejects a file that is not a PNG', () => {
    expect(() => pngPalette(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/not a PNG/);
  });
});
