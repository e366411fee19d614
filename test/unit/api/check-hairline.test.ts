import { describe, expect, it } from 'vitest';
import { checkHairline } from '../../../src/api/routes/plan.js';

// A 12 MP phone photo: the points are in its 1024x768 analysis copy, so the bounds are the copy's.
const photo = { width: 4032, height: 3024, analysisSize: { width: 1024, height: 768 } };
const code = (f: () => void): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as { slug?: string }).slug ?? String(err);
  }
};

describe('checkHairline', () => {
  it('bounds points to one analysis-copy size beyond each edge', () => {
    expect(code(() => checkHairline([[-1024, 0], [2048, 0]], photo, 1024))).toBeNull();
    expect(code(() => checkHairline([[0, 0], [2049, 0]], photo, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[0, -769], [10, 0]], photo, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[0, 1536], [10, 0]], photo, 1024))).toBeNull();
  });

  it('bounds the length to twice the copy\'s perimeter', () => {
    // 4 * (1024 + 768) = 7168 px: a zigzag across the width 7 times is 7168, once more is over.
    const zig = (n: number) => Array.from({ length: n + 1 }, (_, i): [number, number] => [i % 2 ? 1024 : 0, 0]);
    expect(code(() => checkHairline(zig(7), photo, 1024))).toBeNull();
    expect(code(() => checkHairline(zig(8), photo, 1024))).toBe('hairline-too-long');
  });

  it('falls back to the upload fitted inside the analysis side for consultations stored without analysisSize', () => {
    const old = { width: 4032, height: 3024 };
    expect(code(() => checkHairline([[0, 0], [2048, 0]], old, 1024))).toBeNull();
    expect(code(() => checkHairline([[0, 0], [2049, 0]], old, 1024))).toBe('hairline-outside-photo');
    expect(code(() => checkHairline([[0, 0], [2049, 0]], undefined, 1024))).toBeNull();
  });
});
