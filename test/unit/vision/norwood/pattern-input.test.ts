import { describe, expect, it } from 'vitest';
import { argmaxLabels } from '../../../../src/models/segmentation/segmenter.js';
import type { Segmentation } from '../../../../src/vision/image.js';
import { patternInput } from '../../../../src/vision/norwood/pattern-input.js';

/** A w x h segmentation: hair (class 2) where `hair(x, y)`, background elsewhere. */
function seg(w: number, h: number, hair: (x: number, y: number) => boolean): Segmentation {
  const n = w * h;
  const probs = new Float32Array(4 * n);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) probs[(hair(x, y) ? 2 : 0) * n + y * w + x] = 1;
  return { width: w, height: h, probs, labels: argmaxLabels(probs, 4, n) };
}
const hairAt = (t: Float32Array, size: number, x: number, y: number): number => t[2 * size * size + y * size + x];

describe('patternInput', () => {
  // hair in the top-left quarter of an 8 x 8 frame
  const s = seg(8, 8, (x, y) => x < 4 && y < 4);

  it('keeps an upright frame, resampled (half-pixel bilinear): 8 -> 4 averages 2 x 2 blocks', () => {
    const t = patternInput(s, 0, 'top', 4);
    expect(t.length).toBe(4 * 16);
    expect(hairAt(t, 4, 0, 0)).toBe(1);
    expect(hairAt(t, 4, 3, 3)).toBe(0);
    expect(t[0]).toBe(0); // background plane, top-left
    expect(t[15]).toBe(1); // background plane, bottom-right
  });

  it('turns counter-clockwise by the orientation: 90 moves the top-left corner to the bottom-left', () => {
    const t = patternInput(s, 90, 'top', 8);
    expect(hairAt(t, 8, 0, 7)).toBe(1);
    expect(hairAt(t, 8, 0, 0)).toBe(0);
    expect(hairAt(patternInput(s, 180, 'top', 8), 8, 7, 7)).toBe(1);
    expect(hairAt(patternInput(s, 270, 'top', 8), 8, 7, 0)).toBe(1);
  });

  it('mirrors right profiles so the face is on the left, and only them', () => {
    expect(hairAt(patternInput(s, 0, 'right', 8), 8, 7, 0)).toBe(1);
    expect(hairAt(patternInput(s, 0, 'left', 8), 8, 0, 0)).toBe(1);
  });

  it('stretches a non-square frame to a square, interpolating between pixels', () => {
    // 4 wide x 2 high, hair in the left half: at 2 x 2 the left column is hair, the right is not
    const t = patternInput(seg(4, 2, (x) => x < 2), 0, 'back', 2);
    expect([hairAt(t, 2, 0, 0), hairAt(t, 2, 1, 0), hairAt(t, 2, 0, 1), hairAt(t, 2, 1, 1)]).toEqual([1, 0, 1, 0]);
    // 3 wide -> 2: output x = 0 samples input x = 0.25 (3/4 of pixel 0, 1/4 of pixel 1)
    const u = patternInput(seg(3, 1, (x) => x === 0), 0, 'back', 2);
    expect(hairAt(u, 2, 0, 0)).toBeCloseTo(0.75, 6);
  });

  it('checks its arguments', () => {
    expect(() => patternInput(s, 45 as never, 'top', 8)).toThrow(/orientation must be one of/);
    expect(() => patternInput(s, 0, 'closeup' as never, 8)).toThrow(/view must be one of/);
    expect(() => patternInput(s, 0, 'top', 0)).toThrow(/size must be a positive integer/);
  });
});
