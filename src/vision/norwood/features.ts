// Image features for the Norwood stage: one photo -> 4 embeddings, one per quarter-turn, from the
// frozen encoder in models/norwood-features (see its card.json). The fitted heads that read them
// (orientation, view, head/no-head, level) live in models/norwood-grader/params.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelDir } from '../../models/paths.js';
import { toTensor } from '../../models/preprocess/to-tensor.js';
import { OnnxModel, type OnnxRuntimeOptions } from '../../models/runtime/onnx.js';
import { assertRgb, type RgbImage } from '../image.js';
import type { PhotoFeatures } from '../geometry/types.js';

export interface FeatureModelSettings {
  size: number;
  /** embedding length (the first dim outputs of each row) */
  dim: number;
  /** level scores after the embedding in each output row (one per head view); 0 for an embedding-only model */
  levelDim: number;
  mean: [number, number, number];
  std: [number, number, number];
}

export type { PhotoFeatures };

/** The k-th counter-clockwise quarter-turn of a square CHW tensor (k = 0..3). */
export function rotateChwCcw(src: Float32Array, channels: number, size: number, k: number): Float32Array {
  if (src.length !== channels * size * size) throw new RangeError(`expected ${channels * size * size} values, got ${src.length}`);
  if (!Number.isInteger(k) || k < 0 || k > 3) throw new RangeError(`k must be 0..3, got ${k}`);
  if (k === 0) return src.slice();
  const out = new Float32Array(src.length);
  const plane = size * size;
  const n = size - 1;
  for (let c = 0; c < channels; c++) {
    const o = c * plane;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        // counter-clockwise turn: output (x', y') takes input pixel per k
        let sx: number;
        let sy: number;
        if (k === 1) { sx = n - y; sy = x; } // prettier-ignore
        else if (k === 2) { sx = n - x; sy = n - y; } // prettier-ignore
        else { sx = y; sy = n - x; } // prettier-ignore
        out[o + y * size + x] = src[o + sy * size + sx];
      }
    }
  }
  return out;
}

/** A square CHW tensor mirrored left-right (the photo seen in a mirror). */
export function mirrorChw(src: Float32Array, channels: number, size: number): Float32Array {
  if (src.length !== channels * size * size) throw new RangeError(`expected ${channels}x${size}x${size} values, got ${src.length}`);
  const out = new Float32Array(src.length);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < size; y++) {
      const row = (c * size + y) * size;
      for (let x = 0; x < size; x++) out[row + x] = src[row + size - 1 - x];
    }
  }
  return out;
}

/** Output rows [4, dim + levelDim] -> per-turn embeddings and level scores. */
export function splitFeatureRows(data: Float32Array, dim: number, levelDim: number, model: string): PhotoFeatures {
  const row = dim + levelDim;
  if (data.length !== 4 * row) throw new Error(`feature model returned ${data.length} values, expected ${4 * row}`);
  const turns = [0, 1, 2, 3];
  return {
    model,
    embeddings: turns.map((k) => data.slice(k * row, k * row + dim)),
    levelScores: turns.map((k) => data.slice(k * row + dim, (k + 1) * row)),
  };
}

export class NorwoodFeatureModel {
  private constructor(
    private readonly model: OnnxModel,
    readonly settings: FeatureModelSettings,
    readonly name: string,
  ) {}

  static async load(dir = modelDir('norwood-features'), opts?: OnnxRuntimeOptions): Promise<NorwoodFeatureModel> {
    const card = JSON.parse(readFileSync(resolve(dir, 'card.json'), 'utf8')) as { name: string; input: FeatureModelSettings };
    const s = card.input;
    if (!s || !Number.isInteger(s.size) || !Number.isInteger(s.dim)) throw new Error(`${dir}/card.json: input.size and input.dim are required`);
    return new NorwoodFeatureModel(await OnnxModel.load(resolve(dir, 'model.onnx'), opts), s, card.name);
  }

  /**
   * The 4 quarter-turns' embeddings and level scores; with `mirrored`, also those of the photo mirrored
   * left-right (one batch of 8), for the orientation's second look.
   */
  async extract(img: RgbImage, opts: { mirrored?: boolean } = {}): Promise<PhotoFeatures> {
    assertRgb(img);
    const { size, dim, mean, std } = this.settings;
    const base = toTensor(img, size, { mean, std });
    const plane = 3 * size * size;
    const looks = opts.mirrored ? [base, mirrorChw(base, 3, size)] : [base];
    const batch = new Float32Array(4 * looks.length * plane);
    looks.forEach((t, m) => {
      for (let k = 0; k < 4; k++) batch.set(rotateChwCcw(t, 3, size, k), (4 * m + k) * plane);
    });
    const out = await this.model.run(batch, [4 * looks.length, 3, size, size]);
    const half = out.data.length / looks.length;
    const levelDim = this.settings.levelDim ?? 0;
    const features = splitFeatureRows(out.data.subarray(0, half), dim, levelDim, this.name);
    if (opts.mirrored) {
      const m = splitFeatureRows(out.data.subarray(half), dim, levelDim, this.name);
      features.mirrored = { embeddings: m.embeddings, levelScores: m.levelScores };
    }
    return features;
  }

  release(): Promise<void> {
    return this.model.release();
  }
}
