// Bytes -> a metadata-free, upright sRGB photo plus the small copy the analysis works on.
import readExif from 'exif-reader';
import sharp from 'sharp';
import type { Metadata, OutputInfo, Sharp } from 'sharp';
import { InputError } from '../errors.js';
import type { RgbImage } from '../image.js';
import { decodeHeic } from './heic.js';
import { intakeLimits, type IntakeLimits } from './limits.js';
import { sniffPhoto, type PhotoFormat } from './sniff.js';
import { estimateJpegQuality } from './jpeg-quality.js';
import { jpegHeaderSegments } from './jpeg-segments.js';

export interface IntakeResult {
  format: PhotoFormat;
  /** Size after EXIF orientation. */
  width: number;
  height: number;
  /** EXIF orientation tag found (1..8), or 1 when none. */
  exifOrientation: number;
  /** Whether the upload carried GPS or other metadata: EXIF, XMP, IPTC, PNG text, JPEG comments (all of it is dropped). */
  hadMetadata: boolean;
  hadGps: boolean;
  /** Upright, sRGB, metadata-free JPEG of the photo (long side capped at limits.storedSide). */
  stored: Uint8Array;
  /** Upright sRGB pixels at long side <= limits.analysisSide, for models and measurements. */
  analysis: RgbImage;
  /** The upload's estimated JPEG quality (1-100), null for other formats. */
  jpegQuality: number | null;
}

export async function intakePhoto(bytes: Uint8Array, limitsIn?: Partial<IntakeLimits>): Promise<IntakeResult> {
  const limits = intakeLimits(limitsIn);
  const { format, source } = await openPhoto(bytes, limits);
  const meta = await source.meta;
  const { stored, small } = await decodeChecked(format, source, (image) => decode(image, limits));
  const { width, height } = await uprightSize(meta, stored);
  if (Math.min(small.info.width, small.info.height) < limits.minAnalysisSide) throw tooSmall(width, height, limits);
  return {
    format,
    width,
    height,
    exifOrientation: meta.orientation ?? 1,
    hadMetadata: Boolean(meta.exif || meta.xmp || meta.iptc || meta.comments?.length || (format === 'jpeg' && jpegHasComment(bytes))),
    hadGps: hasGps(meta.exif) || xmpHasGps(meta.xmp),
    stored: new Uint8Array(stored),
    analysis: { width: small.info.width, height: small.info.height, data: new Uint8Array(small.data) },
    jpegQuality: format === 'jpeg' ? estimateJpegQuality(bytes) : null,
  };
}

/**
 * The whole photo as upright sRGB pixels at its own size (`smp segment` writes its masks at it), through
 * the same checks as intakePhoto: what the bytes really are (no SVG, whose links librsvg follows to files
 * beside it, no GIF, TIFF or text), the byte and pixel limits, damaged data; HEIC decoded as intakePhoto does.
 */
export async function decodeUpright(bytes: Uint8Array, limitsIn?: Partial<IntakeLimits>): Promise<RgbImage & { format: PhotoFormat }> {
  const limits = intakeLimits(limitsIn);
  const { format, source } = await openPhoto(bytes, limits);
  const { data, info } = await decodeChecked(format, source, (image) =>
    onWhite(image.autoOrient().toColourspace('srgb')).raw().toBuffer({ resolveWithObject: true }),
  );
  return { format, width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function tooSmall(width: number, height: number, limits: IntakeLimits): InputError {
  return new InputError(
    'too-small',
    `the photo is ${width}x${height} pixels, too small or too narrow to look at (the analysis needs at least ${limits.minAnalysisSide} pixels on the short side when the long side is at most ${limits.analysisSide}); send the photo as the camera took it`,
    { width, height },
  );
}

function checkBytes(bytes: Uint8Array, limits: IntakeLimits): void {
  if (bytes.length > limits.maxFileBytes) {
    throw new InputError('too-large-bytes', `the file is ${bytes.length} bytes, above the ${limits.maxFileBytes}-byte limit`, {
      bytes: bytes.length,
      maxFileBytes: limits.maxFileBytes,
    });
  }
}

/**
 * What intakePhoto refuses without decoding a pixel: the byte limit, what the bytes are, and from the
 * header the pixel limit and a size too small to look at. Cheap enough for the request's own thread
 * (an asynchronous upload is checked so before its 202). HEIC's size is known only from a decode.
 */
export async function checkPhotoHeader(bytes: Uint8Array, limitsIn?: Partial<IntakeLimits>): Promise<PhotoFormat> {
  const limits = intakeLimits(limitsIn);
  checkBytes(bytes, limits);
  const format = await sniffPhoto(bytes);
  if (format === 'heic') return format;
  const meta = await (await openChecked(bytes, limits.maxPixels)).meta;
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  // the analysis copy's short side, as the resize to analysisSide rounds it
  if (w > 0 && h > 0 && Math.round(Math.min(w, h) * Math.min(1, limits.analysisSide / Math.max(w, h))) < limits.minAnalysisSide) {
    const swapped = (meta.orientation ?? 1) >= 5;
    throw swapped ? tooSmall(h, w, limits) : tooSmall(w, h, limits);
  }
  return format;
}

/** The byte limit, what the bytes are, and the pixel limit from the header: nothing is decoded yet. */
async function openPhoto(bytes: Uint8Array, limits: IntakeLimits): Promise<{ format: PhotoFormat; source: Opened }> {
  checkBytes(bytes, limits);
  const format = await sniffPhoto(bytes);
  const source = format === 'heic' ? await heicToSharp(bytes, limits.maxPixels) : await openChecked(bytes, limits.maxPixels);
  return { format, source };
}

/** Runs `run` on the opened photo; a JPEG whose only fault is a benign warning is run again leniently. */
async function decodeChecked<T>(format: PhotoFormat, source: Opened, run: (image: Sharp) => Promise<T>): Promise<T> {
  try {
    return await run(source.image);
  } catch (err) {
    if (!source.lenient || !BENIGN_JPEG_WARNING.test(messageOf(err))) throw corrupt(format, err);
    try {
      return await run(source.lenient());
    } catch (again) {
      throw corrupt(format, again);
    }
  }
}

interface Opened {
  image: Sharp;
  meta: Promise<Metadata>;
  /** The same input failing on errors only, for a JPEG whose only warning is a benign one. */
  lenient?: () => Sharp;
}

interface Decoded {
  stored: Buffer;
  small: { data: Buffer; info: OutputInfo };
}

// libjpeg reports damaged entropy-coded data only as a warning ("Corrupt JPEG data: premature end of
// data segment"): a file cut short but closed with an end marker, bits flipped into a broken code, a header that claims
// more pixels than the file holds. Decoded with failOn 'error' those come out as half-grey photos, so
// JPEG fails on warnings. Stray bytes before a marker, which some cameras write and which decode
// whole, are let through.
const BENIGN_JPEG_WARNING = /extraneous bytes before marker/i;

/** The stored copy and the analysis copy: two branches of one input, run in parallel (libjpeg shrinks the analysis copy on load). */
async function decode(image: Sharp, limits: IntakeLimits): Promise<Decoded> {
  const upright = onWhite(image.autoOrient().toColourspace('srgb'));
  const [stored, small] = await Promise.all([
    upright
      .clone()
      .resize({ width: limits.storedSide, height: limits.storedSide, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 90 })
      .toBuffer(),
    upright
      .clone()
      .resize({ width: limits.analysisSide, height: limits.analysisSide, fit: 'inside', withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ]);
  return { stored, small };
}

/**
 * A photo with transparency as a viewer shows it, on a white page: dropping the alpha channel graded (and
 * stored, and showed the clinic) pixels the sender never saw, a PNG made fully transparent included. An
 * opaque photo is unchanged.
 */
function onWhite(image: Sharp): Sharp {
  return image.flatten({ background: '#ffffff' });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

// Reads the header only, so a decompression bomb is refused before any pixel is decoded.
async function openChecked(bytes: Uint8Array, maxPixels: number): Promise<Opened> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw corrupt('image', err);
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w * h > maxPixels) {
    throw new InputError('too-many-pixels', `the image is ${w}x${h} pixels, above the ${maxPixels}-pixel limit; send a smaller photo`, {
      width: w,
      height: h,
      maxPixels,
    });
  }
  // A truncated or damaged file is an error, not a half-grey photo (see BENIGN_JPEG_WARNING).
  const open = (failOn: 'warning' | 'error') => sharp(bytes, { limitInputPixels: maxPixels, failOn, pages: 1 });
  if (meta.format === 'jpeg') return { image: open('warning'), meta: Promise.resolve(meta), lenient: () => open('error') };
  return { image: open('error'), meta: Promise.resolve(meta) };
}

async function heicToSharp(bytes: Uint8Array, maxPixels: number): Promise<Opened> {
  const rgba = await decodeHeic(bytes, maxPixels);
  const image = sharp(rgba.data, { raw: { width: rgba.width, height: rgba.height, channels: 4 } });
  // The pixels come from heic-decode, which returns no metadata, so hadMetadata and hadGps were always
  // false for iPhone photos. libvips reads the HEIF container's Exif and XMP items without decoding the
  // image (it cannot decode HEVC); the orientation stays 1, as libheif has already applied the transforms.
  const container = await sharp(bytes).metadata().catch(() => ({}) as Metadata);
  return { image, meta: Promise.resolve({ orientation: 1, width: rgba.width, height: rgba.height, exif: container.exif, xmp: container.xmp, iptc: container.iptc } as Metadata) };
}

// Size after orientation: from the header when it fits the stored copy's aspect, else from the stored copy.
async function uprightSize(meta: Metadata, stored: Buffer): Promise<{ width: number; height: number }> {
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  const swapped = (meta.orientation ?? 1) >= 5;
  if (w > 0 && h > 0) return swapped ? { width: h, height: w } : { width: w, height: h };
  const m = await sharp(stored).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0 };
}

function corrupt(format: string, err: unknown): InputError {
  const why = messageOf(err).split('\n')[0];
  // The decoder's own words go to `decoderMessage`, not into the sentence a person reads.
  return new InputError('corrupt', `the ${format === 'image' ? 'image' : format.toUpperCase()} file could not be decoded; it looks truncated or damaged, so send the original photo again`, {
    decoderMessage: why,
  });
}

/**
 * True when an EXIF block's IFD0 holds the GPS IFD pointer (tag 0x8825), read by exif-reader in the
 * block's own byte order. Searching the whole block for the two bytes also found them in values and
 * thumbnails (an exposure of 1/34853 s reads 25 88 00 00), so photos without a location were reported
 * as gpsRemoved. An EXIF block too damaged to read holds no pointer we could trust.
 */
export function hasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  try {
    return readExif(exif).Image?.GPSTag !== undefined;
  } catch {
    return false;
  }
}

/** True when an XMP packet holds a location (exif:GPSLatitude / GPSLongitude, as an element or an attribute). */
export function xmpHasGps(xmp: Buffer | undefined): boolean {
  return xmp !== undefined && /GPS(Latitude|Longitude)\b/.test(xmp.toString('latin1'));
}

/**
 * True when a JPEG has a comment segment (COM, 0xFFFE) before its image data: free text a camera or an
 * editor wrote, sometimes a name or an address. libvips does not report it; the stored copy never has it.
 */
export function jpegHasComment(bytes: Uint8Array): boolean {
  for (const s of jpegHeaderSegments(bytes)) if (s.marker === 0xfe) return true;
  return false;
}

