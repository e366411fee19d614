import { describe, expect, it } from 'vitest';
import { faceShape, implausibleFaceReasons, type Point } from '../../../../src/models/face-landmarks/face-shape.js';

/** A frontal face in iBUG-68 order, eye centres 1 unit apart at y = 0, scaled and placed. */
export function syntheticFace(scale = 60, at: Point = [300, 200], turnDeg = 0): Point[] {
  const u: Point[] = [];
  for (let i = 0; i <= 16; i++) {
    const t = (Math.PI * i) / 16;
    u.push([-Math.cos(t), 0.1 + Math.sin(t) * 1.4]); // jaw 0-16, image-left to image-right via the chin
  }
  for (let i = 0; i < 5; i++) u.push([-0.9 + i * 0.1875, -0.35]); // brow 17-21
  for (let i = 0; i < 5; i++) u.push([0.15 + i * 0.1875, -0.35]); // brow 22-26
  for (let i = 0; i < 4; i++) u.push([0, -0.1 + i * 0.2]); // nose bridge 27-30 (30 = tip at 0.5)
  for (let i = 0; i < 5; i++) u.push([-0.2 + i * 0.1, 0.6]); // nose base 31-35
  const eye = (cx: number, outerLeft: boolean): Point[] => {
    const pts: Point[] = [[-0.22, 0], [-0.1, -0.08], [0.1, -0.08], [0.22, 0], [0.1, 0.08], [-0.1, 0.08]];
    return (outerLeft ? pts : pts).map(([x, y]) => [cx + x, y]);
  };
  u.push(...eye(-0.5, true)); // 36 outer (-0.72) ... 39 inner (-0.28)
  u.push(...eye(0.5, false)); // 42 inner (0.28) ... 45 outer (0.72)
  for (let i = 0; i < 20; i++) {
    const t = (2 * Math.PI * i) / 20;
    u.push([-0.4 * Math.cos(t), 1.0 + 0.12 * Math.sin(t)]); // mouth 48-67
  }
  const c = Math.cos((turnDeg * Math.PI) / 180), s = Math.sin((turnDeg * Math.PI) / 180);
  return u.map(([x, y]) => [at[0] + scale * (c * x - s * y), at[1] + scale * (s * x + c * y)]);
}

describe('faceShape', () => {
  it('reads glabella, canthi, eye centres, IPD and up from the 68 points', () => {
    const s = faceShape(syntheticFace());
    expect(s.glabella[0]).toBeCloseTo(300, 6);
    expect(s.glabella[1]).toBeCloseTo(200 - 0.35 * 60, 6);
    expect(s.leftCanthus).toEqual([300 - 0.72 * 60, 200]);
    expect(s.rightCanthus[0]).toBeCloseTo(300 + 0.72 * 60, 6);
    expect(s.leftEye[0]).toBeCloseTo(270, 6);
    expect(s.interpupillaryPx).toBeCloseTo(60, 6);
    expect(s.up[0]).toBeCloseTo(0, 9);
    expect(s.up[1]).toBeCloseTo(-1, 9);
  });
  it('turns with the face: up points away from the mouth', () => {
    const s = faceShape(syntheticFace(60, [300, 200], 90)); // face turned clockwise: chin towards image-left
    expect(s.up[0]).toBeCloseTo(1, 9);
    expect(s.up[1]).toBeCloseTo(0, 9);
  });
  it('checks its input', () => {
    expect(() => faceShape(syntheticFace().slice(1))).toThrow(/68 iBUG landmarks, got 67/);
    const bad = syntheticFace();
    bad[5] = [Number.NaN, 1];
    expect(() => faceShape(bad)).toThrow(/landmark 5/);
  });
});

describe('implausibleFaceReasons', () => {
  const box = 2.2 * 60; // about the jaw width
  it('accepts a real face shape, upright or turned', () => {
    expect(implausibleFaceReasons(syntheticFace(), box)).toEqual([]);
    expect(implausibleFaceReasons(syntheticFace(60, [300, 200], 73), box)).toEqual([]);
  });
  it('rejects a crumpled face (what the net draws on a forehead)', () => {
    // Everything squeezed into a blob: mouth on the eye line, brows below the eyes.
    const blob = syntheticFace().map(([x, y], i): Point => [x, i >= 48 ? 200 + (y - 200) * 0.1 : i >= 17 && i <= 26 ? 215 : y]);
    const reasons = implausibleFaceReasons(blob, box);
    expect(reasons.some((r) => r.startsWith('mouth below eyes'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('brows above eyes'))).toBe(true);
  });
  it('rejects eyes too small for the box and a mirrored eye', () => {
    expect(implausibleFaceReasons(syntheticFace(), 8 * 60)[0]).toMatch(/^IPD \/ box width 0.13 outside/);
    const swapped = syntheticFace();
    [swapped[36], swapped[39]] = [swapped[39], swapped[36]];
    expect(implausibleFaceReasons(swapped, box)).toContain('outer eye corners not outside the eyes');
  });
  it('refuses faces too small to measure', () => {
    expect(implausibleFaceReasons(syntheticFace(10), 22)).toEqual(['eyes 10 px apart, below 24 px']);
  });
});
