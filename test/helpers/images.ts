// Generated test images (no committed blobs).
import sharp from 'sharp';

/** A textured RGB test photo: smooth gradients plus fine detail, so it is neither flat nor blurred. */
export function texturedRaw(width: number, height: number, seed = 1): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const stripe = ((x >> 2) + (y >> 2)) % 2 ? 40 : 0;
      const n = rnd() * 30;
      data[i] = Math.min(255, 120 + stripe + n + (x / width) * 40);
      data[i + 1] = Math.min(255, 90 + stripe + n + (y / height) * 30);
      data[i + 2] = Math.min(255, 80 + stripe + n);
    }
  }
  return data;
}

export async function texturedJpeg(width: number, height: number, opts: { orientation?: number; gps?: boolean } = {}): Promise<Buffer> {
  let img = sharp(texturedRaw(width, height), { raw: { width, height, channels: 3 } });
  if (opts.gps || opts.orientation) {
    img = img.withExif({
      IFD0: { Make: 'TestPhone', Model: 'T1' },
      ...(opts.gps ? { IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } } : {}),
    });
  }
  if (opts.orientation) img = img.withMetadata({ orientation: opts.orientation });
  return img.jpeg({ quality: 92 }).toBuffer();
}

/**
 * A real, valid PNG of `side` x `side` 1-bit grey pixels, all black: tiny on disk (about 50 KB for
 * 20000 x 20000) but hundreds of megabytes once decoded. The classic decompression bomb.
 */
export async function pngBomb(side = 20000): Promise<Buffer> {
  const { deflateSync, crc32 } = await import('node:zlib');
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((Math.ceil(side / 8) + 1) * side); // filter byte 0 + packed zero bits per row
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
