import { describe, expect, it } from 'vitest';
import type { FieldGrid, PreparedField } from '../../../../src/plan/density/grid.js';
import { distanceToOutside, insideSkullOutline } from '../../../../src/plan/density/skull-outline.js';

// A bald top view on a 240 x 240 grid, face towards +y (down the image): a skull ellipse of half-breadth
// 50 (across, x) and half-length 65 (along the face axis, y), centred at (120, 120).
const W = 240, H = 240;
const GRID: FieldGrid = { width: W, height: H, cellPx: 1, imageWidth: W, imageHeight: H };
const FACE: [number, number] = [0, 1];
const at = (x: number, y: number) => y * W + x;

function head(extra: (x: number, y: number) => boolean = () => false, cx = 120, cy = 120): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) if (((x - cx) / 50) ** 2 + ((y - cy) / 65) ** 2 <= 1 || extra(x, y)) m[at(x, y)] = 1;
  }
  return m;
}

const field = (m: Uint8Array): PreparedField => ({ grid: GRID, probs: new Float32Array(4 * W * H), head: m });
const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

describe('distanceToOutside', () => {
  it('measures the distance to the nearest cell outside the mask, the grid edge not counting as outside', () => {
    const m = new Uint8Array(10 * 5).fill(1);
    m[2 * 10 + 0] = 0; // one outside cell on the left edge, row 2
    const d = distanceToOutside(m, 10, 5);
    expect(d[2 * 10 + 0]).toBe(0);
    expect(d[2 * 10 + 4]).toBeCloseTo(4, 5);
    // diagonal steps cost 4/3: from (0, 2) to (3, 0) is 2 diagonal + 1 straight
    expect(d[0 * 10 + 3]).toBeCloseTo((2 * 4 + 3) / 3, 5);
    expect(distanceToOutside(new Uint8Array(6).fill(1), 3, 2).every((v) => v === Infinity)).toBe(true);
  });
});

describe('insideSkullOutline (top views with no rim of hair)', () => {
  it('keeps a lone skull whole', () => {
    const r = insideSkullOutline(field(head()), FACE)!;
    expect(r.cut).toBe(0);
    expect(r.radius).toBeGreaterThan(48);
    expect(r.radius).toBeLessThan(52);
    expect(r.centre[0]).toBeCloseTo(120, -1);
  });

  it('cuts arms reaching out from the sides and an arm up the back, keeping the skull', () => {
    const arms = (x: number, y: number) => (Math.abs(y - 110) <= 12 && (x < 120 || x > 120)) || (Math.abs(x - 130) <= 10 && y < 120);
    const m = head(arms);
    const r = insideSkullOutline(field(m), FACE)!;
    expect(r.cut).toBeGreaterThan(0);
    expect(r.head[at(5, 110)]).toBe(0); // the far end of the left arm
    expect(r.head[at(235, 110)]).toBe(0);
    expect(r.head[at(130, 3)]).toBe(0); // up the back
    // every cell of the skull itself stays
    const skull = head();
    expect(skull.filter((v, c) => v && !r.head[c]).length).toBe(0);
    expect(count(r.head)).toBeLessThan(count(m));
  });

  it('leaves a head the photo cuts off as it is: the frame edge is not its outline', () => {
    // The skull centred near the top edge: half of it outside the photo.
    const m = head(() => false, 120, 10);
    const r = insideSkullOutline(field(m), FACE)!;
    expect(r.cut).toBe(0);
  });

  it('keeps the skull when skin read off the frame beside it (a floor, a wall) widens the head', () => {
    // A broad strip along the right of the photo and the top and bottom edges, joined to the skull: open
    // to the frame's edge, it holds a wider disc than the skull does, away from the skull.
    const m = head((x, y) => x > 165 || y < 15 || y > 225);
    const r = insideSkullOutline(field(m), FACE)!;
    expect(r).not.toBeNull();
    expect(r.cut).toBeGreaterThan(0); // the strip's far parts go
    expect(head().filter((v, c) => v && !r.head[c]).length).toBe(0);
  });

  it('keeps a piece of the head that lies wholly inside the ellipse (a bald head split by hair read as background)', () => {
    const m = head((x) => x > 230); // a strip at the frame's right edge, to be cut
    for (let x = 0; x < W; x++) for (let y = 160; y < 163; y++) m[at(x, y)] = 0; // the split
    const r = insideSkullOutline(field(m), FACE)!;
    expect(r.cut).toBeGreaterThan(0);
    // the skull's lower piece, below the split, stays whole
    expect(head().filter((v, c) => v && Math.floor(c / W) > 163 && !r.head[c]).length).toBe(0);
  });

  it("cuts an ear: a thin flap on the skull's side, inside the ellipse, that the opening takes", () => {
    // 8 cells thick (under twice the opening radius, 0.13 x 50 = 6.5), 20 out from the left side
    const ear = (x: number, y: number) => x >= 50 && x < 72 && y >= 116 && y < 124;
    const m = head(ear);
    const r = insideSkullOutline(field(m), FACE)!;
    expect(r.head[at(55, 120)]).toBe(0);
    expect(r.cut).toBeGreaterThan(80);
    expect(head().filter((v, c) => v && !r.head[c]).length).toBe(0); // the skull stays whole
    // without the opening the ellipse keeps it
    expect(insideSkullOutline(field(m), FACE, { openRadius: 0 })!.head[at(55, 120)]).toBe(1);
  });

  it('cuts nothing when the cut would be under minCutShare of the head', () => {
    const m = head((x, y) => x >= 190 && x <= 196 && Math.abs(y - 120) <= 1); // a sliver just past the ellipse
    const r = insideSkullOutline(field(m), FACE)!;
    expect(r.cut).toBe(0);
    expect(r.head).toEqual(m);
    expect(insideSkullOutline(field(m), FACE, { minCutShare: 0 })!.cut).toBeGreaterThan(0);
  });

  it('cuts nothing when the head fills the photo, or when the cut would take most of the head', () => {
    expect(insideSkullOutline(field(new Uint8Array(W * H).fill(1)), FACE)).toBeNull();
    // A background streak across the middle halves the widest disc: the ellipse would keep too little.
    const m = head((x, y) => y > 200 || x < 30 || x > 210);
    for (let x = 0; x < W; x++) for (let y = 118; y <= 122; y++) m[at(x, y)] = 0;
    expect(insideSkullOutline(field(m), FACE, { maxCutShare: 0.3 })).toBeNull();
  });

  it('checks its arguments', () => {
    expect(() => insideSkullOutline(field(head()), [0, 0])).toThrow(/non-zero/);
    expect(() => insideSkullOutline({ ...field(head()), head: new Uint8Array(3) }, FACE)).toThrow(/cells/);
    expect(() => insideSkullOutline(field(head()), FACE, { lateral: 0 })).toThrow(/positive/);
  });
});
