// The per-photo feature vector the level models read, built from the geometry (mirrors
// training/norwood/features.py: change both together, the fit checks the length).
import { ZONES, type PhotoGeometry } from '../geometry/types.js';
import { GRID } from '../geometry/zones.js';

export const MASK_FEATURES = ZONES.length * 2 + 4 + 2 * GRID * GRID + 3;

export function maskFeatureVector(g: PhotoGeometry): number[] {
  const v: number[] = [];
  for (const z of ZONES) {
    const b = g.zones[z].bald;
    v.push(b ?? 0, b === null ? 0 : 1);
  }
  const h = g.hairline;
  v.push(h.centre ?? 0, h.left ?? 0, h.right ?? 0, h.templeExcess ?? 0);
  for (const b of g.baldGrid) v.push(b ?? 0);
  v.push(...g.headGrid);
  v.push(g.coverage.skin + g.coverage.scar, g.scalpFraction, g.head.areaFraction);
  if (v.length !== MASK_FEATURES) throw new Error(`mask feature vector has ${v.length} entries, expected ${MASK_FEATURES}`);
  return v;
}
