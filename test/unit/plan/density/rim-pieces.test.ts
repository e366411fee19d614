import { describe, expect, it } from 'vitest';
import type { FieldGrid, PreparedField } from '../../../../src/plan/density/grid.js';
import { outsideRimPieces } from '../../../../src/plan/density/rim-pieces.js';
import { ellipseRadius, type Ellipse } from '../../../../src/plan/density/skull-ellipse.js';

// A top view on a 240 x 240 grid, face towards +y (down the image): a skull ellipse of semi-axes 65
// (along y) and 50 (across) centred at (120, 120), hair round a bald top of radius 0.6.
const W = 240, H = 240, N = W * H;
const GRID: FieldGrid = { width: W, height: H, cellPx: 1, imageWidth: W, imageHeight: H };
const SKULL: Ellipse = { cx: 120, cy: 120, a: 65, b: 50, angle: Math.PI / 2 };
const FACE: [number, number] = [0, 1];
const at = (x: number, y: number) => y * W + x;

/** The field with `bare(x, y)` deciding which head cells are skin; the rest of the head is hair. */
function field(bare: (x: number, y: number) => boolean): PreparedField {
  const head = new Uint8Array(N);
  const probs = new Float32Array(4 * N);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = at(x, y);
      if (ellipseRadius(SKULL, x, y) > 1) {
        probs[c] = 1; // background
        continue;
      }
      head[c] = 1;
      if (bare(x, y)) probs[N + c] = 1; // skin
      else probs[2 * N + c] = 1; // hair
    }
  }
  return { grid: GRID, probs, head };
}

const baldTop = (x: number, y: number) => ellipseRadius(SKULL, x, y) <= 0.6;
const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

describe('outsideRimPieces (top views)', () => {
  it('cuts a bare piece in the rim band at the back and at a side, keeps the bald top', () => {
    const back = (x: number, y: number) => (x - 120) ** 2 + (y - 62) ** 2 <= 25; // r ≈ 0.9, behind
    const side = (x: number, y: number) => (x - 166) ** 2 + (y - 120) ** 2 <= 9; // r ≈ 0.92, an ear's place
    const f = field((x, y) => baldTop(x, y) || back(x, y) || side(x, y));
    const r = outsideRimPieces(f, SKULL, FACE);
    expect(r.head[at(120, 62)]).toBe(0);
    expect(r.head[at(166, 120)]).toBe(0);
    expect(r.head[at(120, 120)]).toBe(1);
    expect(r.cut).toBe(count(f.head) - count(r.head));
    expect(r.cut).toBeGreaterThan(100); // both discs: 81 + 29 cells
    expect(r.cut).toBeLessThan(120);
  });

  it('keeps a bare piece towards the face (the bald front runs to the hairline there) and one well inside', () => {
    const front = (x: number, y: number) => (x - 120) ** 2 + (y - 178) ** 2 <= 25; // r ≈ 0.9, facing the face
    const inner = (x: number, y: number) => (x - 120) ** 2 + (y - 75) ** 2 <= 9; // r ≈ 0.7, behind the bald top
    const r = outsideRimPieces(field((x, y) => baldTop(x, y) || front(x, y) || inner(x, y)), SKULL, FACE);
    expect(r.cut).toBe(0);
  });

  it('never cuts the bald scalp itself, even where it reaches the rim (Norwood 7)', () => {
    const r = outsideRimPieces(field((x, y) => ellipseRadius(SKULL, x, y) <= 0.95), SKULL, FACE);
    expect(r.cut).toBe(0);
  });

  it('turns with the face: facing up, the back piece is the front', () => {
    const back = (x: number, y: number) => (x - 120) ** 2 + (y - 62) ** 2 <= 25;
    const f = field((x, y) => baldTop(x, y) || back(x, y));
    expect(outsideRimPieces(f, SKULL, [0, -1]).cut).toBe(0);
    expect(outsideRimPieces(f, SKULL, [0, 1]).cut).toBeGreaterThan(0);
  });

  it('checks its arguments', () => {
    const f = field(baldTop);
    expect(() => outsideRimPieces(f, SKULL, [0, 0])).toThrow(/face direction/);
    expect(() => outsideRimPieces(f, SKULL, FACE, { rimRadius: 1.2 })).toThrow(/rimRadius/);
    expect(() => outsideRimPieces({ ...f, head: new Uint8Array(3) }, SKULL, FACE)).toThrow(/head has 3 cells/);
  });
});

describe('outsideRimPieces and scars', () => {
  it('keeps a scar at the back (a strip-harvest line is scalp to camouflage)', () => {
    const f = field(baldTop);
    const n = N;
    // a scar line across the back in the rim band, read as scar
    for (let x = 105; x <= 135; x++) {
      for (let y = 60; y <= 63; y++) {
        const c = at(x, y);
        f.probs[2 * n + c] = 0;
        f.probs[3 * n + c] = 1;
      }
    }
    expect(outsideRimPieces(f, SKULL, FACE).cut).toBe(0);
  });
});

describe('outsideRimPieces on a head full of hair', () => {
  it('cuts the one bare piece at the rim: a piece wholly in the rim band is never the bald scalp', () => {
    const side = (x: number, y: number) => (x - 166) ** 2 + (y - 110) ** 2 <= 9;
    const f = field(side);
    const r = outsideRimPieces(f, SKULL, FACE);
    expect(r.cut).toBe(count(f.head) - count(r.head));
    expect(r.head[at(166, 110)]).toBe(0);
    expect(r.cut).toBeGreaterThan(20);
  });
});

describe('outsideRimPieces and specks', () => {
  it('leaves a speck under minPieceShare of the head as it is', () => {
    const speck = (x: number, y: number) => x === 166 && y === 110; // one cell in the rim band
    const f = field((x, y) => baldTop(x, y) || speck(x, y));
    expect(outsideRimPieces(f, SKULL, FACE).cut).toBe(0);
    expect(outsideRimPieces(f, SKULL, FACE, { minPieceShare: 0 }).cut).toBe(1);
  });
});
