// Heads farther away and in other light, for the head check's fit as heads: every person's photos (one
// per view) shrunk to 50-80 % of the frame on a border, and the same photos 2.5x darker to 3x brighter.
// The dataset's heads fill their frames in ordinary light, and the check had learnt that: a plainly
// visible head at 55-65 % of the frame read "no head" (review of session 45: 5 of 6, head probability
// 0.10-0.37), and once faces joined the non-heads so did a top view three times over-exposed (a blown-out
// photo must be refused for its light, not called headless). Deterministic: all drawn from the file name.
import sharp from 'sharp';
import type { RgbImage } from '../../src/vision/image.js';
import { mulberry32 } from '../../src/vision/audit/synth/rng.js';
import type { LabelledPhoto, PersonSplit } from './photos.js';

export interface PaddedHeadSample {
  id: string;
  subject: string;
  use: 'fit' | 'eval';
  load(): Promise<RgbImage>;
}

function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The photo with its light scaled by `gain` (linear in the stored values, as an exposure change reads). */
export async function exposedPhoto(path: string, gain: number): Promise<RgbImage> {
  const { data, info } = await sharp(path).removeAlpha().linear(gain, 0).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** The photo shrunk to `share` of a `side` px frame at (left, top), the rest a border as `fill` gives it. */
export async function paddedPhoto(path: string, side: number, share: number, left: number, top: number, fill: 'copy' | 'mirror' | [number, number, number]): Promise<RgbImage> {
  const inner = Math.round(side * share);
  const small = sharp(path).removeAlpha().resize(inner, inner, { fit: 'fill' });
  const extend = { top, left, bottom: side - inner - top, right: side - inner - left };
  const padded = Array.isArray(fill) ? small.extend({ ...extend, background: { r: fill[0], g: fill[1], b: fill[2] } }) : small.extend({ ...extend, extendWith: fill });
  const { data, info } = await sharp(await padded.png().toBuffer()).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export function paddedHeadSamples(photos: LabelledPhoto[], split: PersonSplit, side = 640): PaddedHeadSample[] {
  const test = new Set(split.test);
  const seen = new Set<string>();
  const out: PaddedHeadSample[] = [];
  for (const p of photos) {
    const key = `${p.subject}/${p.view}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const r = mulberry32(seedOf(p.file));
    const share = 0.5 + 0.3 * r();
    const room = side - Math.round(side * share);
    const left = Math.round(room * r()), top = Math.round(room * r());
    const pick = r();
    const fill: 'copy' | 'mirror' | [number, number, number] = pick < 0.4 ? 'copy' : pick < 0.6 ? 'mirror' : ([[128, 128, 128], [235, 235, 230], [30, 30, 32], [200, 180, 150]] as const)[Math.floor(r() * 4)].slice() as [number, number, number];
    const use = test.has(p.subject) ? 'eval' : 'fit';
    out.push({ id: `pad-${p.subject}-${p.view}`, subject: p.subject, use, load: () => paddedPhoto(p.path, side, share, left, top, fill) });
    const gain = Math.exp(Math.log(1 / 2.5) + r() * Math.log(3 * 2.5)); // log-uniform 0.4-3
    out.push({ id: `light-${p.subject}-${p.view}`, subject: p.subject, use, load: () => exposedPhoto(p.path, gain) });
  }
  return out;
}
