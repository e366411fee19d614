// Every tunable of the colour measurement in one place. The defaults were chosen by
// `npm run eval:colour` on the development people (see test/eval/colour.ts and the numbers in the
// report it prints); change them only together with a new run of that evaluation.
import type { IlluminantMethod } from './white-balance.js';
import { DEFAULT_UNDERTONE_CUTS, type UndertoneCuts } from './undertone.js';

export interface RegionSettings {
  /** Minimum class probability for a pixel to count. */
  minProb: number;
  /** Erosion radius as a fraction of the shorter image side (drops mixed border pixels). */
  erodeFrac: number;
  /** Fewer usable pixels than this: no measurement. */
  minPixels: number;
  /** Green-rank quantile band kept (see lab-sample.ts). */
  band: [number, number];
}

export interface SkinSettings extends RegionSettings {
  /** A measured "skin" colour outside these is not skin (a segmentation error): no measurement. */
  /**
   * itaPivotMin: ITA is an angle around (L* 50, b* 0), undefined at that point and so sensitive near it
   * that a ±15 % cast moves it by 15°+; a colour closer than this (in L*, b* units) gets no ITA.
   */
  plausible: { hueMin: number; hueMax: number; chromaMin: number; chromaMax: number; itaPivotMin?: number };
  /**
   * Fewer usable skin pixels than this fraction of the frame: no measurement. Skin that small is scalp
   * seen between hairs (mixed with hair and its shadows), whatever the image size; 0 = off.
   */
  minAreaFraction: number;
  /**
   * Keep only skin within this distance of hair (fraction of the shorter side), i.e. the scalp and
   * hairline rather than face, neck or hands; null keeps every skin pixel.
   */
  nearHairFrac: number | null;
  /**
   * Refuse a photo (no card) whose lit skin is darker than this, in ln(skin green / frame mean green):
   * the camera exposed for something brighter (backlit, skin in shade, hair taken for skin); see
   * exposure.ts. null = off.
   */
  minRelativeExposure: number | null;
  /** Exposure trust rises from 0 at minRelativeExposure to 1 this far (ln units) above it. */
  exposureSpan: number;
  /**
   * Fraction (0..1) of the skin's exposure deviation from `referenceExposure` undone before reading
   * its colour (exposure.ts exposureScale); 0 = off. Not applied with a card.
   */
  exposureCompensation: number;
  /** ln(skin / frame mean) of a typical photo: the median over development photos that pass the check. */
  referenceExposure: number;
  /**
   * L* error (1 SD) an uncalibrated exposure leaves on well-exposed skin: the spread of L* across one
   * person's views that remains after the exposure check, on the development people. Propagated into
   * itaUncertainty through dITA/dL*; a card calibrates exposure too, so it is 0 then.
   */
  exposureLightnessError: number;
  /**
   * A reading whose confidence (skin-tone.ts skinConfidence) is below this is refused rather than
   * reported: at that level it is a guess. 0 = report every reading.
   */
  minConfidence: number;
  /**
   * Refuse when red (or blue) is clipped (255) in more than this fraction of the lit skin band: past one
   * half the band's median in that channel is itself clipped, so the colour is unknown, not merely
   * uncertain. (Named for red, the usual case; it bounds blue too.)
   */
  maxRedClipped: number;
  /** Warn (the reading is kept) when red is clipped in more than this fraction of the lit skin band. */
  warnRedClipped: number;
}

export interface HairSettings extends RegionSettings {
  /**
   * With a scalp region: confident hair on less than this share of the region's hair and skin, the scalp
   * is bare (shaved or Norwood 7) and what hair there is lies at its edge: a shirt, a beard, a pillow.
   */
  minScalpShare: number;
  /** A hair pixel is grey/white when its chroma is at most this ... */
  greyChromaMax: number;
  /** ... and its L* at least this. */
  greyLightnessMin: number;
}

export interface WhiteBalanceSettings {
  method: IlluminantMethod | 'none';
  /** Which pixels estimate the illuminant: 'background' = neither skin nor hair (with a margin). */
  region: 'background' | 'all';
  /** Minkowski norm (shades-of-grey, grey-edge). */
  p: number;
  /** Quantile for grey-quantile. */
  quantile: number;
  /** Fraction of the correction applied, in log-gain space (1 = full). */
  strength: number;
  /** Fewer usable background pixels than this: no correction. */
  minPixels: number;
  /** Margin around skin and hair left out of the background (fraction of the shorter side). */
  marginFrac: number;
  /** Background pixels must have at least this background probability; 0 = off (measured: no gain on casts). */
  minBackgroundProb: number;
}

export interface ColourSettings {
  skin: SkinSettings;
  hair: HairSettings;
  whiteBalance: WhiteBalanceSettings;
  undertone: UndertoneCuts;
  /** Look for a 24-patch chart or a grey card and, when found, calibrate with it. */
  detectCard: boolean;
  /** Pixels sampled per region at most. */
  maxPixels: number;
}

// White balance: grey-edge (p = 2) over the background. On 150 development photos with ±15 % red/blue
// casts it moved ITA least at the tail (|ΔITA| p95 3.1°, max 8.0°) against grey-edge p6 (3.4°, 14.9°),
// median/75th-percentile grey (3.0–3.1°, 14–16°) and shades-of-grey p6 (p95 5.6°, max 34° on 390
// photos); grey-world over the whole photo bleached skin-dominated frames (a third rejected as non-skin).
// None of them changes the view-to-view spread much: that is exposure, not white balance.
// Exposure (exposure.ts), chosen on the 78 train people (`npm run eval:colour -- --people train
// --prebalance`): refusing lit skin below 0.74× the frame mean took the person ITA SD from 24.1° to
// 12.4° (ICC 0.34 → 0.53, 339 → 277 of 390 photos measured); undoing half of the remaining deviation
// from the typical 0.3 took it to 10.0° (ICC 0.60; full compensation or a brighter band squeeze people
// together: ICC falls). What is left: within-person L* SD 5.3 (hence exposureLightnessError 5) and
// b* SD 3.4, which alone would spread ITA by ~5°.
// Skin only near hair (nearHairFrac 0.02 / 0.05 / 0.10 of the shorter side, train people, 2026-11-21):
// person SD 10.9° / 9.9° / 10.7° against 9.9° for every skin pixel, on 159–222 instead of 276 of 390
// photos and with a lower ICC (0.41–0.52 vs 0.60), so it stays off.
// Skin only inside the geometry's scalp zones (measurePhotoColour's skinRegion, from each zone's outline
// with the view given; `npm run eval:colour -- --people train --prebalance --variants default
// --scalp-zones only|fallback`, 2026-11-22, zones filled with OpenCV's fillPoly): person SD 10.9° on 266
// of 390 photos (ICC 0.56), and 11.8° on 286 (ICC 0.54, cast max 24.3°) falling back to every skin pixel
// where the zones hold too little, against 9.0° on 271 (ICC 0.60) for every skin pixel: the spread is
// not the face, ears and neck being read instead of scalp, so the pipeline passes no region. Again with
// the scalp region hair colour is read from (the head box less the face part, `--scalp-source region`,
// 2026-11-24, same run): person SD 8.9° on 266 photos (ICC 0.61) for every skin pixel, 11.2° on 259
// (ICC 0.62) inside the region only, 11.9° on 280 (ICC 0.58) falling back where it holds too little.
// Refusals (same train people, --reseg): readings under 0.05 confidence and skin red-clipped in over
// half its lit band were the worst of the cast shifts (27°, 15°, 11° under a red +15 % cast: the cast
// clipped red, or re-segmenting a barely-skin region moved it); refusing them took the cast |ΔITA| max
// from 27.4° to 9.8° (p95 3.0° → 2.4°) and the person SD from 10.7° to 10.0°, for 10 of 280 readings.
// Clipping-invariant pixel sets (2026-11-22): white balance estimates red/green and blue/green over
// separate pixels, and the skin band is chosen by green alone, keeping red- or blue-clipped pixels for
// the per-channel median. Train people, masks of the uncast photo: cast |ΔITA| median / p95 / max
// 0.4 / 2.3 / 8.6° → 0.3 / 1.8 / 8.2°, person SD 10.0° → 9.2°; with --reseg p95 2.1°, max 9.9° (the max
// is a re-segmented region); held-out people (--reseg, run once after): 0.7 / 3.1 / 6.6° → 0.6 / 2.7 / 5.5°.
// Darker skin bands, against the scalp shine that makes held-out top views read pale (L* 69, b* 11,
// ITA ~11° above the person's other views; train people, `--variants` with skin.band set, 2026-11-23):
// person SD 9.0° for [0.5, 0.97] against 11.5° [0.3, 0.8], 11.5° [0.4, 0.85], 11.1° [0.5, 0.85],
// 13.1° [0.2, 0.6], with ICC 0.60 against 0.41-0.55 and fewer photos measured (271 against 162-259 of
// 390): dropping the bright end leaves more photos below the exposure cut and does not pull the top
// views in, so the band stays.
// Skin-area floor (minAreaFraction, 2026-11-23): on the train people, the photos whose usable skin
// covered under 5 % of the frame (5 of 390, all top views of people with hair) read 7-65° (median 16°)
// away from the median of the person's other views, and their confidence did not say so (0.28-0.53).
// Refusing skin under 2 / 3 / 5 % of the frame: person SD 9.0 / 9.0 / 8.9° against 9.0°, ICC 0.60 /
// 0.61 / 0.61 against 0.60, |ITA - person median| 5.4 / 5.4 / 5.1° (confident readings) against 5.4°,
// 270 / 268 / 266 of 390 measured (`--variants default,no-skin-area-floor`, 2 % and 3 % as patches).
export const DEFAULT_COLOUR_SETTINGS: ColourSettings = {
  skin: {
    minProb: 0.6,
    erodeFrac: 0.005,
    minPixels: 400,
    minAreaFraction: 0.05,
    band: [0.5, 0.97],
    nearHairFrac: null,
    minRelativeExposure: -0.3,
    exposureSpan: 0.7,
    exposureCompensation: 0.5,
    referenceExposure: 0.3,
    exposureLightnessError: 5,
    minConfidence: 0.05,
    maxRedClipped: 0.5,
    warnRedClipped: 0.3,
    plausible: { hueMin: 15, hueMax: 95, chromaMin: 4, chromaMax: 50, itaPivotMin: 6 },
  },
  hair: {
    minProb: 0.6,
    erodeFrac: 0.003,
    minPixels: 400,
    minScalpShare: 0.03,
    band: [0.05, 0.85],
    greyChromaMax: 8,
    greyLightnessMin: 50,
  },
  whiteBalance: { method: 'grey-edge', region: 'background', p: 2, quantile: 0.5, strength: 1, minPixels: 2000, marginFrac: 0.01, minBackgroundProb: 0 },
  undertone: DEFAULT_UNDERTONE_CUTS,
  detectCard: true,
  maxPixels: 40_000,
};

export function withSettings(patch: DeepPartial<ColourSettings> = {}): ColourSettings {
  return merge(DEFAULT_COLOUR_SETTINGS, patch) as ColourSettings;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (base === null || typeof base !== 'object' || Array.isArray(base) || patch === null || typeof patch !== 'object') return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = merge((base as Record<string, unknown>)[k], v);
  return out;
}
