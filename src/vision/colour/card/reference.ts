// Reference colours of the X-Rite ColorChecker Classic (24 patches, 4 rows x 6 columns, row-major from
// "dark skin"), as X-Rite publishes them for charts made after November 2014: CIELAB under D50. They are
// converted to linear sRGB (D65, Bradford-adapted) through culori.
import { converter } from 'culori';
import type { LinearRgb } from '../convert.js';

export const CHART_ROWS = 4;
export const CHART_COLS = 6;

export const COLORCHECKER_NAMES = [
  'dark skin', 'light skin', 'blue sky', 'foliage', 'blue flower', 'bluish green',
  'orange', 'purplish blue', 'moderate red', 'purple', 'yellow green', 'orange yellow',
  'blue', 'green', 'red', 'yellow', 'magenta', 'cyan',
  'white 9.5', 'neutral 8', 'neutral 6.5', 'neutral 5', 'neutral 3.5', 'black 2',
] as const;

/** L*a*b* (D50) of the 24 patches, X-Rite data for charts after November 2014. */
export const COLORCHECKER_LAB_D50: readonly [number, number, number][] = [
  [37.54, 14.37, 14.92], [64.66, 19.27, 17.5], [49.32, -3.82, -22.54], [43.46, -12.74, 22.72], [54.94, 9.61, -24.79], [70.48, -32.26, -0.37],
  [62.73, 35.83, 56.5], [39.43, 10.75, -45.17], [50.57, 48.64, 16.67], [30.1, 22.54, -20.87], [71.77, -24.13, 58.19], [71.51, 18.24, 67.37],
  [28.37, 15.42, -49.8], [54.38, -39.72, 32.27], [42.43, 51.05, 28.62], [81.8, 2.67, 80.41], [50.63, 51.28, -14.12], [49.57, -29.71, -28.32],
  [95.19, -1.03, 2.93], [81.29, -0.57, 0.44], [66.89, -0.75, -0.06], [50.76, -0.13, 0.14], [35.63, -0.46, -0.48], [20.64, 0.07, -0.46],
];

const toLrgb = converter('lrgb');

/** The patches in linear sRGB (D65); values outside 0..1 (the cyan patch is slightly out of gamut) are kept. */
export const COLORCHECKER_LINEAR: readonly LinearRgb[] = COLORCHECKER_LAB_D50.map(([l, a, b]) => {
  const c = toLrgb({ mode: 'lab', l, a, b });
  return [c.r, c.g, c.b];
});

/** Indices of the neutral row. */
export const NEUTRAL_PATCHES = [18, 19, 20, 21, 22, 23] as const;

/** An 18 % grey card in linear sRGB. */
export const GREY_CARD_LINEAR: LinearRgb = [0.18, 0.18, 0.18];
