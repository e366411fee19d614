// Checks a photo in the browser before it is uploaded: type and size from the file, then its pixel size
// once decoded. The limits mirror the service's (SMP_MAX_FILE_BYTES, the quality gate's minimum side);
// the service checks everything again.

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Below this short side the service cannot judge the photo at all. */
export const MIN_SIDE = 320;
/** Below this short side the service warns that the photo is small. */
export const GOOD_SIDE = 640;

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
  if (file.size > MAX_FILE_BYTES) {
    return [{ level: 'error', text: `This photo is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_FILE_BYTES)}. Please take it again with the phone's normal camera settings.` }];
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

/**
 * What can be told from the file's bytes: a JPEG cut short.
 * @param {Blob} file
 * @returns {Promise<CheckMessage[]>}
 */
export async function checkFileBytes(file) {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 4096)).arrayBuffer());
  if (jpegLooksComplete(head, tail)) return [];
  return [{ level: 'error', text: 'This photo file is incomplete (it may not have finished saving or downloading). Please take or choose it again.' }];
}

/**
 * What can be told from the decoded pixel size.
 * @param {number} width
 * @param {number} height
 * @returns {CheckMessage[]}
 */
export function checkDimensions(width, height) {
  if (!(width > 0 && height > 0)) throw new RangeError(`checkDimensions: expected a positive size, got ${width}x${height}`);
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
  return (quality?.checks ?? [])
    .filter((c) => c.id !== 'resolution' && c.severity === 'error')
    .map((c) => ({ level: 'error', text: `Please retake: ${c.message}.` }));
}
