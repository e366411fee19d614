// Which way up the page shows a photo of the client, and the turned copy it shows. The stored files
// (photo-N.jpg, the hair map, the preview, the plan) stay in the photo's own frame, as taken: other
// tools lay dots.csv over them. Only what the page shows is turned, by the rule the PDF report uses.

/**
 * Orientation probability from which a photo's face end counts as sure: a copy of ORIENTATION_SURE in
 * src/pipeline/plan-photo.ts (measured there; test/unit/web/upright.test.ts checks the copy agrees).
 */
export const ORIENTATION_SURE = 0.9;

/**
 * Whether the photo's face end is known: a face found in it, or an orientation read with confidence
 * (faceEndSure in src/pipeline/plan-photo.ts).
 * @param {{ face?: { found?: boolean } | null, orientationConfidence?: number | null } | null | undefined} p
 */
export function faceEndSure(p) {
  return Boolean(p?.face?.found) || (typeof p?.orientationConfidence === 'number' && p.orientationConfidence >= ORIENTATION_SURE);
}

/**
 * Clockwise turn (degrees) that shows the photo upright: undoes its read orientation (degrees it is
 * turned clockwise from upright) only when the face end is sure, since turning a photo the wrong way misleads
 * more than leaving it as taken. uprightTurn in src/pipeline/plan-photo.ts; a photo without a readable
 * orientation (an older result) stays as taken.
 * @param {{ face?: { found?: boolean } | null, orientation?: number | null, orientationConfidence?: number | null } | null | undefined} p
 * @returns {0 | 90 | 180 | 270}
 */
export function uprightTurn(p) {
  if (!faceEndSure(p) || typeof p?.orientation !== 'number' || !Number.isFinite(p.orientation)) return 0;
  const quarters = ((Math.round(p.orientation / 90) % 4) + 4) % 4;
  return /** @type {0 | 90 | 180 | 270} */ (((4 - quarters) % 4) * 90);
}

/**
 * The turn for the plan image (drawn on photo `plan.photoIndex`): that photo's, as the report turns its
 * plan overlay; without the photo in the answer, the plan's own `orientation` ({ degrees, sure }).
 * @param {any} plan
 * @param {any[]} photos
 * @returns {0 | 90 | 180 | 270}
 */
export function planTurn(plan, photos) {
  const photo = Array.isArray(photos) ? photos.find((p) => p?.index === plan?.photoIndex) : undefined;
  if (photo && typeof photo.orientation === 'number') return uprightTurn(photo);
  const o = plan?.orientation;
  if (!o || o.sure !== true) return 0;
  return uprightTurn({ orientation: o.degrees, orientationConfidence: 1 });
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
