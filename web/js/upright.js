// Which way up the page shows a photo of the client, and the turned copy it shows. The stored files
// (photo-N.jpg, the hair map, the preview, the plan) stay in the photo's own frame, as taken: other
// tools lay dots.csv over them. Only what the page shows is turned, by the turn the service gives in the
// answer (photos[i].uprightTurn, plan.uprightTurn): the one the PDF report uses.

/** The turns the service gives, clockwise degrees. */
const TURNS = [0, 90, 180, 270];

/**
 * Clockwise turn (degrees) that shows the photo upright: the service's `uprightTurn` for it (the turn
 * report.pdf shows it with: its read orientation undone only where the face end is sure, since turning a
 * photo the wrong way misleads more than leaving it as taken). An answer without it: 0, as taken.
 * @param {{ uprightTurn?: unknown } | null | undefined} p
 * @returns {0 | 90 | 180 | 270}
 */
export function uprightTurn(p) {
  const turn = p?.uprightTurn;
  return TURNS.includes(turn) ? /** @type {0 | 90 | 180 | 270} */ (turn) : 0;
}

/**
 * The turn for the plan image (drawn on photo `plan.photoIndex`, in its frame): the plan's own
 * `uprightTurn`, which the service gives as that photo's; without it, that photo's; else 0, as taken.
 * @param {any} plan
 * @param {any[]} photos
 * @returns {0 | 90 | 180 | 270}
 */
export function planTurn(plan, photos) {
  if (TURNS.includes(plan?.uprightTurn)) return plan.uprightTurn;
  const photo = Array.isArray(photos) ? photos.find((p) => p?.index === plan?.photoIndex) : undefined;
  return uprightTurn(photo);
}

/** "turned 90° clockwise", as the report's captions say it; null for no turn. */
export function turnWords(turn) {
  return turn === 90 ? 'turned 90° clockwise' : turn === 270 ? 'turned 90° anticlockwise' : turn === 180 ? 'turned 180°' : null;
}

/** Width and height of an image shown turned: a quarter turn swaps them. */
export function turnedSize(width, height, turn) {
  return turn === 90 || turn === 270 ? { width: height, height: width } : { width, height };
}

/**
 * The image in `blob` turned clockwise by `turn` degrees, drawn into a canvas: a new image whose own
 * size is the turned one, so a page that lays it out (the before/after slider's frame check, its height)
 * needs no CSS transform. A JPEG stays a JPEG (smaller, quicker); anything else becomes a PNG.
 * Rejects where the browser cannot (a canvas it will not read back): the caller then shows it as taken.
 * @param {Blob} blob
 * @param {0 | 90 | 180 | 270} turn
 * @returns {Promise<Blob>}
 */
export async function turnedBlob(blob, turn) {
  if (!turn) return blob;
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const w = img.naturalWidth;
    const hgt = img.naturalHeight;
    if (!w || !hgt) throw new Error('the image has no size');
    const size = turnedSize(w, hgt, turn);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.translate(size.width / 2, size.height / 2);
    g.rotate((turn * Math.PI) / 180);
    g.drawImage(img, -w / 2, -hgt / 2, w, hgt);
    const jpeg = blob.type === 'image/jpeg';
    return await new Promise((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the turned image could not be made'))), jpeg ? 'image/jpeg' : 'image/png', jpeg ? 0.92 : undefined),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
