// Pigment dots (and hair stubble) as small dark blobs: a difference-of-Gaussians scale space on L*,
// local maxima over space and neighbouring scales (Lowe 2004 / Lindeberg's blob detector, dark
// polarity). Blurring is OpenCV's; the search is ours because OpenCV.js ships no blob detector.
import { withMats, type OpenCv } from './opencv.js';

export interface Dot {
  x: number;
  y: number;
  /** Blob scale: the Gaussian sigma (px) at which it responded most; radius ≈ 1.41·sigma. */
  sigma: number;
  /** Local background L* minus L* at the centre. */
  contrast: number;
  /** L* at the centre (finest blur): how dark the dot itself reads, whatever the skin around it. */
  centreL: number;
  /** Edge width (px): contrast over the steepest L* gradient near the dot. ~1-2 px for a crisp dot,
   * about 1.65x the blur sigma for ink spread under the skin. */
  edgeWidthPx: number;
}

export interface DotOptions {
  /** Smallest and largest blob sigma searched, px. */
  minSigma?: number;
  maxSigma?: number;
  /** Minimum dot contrast in L* against its local background. */
  minContrast?: number;
}

export const DOT_DEFAULTS: Required<DotOptions> = { minSigma: 0.8, maxSigma: 8, minContrast: 6 };

/**
 * Dark blobs in the L* plane inside `region` (a 0/1 mask), searched only within the region's bounding
 * box (plus margin). Returns dots whose centres fall inside the region.
 */
export function detectDots(
  cv: OpenCv,
  L: Float32Array,
  width: number,
  height: number,
  region: Uint8Array,
  box: { x0: number; y0: number; x1: number; y1: number },
  options: DotOptions = {},
): Dot[] {
  const o = { ...DOT_DEFAULTS, ...options };
  if (!(o.minSigma > 0 && o.maxSigma > o.minSigma)) throw new RangeError(`need 0 < minSigma < maxSigma, got ${o.minSigma}, ${o.maxSigma}`);
  const k = Math.SQRT2;
  const sigmas: number[] = [];
  for (let s = o.minSigma / k; s <= o.maxSigma * k * 1.001; s *= k) sigmas.push(s);
  const margin = Math.ceil(3 * sigmas[sigmas.length - 1]);
  const x0 = Math.max(0, box.x0 - margin);
  const y0 = Math.max(0, box.y0 - margin);
  const x1 = Math.min(width - 1, box.x1 + margin);
  const y1 = Math.min(height - 1, box.y1 + margin);
  const w = x1 - x0 + 1;
  const h = y1 - y0 + 1;
  if (w < 3 || h < 3) return [];
  const crop = new Float32Array(w * h);
  for (let y = 0; y < h; y++) crop.set(L.subarray((y + y0) * width + x0, (y + y0) * width + x0 + w), y * w);

  const { blurred, grad } = withMats((keep) => {
    const src = keep(cv.matFromArray(h, w, cv.CV_32F, crop));
    const blurred = sigmas.map((s) => {
      const dst = keep(new cv.Mat());
      const ks = 2 * Math.ceil(3 * s) + 1;
      cv.GaussianBlur(src, dst, new cv.Size(ks, ks), s, s, cv.BORDER_REFLECT);
      return Float32Array.from(dst.data32F);
    });
    // Gradient magnitude (L* per px) on the finest blur, for the dots' edge widths.
    const fine = keep(cv.matFromArray(h, w, cv.CV_32F, blurred[0]));
    const gx = keep(new cv.Mat());
    const gy = keep(new cv.Mat());
    cv.Scharr(fine, gx, cv.CV_32F, 1, 0, 1 / 32, 0, cv.BORDER_REFLECT);
    cv.Scharr(fine, gy, cv.CV_32F, 0, 1, 1 / 32, 0, cv.BORDER_REFLECT);
    const grad = new Float32Array(w * h);
    for (let i = 0; i < grad.length; i++) grad[i] = Math.hypot(gx.data32F[i], gy.data32F[i]);
    return { blurred, grad };
  });
  // dog[j] = B(sigma_{j+1}) - B(sigma_j): positive on dark blobs of scale ~ sigma_j·sqrt(k).
  const dog = blurred.slice(0, -1).map((b, j) => {
    const next = blurred[j + 1];
    const d = new Float32Array(w * h);
    for (let i = 0; i < d.length; i++) d[i] = next[i] - b[i];
    return d;
  });
  const dots: Dot[] = [];
  // Per-scale threshold: a dot of contrast c gives a DoG peak of a fraction of c; 0.25·minContrast
  // admits candidates, the contrast test below decides.
  const t = 0.25 * o.minContrast;
  for (let j = 1; j < dog.length - 1; j++) {
    const scale = sigmas[j] * Math.sqrt(k);
    if (scale < o.minSigma || scale > o.maxSigma) continue;
    const d = dog[j];
    for (let y = 1; y < h - 1; y++) {
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        const v = d[i];
        if (v < t) continue;
        const gx = x + x0;
        const gy = y + y0;
        if (!region[gy * width + gx]) continue;
        if (!isMax(dog, j, i, w, v)) continue;
        // Contrast: the surround at ~3 sigma against the centre at the finest blur.
        const bg = blurred[Math.min(blurred.length - 1, j + 3)][i];
        const contrast = bg - blurred[0][i];
        if (contrast < o.minContrast) continue;
        dots.push({ x: gx, y: gy, sigma: scale, contrast, centreL: blurred[0][i], edgeWidthPx: contrast / Math.max(1e-3, maxNear(grad, w, h, x, y, Math.max(2, 2 * scale))) });
      }
    }
  }
  return dots;
}

function maxNear(g: Float32Array, w: number, h: number, cx: number, cy: number, r: number): number {
  let m = 0;
  const R = Math.ceil(r);
  for (let y = Math.max(0, cy - R); y <= Math.min(h - 1, cy + R); y++) {
    for (let x = Math.max(0, cx - R); x <= Math.min(w - 1, cx + R); x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r && g[y * w + x] > m) m = g[y * w + x];
    }
  }
  return m;
}

function isMax(dog: Float32Array[], j: number, i: number, w: number, v: number): boolean {
  for (let dj = -1; dj <= 1; dj++) {
    const d = dog[j + dj];
    for (const off of [-w - 1, -w, -w + 1, -1, 0, 1, w - 1, w, w + 1]) {
      if (dj === 0 && off === 0) continue;
      if (d[i + off] > v || (d[i + off] === v && off < 0)) return false;
    }
  }
  return true;
}

/** Dots per 1000 px² of a region, and per cm² when the scale is known. */
export function dotDensity(count: number, areaPx: number, pxPerCm?: number): { per1000Px2: number; perCm2: number | null } {
  if (areaPx <= 0) return { per1000Px2: 0, perCm2: pxPerCm ? 0 : null };
  const per1000Px2 = (1000 * count) / areaPx;
  return { per1000Px2, perCm2: pxPerCm ? (count * pxPerCm * pxPerCm) / areaPx : null };
}
