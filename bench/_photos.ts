// Shared by the benchmarks (run.ts skips files starting with "_"): the median of timings, and real
// photos from ../shared, or a generated 640x640 image when it is absent (same code path, no ratio to
// a real photo then).
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_DIR, sharedAvailable } from '../src/models/paths.js';
import { readRgbImage } from '../src/models/scalp-seg/read-image.js';
import type { RgbImage } from '../src/vision/image.js';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Files of hairloss-levels (sorted by name) that `pick` keeps, plus `extra` paths under ../shared/data. */
export async function benchPhotos(pick: (name: string, index: number) => boolean, extra: string[] = []): Promise<RgbImage[]> {
  if (!sharedAvailable()) {
    const data = new Uint8Array(640 * 640 * 3).map((_, i) => (i * 7) % 251);
    return [{ width: 640, height: 640, data }];
  }
  const dir = resolve(SHARED_DIR, 'data', 'hairloss-levels', 'images');
  const files = readdirSync(dir).sort().filter(pick).map((f) => resolve(dir, f));
  files.push(...extra.map((p) => resolve(SHARED_DIR, 'data', p)));
  return Promise.all(files.map((f) => readRgbImage(f)));
}
