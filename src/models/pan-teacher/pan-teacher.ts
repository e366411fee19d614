// The third-party teacher (../shared/models/pan-skin-clothes-hair): used only to bootstrap labels and as
// the baseline in evaluation and benchmarks. Never shipped, never used by the service.
import { resolve } from 'node:path';
import { SHARED_DIR } from '../paths.js';
import { OnnxModel, type OnnxRuntimeOptions } from '../runtime/onnx.js';
import { toTensor, IMAGENET } from '../preprocess/to-tensor.js';
import { resizePlanes } from '../preprocess/resize-planes.js';
import { argmaxLabels, type Segmenter } from '../segmentation/segmenter.js';
import type { RgbImage, Segmentation } from '../../vision/image.js';

export const TEACHER_PATH = resolve(SHARED_DIR, 'models', 'pan-skin-clothes-hair', 'model.onnx');
const SIZE = 512;

/** Teacher sigmoid outputs (skin, clothes, hair) -> our 4 classes. Background = 1 - max(skin, hair). */
export function teacherToClasses(out: Float32Array, plane: number): Float32Array {
  const probs = new Float32Array(4 * plane);
  for (let i = 0; i < plane; i++) {
    const skin = out[i];
    const hair = out[2 * plane + i];
    probs[i] = Math.max(0, 1 - Math.max(skin, hair));
    probs[plane + i] = skin;
    probs[2 * plane + i] = hair;
    probs[3 * plane + i] = 0;
  }
  return probs;
}

export class PanTeacher implements Segmenter {
  readonly name = 'pan-skin-clothes-hair (teacher)';
  private constructor(private readonly model: OnnxModel) {}

  static async load(path = TEACHER_PATH, opts?: OnnxRuntimeOptions): Promise<PanTeacher> {
    return new PanTeacher(await OnnxModel.load(path, opts));
  }

  /** Raw model output at 512x512, channels skin, clothes, hair. */
  async raw(img: RgbImage): Promise<Float32Array> {
    const out = await this.model.run(toTensor(img, SIZE, IMAGENET), [1, 3, SIZE, SIZE]);
    return out.data;
  }

  async segment(img: RgbImage): Promise<Segmentation> {
    const small = teacherToClasses(await this.raw(img), SIZE * SIZE);
    const probs = resizePlanes(small, 4, SIZE, SIZE, img.width, img.height);
    return { width: img.width, height: img.height, probs, labels: argmaxLabels(probs, 4, img.width * img.height) };
  }

  release(): Promise<void> {
    return this.model.release();
  }
}
