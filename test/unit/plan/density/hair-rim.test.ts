import { describe, expect, it } from 'vitest';
import type { FieldGrid, PreparedField } from '../../../../src/plan/density/grid.js';
import { insideHairRim } from '../../../../src/plan/density/hair-rim.js';

// A top view on a 200 x 200 grid, face towards +y (down the image): a bald disc of radius 50 inside a
// ring of hair out to radius 70, centred at (100, 100).
const W = 200, H = 200;
const GRID: FieldGrid = { width: W, height: H, cellPx: 1, imageWidth: W, imageHeight: H };
const FACE: [number, number] = [0, 1];

interface Cell {
  x: number;
  y: number;
  /** Distance from the head's centre and angle (degrees, image y down: the face at +90). */
  r: number;
  angle: number;
}

/** The head disc of radius 70, hair where `hairAt` says, and extra head cells where `extraHead` says. */
function paint(hairAt: (p: Cell) => boolean, extraHead: (p: Cell) => boolean = () => false) {
  const head = new Uint8Array(W * H), hair = new Float32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = { x, y, r: Math.hypot(x - 100, y - 100), angle: (Math.atan2(y - 100, x - 100) * 180) / Math.PI };
      if (p.r <= 70 || extraHead(p)) head[y * W + x] = 1;
      if (p.r <= 70 && hairAt(p)) hair[y * W + x] = 0.9;
    }
  }
  return { head, hair };
}

function scene(opts: { ring?: (angleDeg: number) => boolean; blobs?: { x: number; y: number; r: number }[] } = {}) {
  return paint(
    ({ r, angle }) => r > 50 && (opts.ring?.(angle) ?? true),
    ({ x, y }) => (opts.blobs ?? []).some((b) => Math.hypot(x - b.x, y - b.y) <= b.r),
  );
}

const at = (x: number, y: number) => y * W + x;

/** A prepared field: head cells are hair (probability `hair`) or skin; `shadow` cells inside the head read as background. */
function fieldOf(head: Uint8Array, hair: Float32Array, shadow?: Uint8Array): PreparedField {
  const n = W * H;
  const probs = new Float32Array(4 * n);
  for (let c = 0; c < n; c++) {
    if (!head[c] || shadow?.[c]) probs[c] = 1;
    else {
      probs[2 * n + c] = hair[c];
      probs[n + c] = 1 - hair[c];
    }
  }
  return { grid: GRID, probs, head };
}

describe('insideHairRim (top views)', () => {
  it('cuts a hand beyond the rim at the back, keeping the bald scalp and the hair', () => {
    // The hand overlaps the ring at the back (up the image, away from the face).
    const { head, hair } = scene({ blobs: [{ x: 100, y: 12, r: 22 }] });
    const rim = insideHairRim(fieldOf(head, hair), FACE)!;
    expect(rim).not.toBeNull();
    expect(rim.head[at(100, 8)]).toBe(0); // the hand
    expect(rim.head[at(100, 100)]).toBe(1); // the bald crown
    expect(rim.head[at(100, 40)]).toBe(1); // the ring of hair
    // Every cut cell is the hand's: about pi 22² minus the part over the hair.
    expect(rim.cut).toBeGreaterThan(900);
    expect(rim.cut).toBeLessThan(Math.PI * 22 * 22);
  });

  it('cuts a shoulder beyond the rim that is larger than the bald crown', () => {
    // A small bald crown (radius 20) in thick hair, and a shoulder of ~4,000 cells at the side.
    const { head, hair } = paint(({ r }) => r > 20, ({ x, y }) => x >= 160 && y >= 60 && y < 140);
    const rim = insideHairRim(fieldOf(head, hair), FACE)!;
    expect(rim.head[at(195, 100)]).toBe(0);
    expect(rim.head[at(100, 100)]).toBe(1);
    expect(rim.cut).toBeGreaterThan(1800);
    // Its part in the face's sector (within 75° of the face direction from the hair's centre) is left
    // to the hairline.
    expect(rim.head[at(170, 138)]).toBe(1);
  });

  it('does not let a shadow read as background join a shoulder to the scalp', () => {
    // The front of the ring is open (a bald front), and a shadow band outside the ring runs from the
    // shoulder at the back round to that opening: through skin-or-shadow cells the shoulder reaches the
    // bald crown, through skin alone it does not.
    const head = new Uint8Array(W * H), hair = new Float32Array(W * H), shadow = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const c = y * W + x, r = Math.hypot(x - 100, y - 100);
        const angle = (Math.atan2(y - 100, x - 100) * 180) / Math.PI; // face at +90
        if (r <= 70) head[c] = 1;
        if (r > 50 && r <= 70 && !(angle > 60 && angle < 120)) hair[c] = 0.9;
        if (r > 70 && r <= 76 && angle > -60 && angle < 120) { head[c] = 1; shadow[c] = 1; }
        if (Math.hypot(x - 160, y - 40) <= 18 && r > 70) head[c] = 1; // shoulder, up and right
      }
    }
    for (let c = 0; c < W * H; c++) if (shadow[c] && Math.hypot((c % W) - 160, Math.floor(c / W) - 40) <= 18) shadow[c] = 0;
    const rim = insideHairRim(fieldOf(head, hair, shadow), FACE)!;
    expect(rim.head[at(168, 30)]).toBe(0);
    expect(rim.head[at(100, 100)]).toBe(1);
    expect(rim.head[at(100, 174)]).toBe(1); // the shadow itself is left alone
  });

  it('cuts nothing for a speck beyond the rim (under half a per cent of the head)', () => {
    const { head, hair } = scene({ blobs: [{ x: 100, y: 27, r: 5 }] });
    const rim = insideHairRim(fieldOf(head, hair), FACE)!;
    expect(rim.cut).toBe(0);
    expect(Array.from(rim.head)).toEqual(Array.from(head));
    expect(insideHairRim(fieldOf(head, hair), FACE, { minCutShare: 0 })!.cut).toBeGreaterThan(0);
  });

  it('leaves skin towards the face to the hairline', () => {
    const { head, hair } = scene({ blobs: [{ x: 100, y: 188, r: 22 }] });
    const rim = insideHairRim(fieldOf(head, hair), FACE)!;
    expect(rim.cut).toBe(0);
    expect(rim.head[at(100, 195)]).toBe(1);
  });

  it('follows the face direction: the same hand is kept when the face is up the image', () => {
    const { head, hair } = scene({ blobs: [{ x: 100, y: 12, r: 22 }] });
    expect(insideHairRim(fieldOf(head, hair), [0, -1])!.cut).toBe(0);
  });

  it('keeps the largest bald piece even where it lies beyond the hair the masks found', () => {
    // Hair found only in a tuft on top (the rim read as skin): all the bald scalp lies "beyond" it.
    const { head, hair } = paint(({ r }) => r <= 25);
    const rim = insideHairRim(fieldOf(head, hair), FACE);
    expect(rim).not.toBeNull();
    expect(rim!.cut).toBe(0);
  });

  it('keeps a bald crown behind a band of hair when the back rim is missed (grey hair read as skin)', () => {
    // Bald front and crown on either side of a band of hair across the head; the rim at the back
    // (-120° to -60°, away from the face) is missing. The crown is a second bald piece, "beyond" the band.
    const { head, hair } = paint(({ y, r, angle }) => (r > 50 && !(angle > -120 && angle < -60)) || (r <= 50 && y >= 85 && y < 100));
    const rim = insideHairRim(fieldOf(head, hair), FACE);
    expect(rim?.cut ?? 0).toBe(0);
    // A band reaching under 0.7 of the rim's radius is not taken for the rim: with no such floor it is.
    expect(insideHairRim(fieldOf(head, hair), FACE, { minReach: 0 })!.cut).toBeGreaterThan(1000);
  });

  it('judges nothing without a rim: a shaved head, or hair on under a tenth of the head', () => {
    const { head } = scene();
    expect(insideHairRim(fieldOf(head, new Float32Array(W * H)), FACE)).toBeNull();
    // Hair on 3.8 % of the head (an arc of 30°), and a hand beyond it: no rim to judge by.
    const partial = scene({ ring: (a) => a > -60 && a < -30, blobs: [{ x: 100, y: 12, r: 22 }] });
    expect(insideHairRim(fieldOf(partial.head, partial.hair), FACE)).toBeNull();
    expect(insideHairRim(fieldOf(partial.head, partial.hair), FACE, { minHairShare: 0.03 })).not.toBeNull();
  });

  it('checks its arguments', () => {
    const { head, hair } = scene();
    const field = fieldOf(head, hair);
    expect(() => insideHairRim({ ...field, head: head.subarray(1) }, FACE)).toThrow(/head has 39999 cells, expected 40000/);
    expect(() => insideHairRim({ ...field, probs: field.probs.subarray(1) }, FACE)).toThrow(/probs has 159999 values, expected 4 planes of 40000/);
    expect(() => insideHairRim(fieldOf(head, hair), [0, 0])).toThrow(/face direction/);
  });
});
