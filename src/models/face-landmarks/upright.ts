// Faces are searched in the upright photo (the detector only knows upright faces), downscaled so its
// longer side is at most maxSide; landmarks found there are mapped back to the photo's pixels.
// Coordinates are continuous (0..width), as the landmark net reports them.
import sharp from 'sharp';
import type { RgbImage } from '../../vision/image.js';
import type { Point } from './face-shape.js';

export interface UprightView {
  image: RgbImage;
  /** Clockwise turn (degrees) that turned the upright photo into the original. */
  orientation: 0 | 90 | 180 | 270;
  /** Upright pixels per original pixel. */
  scale: number;
  /** The original photo's size. */
  width: number;
  height: number;
}

const TURNS = [0, 90, 180, 270] as const;

function checkOrientation(orientation: number): asserts orientation is 0 | 90 | 180 | 270 {
  if (!TURNS.includes(orientation as 0)) throw new RangeError(`orientation must be 0, 90, 180 or 270, got ${orientation}`);
}

/** The photo turned upright (counter-clockwise by `orientation`) and downscaled to fit maxSide. */
export async function turnedDownscaled(img: RgbImage, orientation: 0 | 90 | 180 | 270, maxSide: number): Promise<UprightView> {
  checkOrientation(orientation);
  if (!(maxSide >= 1)) throw new RangeError(`maxSide must be >= 1, got ${maxSide}`);
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
  const quarter = orientation === 90 || orientation === 270;
  const w = Math.max(1, Math.round((quarter ? img.height : img.width) * scale));
  const h = Math.max(1, Math.round((quarter ? img.width : img.height) * scale));
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } })
    .rotate(orientation === 0 ? 0 : 360 - orientation)
    .resize(w, h, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) }, orientation, scale, width: img.width, height: img.height };
}

/** A point in the upright view back to the original photo's pixels. */
export function pointToPhoto(p: Point, view: Pick<UprightView, 'orientation' | 'scale' | 'width' | 'height'>): Point {
  checkOrientation(view.orientation);
  const u = p[0] / view.scale, v = p[1] / view.scale;
  const { width: W, height: H } = view;
  // The upright view is the photo turned counter-clockwise by `orientation`; undo it.
  switch (view.orientation) {
    case 0:
      return [u, v];
    case 90: // one CCW turn sent (x, y) to (y, W - x)
      return [W - v, u];
    case 180:
      return [W - u, H - v];
    case 270: // three CCW turns sent (x, y) to (H - y, x)
      return [v, H - u];
  }
}

export function pointsToPhoto(points: Point[], view: Pick<UprightView, 'orientation' | 'scale' | 'width' | 'height'>): Point[] {
  return points.map((p) => pointToPhoto(p, view));
}

/** The inverse of pointToPhoto at scale 1: a point of a W x H photo turned clockwise by `orientation`, in the upright photo. */
export function pointToUpright(p: Point, orientation: 0 | 90 | 180 | 270, width: number, height: number): Point {
  checkOrientation(orientation);
  const [x, y] = p;
  switch (orientation) {
    case 0:
      return [x, y];
    case 90:
      return [y, width - x];
    case 180:
      return [width - x, height - y];
    case 270:
      return [height - y, x];
  }
}
