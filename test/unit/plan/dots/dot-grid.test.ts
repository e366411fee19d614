import { describe, expect, it } from 'vitest';
import { DotGrid } from '../../../../src/plan/dots/bridson.js';

describe('DotGrid neighbour tables', () => {
  const grid = new DotGrid(200, 100, 2, 11);
  const cellsOf = (end: number): Set<number> => new Set(Array.from(grid.deltas.subarray(0, end)));

  it('endWithin(d) lists every cell that can hold a dot closer than d to the centre cell, and no cell beyond', () => {
    for (const d of [0.5, 2, 2.9, 3.1, 4, 5.5, 6.32, 7.99, 9, 10.7]) {
      const listed = cellsOf(grid.endWithin(d));
      for (let dy = -grid.pad; dy <= grid.pad; dy++) {
        for (let dx = -grid.pad; dx <= grid.pad; dx++) {
          // Closest approach of two points in cells dx, dy apart.
          const gx = Math.max(0, Math.abs(dx) - 1) * grid.cell, gy = Math.max(0, Math.abs(dy) - 1) * grid.cell;
          const reachable = Math.hypot(gx, gy) < d;
          expect(listed.has(dy * grid.stride + dx), `d ${d}, cell (${dx}, ${dy})`).toBe(reachable);
        }
      }
    }
  });

  it('is never longer than the whole-reach table, and uses all of it beyond the padding', () => {
    for (let r = 1; r <= grid.pad; r++) expect(grid.endWithin(r * grid.cell)).toBeLessThanOrEqual(grid.deltaEnd[r]);
    expect(grid.endWithin(1000)).toBe(grid.deltaEnd[grid.pad]);
  });
});
