// What the bytes really are, whatever the file name or Content-Type claims.
import { fileTypeFromBuffer } from 'file-type';
import { InputError } from '../errors.js';

export type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic';

const BY_MIME: Record<string, PhotoFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif-sequence': 'heic',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const ACCEPTED_FORMATS = 'JPEG, PNG, WebP, AVIF or HEIC/HEIF';

export async function sniffPhoto(bytes: Uint8Array): Promise<PhotoFormat> {
  if (bytes.length === 0) throw new InputError('empty', 'the file is empty (0 bytes)');
  const type = await fileTypeFromBuffer(bytes);
  const format = type ? BY_MIME[type.mime] : undefined;
  // file-type reads past the PNG signature into the chunks, so a damaged PNG is not recognised at all;
  // it is a damaged photo (422), like a JPEG or WebP whose header is followed by garbage
  if (!type && PNG_SIGNATURE.equals(bytes.subarray(0, PNG_SIGNATURE.length))) throw new InputError('corrupt', 'the file starts as a PNG but its data cannot be read; send the photo again');
  if (!format) {
    const seen = type ? `${type.mime}` : 'not a recognisable image';
    throw new InputError('unsupported-type', `the file is ${seen}; send a photo as ${ACCEPTED_FORMATS}`, {
      detected: type?.mime ?? null,
    });
  }
  return format;
}
