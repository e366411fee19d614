// Checks a photo in the browser before it is uploaded: type and size from the file, its format from its
// first bytes, then its pixel size once decoded. The limits are the service's (SMP_MAX_FILE_BYTES,
// SMP_MAX_PIXELS, the quality gate's minimum side); the service checks everything again.
import { withoutDarkBlur } from './describe.js';

/** The service's default file limit (SMP_MAX_FILE_BYTES), until the service says its own (setLimits). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** The service's default pixel limit (SMP_MAX_PIXELS), until the service says its own (setLimits). */
export const MAX_PIXELS = 50_000_000;
/** Below this short side the service cannot judge the photo at all. */
export const MIN_SIDE = 320;
/** Below this short side the service warns that the photo is small. */
export const GOOD_SIDE = 640;

/**
 * The limits every check here uses: the service's defaults until the page has asked the service for its
 * own (GET /v1/upload-limits, when the page opens), so a service set to other limits is followed.
 */
const limits = { maxFileBytes: MAX_FILE_BYTES, maxPixels: MAX_PIXELS };

/** Takes the service's limits (the answer of GET /v1/upload-limits); a value missing or not a positive number is left as it was. */
export function setLimits(fromService) {
  for (const name of ['maxFileBytes', 'maxPixels']) {
    const v = fromService?.[name];
    if (Number.isFinite(v) && v > 0) limits[name] = v;
  }
}

/** The limits in use (a copy). */
export function currentLimits() {
  return { ...limits };
}

const TYPES = new Map([
  ['image/jpeg', 'jpeg'],
  ['image/jpg', 'jpeg'],
  ['image/pjpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
  ['image/avif', 'avif'],
  ['image/heic', 'heic'],
  ['image/heif', 'heic'],
  ['image/heic-sequence', 'heic'],
  ['image/heif-sequence', 'heic'],
]);
const EXTENSIONS = new Map([
  ['jpg', 'jpeg'],
  ['jpeg', 'jpeg'],
  ['jfif', 'jpeg'],
  ['png', 'png'],
  ['webp', 'webp'],
  ['avif', 'avif'],
  ['heic', 'heic'],
  ['heif', 'heic'],
]);

/**
 * @typedef {{ level: 'error' | 'warning' | 'ok', text: string }} CheckMessage
 */

/** The format a file claims by its MIME type or, where the browser gives none, its extension. */
export function claimedFormat(name, type) {
  const t = String(type || '').toLowerCase();
  if (t) return TYPES.get(t) ?? null;
  const ext = /\.([a-z0-9]+)$/i.exec(String(name || ''))?.[1]?.toLowerCase() ?? '';
  return EXTENSIONS.get(ext) ?? null;
}

/** Bytes as a person reads them: "3.4 MB". */
export function formatBytes(n) {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`formatBytes: expected a size in bytes, got ${n}`);
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * What can be told from the file alone: its type and size.
 * @param {{ name: string, type: string, size: number }} file
 * @returns {CheckMessage[]} empty when the file may be uploaded
 */
export function checkFile(file) {
  if (!file || typeof file.size !== 'number') throw new TypeError('checkFile: expected a File');
  const format = claimedFormat(file.name, file.type);
  if (!format) {
    return [{ level: 'error', text: `"${file.name}" is not a photo we can read. Please choose a JPEG, PNG, WebP, AVIF or HEIC photo.` }];
  }
  if (file.size === 0) return [{ level: 'error', text: `"${file.name}" is empty. Please take the photo again.` }];
  if (file.size > limits.maxFileBytes) {
    return [{ level: 'error', text: `This photo is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.maxFileBytes)}. Please take it again with the phone's normal camera settings.` }];
  }
  return [];
}

/**
 * Whether JPEG bytes end as a JPEG must (an end-of-image marker near the end). A photo that did not
 * finish saving or downloading still shows in the browser (the missing part grey), so it is caught here.
 * @param {Uint8Array} head the first bytes of the file (at least 2)
 * @param {Uint8Array} tail the last bytes of the file (up to a few KB: some cameras write padding after the marker)
 */
export function jpegLooksComplete(head, tail) {
  if (!(head?.length >= 2 && head[0] === 0xff && head[1] === 0xd8)) return true; // not a JPEG: nothing to say
  for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
  return false;
}

/** ISO-BMFF brands (the `ftyp` box) of AVIF and of HEIC/HEIF, as the service reads them. */
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);

/**
 * The photo format the file's first bytes are, whatever its name or type says: 'jpeg', 'png', 'webp',
 * 'avif', 'heic', or null for anything else (a text file, a PDF, a GIF, a damaged file renamed .jpg).
 * The service goes by the bytes too, and refuses anything else.
 * @param {Uint8Array} head the first bytes of the file (at least 16 for every format)
 * @returns {'jpeg' | 'png' | 'webp' | 'avif' | 'heic' | null}
 */
export function sniffFormat(head) {
  const b = head ?? new Uint8Array(0);
  const ascii = (from, to) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'png';
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') {
    // The major brand, then the compatible brands: a generic major brand (mif1) names the codec among them.
    const boxSize = Math.min(b.length, ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0 || b.length);
    const brands = [ascii(8, 12)];
    for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(i, i + 4));
    if (AVIF_BRANDS.has(brands[0])) return 'avif';
    if (HEIC_BRANDS.has(brands[0]) && brands[0] !== 'mif1' && brands[0] !== 'msf1') return 'heic';
    if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
    if (brands.some((x) => HEIC_BRANDS.has(x))) return 'heic';
  }
  return null;
}

/** Bytes read from the start of a file to tell its format (an ftyp box lists its brands within these). */
const HEAD_BYTES = 64;

/** @param {Blob} file @returns {Promise<Uint8Array>} its first HEAD_BYTES bytes */
function fileHead(file) {
  return file.slice(0, HEAD_BYTES).arrayBuffer().then((b) => new Uint8Array(b));
}

/**
 * The photo format a file's bytes show (sniffFormat of its start), whatever its name says.
 * @param {Blob} file
 * @returns {Promise<'jpeg' | 'png' | 'webp' | 'avif' | 'heic' | null>}
 */
export async function fileFormat(file) {
  return sniffFormat(await fileHead(file));
}

/**
 * What can be told from the file's bytes: not a photo at all (whatever its name says), or a JPEG cut short.
 * @param {Blob & { name?: string }} file
 * @returns {Promise<CheckMessage[]>}
 */
export async function checkFileBytes(file) {
  const head = await fileHead(file);
  if (!sniffFormat(head)) {
    const name = file.name ? `"${file.name}"` : 'This file';
    return [{ level: 'error', text: `${name} is not a photo we can read: it is not a JPEG, PNG, WebP, AVIF or HEIC image inside, whatever its name says. Please choose a photo from your camera or gallery.` }];
  }
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 4096)).arrayBuffer());
  if (jpegLooksComplete(head, tail)) return [];
  return [{ level: 'error', text: 'This photo file is incomplete (it may not have finished saving or downloading). Please take or choose it again.' }];
}

/**
 * What to say about a photo this browser could not open (loadImageSize resolved null). HEIC, and AVIF in
 * some browsers, are photos the browser cannot show: the service decodes them, so they are checked when
 * sent. A JPEG, PNG or WebP every browser shows: one it cannot open is damaged, and is refused now.
 * @param {'jpeg' | 'png' | 'webp' | 'avif' | 'heic' | null} format what sniffFormat read from its bytes
 * @param {string} name
 * @returns {CheckMessage}
 */
export function undecodedMessage(format, name) {
  if (format === 'heic' || format === 'avif') {
    return { level: 'ok', text: `"${name}" added. This browser cannot show it, so it will be checked when you send it.` };
  }
  return { level: 'error', text: `"${name}" could not be opened: the file seems damaged. Please take or choose the photo again.` };
}

/**
 * Megapixels as a person reads them: "63 MP" (one decimal below 10, or when `other` would read the same:
 * an 8192×6144 photo is "50.3 MP" beside a 50 MP limit, not "50 MP, more than the 50 MP").
 */
function megapixels(pixels, other) {
  const whole = (p) => (p / 1e6 < 10 ? Math.round(p / 1e5) / 10 : Math.round(p / 1e6));
  const tenths = other !== undefined && whole(pixels) === whole(other);
  return `${tenths || pixels / 1e6 < 10 ? Math.round(pixels / 1e5) / 10 : Math.round(pixels / 1e6)} MP`;
}

/**
 * What can be told from the decoded pixel size.
 * @param {number} width
 * @param {number} height
 * @param {number} [maxPixels] the service's limit (SMP_MAX_PIXELS)
 * @returns {CheckMessage[]}
 */
export function checkDimensions(width, height, maxPixels = limits.maxPixels) {
  if (!(width > 0 && height > 0)) throw new RangeError(`checkDimensions: expected a positive size, got ${width}x${height}`);
  if (width * height > maxPixels) {
    return [
      {
        level: 'error',
        text: `This photo is ${width}×${height} pixels (${megapixels(width * height, maxPixels)}), more than the ${megapixels(maxPixels, width * height)} we can take. Please take it again in the phone's normal camera mode, not a high-resolution mode.`,
      },
    ];
  }
  const side = Math.min(width, height);
  if (side < MIN_SIDE) {
    return [{ level: 'error', text: `This photo is only ${width}×${height} pixels, too small to judge. Please take it with the phone's main camera.` }];
  }
  if (side < GOOD_SIDE) {
    return [{ level: 'warning', text: `This photo is small (${width}×${height} pixels). A full-size photo from the main camera gives a better result.` }];
  }
  return [];
}

/**
 * Decodes the photo in the browser to learn its size (after EXIF orientation). Resolves null where the
 * browser cannot decode the format (HEIC in most browsers): the service decodes it instead.
 * @param {Blob} file
 * @returns {Promise<{ width: number, height: number, url: string } | null>}
 */
export function loadImageSize(file) {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    img.decoding = 'async';
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight, url });
    img.onerror = () => {
      URL.revokeObjectURL(url);
      resolve(null);
    };
    img.src = url;
  });
}

/** The longest side the service analyses photos at (its intake's analysis copy). */
export const ANALYSIS_SIDE = 1024;

/**
 * The size a photo is scaled to for the quality pre-check: about the service's analysis copy, but never
 * below GOOD_SIDE on the short side (so the copy is not judged "too small"), and never enlarged.
 */
export function checkCopySize(width, height) {
  if (!(width > 0 && height > 0)) throw new RangeError(`checkCopySize: expected a positive size, got ${width}x${height}`);
  const scale = Math.min(1, Math.max(ANALYSIS_SIDE / Math.max(width, height), GOOD_SIDE / Math.min(width, height)));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/**
 * A small upright JPEG copy of a photo for the quality pre-check: a few hundred KB instead of the
 * full photo, without its metadata (location included). The full photo is sent only once, with the
 * consultation.
 * @param {string} url object URL of the photo, already decodable by this browser
 * @returns {Promise<Blob>}
 */
export async function checkCopy(url, width, height) {
  const size = checkCopySize(width, height);
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(img, 0, 0, size.width, size.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('could not encode the photo'))), 'image/jpeg', 0.92));
}

/**
 * The service's verdict on the pre-check copy as messages: its errors only. It judged the whole photo
 * (the consultation judges the head), so its milder warnings are often about the background, and its
 * resolution check saw the small copy (the real size was checked here already).
 * @param {{ checks?: { id: string, severity: string, message: string }[] }} quality
 * @returns {CheckMessage[]}
 */
export function qualityMessages(quality) {
  return withoutDarkBlur(quality?.checks ?? [])
    .filter((c) => c.id !== 'resolution' && c.severity === 'error')
    .map((c) => ({ level: 'error', text: `Please retake: ${c.message}.` }));
}

/**
 * What a photo's card says when nothing is wrong with it so far. The check before sending sees only light
 * and sharpness (a photo of a wall passes it), so it never reads as "the photo is good"; whether it shows
 * the head is judged when it is sent. The pixel size is said only where it is the problem (checkDimensions).
 * @param {boolean} checked whether the service's check answered (else it is judged when sent)
 * @returns {CheckMessage}
 */
export function addedMessage(checked) {
  return checked
    ? { level: 'ok', text: 'Light and sharpness look fine; whether it shows your head as asked is checked when you send it.' }
    : { level: 'ok', text: 'Photo added. Its light and sharpness, and whether it shows your head as asked, are checked when you send it.' };
}
