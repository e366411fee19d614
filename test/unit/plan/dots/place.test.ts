import { describe, expect, it } from 'vitest';
import { placeDots, MIN_SPACING, regionTargets } from '../../../../src/plan/dots/place.js';
import type { DensityGrid } from '../../../../src/plan/dots/density-grid.js';
import { nearestNeighbours, nearestNeighbourStats, neighbourDirectionChiSquare, powerSpectrum } from '../../../../src/plan/dots/stats.js';

const W = 240, H = 240, CELL = 2;
/** Full density: dots per image px² (spacing ~3.3 px). */
const FULL = 0.09;

/**
 * Four zones on a 480 px square: bald (full), thinning (0.45), scar (0.8), and a feathered band
 * whose density ramps 0 -> 1 across 60 px, plus a zero-density gap between them.
 */
function zonedField(): { fraction: Float32Array; region: Int32Array } {
  const fraction = new Float32Array(W * H), region = new Int32Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const c = y * W + x;
      if (y < 110 && x < 110) { fraction[c] = 1; region[c] = 1; } // prettier-ignore
      else if (y < 110 && x >= 120) { fraction[c] = 0.45; region[c] = 2; } // prettier-ignore
      else if (y >= 120 && x < 110) { fraction[c] = 0.8; region[c] = 3; } // prettier-ignore
      else if (y >= 120 && x >= 120) { fraction[c] = Math.min(1, (x - 120) / 30); region[c] = 4; } // prettier-ignore
    }
  }
  return { fraction, region };
}

function grids(fraction: Float32Array, sessionFractions: number[]): DensityGrid[] {
  return sessionFractions.map((s) => ({ width: W, height: H, cellPx: CELL, values: fraction.map((f) => f * s * FULL) }));
}

const { fraction, region } = zonedField();
const sessions = grids(fraction, [0.3, 0.7, 1]);
const placed = placeDots({ sessions, region, seed: 42 });
const densityAt = (s: number) => (x: number, y: number): number => sessions[s].values[Math.floor(y / CELL) * W + Math.floor(x / CELL)];

describe('layered dot placement', () => {
  it('ends every zone of every session exactly at its target count', () => {
    for (let s = 0; s < sessions.length; s++) {
      const targets = regionTargets(sessions[s], region, 5);
      const counts = new Array(5).fill(0);
      for (let i = 0; i < placed.x.length; i++) if (placed.session[i] <= s) counts[region[placed.cell[i]]]++;
      for (let g = 1; g < 5; g++) expect(counts[g], `session ${s} zone ${g}`).toBe(targets[g]);
      expect(counts[0]).toBe(0);
    }
  });

  it('keeps density within 5 % of target inside each zone, away from its edges', () => {
    // Interior windows (10 px in from every zone edge) of the constant-density zones, final session.
    const windows = [
      { x0: 20, y0: 20, x1: 200, y1: 200, want: FULL },
      { x0: 260, y0: 20, x1: 460, y1: 200, want: 0.45 * FULL },
      { x0: 20, y0: 260, x1: 200, y1: 460, want: 0.8 * FULL },
      // The feathered band's plateau.
      { x0: 330, y0: 260, x1: 460, y1: 460, want: FULL },
    ];
    for (const s of [0, 1, 2]) {
      const k = [0.3, 0.7, 1][s];
      for (const w of windows) {
        let n = 0;
        for (let i = 0; i < placed.x.length; i++) {
          if (placed.session[i] > s) continue;
          if (placed.x[i] >= w.x0 && placed.x[i] < w.x1 && placed.y[i] >= w.y0 && placed.y[i] < w.y1) n++;
        }
        const expected = w.want * k * (w.x1 - w.x0) * (w.y1 - w.y0);
        expect(Math.abs(n / expected - 1), `session ${s} window ${JSON.stringify(w)}: ${n} vs ${expected.toFixed(0)}`).toBeLessThan(0.05);
      }
    }
  });

  it('follows a density ramp: the feathered band fills in proportion', () => {
    // Columns of the ramp (image x 240..300) in 4 bins of 15 px: density rises with x.
    const counts = [0, 0, 0, 0], expected = [0, 0, 0, 0];
    for (let i = 0; i < placed.x.length; i++) {
      const b = Math.floor((placed.x[i] - 240) / 15);
      if (b >= 0 && b < 4 && placed.y[i] >= 250 && placed.y[i] < 470) counts[b]++;
    }
    for (let y = 125; y < 235; y++) for (let x = 120; x < 150; x++) expected[Math.floor((x - 120) / 7.5)] += sessions[2].values[y * W + x] * CELL * CELL;
    for (let b = 1; b < 4; b++) expect(Math.abs(counts[b] / expected[b] - 1), `bin ${b}`).toBeLessThan(0.12);
    expect(counts[3]).toBeGreaterThan(counts[1]);
  });

  it('never puts two dots closer than the minimum spacing of their density, session by session', () => {
    for (let s = 0; s < sessions.length; s++) {
      const xs: number[] = [], ys: number[] = [], rho: number[] = [];
      for (let i = 0; i < placed.x.length; i++) {
        if (placed.session[i] > s) continue;
        xs.push(placed.x[i]);
        ys.push(placed.y[i]);
        rho.push(sessions[s].values[placed.cell[i]]);
      }
      const { index, distance } = nearestNeighbours(xs, ys);
      let worst = Infinity;
      for (let i = 0; i < xs.length; i++) {
        const j = index[i];
        // The pair's spacing is the denser side's.
        const spacing = MIN_SPACING / Math.sqrt(Math.max(rho[i], rho[j]));
        worst = Math.min(worst, distance[i] / spacing);
      }
      expect(worst, `session ${s}`).toBeGreaterThanOrEqual(1 - 1e-4);
    }
  });

  it('looks like blue noise, not a grid: nearest-neighbour spread, isotropic directions, no spectral peaks', () => {
    const inBald = (i: number): boolean => placed.x[i] > 20 && placed.x[i] < 200 && placed.y[i] > 20 && placed.y[i] < 200;
    const nn = nearestNeighbourStats(placed.x, placed.y, densityAt(2), inBald);
    // Poisson disk: mean NN distance ~0.85-0.95 / sqrt(density), clearly spread (a lattice has cv ~0,
    // white noise ~0.52).
    expect(nn.mean).toBeGreaterThan(0.8);
    expect(nn.mean).toBeLessThan(1.0);
    expect(nn.cv).toBeGreaterThan(0.02);
    expect(nn.cv).toBeLessThan(0.2);
    // Directions to nearest neighbours: chi-square with 17 df, p = 0.001 critical value 40.8.
    expect(neighbourDirectionChiSquare(placed.x, placed.y, 18, inBald)).toBeLessThan(40.8);
    // Sub-pixel positions are uniform (nothing snapped to cells or pixels).
    const frac = new Array(10).fill(0);
    let m = 0;
    for (let i = 0; i < placed.x.length; i++) if (inBald(i)) { frac[Math.floor((placed.x[i] % 1) * 10)]++; m++; } // prettier-ignore
    const chi = frac.reduce((a, f) => a + (f - m / 10) ** 2 / (m / 10), 0);
    expect(chi).toBeLessThan(27.9); // 9 df, p = 0.001
  });

  it('has a blue-noise spectrum: low power at low frequencies, no Bragg peaks', () => {
    const spectrum = powerSpectrum(placed.x, placed.y, { x0: 40, y0: 40, side: 130 }, 0.45);
    const spacing = 1 / Math.sqrt(FULL);
    // Below ~half the dot frequency the power is far under white noise (1); around it, near 1.
    const low = [...spectrum.frequency.keys()].filter((b) => spectrum.frequency[b] < 0.4 / spacing);
    const lowMean = low.reduce((a, b) => a + spectrum.power[b], 0) / low.length;
    expect(lowMean).toBeLessThan(0.25);
    const high = [...spectrum.frequency.keys()].filter((b) => spectrum.frequency[b] > 1.3 / spacing);
    const highMean = high.reduce((a, b) => a + spectrum.power[b], 0) / high.length;
    expect(highMean).toBeGreaterThan(0.7);
    // A lattice concentrates power in a few frequencies (ratio in the hundreds); random-phase
    // periodograms are exponential, so the largest of ~500 samples is around 6-10 x the ring mean.
    expect(spectrum.peakRatio).toBeLessThan(14);
  });

  it('is deterministic for a seed and different for another', () => {
    const again = placeDots({ sessions, region, seed: 42 });
    expect(Array.from(again.x)).toEqual(Array.from(placed.x));
    expect(Array.from(again.session)).toEqual(Array.from(placed.session));
    const other = placeDots({ sessions, region, seed: 43 });
    expect(Array.from(other.x.slice(0, 50))).not.toEqual(Array.from(placed.x.slice(0, 50)));
  });

  it('layers: each session keeps the earlier dots and only adds', () => {
    // A plan of the first two sessions alone places the same session-0 dots as the three-session plan
    // would if its later sessions were replanned from them.
    const firstOnly = placeDots({ sessions: sessions.slice(0, 1), region, seed: 42 });
    const existing = { x: firstOnly.x, y: firstOnly.y, session: firstOnly.session };
    const continued = placeDots({ sessions, region, seed: 9, existing });
    for (let i = 0; i < firstOnly.x.length; i++) {
      expect(continued.x[i]).toBe(firstOnly.x[i]);
      expect(continued.y[i]).toBe(firstOnly.y[i]);
      expect(continued.session[i]).toBe(0);
    }
    expect(continued.stats[2].placed).toBe(continued.stats[2].target);
    expect(continued.existingDropped).toEqual({ outside: 0, crowded: 0 });
    // Dots come ordered by session.
    for (let i = 1; i < placed.session.length; i++) expect(placed.session[i]).toBeGreaterThanOrEqual(placed.session[i - 1]);
  });

  it('counts the existing dots it cannot keep: a repeated dot, one off the field', () => {
    const firstOnly = placeDots({ sessions: sessions.slice(0, 1), region, seed: 42 });
    const n = firstOnly.x.length;
    // Every dot twice (a list sent twice), plus one beyond the field's right edge.
    const x = Float32Array.from([...firstOnly.x, ...firstOnly.x, 1e6]);
    const y = Float32Array.from([...firstOnly.y, ...firstOnly.y, 5]);
    const continued = placeDots({ sessions, region, seed: 9, existing: { x, y, session: new Uint8Array(2 * n + 1) } });
    expect(continued.existingDropped).toEqual({ outside: 1, crowded: n });
    expect(continued.stats[0].placed).toBe(n);
  });

  it('rejects grids of different shapes and negative densities', () => {
    expect(() => placeDots({ sessions: [sessions[0], { ...sessions[1], width: 10, height: 10, values: new Float32Array(100) }], seed: 1 })).toThrow(/differs/);
    expect(() => placeDots({ sessions: [{ width: 2, height: 1, cellPx: 1, values: Float32Array.of(0.1, -1) }], seed: 1 })).toThrow(/>= 0/);
  });
});

describe('a region entered through a thin, sparse edge', () => {
  it('is filled: the seed goes where the region is densest, not on its first cell in scan order', () => {
    // 120 x 120 cells of 1 px. The region's first cell in scan order starts a 1-cell-high sliver of
    // sparse density (spacing 20 px) that runs right and then down a 1-cell-wide path into a dense
    // block (spacing 3 px) below. A seed on the sliver throws its candidates 20-22 px away, off the
    // sliver: the fill died with one dot and later passes, seeing the region reached, never seeded it
    // again (a real top view got 22 of 1214 dots in its first session).
    const w = 120, h = 120;
    const sparse = (0.84 / 20) ** 2, dense = (0.84 / 3) ** 2;
    const values = new Float32Array(w * h);
    for (let x = 5; x <= 100; x++) values[5 * w + x] = sparse;
    for (let y = 5; y < 60; y++) values[y * w + 100] = sparse;
    for (let y = 60; y < h; y++) for (let x = 0; x < w; x++) values[y * w + x] = dense;
    const placed = placeDots({ sessions: [{ width: w, height: h, cellPx: 1, values }], seed: 7 });
    expect(placed.stats[0].target).toBeGreaterThan(500);
    expect(placed.stats[0].placed).toBe(placed.stats[0].target);
  });
});
