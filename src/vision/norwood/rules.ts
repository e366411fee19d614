// The zone rules layered on the fitted major level (Norwood 1975, DOMAIN.md): level 1, the A variants
// and 3 vertex. The labelled data has levels 2-7 only and no variants, so these rules are NOT validated
// by labels; their thresholds are set from the definitions and the measured spread (see the card).
import type { View } from '../geometry/types.js';
import type { MajorLevel, NorwoodMeasurements, NorwoodStage } from './types.js';

export interface StageRules {
  /** level 1 instead of 2: temples and front still haired (bald fractions at most these) */
  level1: { maxTempleBald: number; maxFrontalBald: number; maxTempleExcess: number };
  /** A variant (levels 2-5): the front recedes as one band, no peninsula, no separate crown patch */
  aVariant: { maxTempleExcess: number; minFrontalBald: number; maxCrownBald: number };
  /** 3 vertex: level 3 with a bald crown */
  vertex: { minCrownBald: number };
}

export const DEFAULT_STAGE_RULES: StageRules = {
  level1: { maxTempleBald: 0.15, maxFrontalBald: 0.1, maxTempleExcess: 0.05 },
  aVariant: { maxTempleExcess: 0, minFrontalBald: 0.5, maxCrownBald: 0.3 },
  vertex: { minCrownBald: 0.5 },
};

function templeBald(m: NorwoodMeasurements): number | null {
  const l = m.zones.templeLeft.bald;
  const r = m.zones.templeRight.bald;
  if (l === null && r === null) return null;
  return Math.max(l ?? 0, r ?? 0);
}

/**
 * Whether the front shows no real recession (level 1 rather than 2). null when no photo shows the
 * frontal hairline and both temples, so the two cannot be told apart.
 */
export function looksLevel1(m: NorwoodMeasurements, r: StageRules = DEFAULT_STAGE_RULES): boolean | null {
  const t = templeBald(m);
  const f = m.zones.frontal.bald;
  if (t === null || f === null) return null;
  const excessOk = m.hairline.templeExcess === null || m.hairline.templeExcess <= r.level1.maxTempleExcess;
  return t <= r.level1.maxTempleBald && f <= r.level1.maxFrontalBald && excessOk;
}

/** stageFor's `unchecked` when no hairline was measured (no front or top photo read it). */
export const A_VARIANT_UNCHECKED = 'A variant not checked: no front or top photo shows the hairline';
/** stageFor's `unchecked` at level 3 when no photo measured the crown. */
export const VERTEX_UNCHECKED = 'vertex variant not checked: no top or back photo shows the crown';

export interface StageDecision {
  stage: NorwoodStage;
  /** the rule that made the stage differ from the plain major level, if any */
  rule: string | null;
  /** set when a variant could not be checked for lack of views */
  unchecked: string | null;
}

export function stageFor(level: MajorLevel, m: NorwoodMeasurements, r: StageRules = DEFAULT_STAGE_RULES): StageDecision {
  if (!Number.isInteger(level) || level < 1 || level > 7) throw new RangeError(`level must be 1..7, got ${level}`);
  const plain = String(level) as NorwoodStage;
  if (level === 1 || level >= 6) return { stage: plain, rule: null, unchecked: null };
  const crown = m.zones.crown.bald;
  const excess = m.hairline.templeExcess;
  const frontal = m.zones.frontal.bald;
  if (level === 3 && crown !== null && crown >= r.vertex.minCrownBald) {
    return { stage: '3V', rule: `crown bald ${crown.toFixed(2)} >= ${r.vertex.minCrownBald} at level 3: vertex variant`, unchecked: null };
  }
  if (excess === null || frontal === null) {
    return { stage: plain, rule: null, unchecked: A_VARIANT_UNCHECKED };
  }
  const crownClear = crown === null || crown <= r.aVariant.maxCrownBald;
  if (excess <= r.aVariant.maxTempleExcess && frontal >= r.aVariant.minFrontalBald && crownClear) {
    return {
      stage: `${level}A` as NorwoodStage,
      rule: `front receded as one band (temple excess ${excess.toFixed(2)} <= ${r.aVariant.maxTempleExcess}, frontal bald ${frontal.toFixed(2)}), no crown patch: A variant`,
      unchecked: null,
    };
  }
  return { stage: plain, rule: null, unchecked: level === 3 && crown === null ? VERTEX_UNCHECKED : null };
}

/** Views that show the crown (vertex) from above or behind; a side photo sees it only at an angle. */
export const CROWN_VIEWS: readonly View[] = ['top', 'back'];
/** Views that show the frontal hairline and temples (hairline.centre / templeExcess are read from these only). */
export const HAIRLINE_VIEWS: readonly View[] = ['front', 'top'];

/**
 * What the grade leaves open when no graded photo shows the crown (no top or back) or the frontal hairline
 * (no front or top): one reason per zone not seen, naming the stages that cannot be ruled out. `seen`: the
 * views of the photos pooled into the grade; `sent`: every view sent (a view sent but not graded, e.g.
 * refused by the quality gate or left out as an outlier, is "no usable ... photo").
 */
export function unseenZoneReasons(level: MajorLevel, stage: NorwoodStage, seen: ReadonlySet<View>, sent: ReadonlySet<View>): { crown: string | null; hairline: string | null } {
  const none = (zoneViews: readonly View[], words: string): string => `no ${zoneViews.some((v) => sent.has(v)) ? 'usable ' : ''}${words} photo`;
  // Side photos measure the crown too, at an angle (a 3V can be read from them): not "not seen".
  const sides = seen.has('left') || seen.has('right');
  let crown: string | null = null;
  if (!CROWN_VIEWS.some((v) => seen.has(v)) && level < 7) {
    const open = level <= 3 && stage !== '3V' ? 'a vertex (3V) or crown loss (stage 4 and up) cannot be ruled out' : 'how far the crown loss goes (a higher stage) cannot be ruled out';
    crown = `${none(CROWN_VIEWS, 'top or back')}: the crown was ${sides ? 'seen only at an angle, from the side' : 'not seen'}, so ${open}`;
  }
  let hairline: string | null = null;
  if (!HAIRLINE_VIEWS.some((v) => seen.has(v))) {
    // The views the front was judged from, named as they are (a back photo alone is not "the sides and back").
    const from = [sides ? 'the sides' : null, seen.has('back') ? 'the back' : null].filter((x) => x !== null).join(' and ') || 'the other photos';
    const open =
      level <= 2
        ? ': level 1 (no recession), 2 and 2A (the front receding as one band) cannot be told apart'
        : level <= 5
          ? `: an A variant (${level}A, the front receding as one band) cannot be ruled out`
          : '';
    hairline = `${none(HAIRLINE_VIEWS, 'front or top')}: the frontal hairline and temples were not seen, so the front was judged from ${from} only${open}`;
  }
  return { crown, hairline };
}
