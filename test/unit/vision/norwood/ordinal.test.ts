import { describe, expect, it } from 'vitest';
import { ordinalLatent, ordinalProbabilities, poolLogLinear } from '../../../../src/vision/norwood/ordinal.js';

const model = { mean: [1], scale: [2], beta: [3], thresholds: [-1, 0, 1] };

describe('ordinalProbabilities', () => {
  it('standardises then applies beta', () => {
    expect(ordinalLatent(model, [3])).toBeCloseTo(3, 12);
  });
  it('gives thresholds.length + 1 probabilities summing to 1', () => {
    const p = ordinalProbabilities(model, [1]);
    expect(p).toHaveLength(4);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // z = 0: P(y <= 0) = sigmoid(-1)
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(1)), 6);
  });
  it('moves mass up the scale as the latent grows', () => {
    const lo = ordinalProbabilities(model, [-5]);
    const hi = ordinalProbabilities(model, [7]);
    expect(lo[0]).toBeGreaterThan(0.9);
    expect(hi[3]).toBeGreaterThan(0.9);
  });
  it('checks the feature count', () => {
    expect(() => ordinalProbabilities(model, [1, 2])).toThrow(/expects 1 features/);
  });
});

describe('poolLogLinear', () => {
  it('is the normalised weighted product', () => {
    const p = poolLogLinear([[0.5, 0.5], [0.9, 0.1]], [1, 1]);
    expect(p[0]).toBeCloseTo(0.45 / 0.5, 12);
  });
  it('a zero weight ignores a distribution', () => {
    expect(poolLogLinear([[0.2, 0.8], [0.9, 0.1]], [1, 0])).toEqual([0.2, 0.8].map((x) => expect.closeTo(x, 12)));
  });
  it('refuses mismatched inputs', () => {
    expect(() => poolLogLinear([], [])).toThrow(/nothing to pool/);
    expect(() => poolLogLinear([[1, 0]], [1, 2])).toThrow(/weights/);
  });
});
