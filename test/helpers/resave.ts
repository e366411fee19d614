// A photo as if taken at another resolution, for the evaluations that check a result does not depend on it.
import sharp from 'sharp';
import { straightenedSize } from '../../datasets/straighten.js';

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

/**
 * The photo as if the phone had been held at a slant: turned by `degrees` (clockwise positive) and cropped
 * to the largest centred rectangle of the same aspect that holds no filled corner, then saved as a phone
 * saves. `rotate: false` applies the same crop without the turn, the control that separates the tilt from
 * the zoom the crop brings.
 */
export async function tiltedCopy(input: Buffer | Uint8Array, degrees: number, rotate = true): Promise<Buffer> {
  if (!Number.isFinite(degrees) || Math.abs(degrees) >= 45) throw new RangeError(`tilt must be a number of degrees in (-45, 45), got ${degrees}`);
  const { width, height } = await sharp(input).metadata();
  if (!width || !height) throw new Error('tiltedCopy: the photo has no size');
  const { width: w, height: h } = straightenedSize(width, height, degrees);
  const turned = rotate ? await sharp(input).rotate(degrees).toBuffer({ resolveWithObject: true }) : { data: Buffer.from(input), info: { width, height } };
  const left = Math.floor((turned.info.width - w) / 2);
  const top = Math.floor((turned.info.height - h) / 2);
  return sharp(turned.data).extract({ left, top, width: w, height: h }).jpeg({ quality: 92 }).toBuffer();
}
