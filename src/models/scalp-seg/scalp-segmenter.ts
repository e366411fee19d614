// Our own scalp segmentation model (models/scalp-seg): background, skin, hair, scar with per-class
// probabilities at the photo's size. Load once per worker; segment() many times.
import { OnnxModel, type OnnxRuntimeOptions } from '../runtime/onnx.js';
import { readModelCard, readVerifiedWeights, type ModelCard } from '../registry.js';
import { toTensor } from '../preprocess/to-tensor.js';
import type { Segmenter } from '../segmentation/segmenter.js';
import { assertRgb, SEG_CLASSES, type RgbImage, type Segmentation } from '../../vision/image.js';
import { outputSize, parseContract, type ScalpSegContract } from './contract.js';
import { checkOutputDims, toSegmentation } from './postprocess.js';

export const SCALP_SEG = 'scalp-seg';

export class ScalpSegmenter implements Segmenter {
  readonly name: string;

  private constructor(
    private readonly model: OnnxModel,
    readonly card: ModelCard,
    readonly contract: ScalpSegContract,
  ) {
    this.name = `${card.name} ${card.version}`;
  }

  /** Loads models/scalp-seg (or the folder given), checking the weights against card.json's sha256. */
  static async load(dir: string = SCALP_SEG, opts?: OnnxRuntimeOptions): Promise<ScalpSegmenter> {
    const card = readModelCard(dir);
    const contract = parseContract(card);
    const model = await OnnxModel.load(readVerifiedWeights(card), opts);
    if (model.inputName !== contract.input.name) {
      await model.release();
      throw new Error(`${card.path}: input is named ${model.inputName}, card says ${contract.input.name}`);
    }
    if (!model.outputNames.includes(contract.output.name)) {
      await model.release();
      throw new Error(`${card.path}: no output named ${contract.output.name} (has ${model.outputNames.join(', ')})`);
    }
    return new ScalpSegmenter(model, card, contract);
  }

  /** Class probabilities at the model's own square output size, planar [classes][side*side]. */
  async raw(img: RgbImage): Promise<Float32Array> {
    assertRgb(img);
    const { size, mean, std } = this.contract.input;
    const out = await this.model.run(toTensor(img, size, { mean, std }), [1, 3, size, size], this.contract.output.name);
    checkOutputDims(out.dims, SEG_CLASSES.length, outputSize(this.contract));
    return out.data;
  }

  async segment(img: RgbImage): Promise<Segmentation> {
    return toSegmentation(await this.raw(img), SEG_CLASSES.length, outputSize(this.contract), img.width, img.height);
  }

  release(): Promise<void> {
    return this.model.release();
  }
}
