// Segmentations for the colour evaluation, computed once and cached under datasets/cache/colour/
// (gitignored) because the CPU is shared. The segmenter is our own ScalpSegmenter when
// models/scalp-seg/model.onnx exists, else the teacher (PanTeacher) behind the same Segmenter interface.
// Cache format: one RGBA PNG per photo at the photo's size, channels = probabilities ×255 of
// skin, hair, scar, background.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import sharp from 'sharp';
import { MODELS_DIR, REPO_ROOT } from '../../src/models/paths.js';
import type { Segmenter } from '../../src/models/segmentation/segmenter.js';
import { ScalpSegmenter } from '../../src/models/scalp-seg/index.js';
import { argmaxLabels } from '../../src/models/segmentation/segmenter.js';
import { teacherToClasses } from '../../src/models/pan-teacher/pan-teacher.js';
import { resizePlanes } from '../../src/models/preprocess/resize-planes.js';
import type { RgbImage, Segmentation } from '../../src/vision/image.js';

export const SCALP_SEG_MODEL = resolve(MODELS_DIR, 'scalp-seg', 'model.onnx');
const CACHE_ROOT = resolve(REPO_ROOT, 'datasets', 'cache', 'colour');
/** The teacher's raw outputs cached by datasets/teacher-cache.ts (512x512 RGB = skin, clothes, hair). */
const TEACHER_RAW_CACHE = resolve(REPO_ROOT, 'datasets', 'cache', 'teacher');

export interface SegSource {
  name: string;
  /** Cached or computed segmentation of `img` (read from `file`); `variant` keys extra inputs (e.g. a cast). */
  segment(file: string, img: RgbImage, variant?: string): Promise<Segmentation>;
  release(): Promise<void>;
}

/** cache: false for photos outside the shared folder (the cache is keyed by file name, not content). */
export async function openSegSource(opts: { forceTeacher?: boolean; threads?: number; cache?: boolean } = {}): Promise<SegSource> {
  const cache = opts.cache ?? true;
  const useOwn = !opts.forceTeacher && existsSync(SCALP_SEG_MODEL);
  let model: Segmenter | null = null;
  const tag = useOwn
    ? 'scalp-seg-' + createHash('sha256').update(readFileSync(SCALP_SEG_MODEL)).digest('hex').slice(0, 10)
    : 'teacher';
  const dir = resolve(CACHE_ROOT, tag);
  mkdirSync(dir, { recursive: true });
  const getModel = async (): Promise<Segmenter> => {
    if (model) return model;
    if (useOwn) model = await ScalpSegmenter.load(undefined, { intraOpThreads: opts.threads ?? 1 });
    else {
      const { PanTeacher } = await import('../../src/models/pan-teacher/pan-teacher.js');
      model = await PanTeacher.load(undefined, { intraOpThreads: opts.threads ?? 1 });
    }
    return model;
  };
  return {
    name: useOwn ? `ScalpSegmenter (${tag})` : 'PanTeacher (teacher)',
    async segment(file, img, variant) {
      const stem = basename(file).replace(/\.[^.]+$/, '') + (variant ? `.${variant}` : '');
      const out = resolve(dir, stem + '.png');
      if (cache && existsSync(out) && statSync(out).size > 0) return readProbsPng(out, img.width, img.height);
      if (cache && !useOwn && !variant) {
        const raw = resolve(TEACHER_RAW_CACHE, basename(file).replace(/\.[^.]+$/, '.png'));
        if (existsSync(raw)) return fromTeacherRaw(raw, img.width, img.height);
      }
      const seg = await (await getModel()).segment(img);
      if (cache) await writeProbsPng(out, seg);
      return seg;
    },
    async release() {
      if (model) await model.release();
    },
  };
}

async function fromTeacherRaw(path: string, w: number, h: number): Promise<Segmentation> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  const plane = info.width * info.height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = data[i * info.channels + c] / 255;
  const probs = resizePlanes(teacherToClasses(out, plane), 4, info.width, info.height, w, h);
  return { width: w, height: h, probs, labels: argmaxLabels(probs, 4, w * h) };
}

async function writeProbsPng(path: string, seg: Segmentation): Promise<void> {
  const n = seg.width * seg.height;
  const px = new Uint8Array(4 * n);
  // skin, hair, scar, background
  const order = [1, 2, 3, 0];
  for (let i = 0; i < n; i++) for (let k = 0; k < 4; k++) px[4 * i + k] = Math.round(Math.min(1, Math.max(0, seg.probs[order[k] * n + i])) * 255);
  await sharp(px, { raw: { width: seg.width, height: seg.height, channels: 4 } }).png({ compressionLevel: 6 }).toFile(path);
}

async function readProbsPng(path: string, w: number, h: number): Promise<Segmentation> {
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== w || info.height !== h) throw new Error(`${path}: cached mask is ${info.width}x${info.height}, photo ${w}x${h}`);
  const n = w * h;
  const probs = new Float32Array(4 * n);
  const order = [1, 2, 3, 0];
  for (let i = 0; i < n; i++) for (let k = 0; k < 4; k++) probs[order[k] * n + i] = data[4 * i + k] / 255;
  return { width: w, height: h, probs, labels: argmaxLabels(probs, 4, n) };
}
