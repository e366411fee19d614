// Dot placement: 100,000 dots over a varying-density field, our layered Poisson-disk engine
// (src/plan/dots) against the npm package `poisson-disk-sampling` (variable-density mode, its
// default 30 tries) on the same field in the same run. Prints both dot counts, wall and CPU times
// (CPU time is steadier on a shared machine), and the ratio of time per dot, since the package's
// count lands near, not on, the target.
//   npm run bench -- dots
import { createRequire } from 'node:module';
import { placeDots } from '../src/plan/dots/place.js';
import { createRng } from '../src/plan/dots/rng.js';
import { nearestNeighbourStats } from '../src/plan/dots/stats.js';

interface PdsOptions {
  shape: number[];
  minDistance: number;
  maxDistance: number;
  tries?: number;
  distanceFunction?: (p: number[]) => number;
}
type PdsConstructor = new (options: PdsOptions, rng?: () => number) => { fill(): number[][] };
const PoissonDiskSampling = createRequire(import.meta.url)('poisson-disk-sampling') as PdsConstructor;

/** Image side (px). */
const SIZE = 1000;
/** Image pixels per field cell: density fields are smooth, sampled every 2 px (the package reads the same cells). */
const CELL_PX = 2;
const DOTS = 100_000;
/** Spacing multiple for the package (r = c / sqrt(density)) that lands near DOTS on this field. */
const PDS_SPACING = 0.92;
const REPEATS = 5;

export interface BenchField {
  cells: number;
  cellPx: number;
  /** Dots per image px², per cell. */
  values: Float32Array;
}

/** A smooth field from 0.2 to 1 (relative), a dense crown patch over a wavy thinner background, scaled to `dots`. */
export function benchField(size = SIZE, cellPx = CELL_PX, dots = DOTS): BenchField {
  const cells = Math.floor(size / cellPx);
  const values = new Float32Array(cells * cells);
  let sum = 0;
  for (let y = 0; y < cells; y++) {
    for (let x = 0; x < cells; x++) {
      const u = x / cells - 0.55, w = y / cells - 0.6;
      const crown = Math.exp(-(u * u + w * w) / 0.08);
      const wave = 0.5 + 0.5 * Math.sin((3 * Math.PI * x) / cells) * Math.cos((2 * Math.PI * y) / cells);
      const f = 0.2 + 0.8 * Math.min(1, 0.55 * crown + 0.45 * wave);
      values[y * cells + x] = f;
      sum += f;
    }
  }
  const k = dots / (sum * cellPx * cellPx);
  for (let i = 0; i < values.length; i++) values[i] *= k;
  return { cells, cellPx, values };
}

function timed<T>(f: () => T): { value: T; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, wall, cpu: (c.user + c.system) / 1000 };
}

const median = (a: number[]): number => [...a].sort((p, q) => p - q)[a.length >> 1];
const best = (a: number[]): number => Math.min(...a);

export async function run(): Promise<void> {
  const { cells, cellPx, values } = benchField();
  const at = (x: number, y: number): number => values[Math.floor(y / cellPx) * cells + Math.floor(x / cellPx)];
  let lo = Infinity, hi = 0;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const rMin = PDS_SPACING / Math.sqrt(hi), rMax = PDS_SPACING / Math.sqrt(lo);
  const ours = { wall: [] as number[], cpu: [] as number[], n: 0 };
  const theirs = { wall: [] as number[], cpu: [] as number[], n: 0 };
  let oursStats = '', theirsStats = '';
  for (let r = 0; r < REPEATS; r++) {
    const a = timed(() => placeDots({ sessions: [{ width: cells, height: cells, cellPx, values }], seed: r + 1 }));
    ours.wall.push(a.wall); ours.cpu.push(a.cpu); ours.n = a.value.x.length;
    const b = timed(() =>
      new PoissonDiskSampling(
        {
          shape: [cells * cellPx, cells * cellPx],
          minDistance: rMin,
          maxDistance: rMax,
          tries: 30,
          distanceFunction: (p) => (PDS_SPACING / Math.sqrt(at(p[0], p[1])) - rMin) / (rMax - rMin),
        },
        createRng(r + 1),
      ).fill(),
    );
    theirs.wall.push(b.wall); theirs.cpu.push(b.cpu); theirs.n = b.value.length;
    if (r === 0) {
      oursStats = nearestNeighbourStats(a.value.x, a.value.y, at).summary;
      const px = Float32Array.from(b.value, (p) => p[0]), py = Float32Array.from(b.value, (p) => p[1]);
      // The package's own density is its count / DOTS times the field's.
      theirsStats = nearestNeighbourStats(px, py, (x, y) => at(x, y) * (b.value.length / DOTS)).summary;
    }
  }
  const perDot = (t: number[], n: number): number => (median(t) / n) * 1e3;
  console.log(`field ${SIZE}x${SIZE} px in ${cells}x${cells} cells, density 0.2..1 (relative), target ${DOTS} dots, ${REPEATS} runs each, medians`);
  console.log(`  ours                   ${ours.n} dots  wall ${median(ours.wall).toFixed(0)} ms  cpu ${median(ours.cpu).toFixed(0)} ms  (${perDot(ours.wall, ours.n).toFixed(2)} µs/dot)`);
  console.log(`  poisson-disk-sampling  ${theirs.n} dots  wall ${median(theirs.wall).toFixed(0)} ms  cpu ${median(theirs.cpu).toFixed(0)} ms  (${perDot(theirs.wall, theirs.n).toFixed(2)} µs/dot)`);
  console.log(`  speed-up per dot: wall ${(perDot(theirs.wall, theirs.n) / perDot(ours.wall, ours.n)).toFixed(2)}x, cpu ${(perDot(theirs.cpu, theirs.n) / perDot(ours.cpu, ours.n)).toFixed(2)}x (medians)`);
  const ratioBest = (a: number[], b: number[]): string => ((best(a) / theirs.n) / (best(b) / ours.n)).toFixed(2);
  console.log(`  speed-up per dot, best of ${REPEATS}: wall ${ratioBest(theirs.wall, ours.wall)}x, cpu ${ratioBest(theirs.cpu, ours.cpu)}x`);
  console.log(`  nearest-neighbour distance x sqrt(density): ours ${oursStats}; package ${theirsStats}`);
}
