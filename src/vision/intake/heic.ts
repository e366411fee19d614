// HEIC/HEIF (iPhone photos): sharp's prebuilt libvips cannot decode them, so they go through libheif
// compiled to JS (heic-decode). libheif applies the container's rotation/mirror transforms itself.
import decode from 'heic-decode';
import { InputError } from '../errors.js';

export interface RawRgba {
  width: number;
  height: number;
  data: Uint8Array;
}

export async function decodeHeic(bytes: Uint8Array, maxPixels: number): Promise<RawRgba> {
  let images: Awaited<ReturnType<typeof decode.all>> | undefined;
  try {
    images = await decode.all({ buffer: bytes });
    const image = images[0];
    if (!image) throw new Error('no image in the container');
    if (image.width * image.height > maxPixels) {
      throw new InputError('too-many-pixels', `the HEIC photo is ${image.width}x${image.height}, above the ${maxPixels}-pixel limit`, {
        width: image.width,
        height: image.height,
        maxPixels,
      });
    }
    const decoded = await image.decode();
    return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength) };
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(
      'heic-unsupported',
      'this HEIC/HEIF photo could not be decoded; on an iPhone choose Settings > Camera > Formats > Most Compatible, or export the photo as JPEG, and upload again',
      // the decoder's words under the documented member name (a `cause` member was in no schema)
      { decoderMessage: err instanceof Error ? err.message : String(err) },
    );
  } finally {
    images?.dispose();
  }
}
