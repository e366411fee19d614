// Which models the service runs, loaded once per worker thread: our own scalp segmentation model
// (models/scalp-seg, checked against its card's sha256), the Norwood feature and mask-pattern models, and the face
// landmark nets (models/face-landmarks: pretrained, on the tfjs wasm runtime) for front views.
import { existsSync } from 'node:fs';
import { modelDir } from '../models/paths.js';
import { ScalpSegmenter } from '../models/scalp-seg/index.js';
import type { Segmenter } from '../models/segmentation/segmenter.js';
import { NorwoodFeatureModel } from '../vision/norwood/features.js';
import { NorwoodPatternModel } from '../vision/norwood/pattern-model.js';
import { FaceLandmarker } from '../models/face-landmarks/face-landmarker.js';

export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

let segmenter: Promise<Segmenter> | undefined;

export function shippedSegmenter(intraOpThreads: number): Promise<Segmenter> {
  segmenter ??= loadSegmenter(intraOpThreads).catch((err: unknown) => {
    segmenter = undefined; // let a later call retry (e.g. after the model file is restored)
    throw err;
  });
  return segmenter;
}

async function loadSegmenter(intraOpThreads: number): Promise<Segmenter> {
  const dir = modelDir('scalp-seg');
  if (!existsSync(dir)) throw new ModelUnavailableError(`the scalp segmentation model is missing (${dir})`);
  try {
    return await ScalpSegmenter.load(dir, { intraOpThreads });
  } catch (err) {
    throw new ModelUnavailableError(`the scalp segmentation model could not be loaded: ${(err as Error).message}`);
  }
}

let featureModel: Promise<NorwoodFeatureModel> | undefined;

/** The image-feature model the geometry and grading stages read (models/norwood-features). */
export function shippedFeatureModel(intraOpThreads: number): Promise<NorwoodFeatureModel> {
  featureModel ??= NorwoodFeatureModel.load(modelDir('norwood-features'), { intraOpThreads }).catch((err: unknown) => {
    featureModel = undefined;
    throw new ModelUnavailableError(`the Norwood feature model could not be loaded: ${(err as Error).message}`);
  });
  return featureModel;
}

let patternModel: Promise<NorwoodPatternModel> | undefined;

/** The mask-pattern model the grader multiplies into each photo's level distribution (models/norwood-mask-cnn). */
export function shippedPatternModel(intraOpThreads: number): Promise<NorwoodPatternModel> {
  patternModel ??= NorwoodPatternModel.load(modelDir('norwood-mask-cnn'), { intraOpThreads }).catch((err: unknown) => {
    patternModel = undefined;
    throw new ModelUnavailableError(`the Norwood mask-pattern model could not be loaded: ${(err as Error).message}`);
  });
  return patternModel;
}

let faceLandmarker: Promise<FaceLandmarker> | undefined;

/** Face detector + 68-point landmarks (models/face-landmarks), for front views. */
export function shippedFaceLandmarker(): Promise<FaceLandmarker> {
  faceLandmarker ??= FaceLandmarker.load(modelDir('face-landmarks')).catch((err: unknown) => {
    faceLandmarker = undefined;
    throw new ModelUnavailableError(`the face landmark model could not be loaded: ${(err as Error).message}`);
  });
  return faceLandmarker;
}
