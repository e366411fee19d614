import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { crc32 } from 'node:zlib';
import { decodeUpright, intakePhoto, hasGps } from '../../../../src/vision/intake/decode.js';
import { sniffPhoto } from '../../../../src/vision/intake/sniff.js';
import { InputError } from '../../../../src/vision/errors.js';
import { pngBomb, texturedJpeg, texturedRaw } from '../../../helpers/images.js';

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    if (err instanceof InputError) return err.kind;
    throw err;
  }
}

describe('sniffPhoto', () => {
  it('reads the real type from the bytes, not the name', async () => {
    expect(await sniffPhoto(await texturedJpeg(64, 48))).toBe('jpeg');
    const png = await sharp(texturedRaw(32, 32), { raw: { width: 32, height: 32, channels: 3 } }).png().toBuffer();
    expect(await sniffPhoto(png)).toBe('png');
    const webp = await sharp(png).webp().toBuffer();
    expect(await sniffPhoto(webp)).toBe('webp');
    const avif = await sharp(png).avif().toBuffer();
    expect(await sniffPhoto(avif)).toBe('avif');
  });

  it('calls a PNG signature followed by garbage a damaged photo, not another format', async () => {
    const png = await sharp(texturedRaw(32, 32), { raw: { width: 32, height: 32, channels: 3 } }).png().toBuffer();
    const bad = Buffer.concat([png.subarray(0, 8), Buffer.alloc(200, 0x41)]);
    expect(await kindOf(sniffPhoto(bad))).toBe('corrupt');
    expect(await kindOf(sniffPhoto(png))).toBe('ok');
  });

  it('refuses empty files, text and other formats with specific kinds', async () => {
    expect(await kindOf(sniffPhoto(new Uint8Array(0)))).toBe('empty');
    expect(await kindOf(sniffPhoto(Buffer.from('hello, this is not a photo\n'.repeat(10))))).toBe('unsupported-type');
    const gif = await sharp(texturedRaw(8, 8), { raw: { width: 8, height: 8, channels: 3 } }).gif().toBuffer();
    expect(await kindOf(sniffPhoto(gif))).toBe('unsupported-type');
  });
});

describe('intakePhoto', () => {
  it('applies EXIF orientation: a 6 (90 degrees clockwise) swaps width and height', async () => {
    const jpeg = await texturedJpeg(400, 300, { orientation: 6 });
    const r = await intakePhoto(jpeg);
    expect([r.width, r.height]).toEqual([300, 400]);
    expect(r.exifOrientation).toBe(6);
    expect([r.analysis.width, r.analysis.height]).toEqual([300, 400]);
    const stored = await sharp(r.stored).metadata();
    expect([stored.width, stored.height]).toEqual([300, 400]);
    expect(stored.orientation ?? 1).toBe(1);
  });

  it('strips GPS and all other metadata from the stored copy', async () => {
    const jpeg = await texturedJpeg(200, 200, { gps: true });
    expect(hasGps((await sharp(jpeg).metadata()).exif)).toBe(true);
    const r = await intakePhoto(jpeg);
    expect(r.hadGps).toBe(true);
    expect(r.hadMetadata).toBe(true);
    const meta = await sharp(r.stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(Buffer.from(r.stored).includes(Buffer.from('TestPhone'))).toBe(false);
  });

  it('counts a JPEG comment, PNG text and a location in XMP as metadata removed (each had answered false)', async () => {
    const jpeg = await texturedJpeg(200, 200);
    expect((await intakePhoto(jpeg)).hadMetadata).toBe(false);
    // a COM segment right after SOI
    const text = Buffer.from('Client: Jane Doe, 12 Harbour St');
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, text.length + 2]), text]);
    const commented = Buffer.concat([jpeg.subarray(0, 2), com, jpeg.subarray(2)]);
    const r = await intakePhoto(commented);
    expect([r.hadMetadata, r.hadGps]).toEqual([true, false]);
    expect(Buffer.from(r.stored).includes(text)).toBe(false);
    // a PNG tEXt chunk after IHDR
    const png = await sharp(texturedRaw(64, 64), { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer();
    const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from('Author\0Jane Doe', 'latin1')]);
    const chunk = Buffer.concat([Buffer.from([0, 0, 0, body.length - 4]), body, Buffer.alloc(4)]);
    chunk.writeUInt32BE(crc32(body), chunk.length - 4);
    const withText = Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
    expect((await intakePhoto(withText)).hadMetadata).toBe(true);
    // GPS written only into XMP
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.0N" exif:GPSLongitude="0,7.2W"/></rdf:RDF></x:xmpmeta>';
    const located = await sharp(texturedRaw(64, 64), { raw: { width: 64, height: 64, channels: 3 } }).withXmp(xmp).jpeg().toBuffer();
    const x = await intakePhoto(located);
    expect([x.hadMetadata, x.hadGps]).toEqual([true, true]);
    expect((await sharp(x.stored).metadata()).xmp).toBeUndefined();
  });

  it('reports GPS only where IFD0 points to a GPS IFD, not where a value holds the same two bytes', async () => {
    const base = sharp(texturedRaw(64, 64), { raw: { width: 64, height: 64, channels: 3 } });
    // 34853 = 0x8825: an exposure of 1/34853 s wrote 25 88 00 00 into the EXIF block
    const fast = await base.clone().withExif({ IFD0: { Make: 'TestPhone' }, IFD2: { ExposureTime: '1/34853' } }).jpeg().toBuffer();
    const r = await intakePhoto(fast);
    expect([r.hadMetadata, r.hadGps]).toEqual([true, false]);
    // big-endian (Motorola) EXIF: IFD0 at 8 with one entry, the GPS pointer
    const mm = Buffer.concat([Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08\0\x01', 'latin1'), Buffer.from([0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26]), Buffer.alloc(4)]);
    expect(hasGps(mm)).toBe(true);
    expect(hasGps(Buffer.concat([mm.subarray(0, 16), Buffer.from([0x01, 0x0f]), mm.subarray(18)]))).toBe(false);
    expect(hasGps(Buffer.from('Exif\0\0II*\0\xff\xff\xff\x7f', 'latin1'))).toBe(false); // IFD0 beyond the block
  });

  it('caps the analysis copy at 1024 px and keeps the aspect ratio', async () => {
    const r = await intakePhoto(await texturedJpeg(2000, 1000));
    expect([r.analysis.width, r.analysis.height]).toEqual([1024, 512]);
    expect(r.analysis.data.length).toBe(1024 * 512 * 3);
  });

  it('decodes WebP, AVIF and PNG with alpha to 3-channel sRGB', async () => {
    const base = sharp(texturedRaw(120, 80), { raw: { width: 120, height: 80, channels: 3 } });
    for (const bytes of [await base.clone().webp().toBuffer(), await base.clone().avif().toBuffer(), await base.clone().ensureAlpha(0.5).png().toBuffer()]) {
      const r = await intakePhoto(bytes);
      expect([r.width, r.height]).toEqual([120, 80]);
      expect(r.analysis.data.length).toBe(120 * 80 * 3);
    }
  });

  it('refuses a photo too small or too narrow to measure, naming its size, and keeps a small one', async () => {
    const png = (w: number, h: number) => sharp(texturedRaw(w, h), { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
    for (const [w, h] of [[1, 1], [20000, 1], [1, 20000], [4000, 100]]) {
      const err = await intakePhoto(await png(w, h)).catch((e: unknown) => e);
      expect(err, `${w}x${h}`).toBeInstanceOf(InputError);
      expect(err).toMatchObject({ kind: 'too-small', detail: { width: w, height: h } });
      expect((err as Error).message).toContain(`the photo is ${w}x${h} pixels`);
    }
    const kept = await intakePhoto(await png(64, 40)); // under the quality gate's minimum: analysed, then not assessable
    expect([kept.analysis.width, kept.analysis.height]).toEqual([64, 40]);
  });

  it('refuses a truncated JPEG as corrupt', async () => {
    const jpeg = await texturedJpeg(300, 300);
    expect(await kindOf(intakePhoto(jpeg.subarray(0, Math.floor(jpeg.length / 2))))).toBe('corrupt');
  });

  // libjpeg only warns about scan data that ends early: these decoded to photos with a flat grey lower part.
  it('refuses damaged JPEG data that still ends with an end marker as corrupt', async () => {
    const jpeg = await texturedJpeg(300, 300);
    const eoi = Buffer.from([0xff, 0xd9]);
    const cutAndClosed = Buffer.concat([jpeg.subarray(0, Math.floor(jpeg.length / 2)), eoi]);
    // a header that claims four times the pixels the scan holds
    const small = await texturedJpeg(150, 150);
    const sof = small.indexOf(Buffer.from([0xff, 0xc0]));
    const claimsMore = Buffer.from(small);
    claimsMore.writeUInt16BE(300, sof + 5);
    claimsMore.writeUInt16BE(300, sof + 7);
    // (flipped bits that still decode as valid codes cannot be told from a photo: JPEG has no checksum)
    expect([await kindOf(intakePhoto(cutAndClosed)), await kindOf(intakePhoto(claimsMore))]).toEqual(['corrupt', 'corrupt']);
  });

  it('takes a JPEG whose only fault is stray bytes between segments (some cameras write them)', async () => {
    const jpeg = await texturedJpeg(300, 300);
    const at = 4 + jpeg.readUInt16BE(4); // after SOI and the first segment
    const stray = Buffer.concat([jpeg.subarray(0, at), Buffer.from([0x12, 0x34, 0x56]), jpeg.subarray(at)]);
    // strict decoding refuses it (libvips' message is per thread: under other decodes at once it can read
    // only "Warning treated as error", so either is taken)
    await expect(sharp(stray, { failOn: 'warning' }).raw().toBuffer()).rejects.toThrow(/extraneous bytes|Warning treated as error/);
    const taken = await intakePhoto(stray);
    expect([taken.width, taken.height]).toEqual([300, 300]);
  });

  it('refuses a small PNG that decodes to 20000x20000 before decoding it', async () => {
    const bomb = await pngBomb(20000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(20000);
    expect(bomb.length).toBeLessThan(2_000_000);
    expect(await kindOf(intakePhoto(bomb))).toBe('too-many-pixels');
  });

  it('refuses files above the byte limit', async () => {
    const jpeg = await texturedJpeg(100, 100);
    expect(await kindOf(intakePhoto(jpeg, { maxFileBytes: jpeg.length - 1 }))).toBe('too-large-bytes');
  });

  it('answers a HEIC it cannot decode with instructions, not a crash', async () => {
    // An ISO-BMFF 'ftyp' box with the heic brand and no image data behind it.
    const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.from([0, 0, 0, 0]), Buffer.from('mif1heic')]);
    const fake = Buffer.concat([ftyp, Buffer.alloc(200, 7)]);
    try {
      await intakePhoto(fake);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).kind).toBe('heic-unsupported');
      expect((err as Error).message).toMatch(/Most Compatible|JPEG/);
      // the decoder's words under the documented member (a `cause` member was in no schema)
      expect(Object.keys((err as InputError).detail ?? {})).toEqual(['decoderMessage']);
    }
  });
});

describe('transparency', () => {
  it('is shown on white, as a viewer shows it: a fully transparent photo is no hidden photo', async () => {
    // red pixels, alpha 0 everywhere (the picture a viewer shows is empty), and at alpha 128
    const rgba = (alpha: number) => sharp(Buffer.alloc(800 * 600 * 4).map((_, i) => [200, 40, 30, alpha][i % 4]), { raw: { width: 800, height: 600, channels: 4 } }).png().toBuffer();
    const hidden = await intakePhoto(await rgba(0));
    expect([...hidden.analysis.data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect([...(await sharp(Buffer.from(hidden.stored)).stats()).channels.map((c) => Math.round(c.mean))]).toEqual([255, 255, 255]);
    const half = await intakePhoto(await rgba(128));
    expect([...half.analysis.data.subarray(0, 3)].map((v) => Math.abs(v - [227, 147, 142][0]) < 200)).toEqual([true, true, true]);
    expect(half.analysis.data[0]).toBeGreaterThan(200);
    expect(half.analysis.data[1]).toBeGreaterThan(130);
    expect(half.analysis.data[1]).toBeLessThan(165);
    expect((await decodeUpright(await rgba(0))).data[1]).toBe(255);
  });
});

describe('decodeUpright', () => {
  it('decodes the whole photo upright at its own size, with the intake checks', async () => {
    const r = await decodeUpright(await texturedJpeg(2000, 1200, { orientation: 6 }));
    expect([r.format, r.width, r.height, r.data.length]).toEqual(['jpeg', 1200, 2000, 1200 * 2000 * 3]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>');
    expect(await kindOf(decodeUpright(svg))).toBe('unsupported-type');
    expect(await kindOf(decodeUpright(await pngBomb(20000)))).toBe('too-many-pixels');
    const jpeg = await texturedJpeg(300, 300);
    expect(await kindOf(decodeUpright(Buffer.concat([jpeg.subarray(0, jpeg.length >> 1), Buffer.from([0xff, 0xd9])])))).toBe('corrupt');
  });
});
