import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelDir } from '../../../../src/models/paths.js';
import { loadGraderParams, parseGraderParams } from '../../../../src/vision/norwood/params.js';

const ordinal = { mean: [0], scale: [1], beta: [1], thresholds: [0, 1, 2, 3, 4] };
const vm = { full: null, maskOnly: ordinal, weight: 1, weightMaskOnly: 1 };
const base = { levels: [2, 3, 4, 5, 6, 7], preferred: 'full', views: { front: vm, top: vm, left: vm, right: vm, back: vm } };
const weights = { front: 0.3, top: 0.8, left: 0.1, right: 0.3, back: 0.1 };

describe('parseGraderParams', () => {
  it('reads the mask-pattern fusion when present, and leaves it out when absent', () => {
    const p = parseGraderParams({ ...base, pattern: { full: { exponent: 0.5, weights }, maskOnly: { exponent: 0, weights } } });
    expect(p.pattern?.full.exponent).toBe(0.5);
    expect(parseGraderParams(base).pattern).toBeUndefined();
  });

  it('names what is wrong with it', () => {
    expect(() => parseGraderParams({ ...base, pattern: { full: { exponent: -1, weights }, maskOnly: { exponent: 0, weights } } }, 'p')).toThrow(
      /p.pattern.full: exponent/,
    );
    expect(() => parseGraderParams({ ...base, pattern: { full: { exponent: 1, weights }, maskOnly: { exponent: 0, weights: { ...weights, back: 'x' } } } }, 'p')).toThrow(
      /p.pattern.maskOnly.weights.back/,
    );
    expect(() => parseGraderParams({ ...base, pattern: { full: { exponent: 1, weights } } }, 'p')).toThrow(/p.pattern.maskOnly/);
  });

  it('the shipped parameters use the pattern with the levels the grader knows', () => {
    const p = loadGraderParams();
    expect(p.pattern).toBeDefined();
    expect(p.pattern!.full.exponent).toBeGreaterThan(0);
    const card = JSON.parse(readFileSync(resolve(modelDir('norwood-mask-cnn'), 'card.json'), 'utf8')) as { levels: number[] };
    expect(card.levels).toEqual(p.levels);
  });
});
