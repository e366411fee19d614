// Healed-result simulation on the person's own photo. Each impression is pigment seen through skin:
// it absorbs light, so it is applied as transmission exp(-OD) in linear light, multiplying whatever
// the photo shows there (shading, skin tone and texture survive; dark skin gets subtler dots).
//
// Each dot is a soft, slightly irregular blot (random lobes, elongation and edge softness) whose
// integrated optical density is conserved: at the photo's resolution a 0.4 mm dot on a 0.4 mm pixel
// becomes the faint speck a camera would record, while a zoomed or high-resolution photo shows single
// dots. Pigment under hair is hidden by the hair; glossy highlights (light reflected at the surface,
// before it reaches the pigment) keep most of their shine. Carbon black under skin reads slightly
// cool, so blue is absorbed a little less than red.
import sharp from 'sharp';
import type { RgbImage } from '../../vision/image.js';
import { assertRgb } from '../../vision/image.js';
import type { Plan } from '../dots/plan.js';
import { gaussianFrom, hashUnit } from '../dots/rng.js';
import { linearToSrgb8, SRGB_TO_LINEAR } from './colour.js';

export interface PreviewOptions {
  /** Output size relative to the photo (2 doubles the photo first, so single dots show). */
  scale?: number;
  /** Simulate the result after this many sessions (default: all). */
  sessions?: number;
  /** Relative absorption per channel (R, G, B): a touch cooler than neutral. */
  absorption?: [number, number, number];
  /** Softness of the photo itself (px at the photo's size): dots are never sharper than the photo. */
  photoBlurPx?: number;
  /** Ink spread around each impression in the dermis (mm, 1 SD of the blot's soft edge). */
  edgeMm?: number;
}

const DEFAULTS = { absorption: [1, 0.94, 0.84] as [number, number, number], photoBlurPx: 0.75, edgeMm: 0.08 };

/** Bilinear sample of a per-cell plane at image position (x, y) px. */
function sampleCells(plane: Float32Array, width: number, height: number, cellPx: number, x: number, y: number): number {
  const u = Math.min(width - 1, Math.max(0, x / cellPx - 0.5)), v = Math.min(height - 1, Math.max(0, y / cellPx - 0.5));
  const x0 = Math.floor(u), y0 = Math.floor(v), x1 = Math.min(width - 1, x0 + 1), y1 = Math.min(height - 1, y0 + 1);
  const fx = u - x0, fy = v - y0;
  return (
    (1 - fy) * ((1 - fx) * plane[y0 * width + x0] + fx * plane[y0 * width + x1]) +
    fy * ((1 - fx) * plane[y1 * width + x0] + fx * plane[y1 * width + x1])
  );
}

/**
 * Adds one dot's optical density to `od` (w x h): a blot of radius r px with 2nd/3rd-order lobes,
 * elongation and a soft edge of `edge` px, scaled so its integral is od0 × π r².
 */
function splatDot(od: Float32Array, w: number, h: number, cx: number, cy: number, r: number, edge: number, od0: number, u: (k: number) => number): void {
  const lobes = [0.1 * gaussianFrom(u(10), u(11)), 0.07 * gaussianFrom(u(12), u(13))];
  const phases = [u(14) * 2 * Math.PI, u(15) * 2 * Math.PI];
  const stretch = 1 + 0.18 * u(16), angle = u(17) * Math.PI;
  const ca = Math.cos(angle), sa = Math.sin(angle);
  const reach = Math.ceil(r * stretch * 1.3 + 3 * edge + 1);
  const x0 = Math.max(0, Math.floor(cx) - reach), x1 = Math.min(w - 1, Math.floor(cx) + reach);
  const y0 = Math.max(0, Math.floor(cy) - reach), y1 = Math.min(h - 1, Math.floor(cy) + reach);
  if (x0 > x1 || y0 > y1) return;
  const bw = x1 - x0 + 1;
  const weights = new Float32Array(bw * (y1 - y0 + 1));
  let sum = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx, dy = y + 0.5 - cy;
      // Elongate along `angle`, then the lobed radius at this direction.
      const a = (dx * ca + dy * sa) / stretch, b = -dx * sa + dy * ca;
      const d = Math.hypot(a, b);
      const th = Math.atan2(b, a);
      const rr = r * (1 + lobes[0] * Math.cos(2 * th + phases[0]) + lobes[1] * Math.cos(3 * th + phases[1]));
      // Soft edge: logistic fall-off across the rim.
      const wgt = 1 / (1 + Math.exp((d - rr) / edge));
      weights[(y - y0) * bw + (x - x0)] = wgt;
      sum += wgt;
    }
  }
  if (sum <= 0) return;
  const k = (od0 * Math.PI * r * r) / sum;
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) od[y * w + x] += weights[(y - y0) * bw + (x - x0)] * k;
}

export async function renderPreviewPng(photo: RgbImage, plan: Plan, options: PreviewOptions = {}): Promise<Buffer> {
  const raw = await renderPreview(photo, plan, options);
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}

/** The simulation as raw RGB (for callers that compose it further). */
export async function renderPreview(photo: RgbImage, plan: Plan, options: PreviewOptions = {}): Promise<RgbImage> {
  assertRgb(photo, 'photo');
  if (photo.width !== plan.width || photo.height !== plan.height) throw new RangeError(`photo ${photo.width}x${photo.height} does not match the plan ${plan.width}x${plan.height}`);
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 8)) throw new RangeError(`scale must be in (0, 8], got ${scale}`);
  const absorption = options.absorption ?? DEFAULTS.absorption;
  const upTo = (options.sessions ?? plan.sessions.length) - 1;
  const w = Math.round(photo.width * scale), h = Math.round(photo.height * scale);
  const base = scale === 1 ? photo.data : new Uint8Array(await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } }).resize(w, h, { kernel: 'lanczos3' }).raw().toBuffer());

  const od = new Float32Array(w * h);
  const pxPerMm = scale / plan.scale.mmPerPixel;
  const edge = Math.max((options.photoBlurPx ?? DEFAULTS.photoBlurPx) * scale, (options.edgeMm ?? DEFAULTS.edgeMm) * pxPerMm);
  const { dots, seed } = plan;
  for (let i = 0; i < dots.x.length; i++) {
    if (dots.session[i] > upTo) continue;
    const kx = Math.round(dots.x[i] * 64), ky = Math.round(dots.y[i] * 64);
    const u = (salt: number): number => hashUnit(seed + 7919 * salt, kx, ky);
    const r = (dots.sizeMm[i] * pxPerMm) / 2;
    // Centre transmission 1 - shade: optical density -ln(1 - shade).
    const od0 = -Math.log(1 - Math.min(0.97, dots.shade[i]));
    splatDot(od, w, h, dots.x[i] * scale, dots.y[i] * scale, r, edge, od0, u);
  }

  const { grid, probs } = plan.field;
  const cells = grid.width * grid.height;
  const hairPlane = probs.subarray(2 * cells, 3 * cells);
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const r8 = base[3 * i], g8 = base[3 * i + 1], b8 = base[3 * i + 2];
      let d = od[i];
      if (d > 1e-5) {
        // Hair in front of the skin hides the pigment under it.
        const hair = sampleCells(hairPlane, grid.width, grid.height, grid.cellPx, (x + 0.5) / scale, (y + 0.5) / scale);
        d *= 1 - 0.9 * Math.min(1, hair);
        // Glossy highlights (bright, colourless) reflect before the light reaches the pigment.
        const mx = Math.max(r8, g8, b8), mn = Math.min(r8, g8, b8);
        const lum = (0.2126 * r8 + 0.7152 * g8 + 0.0722 * b8) / 255;
        const sat = mx > 0 ? (mx - mn) / mx : 0;
        const t = Math.min(1, Math.max(0, (lum - 0.72) / 0.23));
        d *= 1 - 0.45 * t * t * (3 - 2 * t) * (1 - sat);
      }
      out[3 * i] = d > 1e-5 ? linearToSrgb8(SRGB_TO_LINEAR[r8] * Math.exp(-d * absorption[0])) : r8;
      out[3 * i + 1] = d > 1e-5 ? linearToSrgb8(SRGB_TO_LINEAR[g8] * Math.exp(-d * absorption[1])) : g8;
      out[3 * i + 2] = d > 1e-5 ? linearToSrgb8(SRGB_TO_LINEAR[b8] * Math.exp(-d * absorption[2])) : b8;
    }
  }
  return { width: w, height: h, data: out };
}
