// The segments of a JPEG's header (tables, metadata, comments), in file order, up to its image data.

export interface JpegSegment {
  /** The marker byte after 0xFF (0xDB a quantisation table, 0xFE a comment, 0xE1 EXIF/XMP ...). */
  marker: number;
  /** Where the segment's payload starts (after its marker and length) and ends (exclusive). */
  payload: number;
  end: number;
}

/**
 * Yields each header segment; stops at the scan (0xDA), the end marker, or a segment that does not fit in
 * the bytes. Nothing when the bytes do not start as a JPEG.
 */
export function* jpegHeaderSegments(bytes: Uint8Array): Generator<JpegSegment> {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return;
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) return;
    const marker = bytes[i + 1];
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return; // the image data, or the end
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (length < 2 || i + 2 + length > bytes.length) return;
    yield { marker, payload: i + 4, end: i + 2 + length };
    i += 2 + length;
  }
}
