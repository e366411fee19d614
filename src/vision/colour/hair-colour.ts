// Hair colour of one photo: robust L*, chroma and hue of the hair pixels, the fraction that is grey or
// white, and a plain-words shade.
import { chroma as chromaOf, hueAngle, labToHex, type Lab } from './convert.js';
import type { HairColour, HairShade } from './types.js';
import { clamp01 } from './skin-tone.js';

export interface HairContext {
  greyChromaMax: number;
  greyLightnessMin: number;
  wbConfidence: number;
}

export function hairColourFrom(lab: Lab, bandLabs: readonly Lab[], kept: number, ctx: HairContext): HairColour {
  let grey = 0;
  for (const p of bandLabs) if (p[0] >= ctx.greyLightnessMin && Math.hypot(p[1], p[2]) <= ctx.greyChromaMax) grey++;
  const greyFraction = bandLabs.length ? grey / bandLabs.length : 0;
  const chroma = chromaOf(lab);
  const hue = hueAngle(lab);
  return {
    lab,
    hex: labToHex(lab),
    lightness: lab[0],
    chroma,
    hueAngle: hue,
    greyFraction,
    name: hairShade(lab[0], chroma, hue, greyFraction),
    pixels: kept,
    confidence: clamp01((1 - Math.exp(-kept / 1500)) * (0.5 + 0.5 * ctx.wbConfidence)),
  };
}

/**
 * Shade names by L* (photo hair is darker than its colour name suggests: strands shade each other).
 * Cut points are a documented default: black < 20 ≤ dark brown < 30 ≤ brown < 42 ≤ light brown < 55 ≤ blond;
 * red when chroma > 18 with an orange-red hue; grey/white when most strands are achromatic.
 */
export function hairShade(L: number, chroma: number, hue: number, greyFraction: number): HairShade {
  if (greyFraction >= 0.5) return L >= 70 ? 'white' : 'grey';
  if (chroma > 18 && hue >= 20 && hue <= 60 && L >= 25) return 'red';
  if (L < 20) return 'black';
  if (L < 30) return 'dark brown';
  if (L < 42) return 'brown';
  if (L < 55) return 'light brown';
  return 'blond';
}
