// Scar fill matched to the surroundings: a scar is camouflaged at the apparent density around it, so
// it disappears into whatever surrounds it. Around hair that is full density (the dots stand in for
// hair stubble); around pigmented scalp it is the treatment level there; around bare untreated skin
// it is nothing (the scar is left as skin, matching the skin around it).
import { weightedBoxMean } from './blur.js';
import { positiveComponents } from '../dots/components.js';
import type { FieldGrid } from './grid.js';

export interface ScarFill {
  /** Scar component per cell (-1 where no scar). */
  label: Int32Array;
  count: number;
  /** Fraction of full density for each scar component (0..1). */
  fill: Float32Array;
}

/**
 * scar: scar probability per cell; apparent: what reads as density around (max of local hair
 * coverage and planned treatment fraction, 0..1); ringCells: width of the surrounding ring.
 */
export function scarFill(scar: Float32Array, apparent: Float32Array, head: Uint8Array, grid: FieldGrid, ringCells: number, threshold = 0.5, minCells = 1): ScarFill {
  const { width, height } = grid;
  const n = width * height;
  const isScar = new Float32Array(n);
  for (let c = 0; c < n; c++) isScar[c] = head[c] && scar[c] >= threshold ? 1 : 0;
  const { label, count } = withoutSmallPieces(positiveComponents(width, height, isScar), minCells, isScar);
  const fill = new Float32Array(count);
  if (count === 0) return { label, count, fill };
  // Ring = near a scar (within ringCells) but not scar itself, inside the head.
  const nearScar = weightedBoxMean(isScar, new Uint8Array(n).fill(1), width, height, ringCells);
  // Each ring cell is credited to the scar component nearest by a small search (rings rarely touch).
  const sum = new Float64Array(count), weight = new Float64Array(count);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = y * width + x;
      if (isScar[c] || !head[c] || nearScar[c] <= 0) continue;
      let g = -1;
      for (let r = 1; r <= ringCells && g < 0; r++) {
        for (let dy = -r; dy <= r && g < 0; dy++) {
          for (let dx = -r; dx <= r; dx++) {
            if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
            const xx = x + dx, yy = y + dy;
            if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
            const l = label[yy * width + xx];
            if (l >= 0) {
              g = l;
              break;
            }
          }
        }
      }
      if (g < 0) continue;
      sum[g] += apparent[c];
      weight[g]++;
    }
  }
  for (let g = 0; g < count; g++) fill[g] = weight[g] > 0 ? Math.min(1, sum[g] / weight[g]) : 1;
  return { label, count, fill };
}

/**
 * Scar pieces under `minCells` cells dropped (their cells are no scar, `isScar` cleared too) and the rest
 * numbered again from 0: a speck of scar-like pixels is no scar to camouflage, and as a zone it held one
 * dot at a density the plan then reported over an area that rounds to 0.
 */
function withoutSmallPieces(c: { label: Int32Array; count: number }, minCells: number, isScar: Float32Array): { label: Int32Array; count: number } {
  if (minCells <= 1) return c;
  const size = new Int32Array(c.count);
  for (const l of c.label) if (l >= 0) size[l]++;
  const renumber = new Int32Array(c.count).fill(-1);
  let count = 0;
  for (let g = 0; g < c.count; g++) if (size[g] >= minCells) renumber[g] = count++;
  const label = Int32Array.from(c.label, (l) => (l >= 0 ? renumber[l] : -1));
  for (let i = 0; i < label.length; i++) if (label[i] < 0) isScar[i] = 0;
  return { label, count };
}
