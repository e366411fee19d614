import { describe, expect, it } from 'vitest';
import { conicEllipse, edgeCells, ellipseRadius, fitSkullEllipse, insideSkullEllipse, type Ellipse } from '../../../../src/plan/density/skull-ellipse.js';
import { createRng } from '../../../../src/plan/dots/rng.js';

// A top view on a 240 x 240 grid: a skull ellipse of semi-axes 65 (along y) and 50 (across), centred at (120, 120).
const W = 240, H = 240;
const at = (x: number, y: number) => y * W + x;
const SKULL: Ellipse = { cx: 120, cy: 120, a: 65, b: 50, angle: Math.PI / 2 };

function mask(inside: (x: number, y: number) => boolean): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (inside(x, y)) m[at(x, y)] = 1;
  return m;
}
const skull = (x: number, y: number) => ellipseRadius(SKULL, x, y) <= 1;
const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

describe('ellipseRadius and conicEllipse', () => {
  it('reads 1 on the ellipse, 0 at its centre, and turns with its angle', () => {
    const e: Ellipse = { cx: 10, cy: 20, a: 4, b: 2, angle: Math.PI / 6 };
    expect(ellipseRadius(e, 10, 20)).toBe(0);
    expect(ellipseRadius(e, 10 + 4 * Math.cos(Math.PI / 6), 20 + 4 * Math.sin(Math.PI / 6))).toBeCloseTo(1, 12);
    expect(ellipseRadius(e, 10 - 2 * Math.sin(Math.PI / 6), 20 + 2 * Math.cos(Math.PI / 6))).toBeCloseTo(1, 12);
    expect(ellipseRadius(e, 10 + 2 * Math.cos(Math.PI / 6), 20 + 2 * Math.sin(Math.PI / 6))).toBeCloseTo(0.5, 12);
  });

  it('gives back the centre, semi-axes and angle of a conic written from them', () => {
    // (u/a)² + (v/b)² = 1 with u, v the rotated offsets, expanded and scaled to A x² + B xy + C y² + D x + E y = 1
    // in a frame at (ox, oy) scaled by s.
    const e: Ellipse = { cx: 52, cy: 47, a: 30, b: 18, angle: 0.4 };
    const ox = 50, oy = 45, s = 20;
    const x0 = (e.cx - ox) / s, y0 = (e.cy - oy) / s, a = e.a / s, b = e.b / s;
    const c = Math.cos(e.angle), sn = Math.sin(e.angle);
    const P = c * c / (a * a) + sn * sn / (b * b), Q = 2 * c * sn * (1 / (a * a) - 1 / (b * b)), R = sn * sn / (a * a) + c * c / (b * b);
    const D = -2 * P * x0 - Q * y0, E = -2 * R * y0 - Q * x0, F = P * x0 * x0 + Q * x0 * y0 + R * y0 * y0 - 1;
    const got = conicEllipse({ k: [P / -F, Q / -F, R / -F, D / -F, E / -F], ox, oy, s })!;
    expect(got.cx).toBeCloseTo(52, 9);
    expect(got.cy).toBeCloseTo(47, 9);
    expect(got.a).toBeCloseTo(30, 9);
    expect(got.b).toBeCloseTo(18, 9);
    expect(Math.tan(got.angle)).toBeCloseTo(Math.tan(0.4), 9);
  });

  it('refuses a conic that is no ellipse: a hyperbola, or one whose inside is empty', () => {
    expect(conicEllipse({ k: [1, 0, -1, 0, 0], ox: 0, oy: 0, s: 1 })).toBeNull();
    expect(conicEllipse({ k: [-1, 0, -1, 0, 0], ox: 0, oy: 0, s: 1 })).toBeNull();
  });
});

describe('edgeCells', () => {
  it('lists the mask cells beside a cell outside it, not those on the frame', () => {
    // a 3 x 3 block at (1..3, 1..3) in 6 x 5: 8 edge cells, the centre not
    const m = new Uint8Array(30);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) m[y * 6 + x] = 1;
    expect(edgeCells(m, 6, 5).length / 2).toBe(8);
    // filled to the frame: only the inside cells that touch the hole count
    const full = new Uint8Array(30).fill(1);
    full[2 * 6 + 2] = 0;
    expect(edgeCells(full, 6, 5)).toEqual([2, 1, 1, 2, 3, 2, 2, 3]);
    expect(() => edgeCells(m, 5, 5)).toThrow(/30 cells, expected 25/);
  });
});

describe('fitSkullEllipse and insideSkullEllipse (top views)', () => {
  it('finds the skull of a lone head and cuts nothing', () => {
    const m = mask(skull);
    const fit = fitSkullEllipse(m, W, H)!;
    expect(fit.ellipse.cx).toBeCloseTo(120, 0);
    expect(fit.ellipse.cy).toBeCloseTo(120, 0);
    expect(Math.abs(fit.ellipse.a - 65)).toBeLessThan(1.5);
    expect(Math.abs(fit.ellipse.b - 50)).toBeLessThan(1.5);
    expect(fit.inlierShare).toBeGreaterThan(0.9);
    expect(insideSkullEllipse(m, W, H)!.cut).toBe(0);
  });

  it('cuts a shoulder touching the head and keeps every skull cell', () => {
    // a shoulder pressed against the right side, a quarter of the head mask
    const shoulder = (x: number, y: number) => x >= 160 && x <= 222 && y >= 120 && y <= 190;
    const m = mask((x, y) => skull(x, y) || shoulder(x, y));
    const r = insideSkullEllipse(m, W, H)!;
    expect(Math.abs(r.fit.ellipse.a - 65)).toBeLessThan(3);
    expect(Math.abs(r.fit.ellipse.b - 50)).toBeLessThan(3);
    expect(r.head[at(220, 185)]).toBe(0); // the shoulder's far end
    expect(r.head[at(200, 150)]).toBe(0);
    expect(mask(skull).filter((v, c) => v && !r.head[c]).length).toBe(0);
    expect(r.cut).toBe(count(m) - count(r.head));
    expect(r.cut).toBeGreaterThan(0.8 * (count(m) - count(mask(skull))));
  });

  it('keeps a head the frame cuts off: the frame edge is not its outline', () => {
    const top = { ...SKULL, cy: 40 }; // a third of the skull above the photo
    const m = mask((x, y) => ellipseRadius(top, x, y) <= 1);
    const r = insideSkullEllipse(m, W, H)!;
    expect(r).not.toBeNull();
    expect(r.cut).toBe(0);
    expect(Math.abs(r.fit.ellipse.cy - 40)).toBeLessThan(2);
  });

  it('fits nothing, so cuts nothing, where no ellipse carries most of the edge', () => {
    // scattered blobs: no one outline
    const rng = createRng(7);
    const centres = Array.from({ length: 40 }, () => [20 + rng() * 200, 20 + rng() * 200]);
    const m = mask((x, y) => centres.some(([cx, cy]) => (x - cx) ** 2 + (y - cy) ** 2 <= 36));
    expect(fitSkullEllipse(m, W, H)).toBeNull();
    expect(insideSkullEllipse(m, W, H)).toBeNull();
    // a long bar: too narrow for a skull
    expect(fitSkullEllipse(mask((x, y) => Math.abs(y - 120) <= 10 && x > 20 && x < 220), W, H)).toBeNull();
    // too small a mask to fit
    expect(fitSkullEllipse(mask((x, y) => x === 5 && y === 5), W, H)).toBeNull();
  });

  it('leaves the head as it is where the cut would take over maxCutShare of it', () => {
    const m = mask((x, y) => skull(x, y) || (x >= 160 && x <= 222 && y >= 120 && y <= 190));
    const cut = insideSkullEllipse(m, W, H)!.cut;
    expect(cut / count(m)).toBeGreaterThan(0.2);
    expect(insideSkullEllipse(m, W, H, { maxCutShare: 0.2 })).toBeNull();
    // under minCutShare: cut 0, the head as it was
    const kept = insideSkullEllipse(m, W, H, { minCutShare: 0.5 })!;
    expect(kept.cut).toBe(0);
    expect(kept.head).toEqual(m);
  });

  it('is the same for the same mask, and checks its options', () => {
    const m = mask((x, y) => skull(x, y) || (x >= 160 && x <= 236 && y >= 110 && y <= 200));
    expect(fitSkullEllipse(m, W, H)).toEqual(fitSkullEllipse(m, W, H));
    expect(() => fitSkullEllipse(m, W, H, { tolerance: 0 })).toThrow(/tolerance/);
  });
});
