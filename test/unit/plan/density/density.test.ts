import { describe, expect, it } from 'vitest';
import { weightedBoxMean } from '../../../../src/plan/density/blur.js';
import { downsampleProbs, fieldGrid, type PreparedField } from '../../../../src/plan/density/grid.js';
import { hairCoverage, prepareField, withoutSpecks } from '../../../../src/plan/density/prepare.js';
import { hairBelow, hairClosedAcross, nearestAxis, profileLimit, profileScalp, skullAboveNeck } from '../../../../src/plan/density/scalp.js';
import { signedDistance, scalpOnRight, withEndsAcross, type Point } from '../../../../src/plan/density/signed-distance.js';
import { faceDirection, treatmentField, ZONE } from '../../../../src/plan/density/treatment.js';
import { createRng } from '../../../../src/plan/dots/rng.js';
import { SCENE, sceneSegmentation } from '../synthetic.js';

const MMPP = 0.4;

describe('field grid', () => {
  it('keeps fields under 128 K cells and averages class planes per cell', () => {
    expect(fieldGrid(640, 640).cellPx).toBe(2);
    expect(fieldGrid(300, 200).cellPx).toBe(1);
    const g = fieldGrid(4000, 3000);
    expect(g.width * g.height).toBeLessThanOrEqual(128 * 1024);
    const seg = sceneSegmentation();
    const grid = fieldGrid(400, 400);
    const p = downsampleProbs(seg, grid);
    const n = grid.width * grid.height;
    let total = 0;
    for (let c = 0; c < n; c++) total += p[c] + p[n + c] + p[2 * n + c] + p[3 * n + c];
    expect(total / n).toBeCloseTo(1, 5);
  });
});

describe('weighted box mean', () => {
  it('matches a brute-force window mean and ignores zero-weight cells', () => {
    const w = 23, h = 17, r = 3;
    const rng = createRng(2);
    const v = Float32Array.from({ length: w * h }, () => rng());
    const wt = Uint8Array.from({ length: w * h }, () => (rng() < 0.7 ? 1 : 0));
    const out = weightedBoxMean(v, wt, w, h, r);
    for (const [x, y] of [[0, 0], [5, 7], [22, 16], [11, 3]]) {
      let s = 0, c = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++) for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) { s += v[yy * w + xx] * wt[yy * w + xx]; c += wt[yy * w + xx]; } // prettier-ignore
      expect(out[y * w + x]).toBeCloseTo(c ? s / c : 0, 5);
    }
  });
});

describe('signed distance to the hairline', () => {
  it('is positive on the scalp side, negative on the face side, and extends past the ends', () => {
    const grid = fieldGrid(200, 100);
    const line: Point[] = [[50, 50], [150, 50]];
    const d = signedDistance(line, [0, 1], grid);
    const at = (x: number, y: number): number => d[Math.floor(y) * grid.width + Math.floor(x)];
    expect(at(100, 20)).toBeCloseTo(29.5, 5);
    expect(at(100, 80)).toBeCloseTo(-30.5, 5);
    expect(at(190, 10)).toBeCloseTo(39.5, 5); // beyond the right end: the line continued across the head
    expect(scalpOnRight(line, [0, 1])).toBe(false);
    // The same line drawn right to left gives the same field.
    const back = signedDistance([...line].reverse() as Point[], [0, 1], grid);
    expect(Array.from(back)).toEqual(Array.from(d));
  });

  it("puts what lies beside an end and below it on the face side, whichever way the line's last step points", () => {
    // a front view's line ending at the temple with its last short step pointing down (or up): the cheek,
    // ear and neck beside and below the ends were scalp when the last step continued as a ray
    const grid = fieldGrid(400, 300);
    for (const step of [8, -8]) {
      const line: Point[] = [[100, 100 + step], [100.5, 100], [200, 60], [299.5, 100], [300, 100 + step]];
      const d = signedDistance(line, [0, 1], grid);
      const at = (x: number, y: number): number => d[Math.floor(y) * grid.width + Math.floor(x)];
      for (const [x, y] of [[40, 160], [70, 260], [350, 160], [380, 260]]) expect(at(x, y), `${x},${y} step ${step}`).toBeLessThan(0);
      for (const [x, y] of [[40, 40], [360, 40], [200, 20]]) expect(at(x, y), `${x},${y} step ${step}`).toBeGreaterThan(0);
      expect(at(200, 150)).toBeLessThan(0);
    }
    // a last step that turns back inwards (a pen's flick): the cheek and neck below the end stay face
    const flick: Point[] = [[100, 100], [200, 60], [299.5, 100], [296.5, 108]];
    const f = signedDistance(flick, [0, 1], grid);
    for (const [x, y] of [[290, 150], [280, 280], [350, 160]]) expect(f[Math.floor(y) * grid.width + Math.floor(x)], `${x},${y} flick`).toBeLessThan(0);
    // a head tilted 35 degrees in the frame: continued along the tilted chord, not square to the image's down
    const c = Math.cos((35 * Math.PI) / 180), sn = Math.sin((35 * Math.PI) / 180);
    const turn = ([x, y]: Point): Point => [200 + (x - 200) * c - (y - 100) * sn, 150 + (x - 200) * sn + (y - 100) * c];
    const tilted: Point[] = [[100, 100], [150, 70], [200, 60], [250, 70], [300, 100]].map((p) => turn(p as Point));
    const t = signedDistance(tilted, [0, 1], grid);
    for (const p of [[70, 150], [330, 150]] as Point[]) {
      const q = turn(p); // beside each end, below the line in the head's own frame: face
      expect(t[Math.floor(q[1]) * grid.width + Math.floor(q[0])], `${p} tilted`).toBeLessThan(0);
    }
  });

  it('matches brute force on a wavy line near it, and keeps the sign far away', () => {
    const grid = fieldGrid(300, 240);
    const line: Point[] = Array.from({ length: 120 }, (_, i) => [10 + 2.4 * i, 120 + 12 * Math.sin(i / 9)] as Point);
    const d = signedDistance(line, [0, 1], grid, 20);
    const ended = withEndsAcross(line, [0, 1], 1e4); // the line as it is continued past its ends, along its chord
    const [x0, y0] = line[0], [x1, y1] = line[119];
    const slope = (y1 - y0) / (x1 - x0);
    expect(ended).toHaveLength(122);
    expect(ended[0][0]).toBeLessThan(-9000);
    expect(ended[0][1]).toBeCloseTo(y0 + slope * (ended[0][0] - x0), 6);
    for (let y = 0; y < 240; y += 7) {
      for (let x = 0; x < 300; x += 5) {
        let best = Infinity;
        for (let k = 0; k + 1 < ended.length; k++) {
          const [ax, ay] = ended[k], [bx, by] = ended[k + 1];
          const ux = bx - ax, uy = by - ay, L2 = ux * ux + uy * uy;
          let t = ((x + 0.5 - ax) * ux + (y + 0.5 - ay) * uy) / L2;
          t = Math.min(1, Math.max(0, t));
          best = Math.min(best, Math.hypot(x + 0.5 - ax - t * ux, y + 0.5 - ay - t * uy));
        }
        const v = d[y * grid.width + x];
        if (best < 20) expect(Math.abs(v)).toBeCloseTo(best, 4);
        else expect(Math.abs(v)).toBeGreaterThanOrEqual(20);
        // Above the wave is scalp; beside its ends, above the line continued across
        const edgeY = x + 0.5 < x0 ? y0 + slope * (x + 0.5 - x0) : x + 0.5 > x1 ? y1 + slope * (x + 0.5 - x1) : 120 + 12 * Math.sin(((x + 0.5 - 10) / 2.4) / 9);
        if (best > 2) expect(Math.sign(v)).toBe(y + 0.5 < edgeY ? 1 : -1);
      }
    }
  });
});

describe('head mask specks', () => {
  it('drops pieces under 5 % of the largest (hair found on a wall) and keeps the head and large pieces', () => {
    const w = 100, h = 100;
    const head = new Uint8Array(w * h);
    const fill = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) head[y * w + x] = 1;
    };
    fill(20, 20, 80, 80); // the head: 3600 cells
    fill(0, 0, 10, 10); // a speck: 100 cells, 2.8 %
    fill(90, 0, 100, 30); // a shoulder cut off by the frame: 300 cells, 8.3 %
    const out = withoutSpecks(head, w, h);
    expect(out[50 * w + 50]).toBe(1);
    expect(out[5 * w + 5]).toBe(0);
    expect(out[10 * w + 95]).toBe(1);
    expect(out.reduce((a, v) => a + v, 0)).toBe(3900);
    expect(withoutSpecks(new Uint8Array(4), 2, 2).every((v) => v === 0)).toBe(true);
    expect(() => withoutSpecks(head, w, h, 1.5)).toThrow(/minShare/);
  });
});

describe('scalp rule for back and side views', () => {
  it('counts skin with hair below it as scalp, and neck skin under the hair as not', () => {
    // Column: rows 0-9 bald crown skin, 10-14 hair, 15-19 neck skin.
    const grid = fieldGrid(1, 20);
    const head = new Uint8Array(20).fill(1);
    const hair = Float32Array.from({ length: 20 }, (_, y) => (y >= 10 && y < 15 ? 1 : 0));
    const s = hairBelow(head, hair, grid, 'down', 8);
    expect(Array.from(s)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(nearestAxis([0.2, -0.9])).toBe('up');
    expect(nearestAxis([-1, 0.1])).toBe('left');
  });

  it('a parting in the horseshoe does not leave a stripe of the crown unplanned; a sideburn does not reach the cheek', () => {
    // 30 x 20 cells, neck at the top (down = 'up', as in a back view turned 180°): rows 0-4 neck skin,
    // 5-7 hair with a 4-cell parting at columns 12-15, rows 8-19 bald crown.
    const grid = fieldGrid(30, 20);
    const head = new Uint8Array(600).fill(1);
    const hair = new Float32Array(600);
    for (let y = 5; y < 8; y++) for (let x = 0; x < 30; x++) if (x < 12 || x > 15) hair[y * 30 + x] = 1;
    const column = (m: Uint8Array, x: number) => Array.from({ length: 20 }, (_, y) => m[y * 30 + x]);
    // Along single columns the parting's columns have no hair below: a stripe of crown left out.
    expect(column(hairBelow(head, hair, grid, 'up', 20), 13).slice(8)).toEqual(new Array(12).fill(0));
    // Closed across up to 3 cells each side: the whole crown is scalp, the neck is not.
    const closed = hairBelow(head, hair, grid, 'up', 20, 0.5, 3);
    for (const x of [0, 13, 29]) expect(column(closed, x)).toEqual([0, 0, 0, 0, 0, ...new Array(15).fill(1)]);
    // A gap wider than twice the reach stays open.
    expect(column(hairBelow(head, hair, grid, 'up', 20, 0.5, 1), 13).slice(8)).toEqual(new Array(12).fill(0));
    // Hair on one side only (a sideburn at columns 0-4 of rows 10-19, cheek to its right) closes nothing.
    const side = new Float32Array(600);
    for (let y = 10; y < 20; y++) for (let x = 0; x < 5; x++) side[y * 30 + x] = 1;
    const closedSide = hairClosedAcross(side, grid, 'down', 6);
    expect(Array.from({ length: 30 }, (_, x) => closedSide[15 * 30 + x])).toEqual([...new Array(5).fill(1), ...new Array(25).fill(0)]);
    expect(() => hairClosedAcross(side, grid, 'down', -1)).toThrow(/gapCells/);
  });

  it('a back view with no hair found: the skull above the neck, without the ears, the neck or the shoulders', () => {
    // 100 x 150 cells: a skull (circle r 40 at 50, 45), ears beyond it (columns 1-5 and 95-99, rows 45-64), a
    // neck (columns 35-64 down to row 119) and shoulders (full width, rows 120-149).
    const W = 100, H = 150;
    const grid = fieldGrid(W, H);
    const head = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const skull = Math.hypot(x + 0.5 - 50, y + 0.5 - 45) <= 40;
        const ear = y >= 45 && y < 65 && ((x >= 1 && x < 10) || (x >= 90 && x < 99));
        const neck = y >= 45 && y < 120 && x >= 35 && x < 65;
        head[y * W + x] = skull || ear || neck || y >= 120 ? 1 : 0;
      }
    }
    const s = skullAboveNeck(head, grid, 'down', 30);
    expect(s[20 * W + 50]).toBe(1); // crown
    expect(s[60 * W + 50]).toBe(1); // the skull between the ears
    expect(s[60 * W + 15]).toBe(1);
    // Below the ear lobes the head narrows to under 0.8 of its width with the ears: the neck starts there.
    expect(s[70 * W + 50]).toBe(0);
    expect(s[55 * W + 3]).toBe(0); // left ear
    expect(s[55 * W + 97]).toBe(0); // right ear
    expect(s[100 * W + 50]).toBe(0); // neck
    expect(s[130 * W + 50]).toBe(0); // shoulders
    // The same head turned 180° (neck at the top, down = 'up'): the same cells, turned.
    const turned = Uint8Array.from(head).reverse();
    const st = skullAboveNeck(turned, grid, 'up', 30);
    expect(Array.from(st).reverse()).toEqual(Array.from(s));
    // A head running out of the frame (no neck in view): nothing.
    const crop = head.slice(0, 60 * W);
    expect(skullAboveNeck(crop, fieldGrid(W, 60), 'down', 30).every((v) => v === 0)).toBe(true);
    // A neck as wide as the head (rows 45-139 at the skull's width), narrowing only at a collar (rows
    // 140-149): the skull stops at the depth of its widest extent (80 cells below the top at row 5).
    const thick = new Uint8Array(W * H);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) thick[y * W + x] = head[y * W + x] && y < 45 ? 1 : y >= 45 && y < 140 && x >= 10 && x < 90 ? 1 : y >= 140 && x >= 40 && x < 60 ? 1 : 0;
    const st2 = skullAboveNeck(thick, grid, 'down', 30);
    expect(st2[84 * W + 50]).toBe(1);
    expect(st2[87 * W + 50]).toBe(0);
    // ... and with no collar in the frame (the head runs out of it), nothing.
    expect(skullAboveNeck(thick.slice(0, 140 * W), fieldGrid(W, 140), 'down', 30).every((v) => v === 0)).toBe(true);
    expect(() => skullAboveNeck(head, grid, 'down', 0)).toThrow(/minSkullCells/);
    expect(() => skullAboveNeck(head, grid, 'down', 30, 1)).toThrow(/neckRatio/);
  });
});

describe('hair coverage', () => {
  // 1 x 6 cells (cellPx 1), all head: two skin cells, then hair edge cells half background, then dense hair
  const field = (cells: [number, number, number][]): PreparedField => {
    const n = cells.length;
    const probs = new Float32Array(4 * n);
    cells.forEach(([bg, skin, hair], c) => {
      probs[c] = bg;
      probs[n + c] = skin;
      probs[2 * n + c] = hair;
    });
    return { grid: fieldGrid(n, 1), probs, head: new Uint8Array(n).fill(1) };
  };

  it('reads strands against the background as full hair, not thinning (L2-022)', () => {
    // window 2.4 mm at 0.4 mm/cell: radius 3 (the whole row)
    const edge = field([[0.5, 0, 0.5], [0.5, 0, 0.5], [0.6, 0, 0.4], [0, 0, 1], [0, 0, 1], [0, 0, 1]]);
    for (const v of hairCoverage(edge, MMPP, 2.4)) expect(v).toBeCloseTo(1, 5);
    // thinning over skin still reads thin: hair 0.4 on skin 0.6
    const thin = field(Array.from({ length: 6 }, () => [0, 0.6, 0.4] as [number, number, number]));
    for (const v of hairCoverage(thin, MMPP, 2.4)) expect(v).toBeCloseTo(0.4, 5);
  });

  it('counts a head cell read wholly as background (shine on bald skin) as bare skin', () => {
    const shine = field([[1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0]]);
    for (const v of hairCoverage(shine, MMPP, 2.4)) expect(v).toBe(0);
    // mixed with dense hair, the shine cell weighs little: [1 bg] + [1 hair] -> 1 / 1.05
    const mixed = field([[1, 0, 0], [0, 0, 1]]);
    expect(hairCoverage(mixed, MMPP, 0.8)[0]).toBeCloseTo(1 / 1.05, 5);
  });
});

describe('treatment field', () => {
  const seg = sceneSegmentation({ scar: [62, 180, 74, 200] });
  const prepared = prepareField(seg);
  const hair = hairCoverage(prepared, MMPP, 5);
  const line: Point[] = [[40, 290], [360, 290]];
  const field = treatmentField({ field: prepared, hair, view: 'top', mmPerPixel: MMPP, down: [0, 1], hairline: line, hairlineRaiseMm: [5, 0, 0], options: { scarRingMm: 2 } });
  const { grid } = field;
  const at = (arr: ArrayLike<number>, x: number, y: number): number => arr[Math.floor(y / grid.cellPx) * grid.width + Math.floor(x / grid.cellPx)];

  it('pigments bald scalp fully, dense hair not at all, and nothing on the face side of the hairline', () => {
    expect(at(field.fraction[2], SCENE.cx, SCENE.cy)).toBe(1);
    expect(at(field.zone, SCENE.cx, SCENE.cy)).toBe(ZONE.bald);
    expect(at(field.fraction[2], SCENE.cx + 140, SCENE.cy)).toBe(0); // in the hair ring
    expect(at(field.fraction[2], SCENE.cx, 330)).toBe(0); // forehead, in front of the line
    expect(at(field.fraction[2], 30, 30)).toBe(0); // background
  });

  it('ramps up behind the hairline, with the first session held back', () => {
    // 7 mm ramp starting ~1 mm ahead of the line: 2 mm behind it is part way, 10 mm behind is full.
    const d2 = 290 - 2 / MMPP, d10 = 290 - 10 / MMPP;
    const mid = at(field.fraction[2], 200, d2);
    expect(mid).toBeGreaterThan(0.1);
    expect(mid).toBeLessThan(0.9);
    expect(at(field.fraction[2], 200, d10)).toBe(1);
    expect(at(field.zone, 200, d2)).toBe(ZONE.hairline);
    // Session 1's line sits 5 mm further back: 2 mm behind the design line it is still empty.
    expect(at(field.fraction[0], 200, d2)).toBe(0);
    for (let c = 0; c < field.fraction[0].length; c++) expect(field.fraction[1][c]).toBeGreaterThanOrEqual(field.fraction[0][c]);
  });

  it('fills a scar in dense hair at full density (matched to its surroundings)', () => {
    expect(at(field.zone, 68, 190)).toBe(ZONE.scar);
    expect(at(field.fraction[2], 68, 190)).toBeGreaterThan(0.9);
    expect(field.areaCm2.scar).toBeGreaterThan(0.2);
    // The same scar in bare, untreated skin would stay bare: nothing around it reads as density.
    // Regions: each zone piece is its own region, labelled with its zone.
    const r = at(field.region, 68, 190);
    expect(field.regionZone[r]).toBe(ZONE.scar);
    expect(at(field.region, SCENE.cx, SCENE.cy)).not.toBe(r);
  });

  it('takes a speck of scar-like pixels for no scar (under scarMinAreaMm2, 10 mm²), and keeps a real one', () => {
    // 4x4 px at 0.4 mm/px: 2.6 mm², in the same dense hair as the 38 mm² scar above
    const speck = prepareField(sceneSegmentation({ scar: [66, 186, 70, 190] }));
    const plan = (opts: { scarMinAreaMm2?: number }) =>
      treatmentField({ field: speck, hair: hairCoverage(speck, MMPP, 5), view: 'top', mmPerPixel: MMPP, down: [0, 1], hairline: line, hairlineRaiseMm: [0], options: { scarRingMm: 2, ...opts } });
    const dropped = plan({});
    expect(dropped.areaCm2.scar).toBe(0);
    expect(at(dropped.zone, 68, 188)).not.toBe(ZONE.scar);
    const kept = plan({ scarMinAreaMm2: 1 });
    expect(at(kept.zone, 68, 188)).toBe(ZONE.scar);
    expect(kept.areaCm2.scar).toBeGreaterThan(0);
    expect(field.areaCm2.scar).toBeGreaterThan(0.2); // the real scar stays with the default
  });

  it('applies zone factors (practitioner overrides)', () => {
    const half = treatmentField({ field: prepared, hair, view: 'top', mmPerPixel: MMPP, down: [0, 1], hairline: line, hairlineRaiseMm: [0], options: { zoneFactor: { bald: 0.5 } } });
    expect(at(half.fraction[0], SCENE.cx, SCENE.cy)).toBeCloseTo(0.5, 6);
    const double = treatmentField({ field: prepared, hair, view: 'top', mmPerPixel: MMPP, down: [0, 1], hairline: line, hairlineRaiseMm: [0], options: { zoneFactor: { bald: 2 } } });
    expect(at(double.fraction[0], SCENE.cx, SCENE.cy)).toBeCloseTo(2, 6);
    expect(() => treatmentField({ field: prepared, hair, view: 'top', mmPerPixel: MMPP, down: [0, 1], hairlineRaiseMm: [0], options: { zoneFactor: { scar: -1 } } })).toThrow(/zoneFactor/);
  });
});

describe('back view of a shaved head (no hair found)', () => {
  // 100 x 150 cells at 1.9 mm: a skull (circle r 40 at 50, 45; ~150 mm across), ears beyond it, a neck
  // and shoulders, all read as skin; optionally dark hair read as hair over the top of the skull.
  const W = 100, H = 150;
  const grid = fieldGrid(W, H);
  const n = W * H;
  function backView(hairRows: number): { field: PreparedField; hair: Float32Array } {
    const head = new Uint8Array(n);
    const probs = new Float32Array(4 * n);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const c = y * W + x;
        const skull = Math.hypot(x + 0.5 - 50, y + 0.5 - 45) <= 40;
        const ear = y >= 45 && y < 65 && ((x >= 1 && x < 10) || (x >= 90 && x < 99));
        const neck = y >= 45 && y < 120 && x >= 35 && x < 65;
        head[c] = skull || ear || neck || y >= 120 ? 1 : 0;
        const isHair = head[c] && skull && y < 5 + hairRows;
        probs[(head[c] ? (isHair ? 2 : 1) : 0) * n + c] = 1;
      }
    }
    const hair = probs.slice(2 * n, 3 * n); // coverage: the hair itself
    return { field: { grid, probs, head }, hair };
  }
  const plan = (hairRows: number) => {
    const { field, hair } = backView(hairRows);
    return treatmentField({ field, hair, view: 'back', mmPerPixel: 1.9, down: [0, 1], hairlineRaiseMm: [0] });
  };

  it('plans the skull above the neck, not the ears, the neck or the shoulders', () => {
    const t = plan(0);
    expect(t.scalpRule).toBe('skull');
    const at = (x: number, y: number) => t.fraction[0][y * W + x];
    expect(at(50, 20)).toBe(1);
    expect(at(50, 60)).toBe(1);
    expect(at(3, 55)).toBe(0);
    expect(at(50, 100)).toBe(0);
    expect(at(50, 130)).toBe(0);
  });

  it('leaves it to the hair rule when hair covers a tenth of the skull or more (dark hair partly read as skin)', () => {
    // 15 rows of hair on top: ~15 % of the skull. The skin under it has no hair below: not scalp.
    const t = plan(15);
    expect(t.scalpRule).toBe('hair-below');
    expect(t.fraction[0][60 * W + 50]).toBe(0);
    expect(t.fraction[0][40 * W + 50]).toBe(0);
  });
});

// A left profile, face to the left, 160 x 200 cells at 1.7 mm (head ~200 mm long): a skull (ellipse centred
// at 80, 70, semi-axes 60 x 55, top at row 15), a face in front of and below it (forehead, brow, nose
// and chin, columns 12-70 down to row 150), an ear on the side of the skull, a neck and shoulders.
// Every part is head; hair optionally as a beard on the face (rows 110-150) and a fringe behind the ear.
const PW = 160, PH = 200;
function profileHead(): Uint8Array {
  const head = new Uint8Array(PW * PH);
  for (let y = 0; y < PH; y++) {
    for (let x = 0; x < PW; x++) {
      const skull = ((x + 0.5 - 80) / 60) ** 2 + ((y + 0.5 - 70) / 55) ** 2 <= 1;
      const face = y >= 70 && y < 150 && x >= 22 && x < 75;
      const nose = y >= 90 && y < 108 && x >= 12 && x < 22;
      const neck = y >= 120 && x >= 60 && x < 115;
      head[y * PW + x] = skull || face || nose || neck || y >= 185 ? 1 : 0;
    }
  }
  return head;
}
const turnCw = (m: Uint8Array, w: number, h: number): Uint8Array => {
  // clockwise quarter turn: (x, y) -> (h - 1 - y, x) in an h x w image
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[x * h + (h - 1 - y)] = m[y * w + x];
  return out;
};
const mirror = (m: Uint8Array, w: number, h: number): Uint8Array => {
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + (w - 1 - x)] = m[y * w + x];
  return out;
};

describe('profile scalp (side views)', () => {
  const head = profileHead();
  const grid = fieldGrid(PW, PH);
  const p = profileScalp(head, grid, 'down', 'left')!;
  const at = (x: number, y: number) => p.scalp[y * PW + x];

  it('limits the scalp to the skull above the hairline, the ear and the nape', () => {
    expect(profileLimit(0)).toBeCloseTo(0.22, 6);
    expect(profileLimit(0.6)).toBeCloseTo(0.42, 6);
    expect(profileLimit(2)).toBeCloseTo(0.85, 6);
    // The skull's length: the forehead (upper 30 %) to the back of the skull, ~ 118 cells.
    expect(p.lengthCells).toBeGreaterThan(105);
    expect(p.lengthCells).toBeLessThanOrEqual(120);
    expect(at(80, 20)).toBe(1); // top of the head
    expect(at(35, 35)).toBe(1); // front of the top, behind the hairline
    expect(at(130, 60)).toBe(1); // back of the head
    expect(at(25, 60)).toBe(0); // forehead, below the hairline
    expect(at(16, 100)).toBe(0); // nose
    expect(at(40, 120)).toBe(0); // cheek
    expect(at(90, 85)).toBe(0); // the ear's place, half way back at brow level
    expect(at(85, 160)).toBe(0); // neck
    expect(at(80, 195)).toBe(0); // shoulders
  });

  it('turns and mirrors with the photo', () => {
    // The photo turned clockwise: the neck is to the left (down = left), the face up.
    const t = profileScalp(turnCw(head, PW, PH), fieldGrid(PH, PW), 'left', 'up')!;
    expect(Array.from(t.scalp)).toEqual(Array.from(turnCw(p.scalp, PW, PH)));
    // A right profile is the mirror image: the face to the right.
    const m = profileScalp(mirror(head, PW, PH), grid, 'down', 'right')!;
    expect(Array.from(m.scalp)).toEqual(Array.from(mirror(p.scalp, PW, PH)));
    expect(faceDirection('left', [0, 1])).toEqual([-1, 0]);
    expect(faceDirection('right', [0, 1])).toEqual([1, 0]);
    // Turned clockwise, down points left and a left profile's face up.
    expect(faceDirection('left', [-1, 0])).toEqual([0, -1]);
  });

  it('gives nothing for a head cut by the frame above; a speck above the head does not move the skull', () => {
    expect(profileScalp(head.slice(40 * PW), fieldGrid(PW, PH - 40), 'down', 'left')).toBeNull();
    const speck = Uint8Array.from(head);
    speck[5 * PW + 80] = 1;
    const s = profileScalp(speck, grid, 'down', 'left')!;
    expect(s.lengthCells).toBeGreaterThan(105);
    expect(s.scalp[25 * PW + 80]).toBe(1);
    expect(s.scalp[60 * PW + 25]).toBe(0);
    expect(() => profileScalp(head, grid, 'down', 'up')).toThrow(/across/);
  });
});

describe('profile treatment field', () => {
  const head = profileHead();
  const grid = fieldGrid(PW, PH);
  const n = PW * PH;
  function profile(beard: boolean, fringe: boolean): { field: PreparedField; hair: Float32Array } {
    const probs = new Float32Array(4 * n);
    for (let y = 0; y < PH; y++) {
      for (let x = 0; x < PW; x++) {
        const c = y * PW + x;
        const isHair = head[c] && ((beard && y >= 110 && y < 150 && x < 75) || (fringe && x >= 105 && y >= 80 && y < 120));
        probs[(head[c] ? (isHair ? 2 : 1) : 0) * n + c] = 1;
      }
    }
    return { field: { grid, probs, head }, hair: probs.slice(2 * n, 3 * n) };
  }
  const plan = (beard: boolean, fringe: boolean) => {
    const { field, hair } = profile(beard, fringe);
    return treatmentField({ field, hair, view: 'left', mmPerPixel: 1.7, down: [0, 1], hairlineRaiseMm: [0] });
  };

  it('plans the top of a shaved head, not the face above a beard, the ear or the neck', () => {
    for (const [beard, fringe] of [[false, false], [true, true]]) {
      const t = plan(beard, fringe);
      expect(t.scalpRule).toBe('profile');
      const at = (x: number, y: number) => t.fraction[0][y * PW + x];
      expect(at(80, 20)).toBe(1);
      expect(at(35, 35)).toBe(1); // the bald top above the face, which has no hair below it
      expect(at(40, 100)).toBe(0); // cheek above the beard
      expect(at(90, 85)).toBe(0);
      expect(at(85, 160)).toBe(0);
    }
  });

  it('keeps the hair rule for a profile cut by the frame above', () => {
    const { field, hair } = profile(true, true);
    const cut = (a: Float32Array | Uint8Array, planes: number) => {
      const out = new (a.constructor as Float32ArrayConstructor)(planes * (n - 40 * PW));
      for (let k = 0; k < planes; k++) out.set(a.subarray(k * n + 40 * PW, (k + 1) * n), k * (n - 40 * PW));
      return out;
    };
    const g = fieldGrid(PW, PH - 40);
    const t = treatmentField({ field: { grid: g, probs: cut(field.probs, 4), head: Uint8Array.from(cut(Float32Array.from(head), 1)) }, hair: cut(hair, 1), view: 'left', mmPerPixel: 1.7, down: [0, 1], hairlineRaiseMm: [0] });
    expect(t.scalpRule).toBe('hair-below');
  });
});
