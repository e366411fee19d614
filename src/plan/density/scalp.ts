// Which head cells are scalp (may be pigmented) and which are face, ears or neck.
//
// - front / top views: the hairline decides (handled in treatment.ts): skin in front of it is face.
// - back / left / right views: a skin cell is scalp when hair lies below it (towards the neck)
//   within `belowHairMm`: the bald crown sits above the horseshoe of remaining hair, while the neck,
//   ears and (in profiles) the face have no hair under them. A full beard defeats this rule.
// - closeup: the whole head region is scalp.
import type { FieldGrid } from './grid.js';

export type Axis = 'down' | 'up' | 'left' | 'right';

/** The image axis nearest to a direction vector. */
export function nearestAxis(v: [number, number]): Axis {
  if (Math.abs(v[1]) >= Math.abs(v[0])) return v[1] >= 0 ? 'down' : 'up';
  return v[0] >= 0 ? 'right' : 'left';
}

/**
 * 1 where a cell of `head` has a hair cell (hair[c] >= threshold) at most `maxCells` further along
 * `down`. Hair cells themselves count as scalp.
 */
export function hairBelow(head: Uint8Array, hair: Float32Array, grid: FieldGrid, down: Axis, maxCells: number, threshold = 0.5): Uint8Array {
  const { width, height } = grid;
  const out = new Uint8Array(width * height);
  const vertical = down === 'down' || down === 'up';
  const lines = vertical ? width : height;
  const steps = vertical ? height : width;
  for (let l = 0; l < lines; l++) {
    // Walk from the neck end towards the top of the head, counting cells since the last hair.
    let since = Infinity;
    for (let t = 0; t < steps; t++) {
      const u = down === 'down' || down === 'right' ? steps - 1 - t : t;
      const c = vertical ? u * width + l : l * width + u;
      if (hair[c] >= threshold) since = 0;
      else since++;
      if (head[c] && since <= maxCells) out[c] = 1;
    }
  }
  return out;
}
