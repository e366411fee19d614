import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelDir } from '../../../../src/models/paths.js';
import { analyzeGeometry } from '../../../../src/vision/geometry/analyze.js';
import { NorwoodPatternModel, parsePatternCard } from '../../../../src/vision/norwood/pattern-model.js';
import { drawHead } from '../geometry/synthetic-head.js';

describe('parsePatternCard', () => {
  const good = { name: 'm', input: { size: 64 }, levels: [2, 3, 4, 5, 6, 7], views: ['front', 'top', 'left', 'right', 'back'] };
  it('accepts the fields the runtime reads', () => {
    expect(parsePatternCard(good, 'card').input.size).toBe(64);
  });
  it('names what is wrong', () => {
    expect(() => parsePatternCard({ ...good, name: 1 }, 'card')).toThrow(/card: "name" is required/);
    expect(() => parsePatternCard({ ...good, input: { size: 2 } }, 'card')).toThrow(/input.size/);
    expect(() => parsePatternCard({ ...good, levels: [2] }, 'card')).toThrow(/levels/);
    expect(() => parsePatternCard({ ...good, views: ['top'] }, 'card')).toThrow(/views/);
  });
});

const dir = modelDir('norwood-mask-cnn');
describe.skipIf(!existsSync(resolve(dir, 'model.onnx')))('NorwoodPatternModel (models/norwood-mask-cnn)', () => {
  it('gives a distribution over the card\'s levels for the photo\'s view, and more loss for a balder crown', async () => {
    const m = await NorwoodPatternModel.load(dir, { intraOpThreads: 1 });
    try {
      const read = async (r: number) => {
        const seg = drawHead({ view: 'top', bald: (u, v) => u * u + (v + 0.1) ** 2 < r * r });
        return (await m.levelProbabilities(seg, analyzeGeometry(seg, 'top')))!;
      };
      const light = await read(0.2);
      const heavy = await read(0.9);
      for (const p of [light, heavy]) {
        expect(p).toHaveLength(m.card.levels.length);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      }
      const mean = (p: number[]) => p.reduce((a, v, j) => a + v * m.card.levels[j], 0);
      expect(mean(heavy)).toBeGreaterThan(mean(light));
    } finally {
      await m.release();
    }
  });

  it('gives nothing for a photo the grader does not use', async () => {
    const m = await NorwoodPatternModel.load(dir, { intraOpThreads: 1 });
    try {
      const seg = drawHead({ view: 'top' });
      const g = analyzeGeometry(seg, 'top');
      expect(await m.levelProbabilities(seg, { ...g, view: 'closeup' })).toBeNull();
      expect(await m.levelProbabilities(seg, { ...g, assessable: false })).toBeNull();
    } finally {
      await m.release();
    }
  });
});
