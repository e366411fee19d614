// What an iPhone photo (HEIC) carried: its metadata is read from the HEIF container, since the decoder
// (heic-decode) returns pixels only. No HEVC encoder is at hand, so the container is an AVIF that sharp
// writes with the given EXIF, branded heic, and heic-decode is replaced by one returning plain pixels.
import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';

vi.mock('heic-decode', () => {
  const image = { width: 64, height: 48, decode: async () => ({ width: 64, height: 48, data: new Uint8ClampedArray(64 * 48 * 4).fill(128) }) };
  const all = async () => Object.assign([image], { dispose: () => {} });
  return { default: Object.assign(async () => image, { all }) };
});

const { intakePhoto } = await import('../../../../src/vision/intake/decode.js');

/** A HEIF container (an AVIF rebranded heic) carrying `exif`, if any. */
async function heifWith(exif?: Record<string, Record<string, string>>): Promise<Buffer> {
  const image = sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 150, g: 110, b: 90 } } }).avif();
  const avif = Buffer.from(await (exif ? image.withExif(exif) : image).toBuffer());
  for (let at = avif.indexOf('avif'); at >= 0 && at < 64; at = avif.indexOf('avif', at + 4)) avif.write('heic', at, 'latin1');
  return avif;
}

describe('intakePhoto on HEIC', () => {
  it('reports the GPS and metadata it dropped', async () => {
    const heic = await heifWith({ IFD0: { Make: 'Apple' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } });
    const photo = await intakePhoto(heic);
    expect(photo.format).toBe('heic');
    expect(photo).toMatchObject({ hadMetadata: true, hadGps: true, width: 64, height: 48 });
    // The stored copy keeps none of it.
    const stored = await sharp(photo.stored).metadata();
    expect(stored.exif).toBeUndefined();
  });

  it('reports metadata without GPS as such, and none when there is none', async () => {
    expect(await intakePhoto(await heifWith({ IFD0: { Make: 'Apple' } }))).toMatchObject({ hadMetadata: true, hadGps: false });
    expect(await intakePhoto(await heifWith())).toMatchObject({ hadMetadata: false, hadGps: false });
  });
});
