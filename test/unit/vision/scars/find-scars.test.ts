import { describe, expect, it } from 'vitest';
import { DEFAULT_SCAR_OPTIONS, components, elongation, findScars, findScarsWithMask, headRingFraction, isReported, isSure, scarCandidates, toneOf, type ScarSearch } from '../../../../src/vision/scars/find-scars.js';
import { SRGB_TO_LINEAR, linearToLab } from '../../../../src/vision/colour/convert.js';
import { labelledScene } from '../scene-fixture.js';

const BG = 0;
const SKIN = 1;
const HAIR = 2;
const SCAR = 3;
const W = 120;
const H = 100;

/** A scene: background left of x = 40, skin right of it, hair in the top rows, scars where `paint` says; one colour per class. */
function scene(paint: (x: number, y: number) => number | null = () => null) {
  const colour: Record<number, [number, number, number]> = { [BG]: [90, 110, 140], [SKIN]: [200, 150, 125], [HAIR]: [40, 30, 25], [SCAR]: [235, 200, 185] };
  return labelledScene(W, H, (x, y) => {
    const cls = paint(x, y) ?? (x < 40 ? BG : y < 15 ? HAIR : SKIN);
    return { rgb: colour[cls], cls };
  });
}

describe('components', () => {
  it('finds 4-connected regions of one class', () => {
    // two pixels touching only diagonally are two components
    const labels = Uint8Array.from([3, 0, 0, 0, 3, 0, 0, 0, 3]);
    expect(components(labels, 3, 3, 3).map((c) => c.sort((a, b) => a - b))).toEqual([[0], [4], [8]]);
    expect(components(Uint8Array.from([3, 3, 0, 3]), 2, 2, 3)).toHaveLength(1);
  });
});

describe('elongation', () => {
  it('is 1 for a square and the side ratio for a bar', () => {
    const square = [0, 1, 10, 11];
    expect(elongation(square, 10)).toBeCloseTo(1, 6);
    const bar = Array.from({ length: 40 }, (_, k) => (k % 2) * 100 + Math.floor(k / 2)); // 20 wide, 2 tall
    // axis SDs: sqrt((20^2 - 1) / 12) along, 0.5 across
    expect(elongation(bar, 100)).toBeCloseTo(Math.sqrt((400 - 1) / 12) / 0.5, 6);
  });
});

describe('headRingFraction', () => {
  it('counts skin and hair around the component, skipping scar pixels', () => {
    // 5x5 grid, the centre pixel the component; left column background, the rest skin; one scar pixel
    const labels = new Uint8Array(25).fill(SKIN);
    for (let y = 0; y < 5; y++) labels[y * 5] = BG;
    labels[12] = SCAR;
    labels[13] = SCAR; // another scar pixel in the ring: neither head nor background
    // ring r = 1 around (2, 2): 8 pixels, one of them scar -> 7 counted, all skin
    expect(headRingFraction([12], labels, 5, 5, 1)).toBe(1);
    // r = 2: 24 pixels, minus the scar one = 23, of which the 5 background ones are not head
    expect(headRingFraction([12], labels, 5, 5, 2)).toBeCloseTo(18 / 23, 10);
  });
});

describe('findScars', () => {
  it('reads a long pale strip on the skin as a linear scar, paler than the skin around it', () => {
    const { img, seg } = scene((x, y) => (x >= 50 && x < 110 && y >= 50 && y < 54 ? SCAR : null));
    const [scar, ...rest] = findScars(img, seg);
    expect(rest).toEqual([]);
    expect(scar.kind).toBe('linear');
    expect(scar.pixels).toBe(240);
    expect(scar.box).toEqual({ x: 50, y: 50, width: 60, height: 4 });
    expect(scar.elongation).toBeGreaterThan(DEFAULT_SCAR_OPTIONS.linearElongation);
    expect(scar.tone).toBe('paler');
    expect(scar.surroundLab![0]).toBeLessThan(scar.lab[0]);
    expect(scar.deltaE76).toBeGreaterThan(5);
    // head = skin + hair + scar pixels = everything right of x = 40
    expect(scar.headFraction).toBeCloseTo(240 / (80 * 100), 4);
  });

  it('measures a textured scar and its surround as their linear-light mean colours', () => {
    // real scars and skin are never one flat code: alternate two codes per pixel, so the mean code is
    // not an integer (the mean used to be looked up as a code and came back as L* 0)
    const textured = (x: number, y: number, a: number[], b: number[]) => ((x + y) % 2 ? a : b);
    const { img, seg } = labelledScene(W, H, (x, y) => {
      if (x >= 50 && x < 110 && y >= 50 && y < 54) return { rgb: textured(x, y, [236, 201, 186], [231, 196, 180]), cls: SCAR };
      if (x < 40) return { rgb: [90, 110, 140], cls: BG };
      return { rgb: textured(x, y, [201, 151, 126], [196, 147, 121]), cls: y < 15 ? HAIR : SKIN };
    });
    const [scar] = findScars(img, seg);
    const mean = (a: number[], b: number[]) => linearToLab(...([0, 1, 2].map((c) => (SRGB_TO_LINEAR[a[c]] + SRGB_TO_LINEAR[b[c]]) / 2) as [number, number, number]));
    const want = mean([236, 201, 186], [231, 196, 180]);
    const wantSurround = mean([201, 151, 126], [196, 147, 121]);
    for (let c = 0; c < 3; c++) {
      expect(scar.lab[c]).toBeCloseTo(want[c], 1);
      expect(scar.surroundLab![c]).toBeCloseTo(wantSurround[c], 1);
    }
    expect(scar.lab[0]).toBeGreaterThan(75);
    expect(scar.tone).toBe('paler');
    expect(scar.deltaE76).toBeCloseTo(Math.hypot(...[0, 1, 2].map((c) => want[c] - wantSurround[c])), 0);
  });

  it('groups many small round marks into one punctate (FUE) finding', () => {
    const dot = (x: number, y: number) => (x % 10 < 4 && y % 10 < 4 && x >= 60 && y >= 40 && y < 80 ? SCAR : null);
    const { img, seg } = scene(dot);
    const found = findScars(img, seg);
    expect(found).toHaveLength(1);
    expect(found[0].kind).toBe('punctate');
    expect(found[0].components).toBe(6 * 4); // x 60..119 -> 6 columns, y 40..79 -> 4 rows
    expect(found[0].pixels).toBe(24 * 16);
  });

  it('reads a compact blob as irregular and drops specks under minPixels', () => {
    const { img, seg } = scene((x, y) => ((x >= 60 && x < 75 && y >= 40 && y < 52) || (x === 100 && y === 90) ? SCAR : null));
    const found = findScars(img, seg);
    expect(found.map((s) => [s.kind, s.pixels])).toEqual([['irregular', 180]]);
  });

  it('ignores a pale patch off the head (background all around it)', () => {
    const { img, seg } = scene((x, y) => ((x >= 5 && x < 20 && y >= 40 && y < 60) || (x >= 60 && x < 75 && y >= 40 && y < 52) ? SCAR : null));
    expect(findScars(img, seg).map((s) => s.box.x)).toEqual([60]);
    // with the check off it is reported too
    expect(findScars(img, seg, { ...DEFAULT_SCAR_OPTIONS, minHeadRing: 0 }).map((s) => s.box.x).sort()).toEqual([5, 60]);
  });

  it('keeps a scar at the edge of the head', () => {
    // a blob straddling the skin/background border: half its ring is skin
    const { img, seg } = scene((x, y) => (x >= 34 && x < 46 && y >= 40 && y < 55 ? SCAR : null));
    expect(findScars(img, seg)).toHaveLength(1);
  });

  it('leaves out a scar with half or more of its pixels off the scalp (offScalp: the face)', () => {
    // two blobs: x 60..74 and x 90..104, rows 40..51
    const { img, seg } = scene((x, y) => ((x >= 60 && x < 75) || (x >= 90 && x < 105)) && y >= 40 && y < 52 ? SCAR : null);
    expect(findScars(img, seg).map((s) => s.box.x).sort()).toEqual([60, 90]);
    // the region right of x = 97 covers 8 of the second blob's 15 columns: more than half, left out
    expect(findScars(img, seg, DEFAULT_SCAR_OPTIONS, { offScalp: (x) => x > 97 }).map((s) => s.box.x)).toEqual([60]);
    // right of x = 98: 7 of 15 columns, kept
    expect(findScars(img, seg, DEFAULT_SCAR_OPTIONS, { offScalp: (x) => x > 98 }).map((s) => s.box.x).sort()).toEqual([60, 90]);
    // and FUE marks on the fine segmentation are filtered the same way, mark by mark
    const marks = scene((x, y) => (x >= 50 && x < 110 && y >= 30 && y < 80 && x % 10 < 4 && y % 10 < 4 ? SCAR : null));
    const all = scarCandidates(marks.seg, DEFAULT_SCAR_OPTIONS, { fine: marks.seg });
    const left = scarCandidates(marks.seg, DEFAULT_SCAR_OPTIONS, { fine: marks.seg, offScalp: (x) => x >= 80 });
    expect(all.map((c) => [c.kind, c.comps.length])).toEqual([['punctate', 30]]);
    expect(left.map((c) => [c.kind, c.comps.length])).toEqual([['punctate', 15]]);
  });

  it('findScarsWithMask marks the reported scars only: not a speck, a patch off the head or one off the scalp', () => {
    const { img, seg } = scene((x, y) => ((x >= 60 && x < 75 && y >= 40 && y < 52) || (x === 100 && y === 90) || (x >= 5 && x < 20 && y >= 40 && y < 60) || (x >= 90 && x < 105 && y >= 40 && y < 52) ? SCAR : null));
    const { scars, mask } = findScarsWithMask(img, seg, DEFAULT_SCAR_OPTIONS, { offScalp: (x) => x > 85 });
    expect(scars.map((s) => [s.box.x, s.pixels])).toEqual([[60, 180]]);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(180);
    expect(mask[45 * W + 60]).toBe(1);
    expect(mask[45 * W + 95]).toBe(0);
    expect(mask[90 * W + 100]).toBe(0);
    expect(mask[50 * W + 10]).toBe(0);
    expect(findScars(img, seg, DEFAULT_SCAR_OPTIONS, { offScalp: (x) => x > 85 })).toEqual(scars);
  });

  it('reports a patch mostly bordered by background as possible, not sure (a nose tip, a hand)', () => {
    // the blob lies in the background 2 px from the skin: its 8 px ring holds 6 columns of skin (186 px)
    // against 566 of background, 0.25
    const edge = scene((x, y) => (x >= 22 && x < 38 && y >= 40 && y < 55 ? SCAR : null));
    const [scar] = findScars(edge.img, edge.seg);
    expect([scar.kind, scar.confidence, scar.sure]).toEqual(['irregular', 1, false]);
    expect(scar.unsureWhy).toMatch(/^it lies at the head's edge, mostly beside the background/);
    const [c] = scarCandidates(edge.seg);
    const ring = headRingFraction(c.comps[0].pixels, edge.seg.labels, W, H, DEFAULT_SCAR_OPTIONS.ringPx);
    expect(c.comps[0].headRing).toBe(ring);
    expect(ring).toBeCloseTo(186 / 752, 6);
    expect(ring).toBeGreaterThan(DEFAULT_SCAR_OPTIONS.minHeadRing);
    expect(ring).toBeLessThan(DEFAULT_SCAR_OPTIONS.planMinHeadRing);
    expect(isSure(c)).toBe(false);
    expect(isSure(c, { ...DEFAULT_SCAR_OPTIONS, planMinHeadRing: 0 })).toBe(true);
    // the same blob inside the skin is sure
    const inside = scene((x, y) => (x >= 60 && x < 75 && y >= 40 && y < 55 ? SCAR : null));
    expect(findScars(inside.img, inside.seg).map((s) => [s.sure, s.unsureWhy])).toEqual([[true, undefined]]);
    // and under the plan confidence it is possible for that reason
    const low = findScars(inside.img, inside.seg, { ...DEFAULT_SCAR_OPTIONS, planConfidence: 1.01 });
    expect(low.map((s) => [s.sure, s.unsureWhy])).toEqual([[false, "the segmentation's confidence 1.00 is under the 1.01 a scar is planned from"]]);
  });

  it('reports only scars the segmentation is sure of, with that confidence', () => {
    const strip = (x: number, y: number) => (x >= 50 && x < 110 && y >= 50 && y < 54 ? SCAR : null);
    const { img, seg } = scene(strip);
    const n = W * H;
    // scar pixels at probability 0.8 (the rest of their mass on skin): below minConfidence.single
    const unsure = { ...seg, probs: seg.probs.slice() };
    for (let i = 0; i < n; i++) {
      if (seg.labels[i] !== SCAR) continue;
      unsure.probs[SCAR * n + i] = 0.8;
      unsure.probs[SKIN * n + i] = 0.2;
    }
    expect(findScars(img, seg).map((s) => [s.confidence, s.sure])).toEqual([[1, true]]);
    expect(findScars(img, unsure)).toEqual([]);
    // between minConfidence.single and planConfidence: reported, as a possible scar only
    const possible = { ...seg, probs: unsure.probs.slice() };
    for (let i = 0; i < n; i++) if (seg.labels[i] === SCAR) possible.probs[SCAR * n + i] = 0.87;
    expect(findScars(img, possible).map((s) => [s.kind, s.confidence, s.sure])).toEqual([['linear', 0.87, false]]);
    const [candidate] = scarCandidates(unsure);
    expect(candidate.kind).toBe('linear');
    expect(candidate.confidence).toBeCloseTo(0.8, 6);
    expect(isReported(candidate)).toBe(false);
    expect(isReported(candidate, { ...DEFAULT_SCAR_OPTIONS, minConfidence: { single: 0.75, punctate: 0.65 } })).toBe(true);
  });

  it('needs punctateMinReported marks to report a punctate scar; its confidence is that of its surest marks', () => {
    // 6 marks: grouped as punctate (>= punctateMinCount) but too few to report
    const few = (x: number, y: number) => (x % 10 < 4 && y % 10 < 4 && x >= 60 && x < 90 && y >= 40 && y < 60 ? SCAR : null);
    const { img, seg } = scene(few);
    const [group] = scarCandidates(seg);
    expect(group.kind).toBe('punctate');
    expect(group.comps).toHaveLength(6);
    expect(findScars(img, seg)).toEqual([]);
    // 24 marks, one of them sure (1.0) and the rest at 0.7: the 4 surest average (1 + 3 * 0.7) / 4 = 0.775
    const many = scene((x, y) => (x % 10 < 4 && y % 10 < 4 && x >= 60 && y >= 40 && y < 80 ? SCAR : null));
    const n = W * H;
    const probs = many.seg.probs.slice();
    for (let i = 0; i < n; i++) {
      const x = i % W;
      const y = (i - x) / W;
      if (many.seg.labels[i] === SCAR && !(x < 64 && y < 44)) probs[SCAR * n + i] = 0.7;
    }
    const found = findScars(many.img, { ...many.seg, probs });
    expect(found).toHaveLength(1);
    expect(found[0].kind).toBe('punctate');
    expect(found[0].confidence).toBeCloseTo(0.775, 3);
    expect(found[0].sure).toBe(true); // a reported punctate scar on the head is planned for
  });

  it('reports FUE-like marks spread all over the head as possible, not sure; one patch of them is sure', () => {
    // the head (skin and hair) is x 40-119, y 0-99: 8,000 px of box
    const mark = (x: number, y: number) => x % 12 < 4 && y % 12 < 4; // 4 x 4 px marks, 12 px apart
    const all = scene((x, y) => (x >= 44 && x < 116 && y >= 4 && y < 96 && mark(x, y) ? SCAR : null));
    const patch = scene((x, y) => (x >= 60 && x < 96 && y >= 40 && y < 76 && mark(x, y) ? SCAR : null));
    const [spread] = scarCandidates(all.seg);
    const [one] = scarCandidates(patch.seg);
    expect(spread.spread).toBeCloseTo((64 * 76) / 8000, 3); // the marks' box, x 48-111 and y 12-87, over the head's
    expect(one.spread).toBeCloseTo((28 * 28) / 8000, 3); // x 60-87, y 48-75
    expect(findScars(all.img, all.seg).map((f) => [f.kind, f.sure])).toEqual([['punctate', false]]);
    expect(findScars(patch.img, patch.seg).map((f) => [f.kind, f.sure])).toEqual([['punctate', true]]);
  });

  it('reports FUE-like marks mostly bordered by background as possible, not sure (a glittery shirt)', () => {
    // 8 marks of 4 x 4 px in the background column x 30-33, 7 px from the skin: each ring holds 2
    // columns of skin against 18 of background
    const { img, seg } = scene((x, y) => (x >= 30 && x < 34 && y % 10 < 4 && y >= 20 ? SCAR : null));
    const [c] = scarCandidates(seg);
    expect([c.kind, c.comps.length]).toEqual(['punctate', 8]);
    for (const m of c.comps) {
      expect(m.headRing).toBeGreaterThan(DEFAULT_SCAR_OPTIONS.minHeadRing);
      expect(m.headRing).toBeLessThan(DEFAULT_SCAR_OPTIONS.planMinHeadRing);
    }
    expect(isReported(c)).toBe(true);
    expect(isSure(c)).toBe(false);
    expect(isSure(c, { ...DEFAULT_SCAR_OPTIONS, planMinHeadRing: 0 })).toBe(true);
    expect(findScars(img, seg).map((s) => [s.kind, s.sure])).toEqual([['punctate', false]]);
  });

  it('takes the punctate scar from the fine (tiled) segmentation when given one, the others from the whole photo', () => {
    const strip = (x: number, y: number) => (x >= 50 && x < 110 && y >= 20 && y < 24 ? SCAR : null);
    const dots = (x: number, y: number) => (x % 10 < 4 && y % 10 < 4 && x >= 60 && y >= 40 && y < 80 ? SCAR : null);
    // the whole photo resolves the strip but not the marks; the tiles resolve both
    const whole = scene(strip);
    const fine = scene((x, y) => strip(x, y) ?? dots(x, y));
    expect(findScars(whole.img, whole.seg).map((s) => s.kind)).toEqual(['linear']);
    expect(findScars(whole.img, whole.seg, DEFAULT_SCAR_OPTIONS, { fine: fine.seg }).map((s) => [s.kind, s.components])).toEqual([
      ['punctate', 24],
      ['linear', 1],
    ]);
    // marks only the whole photo holds are not reported once the tiles are looked at
    const wholeDots = scene((x, y) => strip(x, y) ?? dots(x, y));
    expect(findScars(wholeDots.img, wholeDots.seg, DEFAULT_SCAR_OPTIONS, { fine: whole.seg }).map((s) => s.kind)).toEqual(['linear']);
    expect(() => findScars(whole.img, whole.seg, DEFAULT_SCAR_OPTIONS, { fine: { ...fine.seg, width: 10 } })).toThrow(/fine segmentation and the image sizes differ/);
  });

  it('leaves out a scar on a thick piece the head reaches only through a narrow strip (a desk beside it)', () => {
    // 200 x 160: a head (disc r 60 at 80, 80; hair on top, skin below), a 5 px strip of skin from it to a
    // desk at the photo's right edge (L6-004's back view); a pale blob on the desk and one on the head
    const colour: Record<number, [number, number, number]> = { [BG]: [90, 110, 140], [SKIN]: [200, 150, 125], [HAIR]: [40, 30, 25], [SCAR]: [235, 200, 185] };
    const desk = (strip: number) =>
      labelledScene(200, 160, (x, y) => {
        let cls = BG;
        if ((x - 80) ** 2 + (y - 80) ** 2 <= 3600) cls = y < 60 ? HAIR : SKIN;
        else if ((x >= 160 && y >= 90 && y < 150) || (x >= 130 && x < 165 && y >= 100 && y < 100 + strip)) cls = SKIN;
        if ((x >= 175 && x < 191 && y >= 110 && y < 126) || (x >= 70 && x < 86 && y >= 90 && y < 106)) cls = SCAR;
        return { rgb: colour[cls], cls };
      });
    const narrow = desk(5);
    // the desk is skin all round the blob: the ring rules take it for scalp
    expect(findScars(narrow.img, narrow.seg, { ...DEFAULT_SCAR_OPTIONS, apart: { ...DEFAULT_SCAR_OPTIONS.apart, neck: 0 } }).map((s) => [s.box.x, s.sure])).toEqual([
      [70, true],
      [175, true],
    ]);
    expect(findScars(narrow.img, narrow.seg).map((s) => s.box.x)).toEqual([70]);
    expect(scarCandidates(narrow.seg).map((c) => c.comps[0].pixels.length)).toEqual([256]);
    // joined by a broad neck (30 px) the desk would be part of the head
    const broad = desk(30);
    expect(findScars(broad.img, broad.seg).map((s) => s.box.x)).toEqual([70, 175]);
  });

  it('in a top view, leaves out a scar beyond the head\'s rim of hair away from the face (a shoulder)', () => {
    // seen from above: hair disc r 60 at 100, 80 with a bald crown (r 20), skin all round it; blobs on a
    // shoulder right of the head, towards the face (down: orientation 0) and on the crown
    const colour: Record<number, [number, number, number]> = { [BG]: [90, 110, 140], [SKIN]: [200, 150, 125], [HAIR]: [40, 30, 25], [SCAR]: [235, 200, 185] };
    const { img, seg } = labelledScene(200, 160, (x, y) => {
      const r2 = (x - 100) ** 2 + (y - 80) ** 2;
      let cls = r2 <= 400 ? SKIN : r2 <= 3600 ? HAIR : SKIN;
      if ((x >= 163 && x < 178 && y >= 72 && y < 88) || (x >= 92 && x < 108 && y >= 142 && y < 155) || (x >= 94 && x < 106 && y >= 74 && y < 86)) cls = SCAR;
      return { rgb: colour[cls], cls };
    });
    const boxes = (photo?: ScarSearch['photo']) => findScars(img, seg, DEFAULT_SCAR_OPTIONS, { photo }).map((s) => [s.box.x, s.box.y, s.sure]).sort((a, b) => Number(a[0]) - Number(b[0]));
    const [face, crown, shoulder] = [
      [92, 142, true],
      [94, 74, true],
      [163, 72, true],
    ];
    expect(boxes()).toEqual([face, crown, shoulder]);
    expect(boxes({ view: 'top', orientation: 0 })).toEqual([face, crown]);
    // other views keep it (a bald crown lies beyond the fringe of a side or back view)
    expect(boxes({ view: 'back', orientation: 0 })).toEqual([face, crown, shoulder]);
    // face to the right (turned 270): the shoulder is now the face's side, the blob below is beyond
    expect(boxes({ view: 'top', orientation: 270 })).toEqual([crown, shoulder]);
  });

  it('returns nothing without scar pixels and rejects a segmentation of another size', () => {
    const { img, seg } = scene();
    expect(findScars(img, seg)).toEqual([]);
    expect(() => findScars(img, { ...seg, width: 10 })).toThrow(/segmentation and image sizes differ/);
  });
});

describe('toneOf', () => {
  it('calls red first, then paler / darker by more than 3 L*, else similar', () => {
    expect(toneOf([60, 25, 15], [60, 15, 15])).toBe('red');
    expect(toneOf([65, 15, 15], [60, 15, 15])).toBe('paler');
    expect(toneOf([55, 15, 15], [60, 15, 15])).toBe('darker');
    expect(toneOf([62, 15, 15], [60, 15, 15])).toBe('similar');
  });
});
