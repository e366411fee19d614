import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/plan/dots/rng.js';
import { nearestNeighbours, nearestNeighbourStats, neighbourDirectionChiSquare, powerSpectrum } from '../../../../src/plan/dots/stats.js';

// Negative controls: the blue-noise checks used on the engine must flag a lattice and white noise.
const SIDE = 130;
const DENSITY = 0.09;

function hexLattice(): { x: number[]; y: number[] } {
  const a = Math.sqrt(2 / (Math.sqrt(3) * DENSITY));
  const x: number[] = [], y: number[] = [];
  for (let r = 0; r * a * 0.866 < SIDE; r++) for (let c = 0; c * a < SIDE; c++) { x.push(c * a + (r % 2) * a * 0.5 + 0.3); y.push(r * a * 0.866 + 0.3); } // prettier-ignore
  return { x, y };
}

function whiteNoise(): { x: number[]; y: number[] } {
  const rng = createRng(5);
  const n = Math.round(DENSITY * SIDE * SIDE);
  return { x: Array.from({ length: n }, () => rng() * SIDE), y: Array.from({ length: n }, () => rng() * SIDE) };
}

const inner = (p: { x: number[]; y: number[] }) => (i: number): boolean => p.x[i] > 10 && p.x[i] < SIDE - 10 && p.y[i] > 10 && p.y[i] < SIDE - 10;

describe('point-set statistics', () => {
  it('finds nearest neighbours like brute force', () => {
    const p = whiteNoise();
    const { index, distance } = nearestNeighbours(p.x, p.y);
    for (let i = 0; i < p.x.length; i += 37) {
      let best = Infinity;
      for (let j = 0; j < p.x.length; j++) if (j !== i) best = Math.min(best, Math.hypot(p.x[j] - p.x[i], p.y[j] - p.y[i]));
      expect(distance[i]).toBeCloseTo(best, 9);
      expect(Math.hypot(p.x[index[i]] - p.x[i], p.y[index[i]] - p.y[i])).toBeCloseTo(best, 9);
    }
  });

  it('flags a lattice: no spread in neighbour distances, few directions, Bragg peaks', () => {
    const p = hexLattice();
    const nn = nearestNeighbourStats(p.x, p.y, () => DENSITY, inner(p));
    expect(nn.cv).toBeLessThan(0.02);
    expect(neighbourDirectionChiSquare(p.x, p.y, 18, inner(p))).toBeGreaterThan(200);
    expect(powerSpectrum(p.x, p.y, { x0: 0, y0: 0, side: SIDE }, 0.45).peakRatio).toBeGreaterThan(30);
  });

  it('flags white noise: neighbour distances spread wide and low frequencies carry full power', () => {
    const p = whiteNoise();
    const nn = nearestNeighbourStats(p.x, p.y, () => DENSITY, inner(p));
    expect(nn.cv).toBeGreaterThan(0.4);
    expect(nn.mean).toBeLessThan(0.6);
    const s = powerSpectrum(p.x, p.y, { x0: 0, y0: 0, side: SIDE }, 0.45);
    const low = [...s.frequency.keys()].filter((b) => s.frequency[b] < 0.4 * Math.sqrt(DENSITY));
    expect(low.reduce((a, b) => a + s.power[b], 0) / low.length).toBeGreaterThan(0.6);
  });
});
