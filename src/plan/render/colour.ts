// sRGB <-> linear light lookups. Pigment absorbs light, so dots are applied as multiplicative
// transmission in linear light, not as paint in sRGB.

/** Linear value (0..1) of each 8-bit sRGB code. */
export const SRGB_TO_LINEAR: Float32Array = (() => {
  const t = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const c = i / 255;
    t[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
  return t;
})();

const LINEAR_STEPS = 4096;
/** 8-bit sRGB code of linear values quantised to 1/4095. */
const LINEAR_TO_SRGB: Uint8Array = (() => {
  const t = new Uint8Array(LINEAR_STEPS);
  for (let i = 0; i < LINEAR_STEPS; i++) {
    const l = i / (LINEAR_STEPS - 1);
    const c = l <= 0.0031308 ? l * 12.92 : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
    t[i] = Math.max(0, Math.min(255, Math.round(c * 255)));
  }
  return t;
})();

export function linearToSrgb8(l: number): number {
  const i = Math.round(l * (LINEAR_STEPS - 1));
  return LINEAR_TO_SRGB[i < 0 ? 0 : i >= LINEAR_STEPS ? LINEAR_STEPS - 1 : i];
}

/** Session colours for overlays (colour-blind safe, Okabe-Ito). */
export const SESSION_COLOURS: [number, number, number][] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [204, 121, 167],
  [86, 180, 233],
  [213, 94, 0],
];

/** The session colours' names, for a legend that is read rather than seen (plan.svg's layer titles). */
export const SESSION_COLOUR_NAMES = ['blue', 'orange', 'bluish green', 'reddish purple', 'sky blue', 'vermilion'];

export function sessionColourName(k: number): string {
  return SESSION_COLOUR_NAMES[k % SESSION_COLOUR_NAMES.length];
}

export function sessionColour(k: number): [number, number, number] {
  return SESSION_COLOURS[k % SESSION_COLOURS.length];
}

export function hex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
}
