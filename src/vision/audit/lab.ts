// Per-pixel CIELAB (D65) of a photo inside a region of interest, through the project's culori-based
// conversion. Photos repeat colours a lot, so each distinct RGB triple is converted once.
import { srgb8ToLab } from '../colour/convert.js';
import { assertRgb, type RgbImage } from '../image.js';

export interface LabPlanes {
  width: number;
  height: number;
  L: Float32Array;
  a: Float32Array;
  b: Float32Array;
  /** 1 where the planes were computed (inside the region of interest). */
  computed: Uint8Array;
}

/** Lab of the pixels where roi is non-zero (every pixel when roi is omitted); 0 elsewhere. */
export function labPlanes(img: RgbImage, roi?: Uint8Array): LabPlanes {
  assertRgb(img);
  const n = img.width * img.height;
  if (roi && roi.length !== n) throw new RangeError(`labPlanes: roi has ${roi.length} entries, image ${n}`);
  const L = new Float32Array(n);
  const A = new Float32Array(n);
  const B = new Float32Array(n);
  const computed = new Uint8Array(n);
  const cache = new Map<number, number>();
  const table: number[] = [];
  const d = img.data;
  for (let i = 0; i < n; i++) {
    if (roi && !roi[i]) continue;
    const key = (d[3 * i] << 16) | (d[3 * i + 1] << 8) | d[3 * i + 2];
    let k = cache.get(key);
    if (k === undefined) {
      const lab = srgb8ToLab(d[3 * i], d[3 * i + 1], d[3 * i + 2]);
      k = table.length;
      table.push(lab[0], lab[1], lab[2]);
      cache.set(key, k);
    }
    L[i] = table[k];
    A[i] = table[k + 1];
    B[i] = table[k + 2];
    computed[i] = 1;
  }
  return { width: img.width, height: img.height, L, a: A, b: B, computed };
}
