import { describe, expect, it } from 'vitest';
import { findColourCard } from '../../../../src/vision/colour/card/find-card.js';
import { findChart } from '../../../../src/vision/colour/card/find-chart.js';
import { fitCcm, invert3 } from '../../../../src/vision/colour/card/ccm.js';
import { COLORCHECKER_LINEAR } from '../../../../src/vision/colour/card/reference.js';
import { applyMatrix, correctImage, multiply, type Matrix3 } from '../../../../src/vision/colour/correction.js';
import { deltaE00, linearToLab, srgb8ToLab } from '../../../../src/vision/colour/convert.js';
import { addNoise, clutter, drawChart } from './chart-fixture.js';

/** A camera that mixes channels a little and has a strong warm cast. */
const CAMERA: Matrix3 = multiply([1.35, 0, 0, 0, 1, 0, 0, 0, 0.7], [0.9, 0.08, 0.02, 0.05, 0.9, 0.05, 0.02, 0.1, 0.88]);

describe('colour-correction matrix', () => {
  it('recovers the inverse of a known camera matrix from the 24 patches', () => {
    const measured = COLORCHECKER_LINEAR.map((c) => applyMatrix(CAMERA, c[0], c[1], c[2]));
    const m = fitCcm(measured, COLORCHECKER_LINEAR)!;
    const want = invert3(CAMERA)!;
    for (let k = 0; k < 9; k++) expect(m[k]).toBeCloseTo(want[k], 6);
  });

  it('needs three colours at least', () => {
    expect(fitCcm([[0.5, 0.5, 0.5]], [[0.5, 0.5, 0.5]])).toBeNull();
  });
});

describe('chart finder on a synthetic scene', () => {
  it.each([
    [0, false],
    [12, false],
    [-25, true],
    [90, false],
  ])('finds a chart rotated %i° (upside down: %s) and its matrix undoes the camera', (angle, flipped) => {
    const scene = drawChart(clutter(320, 240), { cx: 160, cy: 120, patch: 16, angleDeg: angle, flipped });
    const shot = addNoise(correctImage(scene, CAMERA), 2);
    const card = findColourCard(shot);
    expect(card).not.toBeNull();
    expect(card!.info.kind).toBe('colour-chart-24');
    expect(card!.info.residualDeltaE00).toBeLessThan(2.5);
    // A skin-like colour through the camera and back.
    const skin = [0.45, 0.3, 0.22] as const;
    const seen = applyMatrix(CAMERA, ...skin);
    const back = applyMatrix(card!.matrix, ...seen);
    expect(deltaE00(linearToLab(...back), linearToLab(...skin))).toBeLessThan(2);
  });

  it('finds nothing in clutter alone', () => {
    expect(findChart(clutter(320, 240, 3))).toBeNull();
    expect(findColourCard(clutter(320, 240, 5))).toBeNull();
  });

  it('ignores a chart too small to read', () => {
    const scene = drawChart(clutter(320, 240), { cx: 160, cy: 120, patch: 4, angleDeg: 0 });
    expect(findChart(scene)).toBeNull();
  });

  it('sees the reference colours through an identity camera', () => {
    const scene = drawChart(clutter(320, 240), { cx: 150, cy: 120, patch: 16, angleDeg: 5 });
    const fit = findChart(scene)!;
    expect(fit).not.toBeNull();
    const white = srgb8ToLab(241, 242, 235);
    const p = fit.patches[18];
    expect(deltaE00(linearToLab(...p), white)).toBeLessThan(1.5);
  });
});

function drawRect(img: { width: number; height: number; data: Uint8Array }, x0: number, y0: number, w: number, h: number, rgb: number[]) {
  const data = img.data.slice();
  for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) data.set(rgb, 3 * (y * img.width + x));
  return { width: img.width, height: img.height, data };
}

describe('grey card', () => {
  it('finds an 18 % grey card and maps it back to neutral 18 % under a cast', () => {
    // 18 % reflectance = sRGB code 118, in a neutral scene (the card and the scene see the same light).
    const scene = drawRect(clutter(320, 240, 9, 0), 200, 70, 60, 80, [118, 118, 118]);
    const cast: Matrix3 = [1.3, 0, 0, 0, 1, 0, 0, 0, 0.75];
    const shot = addNoise(correctImage(scene, cast), 1);
    const card = findColourCard(shot)!;
    expect(card).not.toBeNull();
    expect(card.info.kind).toBe('grey-card');
    const back = applyMatrix(card.matrix, ...applyMatrix(cast, 0.18, 0.18, 0.18));
    for (const v of back) expect(v).toBeCloseTo(0.18, 2);
  });

  it('does not take smooth skin for a grey card: the person mask excludes it', () => {
    const scene = drawRect(clutter(320, 240, 9, 0), 200, 70, 60, 80, [118, 118, 118]);
    const person = new Uint8Array(320 * 240);
    for (let y = 60; y < 160; y++) for (let x = 190; x < 270; x++) person[y * 320 + x] = 1;
    expect(findColourCard(scene)).not.toBeNull();
    expect(findColourCard(scene, undefined, person)).toBeNull();
  });

  it('does not take a grey patch for a card when the scene says the light is another colour', () => {
    // A warm scene with a neutral grey patch: a real card would look warm too.
    expect(findColourCard(drawRect(clutter(320, 240, 9, 25), 200, 70, 60, 80, [118, 118, 118]))).toBeNull();
  });

  it('does not take a coloured or ragged patch for a grey card', () => {
    expect(findColourCard(drawRect(clutter(320, 240, 9), 200, 70, 60, 80, [180, 90, 60]))).toBeNull();
    // A flat area that touches the border (a wall) is not a card.
    expect(findColourCard(drawRect(clutter(320, 240, 9, 0), 0, 0, 130, 240, [118, 118, 118]))).toBeNull();
  });
});
