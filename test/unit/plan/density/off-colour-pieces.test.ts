import { describe, expect, it } from 'vitest';
import type { FieldGrid, PreparedField } from '../../../../src/plan/density/grid.js';
import { outsideOffColourPieces } from '../../../../src/plan/density/off-colour-pieces.js';
import { SRGB_TO_LINEAR } from '../../../../src/vision/colour/convert.js';

// A 100 x 100 field: a head disc of radius 45 at (50, 50), bare skin inside radius 25, hair around it,
// and pieces of skin-read cells in the hair whose colour the test chooses.
const W = 100, H = 100, N = W * H;
const GRID: FieldGrid = { width: W, height: H, cellPx: 1, imageWidth: W, imageHeight: H };
const SKIN: [number, number, number] = [205, 160, 135]; // sRGB of light skin
const at = (x: number, y: number) => y * W + x;

function scene(pieces: { x: number; y: number; r: number; rgb: [number, number, number]; scar?: boolean }[], scalpRgb = SKIN) {
  const head = new Uint8Array(N);
  const probs = new Float32Array(4 * N);
  const colours = new Float32Array(3 * N);
  const paint = (c: number, rgb: [number, number, number]) => rgb.forEach((v, p) => (colours[p * N + c] = SRGB_TO_LINEAR[v]));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = at(x, y), r = Math.hypot(x - 50, y - 50);
      if (r > 45) {
        probs[c] = 1;
        paint(c, [40, 40, 40]);
        continue;
      }
      head[c] = 1;
      const piece = pieces.find((p) => Math.hypot(x - p.x, y - p.y) <= p.r);
      if (r <= 25 || piece) {
        probs[piece?.scar ? 3 * N + c : N + c] = 1;
        paint(c, piece ? piece.rgb : scalpRgb);
      } else {
        probs[2 * N + c] = 1;
        paint(c, [50, 35, 25]);
      }
    }
  }
  const field: PreparedField = { grid: GRID, probs, head };
  return { field, colours };
}

describe('outsideOffColourPieces', () => {
  it('cuts a saturated red piece (a cushion read as skin) and keeps the scalp', () => {
    const { field, colours } = scene([{ x: 50, y: 12, r: 4, rgb: [150, 30, 35] }]);
    const r = outsideOffColourPieces(field, colours);
    expect(r.head[at(50, 12)]).toBe(0);
    expect(r.head[at(50, 50)]).toBe(1);
    expect(r.cut).toBeGreaterThan(40);
    expect(r.cut).toBeLessThan(60); // the disc of radius 4: ~49 cells
  });

  it("keeps a piece of scalp shine (lighter, but no more saturated) and one of the skin's own colour", () => {
    const { field, colours } = scene([
      { x: 50, y: 12, r: 4, rgb: [245, 235, 230] }, // shine: far in lightness, pale
      { x: 12, y: 50, r: 4, rgb: [195, 150, 128] }, // skin a little darker
      { x: 88, y: 50, r: 4, rgb: [70, 55, 50] }, // shadow: far, dull
    ]);
    expect(outsideOffColourPieces(field, colours).cut).toBe(0);
  });

  it('keeps a red scar: the segmenter read it as scar, and camouflage is what it is for', () => {
    const { field, colours } = scene([{ x: 50, y: 12, r: 4, rgb: [150, 30, 35], scar: true }]);
    expect(outsideOffColourPieces(field, colours).cut).toBe(0);
  });

  it('takes the largest bare piece for the scalp: a wholly red "scalp" keeps itself', () => {
    const { field, colours } = scene([], [150, 30, 35]);
    expect(outsideOffColourPieces(field, colours).cut).toBe(0);
  });

  it('checks its arguments', () => {
    const { field, colours } = scene([]);
    expect(() => outsideOffColourPieces(field, colours.subarray(0, 10))).toThrow(/colours has 10 values/);
    expect(() => outsideOffColourPieces({ ...field, head: new Uint8Array(2) }, colours)).toThrow(/head has 2 cells/);
  });
});
