import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelDir } from '../../../../src/models/paths.js';
import { mirrorChw, NorwoodFeatureModel, rotateChwCcw, splitFeatureRows } from '../../../../src/vision/norwood/features.js';
import type { RgbImage } from '../../../../src/vision/image.js';

describe('rotateChwCcw', () => {
  // one channel, 2 x 2: a b / c d
  const t = Float32Array.from([1, 2, 3, 4]);
  it('turns counter-clockwise', () => {
    expect(Array.from(rotateChwCcw(t, 1, 2, 1))).toEqual([2, 4, 1, 3]);
    expect(Array.from(rotateChwCcw(t, 1, 2, 2))).toEqual([4, 3, 2, 1]);
    expect(Array.from(rotateChwCcw(t, 1, 2, 3))).toEqual([3, 1, 4, 2]);
  });
  it('checks its arguments', () => {
    expect(() => rotateChwCcw(t, 1, 2, 4)).toThrow(/0\.\.3/);
    expect(() => rotateChwCcw(t, 2, 2, 1)).toThrow(/expected 8/);
  });
});

describe('mirrorChw', () => {
  it('mirrors each channel left-right', () => {
    // two channels, 2 x 2: a b / c d
    const t = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(mirrorChw(t, 2, 2))).toEqual([2, 1, 4, 3, 6, 5, 8, 7]);
  });
  it('is its own inverse and checks its size', () => {
    const t = Float32Array.from({ length: 27 }, (_, i) => i * i);
    expect(Array.from(mirrorChw(mirrorChw(t, 3, 3), 3, 3))).toEqual(Array.from(t));
    expect(() => mirrorChw(t, 3, 2)).toThrow(/expected 3x2x2/);
  });
});

describe('splitFeatureRows', () => {
  it('splits 4 rows of embedding ++ level scores', () => {
    const data = Float32Array.from({ length: 4 * 5 }, (_, i) => i);
    const f = splitFeatureRows(data, 3, 2, 'm');
    expect(Array.from(f.embeddings[1])).toEqual([5, 6, 7]);
    expect(Array.from(f.levelScores[3])).toEqual([18, 19]);
  });
  it('refuses a wrong length', () => {
    expect(() => splitFeatureRows(new Float32Array(7), 3, 2, 'm')).toThrow(/expected 20/);
  });
});

const hasModel = existsSync(resolve(modelDir('norwood-features'), 'model.onnx'));
describe.skipIf(!hasModel)('NorwoodFeatureModel (models/norwood-features)', () => {
  function image(size: number, turn: boolean): RgbImage {
    const data = new Uint8Array(size * size * 3);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        // a pattern with no rotational symmetry; turn = the same turned counter-clockwise once
        const [sx, sy] = turn ? [size - 1 - y, x] : [x, y];
        const i = (y * size + x) * 3;
        data[i] = (sx * 3) & 255;
        data[i + 1] = (sy * 5) & 255;
        data[i + 2] = sx > sy ? 200 : 40;
      }
    }
    return { width: size, height: size, data };
  }

  it('gives one embedding and one set of level scores per quarter-turn, permuted when the photo turns', async () => {
    const m = await NorwoodFeatureModel.load(undefined, { intraOpThreads: 1 });
    try {
      const a = await m.extract(image(224, false));
      const b = await m.extract(image(224, true));
      expect(a.embeddings).toHaveLength(4);
      expect(a.embeddings[0]).toHaveLength(m.settings.dim);
      expect(a.levelScores[0]).toHaveLength(m.settings.levelDim);
      // b is a turned once counter-clockwise: b's turn k equals a's turn k + 1
      for (let k = 0; k < 3; k++) {
        for (let i = 0; i < 20; i++) expect(b.embeddings[k][i]).toBeCloseTo(a.embeddings[k + 1][i], 3);
      }
    } finally {
      await m.release();
    }
  });

  it('with mirrored, adds the mirrored photo\'s rows and leaves the photo\'s own unchanged', async () => {
    const m = await NorwoodFeatureModel.load(undefined, { intraOpThreads: 1 });
    try {
      const img = image(224, false);
      const a = await m.extract(img);
      const both = await m.extract(img, { mirrored: true });
      const flipped = { ...img, data: new Uint8Array(img.data.length) };
      for (let y = 0; y < 224; y++) for (let x = 0; x < 224; x++) for (let c = 0; c < 3; c++) flipped.data[(y * 224 + x) * 3 + c] = img.data[(y * 224 + 223 - x) * 3 + c];
      const f = await m.extract(flipped);
      expect(a.mirrored).toBeUndefined();
      expect(both.mirrored!.embeddings).toHaveLength(4);
      for (let k = 0; k < 4; k++) {
        for (let i = 0; i < 20; i++) {
          expect(both.embeddings[k][i]).toBeCloseTo(a.embeddings[k][i], 3);
          // a photo 224 px square is not resized, so mirroring the tensor is mirroring the photo
          expect(both.mirrored!.embeddings[k][i]).toBeCloseTo(f.embeddings[k][i], 3);
        }
        expect(both.mirrored!.levelScores[k][0]).toBeCloseTo(f.levelScores[k][0], 3);
      }
    } finally {
      await m.release();
    }
  });
});
