import { describe, expect, it } from 'vitest';
import { apartFromHead, beyondHairRim, topViewFace } from '../../../../src/vision/scars/on-head.js';
import { DEFAULT_SCAR_OPTIONS } from '../../../../src/vision/scars/find-scars.js';
import type { Segmentation } from '../../../../src/vision/image.js';

const BG = 0;
const SKIN = 1;
const HAIR = 2;
const SCAR = 3;
const W = 200;
const H = 160;

/** Labels only (the head rules read no probabilities). */
function masks(label: (x: number, y: number) => number): Segmentation {
  const labels = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) labels[y * W + x] = label(x, y);
  return { width: W, height: H, labels, probs: new Float32Array(4 * W * H) };
}

const inDisc = (x: number, y: number, cx: number, cy: number, r: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const at = (m: Uint8Array, x: number, y: number) => m[y * W + x];
const on = (test: ((x: number, y: number) => boolean) | null, x: number, y: number) => (test!(x, y) ? 1 : 0);

describe('apartFromHead', () => {
  // a head (disc r 60 at 80, 80: hair on top, skin below), a strip 5 px high from it to a desk at the
  // photo's right edge; the opening's radius is round(0.03 * 160) = 5 px, so the strip (< 11 px) is cut
  const desk = (strip: number) => (x: number, y: number) => {
    if (inDisc(x, y, 80, 80, 60)) return y < 60 ? HAIR : SKIN;
    if (x >= 160 && y >= 90 && y < 150) return SKIN;
    if (x >= 130 && x < 165 && y >= 100 && y < 100 + strip) return SKIN;
    return BG;
  };

  it('marks a thick piece at the frame edge that the head reaches only through a narrow strip', () => {
    const apart = apartFromHead(masks(desk(5)), DEFAULT_SCAR_OPTIONS.apart);
    expect(at(apart, 180, 120)).toBe(1); // the desk
    expect(at(apart, 80, 80)).toBe(0); // the head
    expect(at(apart, 150, 102)).toBe(0); // the strip is thin: no piece at all
    expect(at(apart, 10, 10)).toBe(0); // background
  });

  it('leaves a piece joined to the head by a broad neck, and one that does not reach the frame edge', () => {
    expect(at(apartFromHead(masks(desk(30)), DEFAULT_SCAR_OPTIONS.apart), 180, 120)).toBe(0);
    // the same desk 10 px short of the edge: a thing lying in the photo, not one coming into it
    const island = masks((x, y) => (x >= 199 - 10 ? BG : desk(5)(x, y)));
    expect(at(apartFromHead(island, DEFAULT_SCAR_OPTIONS.apart), 175, 120)).toBe(0);
  });

  it('keeps a scar the segmenter rimmed with background inside the head (glue)', () => {
    // a scar island reaching the top edge, inside a 1 px ring of background, in the head's hair
    const rimmed = masks((x, y) => {
      if (x >= 70 && x < 90 && y < 40) return SCAR;
      if (x >= 69 && x < 91 && y < 41) return BG;
      return x < 150 ? (y < 60 ? HAIR : SKIN) : BG;
    });
    expect(at(apartFromHead(rimmed, DEFAULT_SCAR_OPTIONS.apart), 80, 10)).toBe(0);
    expect(at(apartFromHead(rimmed, { ...DEFAULT_SCAR_OPTIONS.apart, glue: 0 }), 80, 10)).toBe(1);
  });
});

describe('beyondHairRim', () => {
  // seen from above: hair disc r 60 at 100, 80 with a bald crown (r 20), skin all round it (shoulders,
  // and towards the face, down in the photo)
  const top = masks((x, y) => (inDisc(x, y, 100, 80, 20) ? SKIN : inDisc(x, y, 100, 80, 60) ? HAIR : SKIN));

  it('marks skin beyond the rim of hair away from the face, not the crown or the face side', () => {
    const beyond = beyondHairRim(top, topViewFace(0), DEFAULT_SCAR_OPTIONS.hairRim);
    expect(on(beyond, 175, 80)).toBe(1); // right of the head: a shoulder
    expect(on(beyond, 100, 5)).toBe(1); // behind the head
    expect(on(beyond, 100, 80)).toBe(0); // the bald crown
    expect(on(beyond, 100, 150)).toBe(0); // towards the face
    expect(on(beyond, 158, 80)).toBe(0); // the rim's own hair
    // turned a quarter clockwise the face is to the left: the right side is still beyond, the left not
    const turned = beyondHairRim(top, topViewFace(90), DEFAULT_SCAR_OPTIONS.hairRim);
    expect([on(turned, 175, 80), on(turned, 25, 80), on(turned, 100, 150)]).toEqual([1, 0, 1]);
  });

  it('judges nothing where the hair does not reach out (a horseshoe) or without hair enough for a rim', () => {
    // a ring of hair open at the top (40 degrees either side of straight up): no rim there to be beyond
    const open = (x: number, y: number) => y < 80 && Math.abs(x - 100) < Math.tan((40 * Math.PI) / 180) * (80 - y);
    const horseshoe = masks((x, y) => (inDisc(x, y, 100, 80, 60) && !inDisc(x, y, 100, 80, 45) && !open(x, y) ? HAIR : SKIN));
    const beyond = beyondHairRim(horseshoe, topViewFace(0), DEFAULT_SCAR_OPTIONS.hairRim);
    expect(on(beyond, 100, 10)).toBe(0);
    expect(on(beyond, 175, 80)).toBe(1);
    // hair on under a tenth of the head: null
    const shaved = masks((x, y) => (inDisc(x, y, 100, 80, 15) ? HAIR : SKIN));
    expect(beyondHairRim(shaved, topViewFace(0), DEFAULT_SCAR_OPTIONS.hairRim)).toBeNull();
  });

  it('reads the rim from the head\'s hair, not from hair-coloured specks beside it', () => {
    // a 6 x 6 speck of "hair" far to the right would stretch the rim there
    const speck = masks((x, y) => (x >= 190 && x < 196 && y >= 77 && y < 83 ? HAIR : top.labels[y * W + x]));
    expect(on(beyondHairRim(speck, topViewFace(0), DEFAULT_SCAR_OPTIONS.hairRim), 175, 80)).toBe(1);
    expect(on(beyondHairRim(speck, topViewFace(0), { ...DEFAULT_SCAR_OPTIONS.hairRim, minHairPiece: 0 }), 175, 80)).toBe(0);
  });
});
