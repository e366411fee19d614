// Failure flags read off the per-photo measurements, each with the numbers that fired it (or did not)
// and the threshold it was held against.
import { deltaE76 } from '../colour/convert.js';
import type { PhotoMeasure } from './measure.js';
import { DEFAULT_THRESHOLDS, type FlagThresholds } from './thresholds.js';
import { fixed } from './numbers.js';

export const FLAG_IDS = ['migration-blowout', 'helmet-look', 'blue-green-shift', 'too-dark', 'little-pigment', 'scar-not-visible', 'fading', 'photos-swapped', 'lighting-changed'] as const;
export type FlagId = (typeof FLAG_IDS)[number];
export type Severity = 'warning' | 'fail';

export interface FlagCheck {
  id: FlagId;
  fired: boolean;
  /** False when the check could not be made (no pigment found, no later visit): `fired` is then false too. */
  made: boolean;
  /** Null when the check could not be made (e.g. no pigment found, no later visit). */
  severity: Severity | null;
  message: string;
  evidence: Record<string, number | string | boolean | null | number[] | (number | null)[]>;
}

const r2 = (v: number | null | undefined): number | null => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 100) / 100);
/**
 * A reading (L*, ΔE, dots per 1000 px², px) as the messages print it: one decimal and a true minus sign,
 * as the PDF's table prints it (numbers.ts). Ratios ("1.43x") keep two decimals: their thresholds do.
 */
const n1 = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : fixed(v));

export function checkBlowout(after: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  // Judged on the pigment added since the before photo: stubble and hair dark in both photos are not
  // dots the treatment placed (untreated stubble read as "merged blotches"). Photos measured alone
  // (no before to compare) keep the whole pigment mask.
  const added = after.added ?? null;
  if (added && added.pigmentFraction < t.blowoutMinAddedPigment) {
    return {
      id: 'migration-blowout',
      fired: false,
      made: false,
      severity: null,
      message: `too little pigment added in the scar since the before photo to judge for blurred or merged dots (${(100 * added.pigmentFraction).toFixed(1)} % of it newly dark, under ${(100 * t.blowoutMinAddedPigment).toFixed(0)} %)`,
      evidence: { addedPigmentFraction: r2(added.pigmentFraction), addedPigmentThreshold: t.blowoutMinAddedPigment },
    };
  }
  const scarEdge = after.dots.scar.count >= 3 ? after.dots.scar.medianEdgeWidthPx : null;
  const ref = after.dots.surround.count >= 10 ? after.dots.surround.medianEdgeWidthPx : null;
  const edgeRatio = ref && scarEdge !== null ? scarEdge / ref : null;
  const soft = edgeRatio !== null ? edgeRatio >= t.blowoutEdgeRatio : scarEdge !== null && scarEdge >= t.blowoutEdgeWidthPx;
  const blotch = added ? added.blotchFraction : after.blotchFraction;
  const merged = blotch !== null && blotch >= t.blowoutBlotchFraction;
  const fired = soft || merged;
  const parts = [soft ? `dot edges ${edgeRatio !== null ? `${r2(edgeRatio)}x as wide as the surround's` : `${n1(scarEdge)} px wide`}` : '', merged ? `${Math.round(100 * blotch!)} % of the ${added ? 'added ' : ''}pigment in merged blotches` : ''];
  return {
    id: 'migration-blowout',
    fired,
    made: true,
    severity: fired ? (soft && merged ? 'fail' : 'warning') : null,
    message: fired ? `dots in the scar look blurred or merged (${parts.filter(Boolean).join(', ')})` : 'dots in the scar are crisp and separate',
    evidence: {
      scarDotEdgeWidthPx: r2(scarEdge),
      surroundDotEdgeWidthPx: r2(ref),
      edgeRatio: r2(edgeRatio),
      edgeRatioThreshold: t.blowoutEdgeRatio,
      edgeWidthThresholdPx: t.blowoutEdgeWidthPx,
      scarDotSigmaPx: r2(after.dots.scar.medianSigmaPx),
      blotchFraction: r2(blotch),
      blotchFractionThreshold: t.blowoutBlotchFraction,
      addedPigmentFraction: added ? r2(added.pigmentFraction) : null,
    },
  };
}

export function checkHelmet(before: PhotoMeasure, after: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const darkening = before.dL - after.dL;
  const darkened = darkening >= t.helmetDarkeningL;
  const flat = after.detail.ratio < t.helmetDetailRatio;
  // On smooth bald skin the surround has little detail of its own, so a fill there is not "flat" by
  // comparison (0 of 3 fills on real photos were caught): a scar darkened with no dots in it and no more
  // detail than its surround was filled all the same. Spread ink (blowout) leaves detail, and dots.
  const noDots = after.dots.scar.per1000Px2 < t.helmetMaxDotsPer1000Px2 && after.detail.ratio < t.helmetNoDotsDetailRatio;
  const hardEdge = after.edgeStepL >= t.hardEdgeStepL;
  const fired = darkened && (flat || noDots);
  return {
    id: 'helmet-look',
    fired,
    made: true,
    severity: fired ? (hardEdge ? 'fail' : 'warning') : null,
    message: fired
      ? `the scar was filled with a solid shade (darkened ${n1(darkening)} L*, ${flat ? `detail ${r2(after.detail.ratio)}x the surround's` : `${n1(after.dots.scar.per1000Px2)} dots per 1000 px² in it`})${hardEdge ? ' with a hard edge' : ''}`
      : darkened
        ? // said as measured: a scar that faded with nothing added keeps its surround's detail too, with no dots
          `the darkened scar keeps the detail of its surround (${r2(after.detail.ratio)}x, ${n1(after.dots.scar.per1000Px2)} dots per 1000 px²): no solid fill`
        : `the scar was not darkened as a solid fill darkens it (${n1(darkening)} L*, under ${t.helmetDarkeningL})`,
    evidence: {
      darkeningL: r2(darkening),
      darkeningThreshold: t.helmetDarkeningL,
      detailRatio: r2(after.detail.ratio),
      detailRatioThreshold: t.helmetDetailRatio,
      scarDotsPer1000Px2: r2(after.dots.scar.per1000Px2),
      surroundDotsPer1000Px2: r2(after.dots.surround.per1000Px2),
      noDotsThresholdPer1000Px2: t.helmetMaxDotsPer1000Px2,
      noDotsDetailRatioThreshold: t.helmetNoDotsDetailRatio,
      edgeStepL: r2(after.edgeStepL),
      hardEdgeThreshold: t.hardEdgeStepL,
      hardEdge,
    },
  };
}

export function checkHueShift(after: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const tr = after.inkTransmittance;
  if (!tr) {
    return { id: 'blue-green-shift', fired: false, made: false, severity: null, message: 'no pigment found added in the scar to judge the ink colour', evidence: { inkTransmittance: null } };
  }
  const blue = tr[2] / Math.max(1e-6, tr[0]);
  const green = tr[1] / Math.max(1e-6, tr[0]);
  const fired = blue >= t.inkHueRatio || green >= t.inkHueRatio;
  const which = blue >= green ? 'blue' : 'green';
  return {
    id: 'blue-green-shift',
    fired,
    made: true,
    severity: fired ? (Math.max(blue, green) >= 1 + 2 * (t.inkHueRatio - 1) ? 'fail' : 'warning') : null,
    message: fired ? `the dots lean ${which} (the ink keeps ${r2(Math.max(blue, green))}x more ${which} than red light)` : 'the dots are near neutral grey-black',
    evidence: {
      inkTransmittance: tr.map((v) => r2(v) ?? 0),
      blueOverRed: r2(blue),
      greenOverRed: r2(green),
      threshold: t.inkHueRatio,
      pigmentLab: after.pigmentLab ? after.pigmentLab.map((v) => r2(v) ?? 0) : null,
    },
  };
}

export function checkTooDark(after: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const areaDark = after.dL <= -t.tooDarkL;
  // The dots against the hairs around the scar, each by the L* at their centres: how dark they read.
  // (The mean of every dark pixel had been diluted by the dots' soft edges and the scar's own texture:
  // black dots read 4 L* darker than the hair.) With no hair around to compare, against the skin.
  const scarDots = after.dots.scar;
  const hairDots = after.dots.surround;
  const dotL = scarDots.count >= t.tooDarkMinDots ? scarDots.medianCentreL : null;
  const hairL = hairDots.count >= t.tooDarkMinDots ? hairDots.medianCentreL : null;
  const vsHair = dotL !== null && hairL !== null ? hairL - dotL : null;
  const vsSkin = dotL !== null && hairL === null ? after.scarSkinL - dotL : null;
  const dotsDark = (vsHair !== null && vsHair >= t.tooDarkVsHairL) || (vsSkin !== null && vsSkin >= t.tooDarkVsSkinL);
  const fired = areaDark || dotsDark;
  const dotsWords =
    vsHair !== null ? `the dots are ${n1(vsHair)} L* darker than the hair around the scar` : `the dots are ${n1(vsSkin)} L* darker than the skin (no hair around the scar to compare with)`;
  const okDots = dotL === null ? 'no dots in the scar to compare' : vsHair !== null ? 'the dots are not darker than the hair' : 'the dots are not much darker than the skin (no hair around to compare with)';
  return {
    id: 'too-dark',
    fired,
    made: true,
    severity: fired ? (areaDark && dotsDark ? 'fail' : 'warning') : null,
    message: fired
      ? [areaDark ? `the scar reads ${n1(-after.dL)} L* darker than its surround` : '', dotsDark ? dotsWords : ''].filter(Boolean).join('; ')
      : `the scar is not darker than its surround and ${okDots}`,
    evidence: {
      dL: r2(after.dL),
      dLThreshold: -t.tooDarkL,
      dotCentreL: r2(dotL),
      hairCentreL: r2(hairL),
      dotsDarkerThanHairL: r2(vsHair),
      vsHairThreshold: t.tooDarkVsHairL,
      dotsDarkerThanSkinL: r2(vsSkin),
      vsSkinThreshold: t.tooDarkVsSkinL,
      minDots: t.tooDarkMinDots,
    },
  };
}

/**
 * Next to nothing was added: almost no newly dark pixels in the scar, and it did not darken. The match
 * of such an audit is the untreated scar's (an under-done treatment, or an after photo taken before the
 * work), so a small change in it is not an improvement the treatment made.
 */
export function checkLittlePigment(before: PhotoMeasure, after: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const added = after.added ?? null;
  if (!added) return { id: 'little-pigment', fired: false, made: false, severity: null, message: 'needs a before photo to compare', evidence: { addedPigmentFraction: null } };
  const darkening = before.dL - after.dL;
  const fired = added.pigmentFraction < t.littlePigmentFraction && darkening < t.helmetDarkeningL;
  return {
    id: 'little-pigment',
    fired,
    made: true,
    severity: fired ? 'warning' : null,
    message: fired
      ? `almost no pigment was found added in the scar (${(100 * added.pigmentFraction).toFixed(1)} % of it newly dark, ${after.dots.scar.count} dots) and it darkened ${n1(darkening)} L* only: the work may be too light to show in this photo, or the after photo was taken before it; the match is the untreated scar's`
      : added.pigmentFraction >= t.littlePigmentFraction
        ? `pigment was added in the scar (${(100 * added.pigmentFraction).toFixed(1)} % of it newly dark, ${after.dots.scar.count} dots)`
        : // few new dark pixels, but the scar darkened as a shade laid in it darkens it (or as a scar that faded)
          `few new dots in the scar (${(100 * added.pigmentFraction).toFixed(1)} % of it newly dark, ${after.dots.scar.count} dots), but it darkened ${n1(darkening)} L*: pigment laid as a shade, or a scar that faded`,
    evidence: {
      addedPigmentFraction: r2(added.pigmentFraction),
      threshold: t.littlePigmentFraction,
      darkeningL: r2(darkening),
      darkeningThreshold: t.helmetDarkeningL,
      scarDots: after.dots.scar.count,
    },
  };
}

/**
 * The outlined area already matched its surround before treatment: there was no visible scar there to
 * camouflage (the outline is off the scar, or the before photo shows none), so a "perfect" after says
 * nothing about the work.
 */
export function checkScarVisible(before: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const fired = before.deltaE76 < t.scarVisibleDeltaE;
  return {
    id: 'scar-not-visible',
    fired,
    made: true,
    severity: fired ? 'warning' : null,
    message: fired
      ? `the outlined area already matched the skin around it in the before photo (ΔE76 ${n1(before.deltaE76)}, under ${t.scarVisibleDeltaE}, the just-noticeable difference): check that the outline is on the scar; the match after says little about the work`
      : 'the scar stood out from the skin around it before treatment',
    evidence: { deltaE76Before: r2(before.deltaE76), threshold: t.scarVisibleDeltaE },
  };
}

/** Fading over the after photo and later visits (in time order). */
export function checkFading(series: PhotoMeasure[], t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  if (series.length < 2) return { id: 'fading', fired: false, made: false, severity: null, message: 'needs at least one later visit', evidence: { visits: series.length } };
  const first = series[0];
  const last = series[series.length - 1];
  const contrast = series.map((m) => m.dotContrastL);
  // No pigment pixels left at the last visit (after there were some) is complete fading: contrast 0.
  const ratio = first.dotContrastL ? (last.dotContrastL ?? 0) / first.dotContrastL : null;
  const paler = last.dL - first.dL;
  const byContrast = ratio !== null && ratio < t.fadingContrastRatio;
  const byPaler = paler >= t.fadingPalerL;
  const fired = byContrast || byPaler;
  return {
    id: 'fading',
    fired,
    made: true,
    severity: fired ? (byContrast && byPaler ? 'fail' : 'warning') : null,
    message: fired
      ? [byContrast ? `dot contrast fell to ${Math.round(100 * ratio!)} % of the first after-photo` : '', byPaler ? `the scar got ${n1(paler)} L* paler against its surround` : ''].filter(Boolean).join('; ')
      : 'dot contrast and scar lightness held across visits',
    evidence: {
      dotContrastL: contrast.map((v) => r2(v) ?? 0),
      contrastRatio: r2(ratio),
      contrastRatioThreshold: t.fadingContrastRatio,
      dL: series.map((m) => r2(m.dL) ?? 0),
      palerL: r2(paler),
      palerThreshold: t.fadingPalerL,
      pigmentFraction: series.map((m) => r2(m.coverage.pigmentFraction) ?? 0),
    },
  };
}

/**
 * Before and after given the wrong way round: the "before" photo shows the pigment dots in the scar and
 * the "after" photo does not, and the scar blended in better before. Every other reading of such an audit
 * (the match improving, the flags read off the after photo) would then be about the untreated scar.
 */
export function checkSwapped(before: PhotoMeasure, after: PhotoMeasure, t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const dotsBefore = before.dots.scar.per1000Px2;
  const dotsAfter = after.dots.scar.per1000Px2;
  const moreDotsBefore = dotsBefore >= t.swapMinDotsPer1000Px2 && dotsBefore >= t.swapDotRatio * dotsAfter;
  const blendedBefore = Math.abs(before.dL) < Math.abs(after.dL);
  const fired = moreDotsBefore && blendedBefore;
  return {
    id: 'photos-swapped',
    fired,
    made: true,
    severity: fired ? 'warning' : null,
    message: fired
      ? `the before photo shows more pigment dots in the scar (${n1(dotsBefore)} per 1000 px²) than the after photo (${n1(dotsAfter)}), and the scar blended in better before: check that before and after are not swapped`
      : moreDotsBefore
        ? 'the before photo shows more pigment dots in the scar, but the scar blended in better after: not read as swapped'
        : 'the before photo does not show more pigment dots in the scar than the after photo',
    evidence: {
      scarDotsPer1000Px2Before: r2(dotsBefore),
      scarDotsPer1000Px2After: r2(dotsAfter),
      minDotsThreshold: t.swapMinDotsPer1000Px2,
      dotRatioThreshold: t.swapDotRatio,
      dLBefore: r2(before.dL),
      dLAfter: r2(after.dL),
    },
  };
}

/**
 * The light or the camera changed between the photos: the untreated skin around the scar reads a
 * different colour. Each photo's match is its scar against its own surround, but a dimmer or tinted
 * photo shrinks or skews that difference too (the same treated scar read ΔE 7.2 "slight", 4.9 "perfect"
 * 35 % dimmer and 13.7 "obvious" brighter), so bands from photos under different light do not compare.
 */
export function checkLighting(before: PhotoMeasure, later: (PhotoMeasure | null)[], t: FlagThresholds = DEFAULT_THRESHOLDS): FlagCheck {
  const ref = before.surroundSkinLab;
  const shifts = later.map((m) => (m ? deltaE76(ref, m.surroundSkinLab) : null));
  const worst = Math.max(0, ...shifts.filter((v): v is number => v !== null));
  const at = shifts.indexOf(worst);
  const fired = worst > t.lightingWarnDeltaE;
  const which = at === 0 ? 'the after photo' : `visit ${at}`;
  return {
    id: 'lighting-changed',
    fired,
    made: true,
    severity: fired ? (worst > t.lightingFailDeltaE ? 'fail' : 'warning') : null,
    message: fired
      ? `the untreated skin around the scar differs by ΔE ${n1(worst)} between the before photo and ${which}: the light or camera changed, so their matches do not compare; take every photo under the same light`
      : `the untreated skin around the scar reads the same colour in every photo${shifts.includes(null) ? ' measured' : ''}`,
    evidence: {
      // a visit left out was not measured: null, not a ΔE of 0 ("the same light")
      surroundSkinDeltaE76: shifts.map((v) => (v === null ? null : r2(v))),
      surroundSkinLabBefore: ref.map((v) => r2(v) ?? 0),
      warnThreshold: t.lightingWarnDeltaE,
      failThreshold: t.lightingFailDeltaE,
    },
  };
}
