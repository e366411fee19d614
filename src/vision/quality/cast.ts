// Colour cast from the grey-world assumption: how far the channel means sit from their common mean.
// Scalp photos are skin-heavy and skin is warm, so the gate only flags casts well beyond skin's own
// red lean, and flags green/blue/magenta leans (which skin never has) sooner.
import { assertRgb, type RgbImage } from '../image.js';

export interface CastStats {
  /** Channel means divided by their average (1,1,1 = neutral). */
  ratios: [number, number, number];
  /** Largest |ratio - 1|. */
  magnitude: number;
  /** Direction of the strongest lean. */
  lean: 'red' | 'green' | 'blue' | 'yellow' | 'cyan' | 'magenta' | 'neutral';
}

export function castStats(img: RgbImage): CastStats {
  assertRgb(img);
  const n = img.width * img.height;
  let r = 0;
  let g = 0;
  let b = 0;
  for (let j = 0; j < n * 3; j += 3) {
    r += img.data[j];
    g += img.data[j + 1];
    b += img.data[j + 2];
  }
  const avg = (r + g + b) / 3 || 1;
  const ratios: [number, number, number] = [r / avg, g / avg, b / avg];
  const dev = ratios.map((v) => v - 1);
  const magnitude = Math.max(...dev.map(Math.abs));
  return { ratios, magnitude, lean: leanOf(dev) };
}

function leanOf([dr, dg, db]: number[]): CastStats['lean'] {
  const m = Math.max(Math.abs(dr), Math.abs(dg), Math.abs(db));
  if (m < 0.03) return 'neutral';
  if (Math.abs(dr) === m) return dr > 0 ? 'red' : 'cyan';
  if (Math.abs(dg) === m) return dg > 0 ? 'green' : 'magenta';
  return db > 0 ? 'blue' : 'yellow';
}
