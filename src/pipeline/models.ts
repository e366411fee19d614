// Which models the service runs, loaded once per worker thread.
import type { Segmenter } from '../models/segmentation/segmenter.js';

export class ModelUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelUnavailableError';
  }
}

let segmenter: Promise<Segmenter> | undefined;

export function shippedSegmenter(intraOpThreads: number): Promise<Segmenter> {
  segmenter ??= loadSegmenter(intraOpThreads).catch((err: unknown) => {
    segmenter = undefined; // let a later call retry (e.g. after the model file appears)
    throw err;
  });
  return segmenter;
}

async function loadSegmenter(intraOpThreads: number): Promise<Segmenter> {
  if (process.env.SMP_DEV_TEACHER === '1') {
    // Development only: the third-party teacher, before our own model is trained. Never the default.
    const { PanTeacher } = await import('../models/pan-teacher/pan-teacher.js');
    return PanTeacher.load(undefined, { intraOpThreads });
  }
  throw new ModelUnavailableError('the scalp segmentation model (models/scalp-seg) is not part of this build yet');
}
