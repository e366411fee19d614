// Test fixture: draws a ColorChecker Classic (24 reference patches on a black body) into an image,
// rotated and scaled, the way a card held next to the head would appear.
import { COLORCHECKER_LINEAR, CHART_COLS, CHART_ROWS } from '../../../../src/vision/colour/card/reference.js';
import { linearToSrgb8 } from '../../../../src/vision/colour/convert.js';
import type { RgbImage } from '../../../../src/vision/image.js';

export interface ChartPlacement {
  /** Centre of the chart in image pixels. */
  cx: number;
  cy: number;
  /** Patch side in pixels; gaps are 1/4 of it, the border 1/2. */
  patch: number;
  /** Rotation in degrees (counter-clockwise on screen). */
  angleDeg: number;
  /** Chart upside down. */
  flipped?: boolean;
}

export function drawChart(img: RgbImage, p: ChartPlacement): RgbImage {
  const data = img.data.slice();
  const gap = p.patch / 4;
  const pitch = p.patch + gap;
  const border = p.patch / 2;
  const halfW = (CHART_COLS * pitch - gap) / 2 + border;
  const halfH = (CHART_ROWS * pitch - gap) / 2 + border;
  const a = (p.angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const codes = COLORCHECKER_LINEAR.map((c) => c.map((v) => linearToSrgb8(Math.max(0, Math.min(1, v)))));
  const reach = Math.hypot(halfW, halfH) + 1;
  for (let y = Math.max(0, Math.floor(p.cy - reach)); y < Math.min(img.height, Math.ceil(p.cy + reach)); y++) {
    for (let x = Math.max(0, Math.floor(p.cx - reach)); x < Math.min(img.width, Math.ceil(p.cx + reach)); x++) {
      // Chart coordinates of the pixel centre.
      const dx = x + 0.5 - p.cx;
      const dy = y + 0.5 - p.cy;
      let u = cos * dx + sin * dy;
      let v = -sin * dx + cos * dy;
      if (p.flipped) {
        u = -u;
        v = -v;
      }
      if (Math.abs(u) > halfW || Math.abs(v) > halfH) continue;
      const gx = u + halfW - border;
      const gy = v + halfH - border;
      const col = Math.floor(gx / pitch);
      const row = Math.floor(gy / pitch);
      let rgb = [22, 22, 22];
      if (col >= 0 && col < CHART_COLS && row >= 0 && row < CHART_ROWS && gx - col * pitch < p.patch && gy - row * pitch < p.patch) {
        rgb = codes[row * CHART_COLS + col];
      }
      const i = 3 * (y * img.width + x);
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
    }
  }
  return { width: img.width, height: img.height, data };
}

/**
 * Deterministic textured background (so flat-region finding has clutter to reject). `tint` offsets red
 * up and blue down (a warm scene); 0 gives a grey-world-neutral scene.
 */
export function clutter(width: number, height: number, seed = 1, tint = 25): RgbImage {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 3 * (y * width + x);
      const base = 90 + 60 * Math.sin(x / 37) * Math.cos(y / 53);
      data[i] = Math.max(0, Math.min(255, base + tint + rnd() * 30));
      data[i + 1] = Math.max(0, Math.min(255, base + rnd() * 30));
      data[i + 2] = Math.max(0, Math.min(255, base - tint + rnd() * 30));
    }
  }
  return { width, height, data };
}

/** Gaussian-free small noise: ±n code values, deterministic. */
export function addNoise(img: RgbImage, n: number, seed = 7): RgbImage {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const data = img.data.map((v) => Math.max(0, Math.min(255, Math.round(v + (rnd() * 2 - 1) * n))));
  return { width: img.width, height: img.height, data };
}
