// A caller gives the scar outline, scar mask and scale in the pixels of the photo as taken, while the
// audit runs on a scaled copy (the service's analysis copy, long side at most 1024 px). These map the
// caller's inputs into the copy's frame; without them a 4032 px photo's polygon lands 4x off.
import type { GrayImage } from '../image.js';
import { AuditInputError } from './errors.js';

export interface Size {
  width: number;
  height: number;
}

/** Why `s` is not a size in whole pixels, or null when it is. */
function sizeProblem(s: Size, what: string): string | null {
  return Number.isInteger(s.width) && Number.isInteger(s.height) && s.width > 0 && s.height > 0 ? null : `${what} must be positive whole pixels, got ${s.width}x${s.height}`;
}

function checkSize(s: Size, what: string): void {
  const problem = sizeProblem(s, what);
  if (problem) throw new RangeError(problem);
}

/** Copy pixels per photo pixel along x and y (the copy keeps the aspect up to rounding, so the two differ by < 1 px over the side). */
export function frameScale(photo: Size, copy: Size): { sx: number; sy: number } {
  checkSize(photo, 'the photo size');
  checkSize(copy, 'the working copy size');
  return { sx: copy.width / photo.width, sy: copy.height / photo.height };
}

/** A polygon in photo pixels, in the copy's pixels (pixel centres map to pixel centres). */
export function polygonToCopy(points: readonly (readonly [number, number])[], photo: Size, copy: Size): [number, number][] {
  const { sx, sy } = frameScale(photo, copy);
  return points.map(([x, y]): [number, number] => [(x + 0.5) * sx - 0.5, (y + 0.5) * sy - 0.5]);
}

/** A scale in photo pixels per cm, in the copy's pixels per cm (the geometric mean of the two axes). */
export function pxPerCmToCopy(pxPerCm: number, photo: Size, copy: Size): number {
  const { sx, sy } = frameScale(photo, copy);
  return pxPerCm * Math.sqrt(sx * sy);
}

/** A mask at the photo's size, resampled to the copy by nearest neighbour (it stays two-valued). */
export function maskToCopy(mask: GrayImage, copy: Size): GrayImage {
  // the mask is the caller's (its errors name it); the copy is ours
  const problem = sizeProblem(mask, 'the scar mask size');
  if (problem) throw new AuditInputError('scarMask', problem);
  checkSize(copy, 'the working copy size');
  if (mask.data.length !== mask.width * mask.height) throw new AuditInputError('scarMask', `scar mask has ${mask.data.length} bytes, expected ${mask.width * mask.height}`);
  if (mask.width === copy.width && mask.height === copy.height) return mask;
  const out = new Uint8Array(copy.width * copy.height);
  const xs = Int32Array.from({ length: copy.width }, (_, x) => Math.min(mask.width - 1, Math.floor(((x + 0.5) * mask.width) / copy.width)));
  for (let y = 0; y < copy.height; y++) {
    const row = Math.min(mask.height - 1, Math.floor(((y + 0.5) * mask.height) / copy.height)) * mask.width;
    for (let x = 0; x < copy.width; x++) out[y * copy.width + x] = mask.data[row + xs[x]];
  }
  return { width: copy.width, height: copy.height, data: out };
}
