// Where the scar still shows: per-pixel ΔE76 between the after photo, smoothed to the scale at which a
// person blends dots into a tone, and the surround's colour. Shown over the scar and its ring. The
// smoothing mixes light (linear RGB, then CIELAB), as the eye and region-colour.ts do.
import { deltaE76, linearToLab, SRGB_TO_LINEAR, type Lab } from '../colour/convert.js';
import type { RgbImage } from '../image.js';
import type { ScarRegions } from './masks.js';
import { withMats, type OpenCv } from './opencv.js';

/** Smoothing sigma (px): a few dot spacings, so the map shows tone, not single dots. */
export const HEATMAP_SIGMA_PX = 4;

export function heatmapDeltaE(cv: OpenCv, img: RgbImage, r: ScarRegions, box: { x0: number; y0: number; x1: number; y1: number }, surround: Lab, sigma = HEATMAP_SIGMA_PX): Float32Array {
  const { width: W, height: H } = img;
  const cw = box.x1 - box.x0 + 1;
  const ch = box.y1 - box.y0 + 1;
  const planes = [0, 1, 2].map((c) => {
    const crop = new Float32Array(cw * ch);
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) crop[y * cw + x] = SRGB_TO_LINEAR[img.data[3 * ((y + box.y0) * W + x + box.x0) + c]];
    }
    return withMats((keep) => {
      const src = keep(cv.matFromArray(ch, cw, cv.CV_32F, crop));
      const dst = keep(new cv.Mat());
      const k = 2 * Math.ceil(3 * sigma) + 1;
      cv.GaussianBlur(src, dst, new cv.Size(k, k), sigma, sigma, cv.BORDER_REFLECT);
      return Float32Array.from(dst.data32F);
    });
  });
  const out = new Float32Array(W * H).fill(Number.NaN);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const gi = (y + box.y0) * W + x + box.x0;
      if (!r.scar[gi] && !r.ring[gi]) continue;
      const j = y * cw + x;
      out[gi] = deltaE76(linearToLab(planes[0][j], planes[1][j], planes[2][j]), surround);
    }
  }
  return out;
}
