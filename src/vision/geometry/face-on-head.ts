// A face the detector finds must lie on the head the segmentation found: a poster, a wall pattern or a
// second person in the room can pass every shape check (face-shape.ts) and would move the hairline, the
// scale and the plan photo onto them.
import type { Segmentation } from '../image.js';

export type Point = [number, number];

/** Under this share of a face's landmarks on the head, the face is taken for something else in the room. */
export const MIN_FACE_ON_HEAD = 0.6;

/**
 * The share of the points (in the photo's pixels, `width` x `height`) that fall on the segmentation's
 * head (skin, hair or scar); points off the photo count as off the head.
 */
export function shareOnHead(points: Point[], seg: Segmentation, width: number, height: number): number {
  if (!(width > 0 && height > 0)) throw new RangeError(`width and height must be positive, got ${width}x${height}`);
  if (points.length === 0) return 0;
  const sx = seg.width / width;
  const sy = seg.height / height;
  let on = 0;
  for (const [x, y] of points) {
    const cx = Math.floor(x * sx);
    const cy = Math.floor(y * sy);
    // on the head: any class but background (label 0), as headMask reads it
    if (cx >= 0 && cy >= 0 && cx < seg.width && cy < seg.height && seg.labels[cy * seg.width + cx] !== 0) on++;
  }
  return on / points.length;
}
