// The plan drawn over the photo as a raster (for reports and quick looks; plan.svg is the editable
// version): dots as small discs coloured by session, the hairline as a line, the first session's
// raised line dashed.
import sharp from 'sharp';
import type { RgbImage } from '../../vision/image.js';
import { assertRgb } from '../../vision/image.js';
import type { Plan } from '../dots/plan.js';
import { sessionColour } from './colour.js';
import { sessionHairlines } from './hairlines.js';

export interface OverlayOptions {
  /** Output scale relative to the photo (>= 1 shows single dots on small photos). */
  scale?: number;
  /** Dims the photo so the plan stands out (0 = none, 1 = black). */
  dim?: number;
  /** Sessions to draw (default all). */
  sessions?: number[];
}

function blend(buf: Uint8Array, w: number, h: number, x: number, y: number, rgb: [number, number, number], a: number): void {
  if (x < 0 || y < 0 || x >= w || y >= h || a <= 0) return;
  const i = (y * w + x) * 3;
  buf[i] += (rgb[0] - buf[i]) * a;
  buf[i + 1] += (rgb[1] - buf[i + 1]) * a;
  buf[i + 2] += (rgb[2] - buf[i + 2]) * a;
}

/** Anti-aliased disc of radius r at (cx, cy). */
function disc(buf: Uint8Array, w: number, h: number, cx: number, cy: number, r: number, rgb: [number, number, number], alpha: number): void {
  for (let y = Math.floor(cy - r - 1); y <= Math.ceil(cy + r + 1); y++) {
    for (let x = Math.floor(cx - r - 1); x <= Math.ceil(cx + r + 1); x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      blend(buf, w, h, x, y, rgb, alpha * Math.max(0, Math.min(1, r + 0.5 - d)));
    }
  }
}

/** Anti-aliased polyline of the given width; dash = [on, off] in px or none. */
export function strokePolyline(buf: Uint8Array, w: number, h: number, pts: [number, number][], width: number, rgb: [number, number, number], alpha: number, dash?: [number, number]): void {
  let travelled = 0;
  for (let i = 1; i < pts.length; i++) {
    const [ax, ay] = pts[i - 1], [bx, by] = pts[i];
    const len = Math.hypot(bx - ax, by - ay);
    const steps = Math.max(1, Math.ceil(len / 0.5));
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      const along = travelled + t * len;
      if (dash && along % (dash[0] + dash[1]) > dash[0]) continue;
      disc(buf, w, h, ax + t * (bx - ax), ay + t * (by - ay), width / 2, rgb, alpha * 0.5);
    }
    travelled += len;
  }
}

export async function renderOverlayPng(photo: RgbImage, plan: Plan, options: OverlayOptions = {}): Promise<Buffer> {
  assertRgb(photo, 'photo');
  if (photo.width !== plan.width || photo.height !== plan.height) throw new RangeError(`photo ${photo.width}x${photo.height} does not match the plan ${plan.width}x${plan.height}`);
  const k = options.scale ?? 1;
  if (!(k > 0 && k <= 8)) throw new RangeError(`scale must be in (0, 8], got ${k}`);
  const w = Math.round(photo.width * k), h = Math.round(photo.height * k);
  const base = k === 1 ? Buffer.from(photo.data) : await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } }).resize(w, h, { kernel: 'lanczos3' }).raw().toBuffer();
  const buf = new Uint8Array(base.buffer, base.byteOffset, base.length);
  const dim = options.dim ?? 0.35;
  for (let i = 0; i < buf.length; i++) buf[i] = buf[i] * (1 - dim);
  const wanted = new Set(options.sessions ?? plan.sessions.map((_, s) => s));
  const { dots } = plan;
  const rMin = 0.6;
  for (let i = 0; i < dots.x.length; i++) {
    if (!wanted.has(dots.session[i])) continue;
    const r = Math.max(rMin, ((dots.sizeMm[i] / plan.scale.mmPerPixel) * k) / 2);
    disc(buf, w, h, dots.x[i] * k, dots.y[i] * k, r, sessionColour(dots.session[i]), 0.95);
  }
  const lines = sessionHairlines(plan);
  for (const line of lines) {
    const pts = line.points.map(([x, y]) => [x * k, y * k] as [number, number]);
    strokePolyline(buf, w, h, pts, Math.max(1.2, 1.5 * k), line.raised ? [255, 190, 80] : [255, 255, 255], 0.9, line.raised ? [6 * k, 4 * k] : undefined);
  }
  return sharp(buf, { raw: { width: w, height: h, channels: 3 } }).png({ compressionLevel: 6 }).toBuffer();
}
