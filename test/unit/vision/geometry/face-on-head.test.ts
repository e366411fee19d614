import { describe, expect, it } from 'vitest';
import { shareOnHead, type Point } from '../../../../src/vision/geometry/face-on-head.js';
import type { Segmentation } from '../../../../src/vision/image.js';

// A 10x10 segmentation whose left half is head (skin), the right half background.
function halfHead(): Segmentation {
  const labels = new Uint8Array(100);
  for (let y = 0; y < 10; y++) for (let x = 0; x < 5; x++) labels[y * 10 + x] = 1;
  return { width: 10, height: 10, labels, probs: new Float32Array(400) } as Segmentation;
}

describe('shareOnHead', () => {
  it('counts the points on the head, in the photo frame scaled to the mask', () => {
    const seg = halfHead();
    // the photo is 100x100: x < 50 is head
    const pts: Point[] = [[10, 10], [49, 90], [50, 50], [99, 0]];
    expect(shareOnHead(pts, seg, 100, 100)).toBe(0.5);
    expect(shareOnHead([[5, 5]], seg, 10, 10)).toBe(0);
    expect(shareOnHead([[4.9, 9.9]], seg, 10, 10)).toBe(1);
  });

  it('counts points off the photo as off the head, and checks its size', () => {
    const seg = halfHead();
    expect(shareOnHead([[-1, 5], [2, 12], [2, 2], [2, 3]], seg, 10, 10)).toBe(0.5);
    expect(shareOnHead([], seg, 10, 10)).toBe(0);
    expect(() => shareOnHead([[1, 1]], seg, 0, 10)).toThrow(/positive/);
  });
});
