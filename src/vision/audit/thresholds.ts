// Flag thresholds, each with why. A clinic can override any of them (runAudit's `thresholds`).
export interface FlagThresholds {
  /** Migration/blowout: scar dots' median edge width over the surround's (hair, earlier dots) at or above this. */
  blowoutEdgeRatio: number;
  /** Migration/blowout: scar dots' median edge width (px) at or above this when the surround has too few dots to compare. */
  blowoutEdgeWidthPx: number;
  /** Migration/blowout: share of pigment pixels in blobs > 4 dots in size at or above this. */
  blowoutBlotchFraction: number;
  /** Migration/blowout: judged only when at least this share of the scar core is newly dark since the before photo. */
  blowoutMinAddedPigment: number;
  /** Helmet: the scar darkened (ΔL* before − after) by at least this much... */
  helmetDarkeningL: number;
  /** ...while its fine detail is below this share of the surround's (solid shade, no dot definition). */
  helmetDetailRatio: number;
  /** Helmet, on skin with little detail of its own: a darkened scar holding fewer dots per 1000 px² than this... */
  helmetMaxDotsPer1000Px2: number;
  /** ...and less detail than this share of the surround's was filled all the same. */
  helmetNoDotsDetailRatio: number;
  /** Helmet: an edge step (L*) at or above this counts as a hard edge (evidence, raises severity). */
  hardEdgeStepL: number;
  /** Blue/green shift: ink keeps this many times more blue (or green) light than red. Neutral carbon ≈ 1. */
  inkHueRatio: number;
  /** Too dark: scar area darker than its surround by at least this (ΔL* ≤ −value). */
  tooDarkL: number;
  /** Too dark: the scar's dots darker than the hairs around it by at least this (median L* at their centres). */
  tooDarkVsHairL: number;
  /** Too dark, with no hair around the scar to compare: the dots' centres darker than the skin by at least this (L*). */
  tooDarkVsSkinL: number;
  /** Too dark: dots (in the scar) and hairs (around it) are compared from this many on. */
  tooDarkMinDots: number;
  /** Scar not visible: the outlined area differed from its surround by less than this ΔE76 before treatment. */
  scarVisibleDeltaE: number;
  /** Little pigment: under this share of the scar core newly dark (and no darkening by a fill). */
  littlePigmentFraction: number;
  /** Fading: dot-to-skin contrast at the last visit below this share of the first after-photo's. */
  fadingContrastRatio: number;
  /** Fading: the scar got paler against its surround by at least this ΔL* from first to last visit. */
  fadingPalerL: number;
  /** Photos swapped: the before photo's scar holds at least this many dots per 1000 px²... */
  swapMinDotsPer1000Px2: number;
  /** ...and this many times the after photo's (while the scar blended in better before). */
  swapDotRatio: number;
  /** Light changed: the surround's skin (untreated) differs by more than this ΔE76 between photos... */
  lightingWarnDeltaE: number;
  /** ...and by more than this, the photos' matches are not comparable at all (severity fail). */
  lightingFailDeltaE: number;
}

export const DEFAULT_THRESHOLDS: Readonly<FlagThresholds> = {
  // Ink spread under the skin has soft edges: its edge width is ~1.65x the spread's sigma. Twice the
  // surround's (same camera, same focus); 1.6x is past what healing does to a crisp dot (measured ~1.0-1.1x on crisp synthetic dots).
  blowoutEdgeRatio: 1.6,
  // Without dots around to compare, a 3.5 px edge is a ~2 px blur sigma: visibly soft at audit scale.
  blowoutEdgeWidthPx: 3.5,
  // Separate dots leave no pixels in blobs of 6+ dots; a third of the pigment in such blobs is patchy.
  blowoutBlotchFraction: 0.35,
  // An untreated scar's newly dark share between two photos is registration and noise: 0 in the untreated
  // pairs of test/eval/audit.ts (AUDIT_UNTREATED=1); treated pairs add 4-75 %.
  blowoutMinAddedPigment: 0.02,
  // One JND in L* is ~1; 5 is an unmistakable darkening of the treated area.
  helmetDarkeningL: 5,
  // Dotted work keeps the scar at least as detailed as the surrounding stubble; under half reads as flat.
  helmetDetailRatio: 0.5,
  // On smooth skin a fill is not flatter than its surround (real-photo fills read detail 0.54-0.75): a
  // scar darkened with under 2 dots per 1000 px² (treated work has 6-27; blowout leaves 0.5-8 with detail
  // above 1) and less detail than its surround was filled. eval:audit: fills caught 6/9 -> 9/9.
  helmetMaxDotsPer1000Px2: 2,
  helmetNoDotsDetailRatio: 1,
  // A natural transition over a few px changes L* gradually; a 6 L* jump within 1-3 px is a drawn line.
  hardEdgeStepL: 6,
  // Healed carbon black is near neutral; 1.25x more blue or green than red is a visible cool cast.
  inkHueRatio: 1.25,
  // Darker than the surround by more than ~2 JNDs of L* reads as a dark patch.
  tooDarkL: 4,
  // Dots should be no darker than the remaining hair; 10 L* darker is plainly heavier. By the dots' and
  // hairs' centres: in eval:audit's untroubled pairs the dots read at most 7.5 L* darker than the hair.
  tooDarkVsHairL: 10,
  // Without hair to judge by: untroubled dots read 9-35 L* below the skin, black ones 36-53 (eval:audit).
  tooDarkVsSkinL: 40,
  tooDarkMinDots: 5,
  // As blowoutMinAddedPigment: an untreated scar's newly dark share is registration and noise (0 %).
  littlePigmentFraction: 0.02,
  // 2.3 is the ΔE76 just-noticeable difference: below it the eye sees no scar to camouflage.
  scarVisibleDeltaE: 2.3,
  // Healed dots lighten 0-3 shades (DOMAIN.md); a quarter of the contrast lost between visits is fading.
  fadingContrastRatio: 0.75,
  // 2.3 is the ΔE76 just-noticeable difference; 3 L* is beyond it.
  fadingPalerL: 3,
  // An untreated scar has no hair and so almost no dots: at most 1.6 per 1000 px² in the before photos of 60
  // generated pairs (40 procedural, 20 on real photos; `AUDIT_SWAP=1` in test/eval/audit.ts), treated ones
  // median 8, up to 27. A touch-up's before photo has some, but fewer than after: twice as many is the wrong way round.
  swapMinDotsPer1000Px2: 5,
  swapDotRatio: 2,
  // Untreated skin under the same light should read within a few ΔE between visits (not yet measured on
  // real audits: no before/after pairs exist here); 6 is most of the 7.0 "perfect"/"slight" step. 15:
  // a photo 35 % dimmer moved the surround ΔE 17.5.
  lightingWarnDeltaE: 6,
  lightingFailDeltaE: 15,
};
