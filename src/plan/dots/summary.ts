// The plan as JSON (what the API and `smp analyze --json` return): everything but the per-dot arrays
// (those go to dots.csv and plan.svg) and the working fields.
import { DEFAULT_PLAN_OPTIONS, type Dilution, type Needle, type Plan, type PlanSession, type View } from './plan.js';
import type { ScalpRule } from '../density/treatment.js';
import type { Point } from '../hairline/types.js';
import { resample } from '../hairline/spline.js';
import { LOW_HAIRLINE_MARGIN_MM } from '../hairline/propose.js';

export interface PlanSummary {
  view: View;
  width: number;
  height: number;
  seed: number;
  scale: { mmPerPixel: number; sigma: number; relativeSigma: number; source: string };
  hairline: {
    method: string;
    /** The drawn line (photo px, a point every ~1 mm), editable: send it back to re-plan. */
    points: Point[];
    control: Point[];
    /** Offset (mm) of each session's line behind the drawn one. */
    raiseMm: number[];
    notes: string[];
  } | null;
  /** What the practitioner must check before following this plan (e.g. a hairline that rests on a guess). */
  warnings: { code: string; severity: 'caution'; message: string }[];
  /**
   * Which head area was taken as scalp, and what the practitioner should check about it; with
   * `leftOutCm2`, the skin beyond the hair's rim left out of a top view.
   */
  scalp: { rule: ScalpRule; note: string; leftOutCm2?: number };
  sessions: (Omit<PlanSession, 'dilution' | 'needle'> & { dilution: Required<Dilution>; needle: Needle })[];
  totalDots: number;
  areaCm2: Plan['areaCm2'];
  /** Minimum dot spacing as a multiple of 1/sqrt(density). */
  minSpacing: number;
  /**
   * Which way round the photo was read (clockwise turn of the photo from upright) and how sure; a note
   * when unsure. Set by the planning pipeline (src/pipeline/plan-task.ts), which knows the photo's analysis.
   */
  orientation?: { degrees: number; confidence: number | null; sure: boolean; note?: string };
}

const SCALP_NOTES: Record<ScalpRule, string> = {
  head: 'the head behind the hairline',
  'hair-rim':
    'the head within its rim of hair, behind the hairline; skin beyond the rim, away from the face (a hand, a shoulder or an arm touching the head), left out: check the edge of the plan',
  'skull-outline':
    "the head within the skull's outline, behind the hairline: skin outside the skull, or bare skin at its rim away from the face or of another colour than the scalp (an arm, a shoulder, an ear, cloth or a wall read as skin), was left out: check the edge of the plan",
  'hair-below': 'skin with hair below it (the crown above the remaining hair); neck, ears and face left out',
  skull:
    'no hair found in this back view (a shaved or buzzed head reads as skin): the skull down to where the head narrows to the neck; check the nape line',
  profile:
    'the skull above a line from the frontal hairline over the temple, above the ear and down to the nape, placed by the skull\'s size in the photo; face, ears and beard left out: check the temple and the nape',
};

const r1 = (v: number): number => Math.round(v * 10) / 10;
const r3 = (v: number): number => Math.round(v * 1000) / 1000;
const perZoneR1 = (perZone: PlanSession['achievedPerCm2']): PlanSession['achievedPerCm2'] =>
  Object.fromEntries(Object.entries(perZone).map(([k, v]) => [k, r1(v)]));

/** Fewer dots than this in the whole plan: it leaves (almost) nothing to treat, which the practitioner is told. */
export const EMPTY_PLAN_DOTS = 10;

/**
 * Fewer dots than this in the whole plan: a small area, for which the full schedule of sessions may not be
 * indicated. 1200 is the dots one session's set-up time would place (20 min at 60 a minute): all the
 * sessions' needle work together then takes less than setting up one of them (a full session places
 * ~14,000). L3-033 (Norwood 2, a few receded cm² at the temples) was planned 3 sessions for ~100-500 dots.
 */
export const SMALL_PLAN_DOTS = DEFAULT_PLAN_OPTIONS.setupMinutes * DEFAULT_PLAN_OPTIONS.impressionsPerMinute;

const CUE_NAMES: Record<string, string> = { marker: 'card', iris: 'iris', interpupillary: 'distance between the pupils', headBreadth: "head's breadth", headLength: "head's length" };

/**
 * A hairline with this share of its length beyond the photo's edge is called off the photo. Review of
 * session 45: a top view saved again at JPEG 92 moved L6-027's mid-frontal point off the photo (y −19),
 * 76 of its 201 points outside, with only the head-size caution to say so.
 */
export const OFF_PHOTO_HAIRLINE_SHARE = 0.1;

/** The length of segment a-b inside the rectangle [0, width] x [0, height] (Liang-Barsky clipping). */
function lengthInside(a: readonly [number, number], b: readonly [number, number], width: number, height: number): number {
  const dx = b[0] - a[0], dy = b[1] - a[1];
  let t0 = 0, t1 = 1;
  for (const [p, q] of [[-dx, a[0]], [dx, width - a[0]], [-dy, a[1]], [dy, height - a[1]]]) {
    if (p === 0) {
      if (q < 0) return 0;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t1 > t0 ? (t1 - t0) * Math.hypot(dx, dy) : 0;
}

/**
 * The share of a line's length outside the photo (0 for none): by length, not by points, since a drawn
 * line's points are spaced as the hand put them.
 */
export function offPhotoShare(points: readonly (readonly [number, number])[], width: number, height: number): number {
  let total = 0, inside = 0;
  for (let i = 1; i < points.length; i++) {
    total += Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    inside += lengthInside(points[i - 1], points[i], width, height);
  }
  return total > 0 ? Math.max(0, 1 - inside / total) : 0;
}

function planWarnings(plan: Plan): PlanSummary['warnings'] {
  const out: PlanSummary['warnings'] = [];
  const conflicting = plan.scale.cues.filter((c) => c.conflict);
  const used = plan.scale.cues.find((c) => c.kind === plan.scale.source && !c.conflict);
  if (conflicting.length && used) {
    // Against the used cue's own reading (the combined scale may hold other cues too).
    const name = CUE_NAMES[used.kind] ?? used.kind;
    const others = conflicting.map((c) => `the ${CUE_NAMES[c.kind] ?? c.kind} ${c.mmPerPixel.toFixed(3)} (${(c.mmPerPixel / used.mmPerPixel).toFixed(2)}x)`).join(', ');
    const check = used.kind === 'marker' ? `if the card's size is stated wrongly (the clinic's settings), they are off by that factor` : 'check the plan against the head in person';
    out.push({
      code: 'scale-cues-disagree',
      severity: 'caution',
      message: `The ${name} gives ${used.mmPerPixel.toFixed(3)} mm per pixel, far from ${others}; the ${name} was used. Dot counts and areas scale with it: ${check}.`,
    });
  }
  if (plan.hairline?.caution) out.push({ code: 'hairline-unanchored', severity: 'caution', message: plan.hairline.caution });
  const off = plan.hairline ? offPhotoShare(plan.hairline.points, plan.width, plan.height) : 0;
  if (off >= OFF_PHOTO_HAIRLINE_SHARE) {
    out.push({
      code: 'hairline-off-photo',
      severity: 'caution',
      message: `${Math.round(100 * off)} % of the hairline lies beyond the photo's edge, where the plan cannot place dots or show the line: the head is cut off there. Check the line on the client, or plan on a photo that shows the whole front of the head.`,
    });
  }
  const below = plan.hairline?.belowRule;
  if (below && below.mm > LOW_HAIRLINE_MARGIN_MM[below.anchor]) {
    const where =
      below.anchor === 'head-size'
        ? "where head size alone puts the 8 cm rule's mid-frontal point (no face or eyebrows found to measure from)"
        : `the mid-frontal point of the 8 cm rule above the glabella (${below.anchor === 'landmarks' ? 'face landmarks' : 'eyebrows found in the masks'})`;
    out.push({
      code: 'hairline-low',
      severity: 'caution',
      message: `The hairline drawn sits about ${Math.round(below.mm)} mm (as the photo shows the forehead) below ${where}: a hairline can be lowered later but never raised; check its height on the client before the first session.`,
    });
  }
  if (plan.totalDots < EMPTY_PLAN_DOTS) {
    const why = plan.hairline?.method === 'given' ? 'the hairline drawn leaves' : 'the settings leave';
    out.push({
      code: 'plan-empty',
      severity: 'caution',
      message: `This plan places ${plan.totalDots === 0 ? 'no dots' : `only ${plan.totalDots} dot${plan.totalDots > 1 ? 's' : ''}`}: ${why} (almost) nothing to treat in this photo. Check the hairline, the zone factors and the plan photo.`,
    });
  } else if (plan.totalDots < SMALL_PLAN_DOTS && !(plan.existingDots && plan.existingDots.given > 0)) {
    // Not for a plan that continues a treatment (dots given as already tattooed): SMP is under way there.
    const n = plan.sessions.length;
    out.push({
      code: 'plan-small',
      severity: 'caution',
      message:
        `The planned area is small: ${plan.totalDots} dots in this photo over ${n === 1 ? 'one session' : `all ${n} sessions`}, about ${Math.max(1, Math.round(plan.totalDots / DEFAULT_PLAN_OPTIONS.impressionsPerMinute))} min of needle work in all, besides each session's set-up (the session times include it). ` +
        'Check in person whether SMP is indicated, or whether one touch-up session suffices.',
    });
  }
  const ex = plan.existingDots;
  if (ex && ex.outside + ex.crowded > 0) {
    const lost = ex.outside + ex.crowded;
    const why = [
      ex.crowded ? `${ex.crowded} closer to an earlier one than the plan's tightest spacing allows (one dot per grid cell)` : '',
      ex.outside ? `${ex.outside} outside the plan photo` : '',
    ].filter(Boolean).join(', ');
    out.push({
      code: 'existing-dots-dropped',
      severity: 'caution',
      message: `${lost} of the ${ex.given} dots given as already tattooed (existingDots) were not kept: ${why}. The plan counts and draws only the ${ex.given - lost} kept; check that the dots were given once each, in this photo's pixels (the x_px, y_px columns of dots.csv).`,
    });
  }
  return out;
}

export function planSummary(plan: Plan): PlanSummary {
  return {
    view: plan.view,
    width: plan.width,
    height: plan.height,
    seed: plan.seed,
    scale: { mmPerPixel: plan.scale.mmPerPixel, sigma: plan.scale.sigma, relativeSigma: plan.scale.relativeSigma, source: plan.scale.source },
    hairline: plan.hairline && {
      method: plan.hairline.method,
      // Every ~1 mm is plenty to edit and to re-plan from (the drawn line is sampled every 0.5 mm).
      points: resample(plan.hairline.points, Math.max(1, 1 / plan.scale.mmPerPixel)).map(([x, y]) => [r1(x), r1(y)] as Point),
      control: plan.hairline.control.map(([x, y]) => [r1(x), r1(y)] as Point),
      raiseMm: plan.hairlineRaiseMm,
      notes: plan.hairline.notes,
    },
    warnings: planWarnings(plan),
    scalp: {
      rule: plan.field.scalpRule,
      note: SCALP_NOTES[plan.field.scalpRule],
      ...(plan.field.scalpRule === 'hair-rim' || plan.field.scalpRule === 'skull-outline' ? { leftOutCm2: r1(plan.scalpLeftOutCm2) } : {}),
    },
    sessions: plan.sessions.map((s) => ({
      ...s,
      achievedPerCm2: perZoneR1(s.achievedPerCm2),
      plannedPerCm2: perZoneR1(s.plannedPerCm2),
      dotDiameterMm: r3(s.dotDiameterMm),
      shade: r3(s.shade),
      dilution: { waterParts: s.dilution.waterParts, label: s.dilution.label ?? `${s.dilution.waterParts}:1` },
    })),
    totalDots: plan.totalDots,
    areaCm2: {
      bald: r1(plan.areaCm2.bald),
      thinning: r1(plan.areaCm2.thinning),
      scar: r1(plan.areaCm2.scar),
      hairline: r1(plan.areaCm2.hairline),
    },
    minSpacing: r3(plan.minSpacing),
  };
}
