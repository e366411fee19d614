// Colour conversions, all through culori (sRGB IEC 61966-2-1, CIELAB under D65, CIEDE2000 after
// Sharma 2005). Only the per-pixel fast path (a 256-entry sRGB decoding table) is precomputed, and it
// is filled from culori too, so there is one source of truth for every transfer function.
import { converter, convertLrgbToRgb, convertRgbToLrgb, differenceCie76, differenceCiede2000, formatHex } from 'culori';

/** CIELAB (D65, 2° observer): [L*, a*, b*]. */
export type Lab = [number, number, number];
/** Linear-light sRGB, 0..1 per channel. */
export type LinearRgb = [number, number, number];

const toLab65 = converter('lab65');
const toRgb = converter('rgb');
const de00 = differenceCiede2000();
const de76 = differenceCie76();

/** sRGB 8-bit code value -> linear light (0..1), from culori's sRGB transfer function. */
export const SRGB_TO_LINEAR: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let v = 0; v < 256; v++) t[v] = convertRgbToLrgb({ r: v / 255, g: 0, b: 0 }).r;
  return t;
})();

export function linearToLab(r: number, g: number, b: number): Lab {
  const c = toLab65({ mode: 'lrgb', r, g, b });
  return [c.l, c.a, c.b];
}

/** An 8-bit sRGB code value (integers 0..255) -> CIELAB. A mean of codes is not a code: average in linear light. */
export function srgb8ToLab(r: number, g: number, b: number): Lab {
  if (!isCode(r) || !isCode(g) || !isCode(b)) throw new RangeError(`srgb8ToLab: expects integer code values 0..255, got ${r}, ${g}, ${b}`);
  return linearToLab(SRGB_TO_LINEAR[r], SRGB_TO_LINEAR[g], SRGB_TO_LINEAR[b]);
}

function isCode(v: number): boolean {
  return Number.isInteger(v) && v >= 0 && v <= 255;
}

/** Linear light -> sRGB code value 0..255 (rounded, clipped). */
export function linearToSrgb8(v: number): number {
  const e = convertLrgbToRgb({ r: v, g: 0, b: 0 }).r;
  return Math.max(0, Math.min(255, Math.round(e * 255)));
}

export function labToLinear(lab: Lab): LinearRgb {
  const c = converter('lrgb')({ mode: 'lab65', l: lab[0], a: lab[1], b: lab[2] });
  return [c.r, c.g, c.b];
}

/** Display swatch for a Lab colour (clipped into sRGB). */
export function labToHex(lab: Lab): string {
  const c = toRgb({ mode: 'lab65', l: lab[0], a: lab[1], b: lab[2] });
  const clip = (v: number) => Math.max(0, Math.min(1, v));
  return formatHex({ mode: 'rgb', r: clip(c.r), g: clip(c.g), b: clip(c.b) });
}

export function hexToLab(hex: string): Lab {
  const c = toLab65(hex);
  if (!c) throw new TypeError(`not a colour: ${hex}`);
  return [c.l, c.a, c.b];
}

export function deltaE00(x: Lab, y: Lab): number {
  return de00({ mode: 'lab65', l: x[0], a: x[1], b: x[2] }, { mode: 'lab65', l: y[0], a: y[1], b: y[2] });
}

export function deltaE76(x: Lab, y: Lab): number {
  return de76({ mode: 'lab65', l: x[0], a: x[1], b: x[2] }, { mode: 'lab65', l: y[0], a: y[1], b: y[2] });
}

/** C*ab. */
export function chroma(lab: Lab): number {
  return Math.hypot(lab[1], lab[2]);
}

/** h_ab in degrees, 0..360. */
export function hueAngle(lab: Lab): number {
  const h = (Math.atan2(lab[2], lab[1]) * 180) / Math.PI;
  return h < 0 ? h + 360 : h;
}
