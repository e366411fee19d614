import { describe, expect, it } from 'vitest';
import { checkOutputDims, toSegmentation } from '../../../../src/models/scalp-seg/postprocess.js';

describe('checkOutputDims', () => {
  it('accepts [1, classes, size, size]', () => {
    expect(() => checkOutputDims([1, 4, 8, 8], 4, 8)).not.toThrow();
  });
  it('rejects a wrong batch, class count or size with the dims in the message', () => {
    expect(() => checkOutputDims([2, 4, 8, 8], 4, 8)).toThrow(/\[2, 4, 8, 8\]/);
    expect(() => checkOutputDims([1, 3, 8, 8], 4, 8)).toThrow(RangeError);
    expect(() => checkOutputDims([1, 4, 8, 7], 4, 8)).toThrow(RangeError);
  });
});

describe('toSegmentation', () => {
  it('upsamples 2x2 class planes bilinearly to the photo size and takes the arg-max', () => {
    // 4 classes at 2x2: left column skin, right column hair
    const out = new Float32Array(16);
    const plane = 4;
    out[plane + 0] = 1; // skin (0,0)
    out[plane + 2] = 1; // skin (0,1)
    out[2 * plane + 1] = 1; // hair (1,0)
    out[2 * plane + 3] = 1; // hair (1,1)
    const seg = toSegmentation(out, 4, 2, 4, 2);
    expect(seg.width).toBe(4);
    expect(seg.height).toBe(2);
    // x centres map to source x = (x+0.5)*0.5-0.5 -> -0.25, 0.25, 0.75, 1.25 (clamped): skin weight 1, .75, .25, 0
    const skin = Array.from(seg.probs.subarray(8, 12));
    expect(skin).toEqual([1, 0.75, 0.25, 0].map((v) => expect.closeTo(v, 5)));
    expect(Array.from(seg.labels)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    for (let i = 0; i < 8; i++) {
      let s = 0;
      for (let c = 0; c < 4; c++) s += seg.probs[c * 8 + i];
      expect(s).toBeCloseTo(1, 6);
    }
  });
  it('rejects a non-positive target size', () => {
    expect(() => toSegmentation(new Float32Array(16), 4, 2, 0, 2)).toThrow(/positive/);
  });
});
