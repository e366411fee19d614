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

export const ACCEPTED_FORMATS = 'JPEG, PNG, WebP, AVIF or HEIC/HEIF';

export async function sniffPhoto(bytes: Uint8Array): Promise<PhotoFormat> {
  if (bytes.length === 0) throw new InputError('empty', 'the file is empty (0 bytes)');
  const type = await fileTypeFromBuffer(bytes);
  const format = type ? BY_MIME[type.mime] : undefined;
  if (!format) {
    const seen = type ? `${type.mime}` : 'not a recognisable image';
    throw new InputError('unsupported-type', `the file is ${seen}; send a photo as ${ACCEPTED_FORMATS}`, {
      detected: type?.mime ?? null,
    });
  }
  return format;
}
