// Reads a palette ("indexed") PNG as its palette indices, as annotation tools write class maps.
// Decoders (sharp included) expand palettes to RGB, so the PLTE chunk is read here and every decoded
// colour is mapped back to its index.
import sharp from 'sharp';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The PLTE chunk's colours, or null when the PNG has no palette. */
export function pngPalette(png: Uint8Array): [number, number, number][] | null {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.length);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let off = 8;
  while (off + 8 <= buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (type === 'PLTE') {
      if (len % 3 !== 0 || off + 8 + len > buf.length) throw new Error(`corrupt PLTE chunk (${len} bytes)`);
      const out: [number, number, number][] = [];
      for (let i = 0; i < len; i += 3) out.push([buf[off + 8 + i], buf[off + 9 + i], buf[off + 10 + i]]);
      return out;
    }
    if (type === 'IDAT' || type === 'IEND') return null; // PLTE must come before IDAT
    off += 12 + len;
  }
  return null;
}

/** Palette indices of an indexed PNG; for a grey PNG, its grey values. */
export async function readIndexedPng(png: Uint8Array): Promise<{ width: number; height: number; data: Uint8Array }> {
  const palette = pngPalette(png);
  if (!palette) {
    const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data) };
  }
  const { data, info } = await sharp(png).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const lookup = new Map<number, number>();
  palette.forEach(([r, g, b], i) => {
    const key = (r << 16) | (g << 8) | b;
    if (!lookup.has(key)) lookup.set(key, i); // first index wins when colours repeat
  });
  const out = new Uint8Array(info.width * info.height);
  for (let i = 0, j = 0; i < out.length; i++, j += info.channels) {
    const idx = lookup.get((data[j] << 16) | (data[j + 1] << 8) | data[j + 2]);
    if (idx === undefined) throw new Error(`pixel ${i} has colour ${data[j]},${data[j + 1]},${data[j + 2]} not in the palette`);
    out[i] = idx;
  }
  return { width: info.width, height: info.height, data: out };
}
