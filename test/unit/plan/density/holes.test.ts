import { describe, expect, it } from 'vitest';
import { fieldGrid, type PreparedField } from '../../../../src/plan/density/grid.js';
import { cellLinearRgb, fillScalpHoles } from '../../../../src/plan/density/holes.js';
import { prepareField } from '../../../../src/plan/density/prepare.js';
import { SRGB_TO_LINEAR } from '../../../../src/vision/colour/convert.js';
import type { RgbImage, Segmentation } from '../../../../src/vision/image.js';

// A 60 x 40 photo: a head (skin, or hair in its right half) filling columns 5-54 and rows 5-34, with
// three holes the segmenter read as background (0.9), with its second guess (0.1):
//   A, rows 12-17 x columns 12-17: inside the skin, the skin's colour, second guess skin (a shiny
//      patch of a bald crown);
//   B, rows 22-27 x columns 12-17: inside the skin, a wall's colour, second guess skin (a gap between
//      the head and a shoulder, showing the room);
//   C, rows 12-17 x columns 40-45: inside the hair, the hair's colour, second guess hair (dark hair);
// and the frame's edge beyond the head, which touches the border and is never a hole.
const W = 60, H = 40;
const SKIN: [number, number, number] = [200, 150, 130];
const HAIR: [number, number, number] = [60, 45, 40];
const WALL: [number, number, number] = [120, 160, 200];
const inBox = (x: number, y: number, x0: number, y0: number, x1: number, y1: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const holeA = (x: number, y: number) => inBox(x, y, 12, 12, 17, 17);
const holeB = (x: number, y: number) => inBox(x, y, 12, 22, 17, 27);
const holeC = (x: number, y: number) => inBox(x, y, 40, 12, 45, 17);

function scene(): { image: RgbImage; seg: Segmentation; mask: Uint8Array } {
  const data = new Uint8Array(3 * W * H);
  const probs = new Float32Array(4 * W * H);
  const labels = new Uint8Array(W * H);
  const mask = new Uint8Array(W * H);
  const n = W * H;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const head = inBox(x, y, 5, 5, 54, 34);
      const hair = x >= 30;
      const background = !head || holeA(x, y) || holeB(x, y) || holeC(x, y);
      const colour = !head || holeB(x, y) ? WALL : hair ? HAIR : SKIN;
      data.set(colour, 3 * i);
      const cls = background ? 0 : hair ? 2 : 1;
      probs[cls * n + i] = 0.9;
      probs[(cls !== 0 ? 0 : holeC(x, y) ? 2 : 1) * n + i] = 0.1;
      labels[i] = cls;
      mask[i] = background ? 0 : 1;
    }
  }
  return { image: { width: W, height: H, data }, seg: { width: W, height: H, probs, labels }, mask };
}

describe('scalp-coloured holes in the head mask', () => {
  it('averages each cell in linear light', () => {
    const data = new Uint8Array([0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255]);
    const grid = fieldGrid(2, 2, 1); // one 2 px cell
    const rgb = cellLinearRgb({ width: 2, height: 2, data }, grid);
    expect(Array.from(rgb)).toEqual([0.5, 0.5, 0.5]);
    expect(rgb[0]).toBeCloseTo((SRGB_TO_LINEAR[0] + SRGB_TO_LINEAR[255]) / 2, 6);
    expect(() => cellLinearRgb({ width: 2, height: 2, data: data.subarray(0, 9) }, grid)).toThrow(/12 bytes/);
    expect(() => cellLinearRgb({ width: 3, height: 2, data }, grid)).toThrow(/grid was made for 2x2/);
  });

  it('fills a skin hole the colour of the head around it, as skin; a hole showing the room and one in the hair stay out', () => {
    const { image, seg, mask } = scene();
    const plain = prepareField(seg, mask);
    const n = W * H;
    expect(plain.head[15 * W + 15]).toBe(0);
    const { field, cells, filled, kept } = fillScalpHoles(plain, cellLinearRgb(image, plain.grid));
    expect(filled).toBe(1);
    expect(kept).toBe(2);
    expect(cells).toBe(36);
    // A: skin (its own mix, background left out: 0.1 skin / 0.1)
    expect(field.head[15 * W + 15]).toBe(1);
    expect(field.probs[15 * W + 15]).toBe(0);
    expect(field.probs[n + 15 * W + 15]).toBeCloseTo(1, 5);
    expect(field.probs[2 * n + 15 * W + 15]).toBeCloseTo(0, 5);
    // B: not filled, its cells untouched
    expect(field.head[25 * W + 15]).toBe(0);
    expect(field.probs[25 * W + 15]).toBeCloseTo(0.9, 5);
    // C: not filled
    expect(field.head[15 * W + 42]).toBe(0);
    // With no skin share asked for, C (the hair's colour all round) is filled as hair.
    const anyClass = fillScalpHoles(plain, cellLinearRgb(image, plain.grid), { minSkinShare: 0 });
    expect([anyClass.filled, anyClass.field.head[15 * W + 42]]).toEqual([2, 1]);
    expect(anyClass.field.probs[2 * n + 15 * W + 42]).toBeCloseTo(1, 5);
    // Outside the head (touching the frame): never a hole.
    expect(field.head[2 * W + 2]).toBe(0);
    // The input field is not changed.
    expect(plain.head[15 * W + 15]).toBe(0);
    // prepareField with the photo does the same.
    const withPhoto = prepareField(seg, mask, image);
    expect(Array.from(withPhoto.head)).toEqual(Array.from(field.head));
  });

  it('a hole keeps the mix of classes under it; with maxDeltaE 0 only an exact colour match fills', () => {
    const { image, seg, mask } = scene();
    // Move hole A to straddle the skin / hair border (columns 26-31: 4 skin, 2 hair).
    for (let y = 12; y <= 17; y++) {
      for (let x = 12; x <= 17; x++) mask[y * W + x] = 1;
      for (let x = 26; x <= 31; x++) mask[y * W + x] = 0;
    }
    const plain: PreparedField = prepareField(seg, mask);
    const n = W * H;
    const { field } = fillScalpHoles(plain, cellLinearRgb(image, plain.grid), { maxDeltaE: 100, minSkinShare: 0.5 });
    const c = 14 * W + 30;
    expect(field.head[c]).toBe(1);
    expect(field.probs[n + c] + field.probs[2 * n + c]).toBeCloseTo(1, 5);
    expect(field.probs[n + c]).toBeGreaterThan(0.3);
    expect(field.probs[2 * n + c]).toBeGreaterThan(0.3);
    // Only C, the hair's exact colour all round, passes maxDeltaE 0; the straddling hole's colour differs from its ring's.
    const exact = fillScalpHoles(plain, cellLinearRgb(image, plain.grid), { maxDeltaE: 0, minSkinShare: 0 });
    expect([exact.filled, exact.field.head[c], exact.field.head[15 * W + 42]]).toEqual([1, 0, 1]);
  });

  it('checks its arguments', () => {
    const { image, seg, mask } = scene();
    const plain = prepareField(seg, mask);
    const rgb = cellLinearRgb(image, plain.grid);
    expect(() => fillScalpHoles(plain, rgb.subarray(1))).toThrow(/3 planes/);
    expect(() => fillScalpHoles(plain, rgb, { ringCells: 0 })).toThrow(/ringCells/);
    expect(() => fillScalpHoles(plain, rgb, { maxDeltaE: -1 })).toThrow(/maxDeltaE/);
    expect(() => fillScalpHoles(plain, rgb, { minSkinShare: 2 })).toThrow(/minSkinShare/);
  });
});
