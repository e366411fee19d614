// A photo as if taken at another resolution, for the evaluations that check a result does not depend on it.
import sharp from 'sharp';

/**
 * The photo resized to a long side (sharp's lanczos3, as the intake resizes) and saved as a phone saves
 * (JPEG quality 92, 4:2:0 chroma). `raw` describes `input` when it holds raw RGB pixels.
 */
export function savedAgainAt(input: Buffer | Uint8Array, side: number, raw?: { width: number; height: number }): Promise<Buffer> {
  return sharp(input, raw ? { raw: { ...raw, channels: 3 } } : undefined)
    .resize({ width: side, height: side, fit: 'inside' })
    .jpeg({ quality: 92 })
    .toBuffer();
}
