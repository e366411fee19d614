// Intersection-over-union bookkeeping for segmentation evaluation. Pooled over pixels (every pixel of
// every image counts once), with an ignore value for pixels the reference leaves undecided.

export interface IouCounts {
  inter: number[];
  union: number[];
  /** Pixels of each class in the reference (to tell "absent" from "0 IoU"). */
  support: number[];
}

export function emptyCounts(classes: number): IouCounts {
  return { inter: new Array(classes).fill(0), union: new Array(classes).fill(0), support: new Array(classes).fill(0) };
}

/** Adds one image: predicted and reference labels of equal length; reference pixels equal to `ignore` are skipped. */
export function addIou(acc: IouCounts, pred: Uint8Array, ref: Uint8Array, ignore = 255): IouCounts {
  if (pred.length !== ref.length) throw new RangeError(`prediction has ${pred.length} pixels, reference ${ref.length}`);
  const k = acc.inter.length;
  for (let i = 0; i < ref.length; i++) {
    const r = ref[i];
    if (r === ignore) continue;
    const p = pred[i];
    if (r >= k) throw new RangeError(`reference label ${r} at pixel ${i} is outside 0..${k - 1}`);
    acc.support[r]++;
    if (p === r) {
      acc.inter[r]++;
      acc.union[r]++;
    } else {
      acc.union[r]++;
      if (p < k) acc.union[p]++;
    }
  }
  return acc;
}

/** IoU per class; null where neither reference nor prediction has the class. */
export function iouOf(acc: IouCounts): (number | null)[] {
  return acc.inter.map((v, c) => (acc.union[c] > 0 ? v / acc.union[c] : null));
}
