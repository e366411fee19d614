import { describe, expect, it } from 'vitest';
import { DEFAULT_FACE_REGION, faceRegion } from '../../../../src/vision/scars/face-region.js';

// An upright face: glabella at (100, 200), up is -y, eyes 60 px apart (1 eye distance = 60 px).
const upright = { glabella: [100, 200] as [number, number], up: [0, -1] as [number, number], interpupillaryPx: 60 };

describe('faceRegion', () => {
  it('takes the nose, the brows and the cheeks, and leaves the forehead above 0.5 eye distance and the scalp', () => {
    const onFace = faceRegion(upright);
    expect(onFace(100, 260)).toBe(true); // nose, one eye distance below the glabella
    expect(onFace(100, 200)).toBe(true); // the glabella itself
    expect(onFace(100, 171)).toBe(true); // 29 px above: inside the 30 px reach
    expect(onFace(100, 169)).toBe(false); // 31 px above: forehead
    expect(onFace(100, 60)).toBe(false); // scalp
    expect(onFace(100 + 71, 260)).toBe(true); // cheek, 1.18 eye distances aside
    expect(onFace(100 + 73, 260)).toBe(false); // 1.22 aside: beside the face (sideburn, ear)
  });

  it('turns with the face: a photo turned 90 degrees clockwise puts up at +x', () => {
    // the same face after a clockwise quarter-turn of the photo: (x, y) -> (H - y, x) with H = 400
    const turned = faceRegion({ glabella: [200, 100], up: [1, 0], interpupillaryPx: 60 });
    const onFace = faceRegion(upright);
    for (const [x, y] of [[100, 260], [100, 169], [171, 260], [173, 260], [100, 60], [40, 300]] as const) {
      expect(turned(400 - y, x)).toBe(onFace(x, y));
    }
  });

  it('accepts an up direction of any length', () => {
    const long = faceRegion({ ...upright, up: [0, -5] });
    expect(long(100, 171)).toBe(true);
    expect(long(100, 169)).toBe(false);
  });

  it('reads its reach from the rules', () => {
    expect(faceRegion(upright, { ...DEFAULT_FACE_REGION, aboveGlabella: 1 })(100, 150)).toBe(true);
    expect(faceRegion(upright, { ...DEFAULT_FACE_REGION, halfWidth: 2 })(200, 260)).toBe(true);
  });

  it('refuses a frame without a scale or a direction', () => {
    expect(() => faceRegion({ ...upright, interpupillaryPx: 0 })).toThrow(/positive eye distance/);
    expect(() => faceRegion({ ...upright, up: [0, 0] })).toThrow(/up direction/);
    expect(() => faceRegion({ ...upright, interpupillaryPx: Number.NaN })).toThrow(/positive eye distance/);
  });
});
