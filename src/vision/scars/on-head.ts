// Where the head is not, for the scar finder: skin the segmenter reads next to a head (a shoulder, an arm, a
// skin-coloured desk) is skin, so the ring rules (find-scars.ts minHeadRing, planMinHeadRing) pass a pale
// patch on it. Two tests, pure functions of the masks:
// - apartFromHead: a thick piece of the foreground that the head reaches only through a narrow neck, or
//   not at all, and that comes into the photo from its edge (a desk beside a monitor, L6-004's back view);
// - beyondHairRim: in a top view, skin further from the hair's centre than the head's rim of hair, away
//   from the face (a shoulder, L3-014's top view). Seen from above, every Norwood stage keeps hair round
//   the back and sides, so the head's outline there is hair (geometry/rim-of-hair.ts, on the photo's
//   pixels here; the plan cuts its head by the same rim on its cell grid, plan/density/hair-rim.ts).
import { dilate, erode } from '../colour/masks.js';
import { borderLabels, connectedComponents, fillHoles } from '../geometry/head.js';
import { SEG_CLASSES, type Segmentation } from '../image.js';
import { rimOfHair, type RimOptions } from '../geometry/rim-of-hair.js';

const BACKGROUND = SEG_CLASSES.indexOf('background');
const HAIR = SEG_CLASSES.indexOf('hair');
const SCAR = SEG_CLASSES.indexOf('scar');

export interface ApartOptions {
  /** Necks narrower than twice this share of the photo's shorter side are cut (the opening's radius). */
  neck: number;
  /**
   * Scar pixels count as grown by this share of the shorter side: the segmenter often rims a scar with a
   * line of background, which would leave a scar on the scalp as an island of its own.
   */
  glue: number;
}

/**
 * 1 on the pixels of thick foreground pieces apart from the head: the foreground (any class but background,
 * scars grown by `glue`) opened by a square of radius `neck`; the largest piece, its holes filled, is the
 * head; the other pieces that touch the photo's edge are not. Thin foreground (narrower than the opening)
 * belongs to no piece and stays 0.
 */
export function apartFromHead(seg: Segmentation, o: ApartOptions): Uint8Array {
  const { width: w, height: h, labels } = seg;
  const n = w * h;
  const side = Math.min(w, h);
  const rho = Math.max(1, Math.round(o.neck * side));
  const scars = new Uint8Array(n);
  for (let i = 0; i < n; i++) scars[i] = labels[i] === SCAR ? 1 : 0;
  const fg = dilate(scars, w, h, Math.round(o.glue * side));
  for (let i = 0; i < n; i++) if (labels[i] !== BACKGROUND) fg[i] = 1;
  const pieces = connectedComponents(dilate(erode(fg, w, h, rho), w, h, rho), w, h);
  let head = 0;
  for (let k = 1; k < pieces.sizes.length; k++) if (!head || pieces.sizes[k] > pieces.sizes[head]) head = k;
  const headMask = new Uint8Array(n);
  for (let i = 0; i < n; i++) headMask[i] = pieces.labels[i] === head ? 1 : 0;
  const filled = fillHoles(headMask, w, h);
  const atEdge = borderLabels(pieces.labels, pieces.sizes.length, w, h);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = pieces.labels[i];
    out[i] = k && !filled[i] && atEdge[k] ? 1 : 0;
  }
  return out;
}

/** The rim's shape (geometry/rim-of-hair.ts, shared with the plan), and when there is a rim to judge by. */
export type HairRimOptions = RimOptions & {
  /** Hair on fewer than this share of the head's pixels: no rim to judge by (a shaved head). */
  minHairShare: number;
  /** Hair pieces smaller than this share of the largest are not the head's (specks on a patterned shirt). */
  minHairPiece: number;
};

/**
 * A test for "this pixel (x, y: column and row) lies beyond a top view's rim of hair", seen from the hair's
 * centre, outside the sector round `face` (image direction towards the face); null when there is no rim to
 * judge by (see minHairShare).
 */
export function beyondHairRim(seg: Segmentation, face: [number, number], o: HairRimOptions): ((x: number, y: number) => boolean) | null {
  const { width: w, height: h, labels } = seg;
  if (!(Math.hypot(face[0], face[1]) > 0)) throw new RangeError(`face direction must be a non-zero vector, got [${face}]`);
  const n = w * h;
  let headPixels = 0;
  let hairPixels = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== BACKGROUND) headPixels++;
    if (labels[i] === HAIR) hairPixels++;
  }
  if (hairPixels === 0 || hairPixels < o.minHairShare * headPixels) return null;
  return rimOfHair(headHair(labels, w, h, o.minHairPiece), w, h, face, o)?.beyond ?? null;
}

/** Hair pixels in pieces (4-connected) of at least `minPiece` of the largest piece. */
function headHair(labels: Uint8Array, w: number, h: number, minPiece: number): Uint8Array {
  const hair = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) hair[i] = labels[i] === HAIR ? 1 : 0;
  const { labels: piece, sizes } = connectedComponents(hair, w, h);
  let largest = 0;
  for (let k = 1; k < sizes.length; k++) largest = Math.max(largest, sizes[k]);
  for (let i = 0; i < hair.length; i++) if (hair[i] && sizes[piece[i]] < minPiece * largest) hair[i] = 0;
  return hair;
}

/** Unit image direction towards the face in a top view turned clockwise by `orientation` (upright: face down). */
export function topViewFace(orientation: 0 | 90 | 180 | 270): [number, number] {
  return ({ 0: [0, 1], 90: [-1, 0], 180: [0, -1], 270: [1, 0] } as const)[orientation] as [number, number];
}
