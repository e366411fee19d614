// A density field sampled on a grid of cells, in image pixel units: what the dot placer consumes.

export interface DensityGrid {
  /** Cells across and down. */
  width: number;
  height: number;
  /** Image pixels per cell side (the field may be coarser than the photo). */
  cellPx: number;
  /** Wanted dots per image px², one value per cell, row-major. */
  values: Float32Array;
}

export function assertDensityGrid(grid: DensityGrid, name = 'density'): void {
  if (!Number.isInteger(grid.width) || !Number.isInteger(grid.height) || grid.width <= 0 || grid.height <= 0) {
    throw new RangeError(`${name}: width and height must be positive integers, got ${grid.width}x${grid.height}`);
  }
  if (!(grid.cellPx > 0) || !Number.isFinite(grid.cellPx)) throw new RangeError(`${name}: cellPx must be positive, got ${grid.cellPx}`);
  if (grid.values.length !== grid.width * grid.height) {
    throw new RangeError(`${name}: expected ${grid.width * grid.height} values, got ${grid.values.length}`);
  }
  for (let c = 0; c < grid.values.length; c++) {
    const v = grid.values[c];
    if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name}: values[${c}] must be finite and >= 0, got ${v}`);
  }
}
