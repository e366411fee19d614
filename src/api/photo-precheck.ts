// The checks of a photo that need no decode (an empty file, what the bytes are, the pixel limit and a size
// too small to look at, from the header), run on the request's own thread before an asynchronous upload is
// answered 202: a GIF, a PDF, a text file, an empty file, a 60000x60000 header or a 1x1 PNG was accepted
// and failed later (a failed record, a consultation.failed webhook), where the synchronous form refuses it
// at once. The problem is the one the worker's intake gives (src/vision/intake/sniff.ts, the
// same function), with the same photo number and field. A file damaged past its header (a truncated
// JPEG) still needs a decode to find: that one fails later.
import { checkPhotoHeader } from '../vision/intake/decode.js';
import { InputError } from '../vision/errors.js';
import { PhotoInputError } from '../pipeline/consultation.js';

export interface PrecheckedPhoto {
  /** The field it came in (the view, or an audit's before/after/visit). */
  field: string;
  bytes: Uint8Array;
  filename?: string;
}

/** Throws the first photo's PhotoInputError (400 empty-file, 413 too-many-pixels, 415 unsupported-media-type, 422 for a header too damaged to read or a photo too small). */
export async function refuseUnreadablePhotos(photos: readonly PrecheckedPhoto[]): Promise<void> {
  for (const [index, p] of photos.entries()) {
    try {
      await checkPhotoHeader(p.bytes);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      throw new PhotoInputError(err.kind, err.message, index, p.field, err.detail, p.filename);
    }
  }
}
