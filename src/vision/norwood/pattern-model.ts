// The mask-pattern model (models/norwood-mask-cnn): a small CNN that reads the shape of one photo's
// hair / skin masks in the canonical frame and gives a distribution over the major levels for the
// photo's view. The grader multiplies it into its own per-photo distribution (grade.ts).
import { modelDir } from '../../models/paths.js';
import { readModelCard, readVerifiedWeights } from '../../models/registry.js';
import { OnnxModel, type OnnxRuntimeOptions } from '../../models/runtime/onnx.js';
import { HEAD_VIEWS, type PhotoGeometry } from '../geometry/types.js';
import type { Segmentation } from '../image.js';
import { patternInput } from './pattern-input.js';

export interface PatternModelCard {
  name: string;
  input: { size: number };
  levels: number[];
  views: string[];
}

/** Checks the card fields the runtime relies on. */
export function parsePatternCard(raw: unknown, source: string): PatternModelCard {
  const c = raw as Partial<PatternModelCard> | undefined;
  if (!c || typeof c.name !== 'string') throw new Error(`${source}: "name" is required`);
  if (!c.input || !Number.isInteger(c.input.size) || c.input.size < 8) throw new Error(`${source}: input.size must be an integer >= 8`);
  if (!Array.isArray(c.levels) || c.levels.length < 2) throw new Error(`${source}: "levels" must list at least 2 levels`);
  if (!Array.isArray(c.views) || c.views.join() !== HEAD_VIEWS.join()) throw new Error(`${source}: "views" must be ${HEAD_VIEWS.join(', ')}`);
  return c as PatternModelCard;
}

export class NorwoodPatternModel {
  private constructor(
    private readonly model: OnnxModel,
    readonly card: PatternModelCard,
  ) {}

  /** Loads the weights its card names, checked against the card's size and sha256. */
  static async load(dir = modelDir('norwood-mask-cnn'), opts?: OnnxRuntimeOptions): Promise<NorwoodPatternModel> {
    const card = readModelCard(dir);
    const settings = parsePatternCard(card.raw, `${dir}/card.json`);
    return new NorwoodPatternModel(await OnnxModel.load(readVerifiedWeights(card), opts), settings);
  }

  /**
   * P(level) for the photo's view, in the card's level order; null for a photo the grader does not use
   * (not assessable, or a closeup).
   */
  async levelProbabilities(seg: Segmentation, geometry: PhotoGeometry): Promise<number[] | null> {
    if (!geometry.assessable || geometry.view === 'closeup') return null;
    const size = this.card.input.size;
    const out = await this.model.run(patternInput(seg, geometry.orientation, geometry.view, size), [1, 4, size, size]);
    const L = this.card.levels.length;
    if (out.data.length !== HEAD_VIEWS.length * L) throw new Error(`${this.card.name} returned ${out.data.length} values, expected ${HEAD_VIEWS.length * L}`);
    const j = HEAD_VIEWS.indexOf(geometry.view);
    return Array.from(out.data.subarray(j * L, (j + 1) * L));
  }

  release(): Promise<void> {
    return this.model.release();
  }
}
