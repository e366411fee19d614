// Connected groups of positive cells (4-neighbour), two-pass labelling with union-find: linear
// memory access, a few ms for a megapixel field. The fill needs one seed per group it cannot reach,
// so each group also reports its first cell (scan order) and bounding box.

export interface Components {
  /** Group of each cell, 0..count-1, or -1 where the value is not positive. */
  label: Int32Array;
  count: number;
  /** First cell of each group in scan order. */
  first: Int32Array;
  /** Bounding box per group in cells: x0, y0, x1, y1 (inclusive). */
  box: Int32Array;
}

export function positiveComponents(width: number, height: number, values: ArrayLike<number>): Components {
  const cells = width * height;
  if (values.length !== cells) throw new RangeError(`expected ${cells} values, got ${values.length}`);
  const label = new Int32Array(cells).fill(-1);
  const parent: number[] = [];
  const bounds: number[] = []; // per provisional label: x0, y0, x1, y1, first cell
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let runLabel = -1;
    for (let x = 0; x < width; x++) {
      const c = row + x;
      if (!(values[c] > 0)) {
        runLabel = -1;
        continue;
      }
      const up = y > 0 ? label[c - width] : -1;
      if (runLabel < 0) {
        if (up >= 0) runLabel = up;
        else {
          runLabel = parent.length;
          parent.push(runLabel);
          bounds.push(x, y, x, y, c);
        }
      } else if (up >= 0 && up !== runLabel) {
        const a = find(runLabel), b = find(up);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
      label[c] = runLabel;
      const b = runLabel * 5;
      if (x < bounds[b]) bounds[b] = x;
      if (x > bounds[b + 2]) bounds[b + 2] = x;
      if (y > bounds[b + 3]) bounds[b + 3] = y;
    }
  }
  // Roots renumbered 0..count-1 in scan order of their first cell; boxes merged into the root's.
  const final = new Int32Array(parent.length).fill(-1);
  let count = 0;
  for (let k = 0; k < parent.length; k++) {
    const r = find(k);
    if (final[r] < 0) final[r] = count++;
    final[k] = final[r];
  }
  const first = new Int32Array(count).fill(-1);
  const box = new Int32Array(count * 4);
  for (let k = 0; k < parent.length; k++) {
    const g = final[k], b = k * 5;
    if (first[g] < 0) {
      first[g] = bounds[b + 4];
      box.set([bounds[b], bounds[b + 1], bounds[b + 2], bounds[b + 3]], g * 4);
    } else {
      box[g * 4] = Math.min(box[g * 4], bounds[b]);
      box[g * 4 + 1] = Math.min(box[g * 4 + 1], bounds[b + 1]);
      box[g * 4 + 2] = Math.max(box[g * 4 + 2], bounds[b + 2]);
      box[g * 4 + 3] = Math.max(box[g * 4 + 3], bounds[b + 3]);
      if (bounds[b + 4] < first[g]) first[g] = bounds[b + 4];
    }
  }
  for (let c = 0; c < cells; c++) if (label[c] >= 0) label[c] = final[label[c]];
  return { label, count, first, box };
}
