// The non-head set for the head check: images that hold no head, made deterministically from what we have.
//  - background: the largest square window of each hairloss-levels photo (one per person and view) where
//    the segmenter sees < 5 % skin/hair (walls, rooms, furniture, clothes, shoulders), resized to 320 px
//  - body-crop: the lower part of upright side and back photos (chin, beard, neck, shoulders, shirt), no scalp
//  - face-crop: the largest square of an upright front or side photo, in its lower part, where the teacher
//    sees skin and no hair: a face (brows, eyes, nose) or a profile with no scalp (review of session 45: such
//    crops were graded, 0.90-0.92 "head", and planned over the forehead)
//  - person-no-head: the 6 hair-seg-samples photos of a body and hands with the head out of frame, and
//    crops around their hands (skin-only close crops) and shirts (clothes)
//  - synthetic: flat colours (incl. skin tones), uniform and smooth noise, stripes, checkerboards, gradients
//  - everyday: pictures from Debian packages (animals, food, objects, rooms, landscapes, documents, art),
//    when datasets/non-head-photos/fetch.sh has built them; fit and evaluation from different packages
// Each sample says whether it is for fitting (photos of split-train people, seed "fit") or evaluation
// (split-test people, the hair-seg-samples, seed "eval"), so the evaluation never sees a fitted sample.
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import sharp from 'sharp';
import { SHARED_DIR } from '../../src/models/paths.js';
import { readRgbImage } from '../../src/models/scalp-seg/read-image.js';
import type { RgbImage } from '../../src/vision/image.js';
import { maskCachePath, readCachedSeg } from './mask-cache.js';
import type { LabelledPhoto, PersonSplit } from './photos.js';
import { NON_HEAD_PHOTOS_DIR } from '../non-head-photos/build.js';
import { mulberry32 } from '../../src/vision/audit/synth/rng.js';

export interface NonHeadSample {
  id: string;
  kind: 'background' | 'everyday' | 'body-crop' | 'face-crop' | 'person-no-head' | 'hand-crop' | 'clothes-crop' | 'flat' | 'noise' | 'smooth-noise' | 'stripes' | 'checker' | 'gradient';
  use: 'fit' | 'eval';
  load(): Promise<RgbImage>;
}

async function cropResize(path: string, left: number, top: number, size: number, out = 320): Promise<RgbImage> {
  const { data, info } = await sharp(path).removeAlpha().extract({ left, top, width: size, height: size }).resize(out, out).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** A square [x, y, side] found on a mask grid `gridWidth` wide, cut from the 640 px photo and resized to 320 px. */
function cropGridSquare(path: string, [x, y, side]: [number, number, number], gridWidth: number): Promise<RgbImage> {
  const scale = 640 / gridWidth;
  const left = Math.round(x * scale), top = Math.round(y * scale);
  return cropResize(path, left, top, Math.min(640 - left, 640 - top, Math.round(side * scale)));
}

/**
 * Largest square (side >= minSide grid px, top at or below minTop) with at most maxHair of hair and a
 * share of skin from minSkin to maxSkin (SEG_CLASSES labels 2 and 1); [x, y, side] on the grid. Not skin
 * alone: a patch of bare skin cannot be told from a close-up of bald scalp, which must stay a head.
 */
export function faceSquare(labels: Uint8Array, w: number, h: number, minSide: number, minTop: number, maxHair = 0.01, minSkin = 0.5, maxSkin = 0.9): [number, number, number] | null {
  const integral = (cls: number): Int32Array => {
    const I = new Int32Array((w + 1) * (h + 1));
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) I[(y + 1) * (w + 1) + x + 1] = (labels[y * w + x] === cls ? 1 : 0) + I[y * (w + 1) + x + 1] + I[(y + 1) * (w + 1) + x] - I[y * (w + 1) + x];
    return I;
  };
  const hair = integral(2), skin = integral(1);
  const sum = (I: Int32Array, x: number, y: number, s: number) => I[(y + s) * (w + 1) + x + s] - I[y * (w + 1) + x + s] - I[(y + s) * (w + 1) + x] + I[y * (w + 1) + x];
  for (let s = Math.min(w, h - minTop); s >= minSide; s -= 4) {
    for (let y = minTop; y + s <= h; y += 4) {
      for (let x = 0; x + s <= w; x += 4) {
        const sk = sum(skin, x, y, s);
        if (sum(hair, x, y, s) <= maxHair * s * s && sk >= minSkin * s * s && sk <= maxSkin * s * s) return [x, y, s];
      }
    }
  }
  return null;
}

/** Largest square (side >= minSide grid px) whose foreground share is below maxFg; [x, y, side] on the grid. */
export function emptiestSquare(fg: Uint8Array, w: number, h: number, minSide: number, maxFg: number): [number, number, number] | null {
  const I = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) I[(y + 1) * (w + 1) + x + 1] = fg[y * w + x] + I[y * (w + 1) + x + 1] + I[(y + 1) * (w + 1) + x] - I[y * (w + 1) + x];
  for (let s = Math.min(w, h); s >= minSide; s -= 4) {
    for (let y = 0; y + s <= h; y += 4) {
      for (let x = 0; x + s <= w; x += 4) {
        const sum = I[(y + s) * (w + 1) + x + s] - I[y * (w + 1) + x + s] - I[(y + s) * (w + 1) + x] + I[y * (w + 1) + x];
        if (sum <= maxFg * s * s) return [x, y, s];
      }
    }
  }
  return null;
}

function synthetic(kind: NonHeadSample['kind'], seed: number, size = 256): RgbImage {
  const r = mulberry32(seed);
  const data = new Uint8Array(size * size * 3);
  const col = (): [number, number, number] => [r() * 255, r() * 255, r() * 255];
  const skinTone = (): [number, number, number] => {
    const t = r();
    return [120 + 125 * t, 80 + 110 * t, 60 + 100 * t];
  };
  const a = r() < 0.5 ? skinTone() : col();
  const b = col();
  const period = 6 + Math.floor(r() * 40);
  const angle = r() * Math.PI;
  // smooth noise: bilinear upsampling of a coarse random lattice
  const n = 4 + Math.floor(r() * 12);
  const lattice = Array.from({ length: (n + 1) * (n + 1) * 3 }, () => r() * 255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        let v: number;
        if (kind === 'flat') v = a[c];
        else if (kind === 'noise') v = r() * 255;
        else if (kind === 'stripes') v = Math.sin(((x * Math.cos(angle) + y * Math.sin(angle)) / period) * Math.PI) > 0 ? a[c] : b[c];
        else if (kind === 'checker') v = (Math.floor(x / period) + Math.floor(y / period)) % 2 ? a[c] : b[c];
        else if (kind === 'gradient') v = a[c] + ((b[c] - a[c]) * (x * Math.cos(angle) + y * Math.sin(angle) + size)) / (2.5 * size);
        else {
          const fx = (x / size) * n;
          const fy = (y / size) * n;
          const x0 = Math.floor(fx);
          const y0 = Math.floor(fy);
          const L = (xx: number, yy: number): number => lattice[(yy * (n + 1) + xx) * 3 + c];
          const wx = fx - x0;
          const wy = fy - y0;
          v = (L(x0, y0) * (1 - wx) + L(x0 + 1, y0) * wx) * (1 - wy) + (L(x0, y0 + 1) * (1 - wx) + L(x0 + 1, y0 + 1) * wx) * wy;
        }
        data[i + c] = Math.max(0, Math.min(255, Math.round(v)));
      }
    }
  }
  return { width: size, height: size, data };
}

export const SYNTHETIC_KINDS = ['flat', 'noise', 'smooth-noise', 'stripes', 'checker', 'gradient'] as const;

export function nonHeadSamples(photos: LabelledPhoto[], split: PersonSplit, segId: string, perKind = 12): NonHeadSample[] {
  const out: NonHeadSample[] = [];
  const test = new Set(split.test);
  const seen = new Set<string>();
  for (const p of photos) {
    const key = `${p.subject}/${p.view}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const seg = readCachedSeg(maskCachePath(segId, p.file));
    // the background crops are cut where the teacher's masks see no head: its mask cache must exist
    if (!seg) throw new Error(`no cached ${segId} mask for ${p.file}: run SEGMENTER=teacher node dist/datasets/norwood/cache-masks.js first`);
    const fg = new Uint8Array(seg.width * seg.height);
    for (let i = 0; i < fg.length; i++) fg[i] = seg.labels[i] !== 0 ? 1 : 0;
    const sq = emptiestSquare(fg, seg.width, seg.height, 28, 0.05);
    if (!sq) continue;
    out.push({ id: `bg-${p.subject}-${p.view}`, kind: 'background', use: test.has(p.subject) ? 'eval' : 'fit', load: () => cropGridSquare(p.path, sq, seg.width) });
  }
  // below the head in upright photos: neck and shirt (back), chin, beard and shoulder (profiles)
  const BODY: Partial<Record<string, [number, number]>> = { back: [208, 416], left: [40, 416], right: [376, 416] };
  for (const p of photos) {
    const at = BODY[p.view];
    if (p.possiblyRotated || !at) continue;
    out.push({
      id: `body-${p.subject}-${p.view}`,
      kind: 'body-crop',
      use: test.has(p.subject) ? 'eval' : 'fit',
      load: () => cropResize(p.path, at[0], at[1], 224),
    });
  }
  // faces and profiles with no scalp: upright front and side photos, the window's top below 40 % of the height
  for (const p of photos) {
    if (p.possiblyRotated || !['front', 'left', 'right'].includes(p.view)) continue;
    const key = `${p.subject}/${p.view}`;
    if (seen.has(`face:${key}`)) continue;
    seen.add(`face:${key}`);
    const seg = readCachedSeg(maskCachePath(segId, p.file));
    if (!seg) continue;
    const sq = faceSquare(seg.labels, seg.width, seg.height, Math.round(0.3 * seg.width), Math.round(0.4 * seg.height));
    if (!sq) continue;
    out.push({ id: `face-${p.subject}-${p.view}`, kind: 'face-crop', use: test.has(p.subject) ? 'eval' : 'fit', load: () => cropGridSquare(p.path, sq, seg.width) });
  }
  const samplesDir = resolve(SHARED_DIR, 'data', 'hair-seg-samples');
  for (const f of readdirSync(resolve(samplesDir, 'image')).sort()) {
    if (f === '0.png') continue; // the one photo of this set that shows a head
    const path = resolve(samplesDir, 'image', f);
    out.push({ id: `hss-${f}`, kind: 'person-no-head', use: 'eval', load: () => readRgbImage(path) });
    // fixed crops: hands low at the sides, shirt in the middle (512 x 512 photos)
    out.push({ id: `hss-hand-l-${f}`, kind: 'hand-crop', use: 'eval', load: () => cropResize(path, 0, 200, 200) });
    out.push({ id: `hss-hand-r-${f}`, kind: 'hand-crop', use: 'eval', load: () => cropResize(path, 312, 200, 200) });
    out.push({ id: `hss-shirt-${f}`, kind: 'clothes-crop', use: 'eval', load: () => cropResize(path, 176, 200, 160) });
  }
  for (const use of ['fit', 'eval'] as const) {
    SYNTHETIC_KINDS.forEach((kind, ki) => {
      for (let j = 0; j < perKind; j++) {
        const seed = (use === 'fit' ? 1000 : 2000) + ki * 100 + j;
        out.push({ id: `${kind}-${use}-${j}`, kind, use, load: async () => synthetic(kind, seed) });
      }
    });
  }
  for (const use of ['fit', 'eval'] as const) {
    const dir = resolve(NON_HEAD_PHOTOS_DIR, use);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.jpg')).sort()) {
      out.push({ id: `everyday-${f.replace(/\.jpg$/, '')}`, kind: 'everyday', use, load: () => readRgbImage(resolve(dir, f)) });
    }
  }
  return out;
}
