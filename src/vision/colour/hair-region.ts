// Where a photo's hair counts for its hair colour: the scalp the geometry found (the head box less the
// part a view shows the face in: PhotoGeometry.scalpRegion), less the face its landmarks place when one
// was found. A beard, a moustache, the brows or a dark shirt below the head named the colour of shaved
// heads before (L7-010's profiles: "dark brown" from the beard under grey stubble).
import type { PhotoGeometry } from '../geometry/types.js';
import { scaleMask } from '../geometry/zones.js';

/**
 * 1 where hair may count as scalp hair, width × height (the photo's pixels); undefined when the geometry
 * has no scalp region (no head, a close-up): every hair pixel counts then.
 */
export function scalpHairRegion(
  geometry: Pick<PhotoGeometry, 'scalpRegion'>,
  width: number,
  height: number,
  onFace?: (x: number, y: number) => boolean,
): Uint8Array | undefined {
  const region = geometry.scalpRegion;
  if (!region) return undefined;
  const mask = scaleMask(region.mask, region.width, region.height, width, height);
  if (onFace) {
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (onFace(x + 0.5, y + 0.5)) mask[y * width + x] = 0;
  }
  return mask;
}
