// Resamples a moving photo into the reference frame through a homography (moving -> reference).
import type { RgbImage } from '../image.js';
import { withMats, type OpenCv } from './opencv.js';

export interface Warped {
  image: RgbImage;
  /** 1 where the warped photo has real pixels (inside the moving photo, 2 px from its edge). */
  valid: Uint8Array;
}

export function warpToReference(cv: OpenCv, moving: RgbImage, h: readonly number[], width: number, height: number): Warped {
  if (h.length !== 9) throw new RangeError(`a homography has 9 entries, got ${h.length}`);
  return withMats((keep) => {
    const src = keep(new cv.Mat(moving.height, moving.width, cv.CV_8UC3));
    src.data.set(moving.data);
    const m = keep(cv.matFromArray(3, 3, cv.CV_64F, Array.from(h)));
    const dst = keep(new cv.Mat());
    const size = new cv.Size(width, height);
    cv.warpPerspective(src, dst, m, size, cv.INTER_LINEAR, cv.BORDER_CONSTANT, new cv.Scalar(0, 0, 0, 0));
    // Validity: warp an all-ones plane with a 2 px zero frame, so border-interpolated pixels are dropped.
    const ones = keep(cv.Mat.zeros(moving.height, moving.width, cv.CV_8UC1));
    const inner = keep(ones.roi(new cv.Rect(2, 2, Math.max(0, moving.width - 4), Math.max(0, moving.height - 4))));
    inner.setTo(new cv.Scalar(1));
    const v = keep(new cv.Mat());
    cv.warpPerspective(ones, v, m, size, cv.INTER_NEAREST, cv.BORDER_CONSTANT, new cv.Scalar(0));
    return { image: { width, height, data: Uint8Array.from(dst.data) }, valid: Uint8Array.from(v.data) };
  });
}
