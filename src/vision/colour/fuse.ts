// Per-person colour from per-photo results: a confidence-weighted robust mean. Photos whose ITA (or
// hair L*) sits far from the weighted median are dropped as outliers (a segmentation error, a
// backlit view), the rest are averaged in Lab, and the confidence falls with their disagreement.
import { deltaE00, deltaE76, labToHex, chroma as chromaOf, hueAngle, type Lab } from './convert.js';
import { DEFAULT_UNDERTONE_CUTS, type UndertoneCuts } from './undertone.js';
import { hairShade } from './hair-colour.js';
import { ITA_CALIBRATION_ERROR, calibrationOf, clamp01, readSkinLab } from './skin-tone.js';
import { median, weightedMedian } from './robust.js';
import type { Contrast, FusedColour, FusedHairColour, FusedSkinTone, HairColour, PhotoColour, SkinTone } from './types.js';

export interface FuseOptions {
  /** A photo further than max(this, 2.5 robust SDs) from the weighted median ITA is dropped (degrees). */
  itaOutlier: number;
  /** Same for hair L*. */
  hairOutlier: number;
  undertone: UndertoneCuts;
}

export const DEFAULT_FUSE: FuseOptions = { itaOutlier: 12, hairOutlier: 10, undertone: DEFAULT_UNDERTONE_CUTS };

export function fuseSkinTone(photos: readonly PhotoColour[], opts: FuseOptions = DEFAULT_FUSE): FusedColour {
  if (!Array.isArray(photos)) throw new TypeError('fuseSkinTone: photos must be an array');
  const reasons: string[] = [];
  const skin = fuseSkin(photos, opts, reasons);
  const hair = fuseHair(photos, opts, reasons);
  const contrast: Contrast | null =
    skin && hair ? { deltaE00: deltaE00(skin.lab, hair.lab), deltaE76: deltaE76(skin.lab, hair.lab), deltaL: skin.lab[0] - hair.lab[0] } : null;
  return { skinTone: skin, hairColour: hair, contrast, calibrated: photos.some((p) => !!p.whiteBalance.card), reasons };
}

function keepInliers<T>(items: T[], value: (t: T) => number, weight: (t: T) => number, floor: number): { kept: T[]; dropped: number } {
  if (items.length <= 2) return { kept: items, dropped: 0 };
  const vs = items.map(value);
  const ws = items.map((t) => Math.max(1e-6, weight(t)));
  const centre = weightedMedian(vs, ws);
  const mad = median(vs.map((v) => Math.abs(v - centre))) * 1.4826;
  const limit = Math.max(floor, 2.5 * mad);
  const kept = items.filter((_, i) => Math.abs(vs[i] - centre) <= limit);
  return { kept, dropped: items.length - kept.length };
}

function weightedLab(items: { lab: Lab; w: number }[]): Lab {
  const total = items.reduce((s, x) => s + x.w, 0);
  const out: Lab = [0, 0, 0];
  for (const x of items) for (let c = 0; c < 3; c++) out[c] += (x.lab[c] * x.w) / total;
  return out;
}

/**
 * A person's ITA SD across their views, typically (median over the train people, eval:colour
 * --people train --prebalance: 8.9°): the spread assumed for a single photo.
 */
export const TYPICAL_ITA_SPREAD = 9;

/** How much n agreeing photos support a reading: 0.73 for one, 0.87 for two, 1 from three. */
function viewSupport(n: number): number {
  return 0.6 + 0.4 * Math.min(1, n / 3);
}

function sd(values: number[]): number {
  if (values.length < 2) return 0;
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
}

/**
 * Why no photo gave a skin tone, from the photos' own notes: "no photo shows enough scalp skin" had been
 * said of five photos of a bald head whose skin read pink (the second practitioner review, L7-015).
 * Notes alike but for their numbers count as one, quoted from the first photo that gave it.
 */
export function noSkinToneReason(photos: readonly Pick<PhotoColour, 'reasons'>[]): string {
  const kinds = new Map<string, { text: string; photos: number }>();
  for (const p of photos) {
    // each kind of note once per photo, keyed without its numbers, quoted as the photo first worded it
    const mine = new Map<string, string>();
    for (const r of p.reasons) {
      const key = r.replace(/-?\d+(\.\d+)?/g, '#');
      if (/skin/.test(r) && !/hair colour/.test(r) && !/^white balance/.test(r) && !mine.has(key)) mine.set(key, r);
    }
    for (const [key, text] of mine) {
      const k = kinds.get(key);
      if (k) k.photos++;
      else kinds.set(key, { text, photos: 1 });
    }
  }
  if (kinds.size === 0) return 'skin tone: no photo shows enough scalp skin';
  const n = photos.length;
  const parts = [...kinds.values()].sort((a, b) => b.photos - a.photos).map((k) => `${k.text} (${k.photos === n ? (n === 1 ? 'the photo' : `all ${n} photos`) : `${k.photos} of ${n} photos`})`);
  return `skin tone: not read from any photo: ${parts.join('; ')}`;
}

function fuseSkin(photos: readonly PhotoColour[], opts: FuseOptions, reasons: string[]): FusedSkinTone | null {
  const measured = photos.map((p) => ({ p, s: p.skinTone })).filter((x): x is { p: PhotoColour; s: SkinTone } => !!x.s);
  if (measured.length === 0) {
    reasons.push(noSkinToneReason(photos));
    return null;
  }
  // A card-calibrated photo outranks every estimate: use only those when there are any.
  const carded = measured.filter((x) => !!x.p.whiteBalance.card);
  const pool = carded.length > 0 ? carded : measured;
  const { kept, dropped } = keepInliers(pool, (x) => x.s.ita, (x) => x.s.confidence, opts.itaOutlier);
  if (dropped > 0) reasons.push(`skin tone: ${dropped} photo${dropped > 1 ? 's' : ''} left out as outliers (ITA far from the others)`);
  const lab = weightedLab(kept.map((x) => ({ lab: x.s.lab, w: Math.max(1e-6, x.s.confidence) })));
  const spread = sd(kept.map((x) => x.s.ita));
  const itaUncertainty = fusedItaUncertainty(
    kept.map((x) => ({ itaUncertainty: x.s.itaUncertainty, calibrationError: ITA_CALIBRATION_ERROR[calibrationOf(x.p.whiteBalance)], weight: Math.max(1e-6, x.s.confidence) })),
    spread,
  );
  const meanConf = kept.reduce((s, x) => s + x.s.confidence, 0) / kept.length;
  // One photo cannot show how far its views would disagree: it is given the typical spread, not none
  // (a top view alone read 0.54 where the same person's five views read 0.24: the practitioner review).
  const agreement = Math.exp(-Math.max(0, (kept.length >= 2 ? spread : TYPICAL_ITA_SPREAD) - 3) / 15);
  const support = viewSupport(kept.length);
  return {
    ...readSkinLab(lab, itaUncertainty, opts.undertone),
    pixels: kept.reduce((s, x) => s + x.s.pixels, 0),
    itaUncertainty,
    confidence: clamp01(meanConf * agreement * support),
    photosUsed: kept.length,
    photosMeasured: measured.length,
    itaSpread: spread,
  };
}

/**
 * ITA half-width (degrees) of a weighted mean of photos (weights: their confidences). Each photo's
 * own uncertainty u is split into its calibration part c (ITA_CALIBRATION_ERROR), which the views
 * share (one camera, one light), so it does not shrink: Σ w c / Σ w; and the rest r = √(u² − c²)
 * (exposure, uneven light), independent between photos, so it shrinks as a weighted mean's does:
 * √(Σ w² r²) / Σ w, i.e. r/√n for n alike photos. The photos' observed ITA spread as a standard
 * error (SD/√n) is a floor on that second part. So one photo keeps exactly its own uncertainty, and
 * several never go below their calibration error.
 */
export function fusedItaUncertainty(photos: readonly { itaUncertainty: number; calibrationError: number; weight: number }[], spread: number): number {
  if (photos.length === 0) throw new RangeError('fusedItaUncertainty: needs at least one photo');
  const wsum = photos.reduce((s, p) => s + p.weight, 0);
  const shared = photos.reduce((s, p) => s + p.weight * p.calibrationError, 0) / wsum;
  const rest = Math.sqrt(photos.reduce((s, p) => s + (p.weight * p.weight * Math.max(0, p.itaUncertainty ** 2 - p.calibrationError ** 2)), 0)) / wsum;
  return Math.min(90, Math.hypot(shared, Math.max(rest, spread / Math.sqrt(photos.length))));
}

function fuseHair(photos: readonly PhotoColour[], opts: FuseOptions, reasons: string[]): FusedHairColour | null {
  const measured = photos.map((p) => p.hairColour).filter((h): h is HairColour => !!h);
  if (measured.length === 0) {
    // Say why when a photo's own note does (over-exposed, black and white), not only "not enough hair".
    const why = [...new Set(photos.flatMap((p) => p.reasons).filter((r) => r.includes('hair colour')).map((r) => r.replace(/^hair colour not read: /, '')))];
    reasons.push(why.length ? `hair colour: not read from any photo: ${why.join('; ')}` : 'hair colour: no photo shows enough hair');
    return null;
  }
  const { kept, dropped } = keepInliers(measured, (h) => h.lightness, (h) => h.confidence, opts.hairOutlier);
  if (dropped > 0) reasons.push(`hair colour: ${dropped} photo${dropped > 1 ? 's' : ''} left out as outliers (L* far from the others)`);
  const lab = weightedLab(kept.map((h) => ({ lab: h.lab, w: Math.max(1e-6, h.confidence) })));
  const wsum = kept.reduce((s, h) => s + Math.max(1e-6, h.confidence), 0);
  const greyFraction = kept.reduce((s, h) => s + h.greyFraction * Math.max(1e-6, h.confidence), 0) / wsum;
  const c = chromaOf(lab);
  const hue = hueAngle(lab);
  const spread = sd(kept.map((h) => h.lightness));
  return {
    lab,
    hex: labToHex(lab),
    lightness: lab[0],
    chroma: c,
    hueAngle: hue,
    greyFraction,
    name: hairShade(lab[0], c, hue, greyFraction),
    pixels: kept.reduce((s, h) => s + h.pixels, 0),
    // fewer photos, less support, as for skin (one top view's shirt read "black" at 0.88)
    confidence: clamp01((kept.reduce((s, h) => s + h.confidence, 0) / kept.length) * Math.exp(-Math.max(0, spread - 3) / 12) * viewSupport(kept.length)),
    photosUsed: kept.length,
  };
}
