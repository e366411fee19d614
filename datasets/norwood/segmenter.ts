// Which segmenter feeds the Norwood fit: the shipped one (models/scalp-seg/model.onnx via ScalpSegmenter)
// as soon as it exists, else the teacher (bootstrapping only). SEGMENTER=teacher|scalp-seg forces one.
// The id names the mask cache, so a new model file (new sha256) never reuses stale masks.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelDir } from '../../src/models/paths.js';
import { PanTeacher, TEACHER_PATH } from '../../src/models/pan-teacher/pan-teacher.js';
import { ScalpSegmenter } from '../../src/models/scalp-seg/index.js';
import type { Segmenter } from '../../src/models/segmentation/segmenter.js';

export interface ChosenSegmenter {
  id: string;
  segmenter: Segmenter;
}

export const SCALP_SEG_ONNX = resolve(modelDir('scalp-seg'), 'model.onnx');

function sha12(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
}

export function chosenSegmenterKind(): 'teacher' | 'scalp-seg' {
  const forced = process.env.SEGMENTER;
  if (forced === 'teacher' || forced === 'scalp-seg') return forced;
  if (forced) throw new Error(`SEGMENTER must be teacher or scalp-seg, got ${forced}`);
  return existsSync(SCALP_SEG_ONNX) ? 'scalp-seg' : 'teacher';
}

export function segmenterId(kind = chosenSegmenterKind()): string {
  return kind === 'teacher' ? `teacher-${sha12(TEACHER_PATH)}` : `scalp-seg-${sha12(SCALP_SEG_ONNX)}`;
}

export async function loadSegmenter(threads: number): Promise<ChosenSegmenter> {
  const kind = chosenSegmenterKind();
  if (kind === 'teacher') {
    return { id: segmenterId(kind), segmenter: await PanTeacher.load(undefined, { intraOpThreads: threads }) };
  }
  return { id: segmenterId(kind), segmenter: await ScalpSegmenter.load(undefined, { intraOpThreads: threads }) };
}
