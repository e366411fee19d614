// Decodes an image file to the RgbImage every model takes: EXIF orientation applied, alpha dropped,
// sRGB. For the evaluations, benchmarks and dataset scripts, which read known files; photos from outside
// (the CLI, the API) go through src/vision/intake, which checks what the bytes are first.
import sharp from 'sharp';
import type { RgbImage } from '../../vision/image.js';

/** Largest input accepted (pixels), so a hostile file cannot exhaust memory. */
const MAX_PIXELS = 64_000_000;

export async function readRgbImage(source: string | Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(source, { limitInputPixels: MAX_PIXELS })
    .autoOrient()
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after decoding, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
