// Walker/Vose alias table: O(1) draws of an index with probability proportional to its weight.
// Used to throw darts where the density wants them, whatever the field's shape.

export interface AliasTable {
  /** Indices that can be drawn (weights > 0), compacted. */
  items: Int32Array;
  prob: Float64Array;
  alias: Int32Array;
  /** Sum of the weights. */
  total: number;
}

/** Builds a table over the indices with positive weight; `include` can exclude some of them. */
export function buildAlias(weights: ArrayLike<number>, include?: (index: number) => boolean): AliasTable {
  let n = 0;
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w > 0 && (!include || include(i))) {
      n++;
      total += w;
    }
  }
  const items = new Int32Array(n);
  const scaled = new Float64Array(n);
  for (let i = 0, k = 0; i < weights.length; i++) {
    const w = weights[i];
    if (w > 0 && (!include || include(i))) {
      items[k] = i;
      scaled[k++] = (w * n) / total;
    }
  }
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0, nl = 0;
  for (let k = 0; k < n; k++) {
    if (scaled[k] < 1) small[ns++] = k;
    else large[nl++] = k;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  // What is left is 1 up to rounding.
  while (nl > 0) prob[large[--nl]] = 1;
  while (ns > 0) prob[small[--ns]] = 1;
  return { items, prob, alias, total };
}

/** Draws an index (of the original weights) from two uniforms in [0, 1). */
export function drawAlias(table: AliasTable, u1: number, u2: number): number {
  const k = Math.floor(u1 * table.items.length);
  return table.items[u2 < table.prob[k] ? k : table.alias[k]];
}
