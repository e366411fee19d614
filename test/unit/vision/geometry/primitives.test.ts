import { describe, expect, it } from 'vitest';
import { downsampleSegmentation, workingSize } from '../../../../src/vision/geometry/downsample.js';
import { connectedComponents, fillHoles, headRegion, traceOutline } from '../../../../src/vision/geometry/head.js';
import { canonicalToPhoto, mirrorPlane, rotatePlaneCcw } from '../../../../src/vision/geometry/planes.js';
import { decideOrientation, jointProbabilities } from '../../../../src/vision/geometry/orientation.js';
import { cellsInRects, rectCells, scaleMask } from '../../../../src/vision/geometry/zones.js';

describe('rotatePlaneCcw', () => {
  // 3 x 2 plane:  1 2 3 / 4 5 6
  const p = Float32Array.from([1, 2, 3, 4, 5, 6]);
  it('turns counter-clockwise by one quarter', () => {
    const r = rotatePlaneCcw(p, 3, 2, 1);
    expect([r.width, r.height]).toEqual([2, 3]);
    expect(Array.from(r.data)).toEqual([3, 6, 2, 5, 1, 4]);
  });
  it('turns by a half', () => {
    expect(Array.from(rotatePlaneCcw(p, 3, 2, 2).data)).toEqual([6, 5, 4, 3, 2, 1]);
  });
  it('four quarter-turns give the plane back', () => {
    let r = { data: p, width: 3, height: 2 };
    for (let i = 0; i < 4; i++) r = rotatePlaneCcw(r.data, r.width, r.height, 1);
    expect(Array.from(r.data)).toEqual(Array.from(p));
  });
  it('mirrors left-right', () => {
    expect(Array.from(mirrorPlane(p, 3, 2))).toEqual([3, 2, 1, 6, 5, 4]);
  });
  it('canonicalToPhoto inverts the turn', () => {
    // pixel centre (0.5, 0.5) of the plane turned once counter-clockwise holds photo pixel (2, 0)
    expect(canonicalToPhoto(0.5, 0.5, 3, 2, 1, false)).toEqual([2.5, 0.5]);
    expect(canonicalToPhoto(0.5, 0.5, 3, 2, 0, true)).toEqual([2.5, 0.5]);
  });
});

describe('downsampleSegmentation', () => {
  it('keeps the aspect ratio within the working side', () => {
    expect(workingSize(640, 480)).toEqual({ width: 128, height: 96 });
    expect(workingSize(100, 50)).toEqual({ width: 100, height: 50 });
  });
  it('area-averages probabilities (mean preserved)', () => {
    const w = 640;
    const h = 640;
    const n = w * h;
    const probs = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) {
      const hair = (i % w) < 320 ? 1 : 0; // left half hair, right half background
      probs[2 * n + i] = hair;
      probs[i] = 1 - hair;
    }
    const d = downsampleSegmentation({ width: w, height: h, probs, labels: new Uint8Array(n) });
    expect(d.width).toBe(128);
    const m = d.width * d.height;
    let hair = 0;
    for (let i = 0; i < m; i++) hair += d.probs[2 * m + i];
    expect(hair / m).toBeCloseTo(0.5, 5);
    expect(d.labels[0]).toBe(2);
    expect(d.labels[127]).toBe(0);
  });
  it('rejects a segmentation whose planes do not match its size', () => {
    expect(() => downsampleSegmentation({ width: 10, height: 10, probs: new Float32Array(10), labels: new Uint8Array(100) })).toThrow(/expected 400/);
  });
  it('computes a segmentation\'s working grid once per size (geometry and the pattern input share it)', () => {
    const w = 300;
    const probs = Float32Array.from({ length: 4 * w * w }, (_, i) => (i % 7) / 7);
    const seg = { width: w, height: w, probs, labels: new Uint8Array(w * w) };
    const a = downsampleSegmentation(seg);
    expect(downsampleSegmentation(seg)).toBe(a);
    expect(downsampleSegmentation(seg, 64).width).toBe(64);
    // another segmentation with the same values: its own result, the same numbers
    const b = downsampleSegmentation({ ...seg, probs: probs.slice() });
    expect(b).not.toBe(a);
    expect(Array.from(b.probs)).toEqual(Array.from(a.probs));
  });
});

describe('head region primitives', () => {
  it('labels 4-connected components', () => {
    const m = Uint8Array.from([1, 1, 0, 0, 0, 1, 0, 1, 1]);
    const { sizes } = connectedComponents(m, 3, 3);
    expect(sizes.slice(1).sort()).toEqual([2, 3]);
  });
  it('fills enclosed holes but not bays open to the border', () => {
    const m = Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(fillHoles(m, 3, 3))).toEqual(new Array(9).fill(1));
    const bay = Uint8Array.from([1, 0, 1, 1, 0, 1, 1, 1, 1]);
    expect(Array.from(fillHoles(bay, 3, 3))).toEqual(Array.from(bay));
  });
  it('keeps the largest blob of non-background', () => {
    const w = 20;
    const bg = new Float32Array(w * w).fill(1);
    for (let y = 2; y < 12; y++) for (let x = 2; x < 12; x++) bg[y * w + x] = 0; // 10x10
    for (let y = 15; y < 19; y++) for (let x = 15; x < 19; x++) bg[y * w + x] = 0; // 4x4
    const r = headRegion(bg, w, w);
    expect(r.area).toBe(100);
    expect([r.x0, r.y0, r.x1, r.y1]).toEqual([2, 2, 12, 12]);
    expect(r.sidesTouched).toBe(0);
  });
  it('traces an outline around the region', () => {
    const w = 10;
    const m = new Uint8Array(w * w);
    for (let y = 2; y < 8; y++) for (let x = 3; x < 7; x++) m[y * w + x] = 1;
    const o = traceOutline(m, w, w);
    expect(o.length).toBeGreaterThan(8);
    for (const [x, y] of o) {
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
      expect(y).toBeGreaterThanOrEqual(2);
      expect(y).toBeLessThanOrEqual(8);
    }
  });
});

describe('joint orientation and view', () => {
  it('picks the turn of the given view, or the best turn over all views', () => {
    const zero = [0, 0, 0, 0];
    const tables = [[[3, 0, 0, 0], zero, zero, zero, [0, 0, 5, 0]]];
    const joint = jointProbabilities(tables);
    expect(decideOrientation(joint, 'front').orientation).toBe(0);
    expect(decideOrientation(joint, 'back').orientation).toBe(180);
    expect(decideOrientation(joint, null).orientation).toBe(180);
    const total = joint.flat().reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 9);
  });
});

describe('zone rects on the canonical frame', () => {
  const box = { x0: 2, y0: 1, x1: 6, y1: 5 }; // 4 x 4 cells

  it('rectCells floors the start, ceils the end and clips to the frame', () => {
    expect(rectCells(box, [0, 0.5, 0, 0.5], 8, 8)).toEqual([2, 4, 1, 3]);
    expect(rectCells(box, [0.1, 0.6, 0.9, 2], 8, 6)).toEqual([2, 5, 4, 6]);
    expect(rectCells({ x0: 3, y0: 3, x1: 3, y1: 5 }, [0, 1, 0, 1], 8, 8)).toBeNull();
  });

  it('cellsInRects keeps the head cells inside any rect', () => {
    const head = new Uint8Array(64).fill(1);
    head[1 * 8 + 2] = 0; // a hole in the head at the box corner
    const cells = cellsInRects(head, 8, 8, box, [[0, 0.5, 0, 0.5], [0.75, 1, 0.75, 1]]);
    const on: number[] = [];
    cells.forEach((v, i) => v && on.push(i));
    expect(on).toEqual([1 * 8 + 3, 2 * 8 + 2, 2 * 8 + 3, 4 * 8 + 5]);
    expect(() => cellsInRects(head, 7, 8, box, [])).toThrow(/64 cells, expected 56/);
  });

  it('scaleMask maps cell centres by nearest neighbour', () => {
    const m = Uint8Array.from([1, 0, 0, 1]); // 2 x 2 diagonal
    expect(Array.from(scaleMask(m, 2, 2, 4, 2))).toEqual([1, 1, 0, 0, 0, 0, 1, 1]);
    expect(Array.from(scaleMask(Uint8Array.from([1, 0, 1]), 3, 1, 2, 1))).toEqual([1, 1]);
    expect(() => scaleMask(m, 2, 2, 0, 3)).toThrow(/positive integers/);
  });
});
