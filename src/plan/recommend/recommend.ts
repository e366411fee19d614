// The recommendation engine: pure rules over the measurements and the clinic table. Every value it
// returns carries the reason it was chosen.
import { DEFAULT_CLINIC_TABLE } from './default-table.js';
import type { ClinicTable, Zone } from './schema.js';
import { SCAR_KINDS, type Recommendation, type RecommendationWarning, type RecommendInput, type RecommendedSession, type ScarInput, type ZonePlan } from './types.js';
import { caseWords, contrastBandOf, goalOf, hairGroupOf, MIN_SKIN_TONE_CONFIDENCE, skinCategoryOf, usableSkinTone, zonesOf } from './rules/basis.js';
import { choosePigment } from './rules/pigment.js';
import { dilutionFor } from './rules/dilution.js';
import { needleFor } from './rules/needle.js';
import { densityFor, intervalFor, sessionCountFor } from './rules/sessions.js';
import { collectWarnings } from './rules/warnings.js';
import { cite } from './rules/cite.js';
import { borderlineSkinWarning } from './rules/borderline.js';
import { frontOnlyStage } from '../../vision/norwood/stages.js';

export function recommend(input: RecommendInput, table: ClinicTable = DEFAULT_CLINIC_TABLE): Recommendation {
  checkInput(input);
  const warnings: RecommendationWarning[] = [];
  const skinCategory = skinCategoryOf(input, warnings);
  const hairGroup = hairGroupOf(input, table, warnings);
  const contrast = contrastBandOf(input, table);
  const goal = goalOf(input);
  const zones = zonesOf(input, goal.value);
  const skin = skinCategory.value;
  const hair = hairGroup.value;

  const words = caseWords(input, skinCategory, hairGroup);
  const measuredHue = hairGroup.source === 'measured' && input.hairColour?.hueAngle !== undefined && input.hairColour.chroma !== undefined ? { hueAngle: input.hairColour.hueAngle, chroma: input.hairColour.chroma } : null;
  const pigment = choosePigment(table, skin, hair, usableSkinTone(input)?.undertone, warnings, words, measuredHue);
  // A scar younger than the clinic's minimum age is not treated in this plan: its zone stays (so the dot
  // plan leaves it bare, not filled as thinning), at no density, and the sessions and intervals are the
  // hair loss's own. It was planned from the first session beside its "wait" stop warning.
  const scarWait = scarWaitOf(input, table);
  const treated = scarWait ? zones.value.filter((z) => z !== 'scar') : zones.value;
  const sessionCount = sessionCountFor(table, treated);
  const intervalDays = intervalFor(table, treated);
  const mainScar = dominantScar(input.scars ?? []);

  const sessions: RecommendedSession[] = [];
  for (let k = 0; k < sessionCount.value; k++) {
    const allZones: ZonePlan[] = zones.value.map((zone) => {
      const dens = zone === 'scar' && scarWait ? waitingScarDensity(scarWait) : densityFor(table, zone, goal.value, k, sessionCount.value);
      return {
        zone,
        densityPerCm2: dens.cumulative,
        addedPerCm2: dens.added,
        dilution: dilutionFor(table, skin, hair, k, zone, words),
        needle: needleFor(table, zone, skin, hair, mainScar?.kind, words, (input.scars ?? []).map((sc) => sc.kind)),
      };
    });
    // A zone whose schedule is complete gets no new dots and is left out of later sessions. A session in
    // which no zone adds dots (a clinic schedule that holds its density for a session) keeps them all:
    // it is a review and touch-up visit at the same densities.
    const adding = k === 0 ? allZones : allZones.filter((z) => z.addedPerCm2.value > 0);
    const zonePlans = adding.length ? adding : allZones;
    const main = zonePlans.find((z) => z.zone === 'fill') ?? zonePlans[0];
    const mainZone: Zone = main.zone;
    const frac = densityFor(table, mainZone, goal.value, k, sessionCount.value).fraction;
    sessions.push({
      index: k,
      zone: mainZone,
      dayOffset: {
        value: k * intervalDays.value.min,
        reason: k === 0 ? 'first session' : `at least ${intervalDays.value.min} days after session ${k} (${cite(intervalDays.reason)})`,
      },
      densityFraction: frac,
      densityPerCm2: main.densityPerCm2,
      addedPerCm2: main.addedPerCm2,
      dilution: main.dilution,
      needle: main.needle,
      zones: zonePlans,
    });
  }

  collectWarnings(input, table, skin, hair, contrast.value, zones.value, warnings);
  const goalWithoutScar = scarGoalWithoutScar(input, goal.value, goal.source);
  if (goalWithoutScar) warnings.push(goalWithoutScar);
  const temples = densityOnBareFront(input, goal.value, goal.source);
  if (temples) warnings.push(temples);
  const borderline = borderlineSkinWarning(input, table, skin, hair, sessionCount.value - 1);
  if (borderline) warnings.push(borderline);
  return {
    table: { id: table.id, version: table.version },
    basis: { skinCategory, hairGroup, contrast, goal, zones },
    pigment,
    sessionCount,
    intervalDays,
    sessions,
    warnings,
    confidence: confidenceOf(input),
  };
}

/**
 * A goal that names a scar when no scar is listed: nothing places the scar zone, so the plan covers the
 * hair loss only (the second practitioner review: "cover my scar" on a Norwood 7 filled the head and said
 * nothing of the scar).
 */
function scarGoalWithoutScar(input: RecommendInput, goal: string, source: string): RecommendationWarning | null {
  if (goal !== 'scar-camouflage' || source !== 'stated' || (input.scars?.length ?? 0) > 0) return null;
  const possible = input.possibleScars ?? [];
  const photos = [...new Set(possible.map((p) => p.photo + 1))];
  const seen = photos.length ? ` (photo${photos.length > 1 ? 's' : ''} ${photos.join(', ')} may show one, too unsure to plan for)` : '';
  return {
    code: 'scar-goal-no-scar',
    severity: 'caution',
    message: `The client's goal names a scar, but no scar is listed${seen}: state the scar (and where it is) with the consultation to plan its camouflage; until then the plan treats the hair loss only.`,
  };
}

/**
 * Density under the hair on a stage whose loss is at the temples and front: the bare skin there lies in
 * front of the hair, which hair worn long does not cover, and the plan fills it as bald scalp. The
 * practitioner review (L2-009, "more density, I keep my hair long"): every dot sat in the temple
 * recessions, none under the hair, and nothing said so.
 */
function densityOnBareFront(input: RecommendInput, goal: string, source: string): RecommendationWarning | null {
  // the client's own wish only: an assumed goal already says it was assumed, and would put this on every Norwood 2-3
  if (goal !== 'density' || source !== 'stated') return null;
  const stage = input.norwood?.stage;
  // a woman is graded on Ludwig, which keeps the front: only a front her grade found receded
  const what = input.sex === 'female' || input.ludwig
    ? input.ludwig?.frontalReceded ? 'The frontal hairline is receded' : null
    : stage && stage !== '1' && frontOnlyStage(stage) ? `Norwood ${stage} recedes at the temples and front` : null;
  if (!what) return null;
  return {
    code: 'density-bare-front',
    severity: 'caution',
    message:
      `${what}: the plan fills the bare skin there, in front of the hair, which hair worn long does not cover, ` +
      'so those dots read as a drawn-in temple or hairline rather than as density. Keep them only if the client wants the temples restored; ' +
      "otherwise a plan edit with the bald zone's factor at 0 keeps the dots under the hair (the thinning zone).",
  };
}

/** The youngest scar under the clinic's minimum age: how old it is and how long to wait (months); null when none. */
export function scarWaitOf(input: RecommendInput, table: ClinicTable): { ageMonths: number; minAgeMonths: number; waitMonths: number } | null {
  const ages = (input.scars ?? []).map((sc) => sc.ageMonths).filter((a): a is number => a !== undefined && a < table.scar.minAgeMonths);
  if (!ages.length) return null;
  const ageMonths = Math.min(...ages);
  return { ageMonths, minAgeMonths: table.scar.minAgeMonths, waitMonths: Math.round((table.scar.minAgeMonths - ageMonths) * 10) / 10 };
}

function waitingScarDensity(wait: { ageMonths: number; minAgeMonths: number; waitMonths: number }): ReturnType<typeof densityFor> {
  const reason = `not in this plan: a scar is ${wait.ageMonths} months old and is treated from ${wait.minAgeMonths} months (in about ${wait.waitMonths} months), when it has settled; book the scar's own sessions then.`;
  return { fraction: { value: 0, reason }, cumulative: { value: 0, reason }, added: { value: 0, reason } };
}

function dominantScar(scars: ScarInput[]): ScarInput | undefined {
  return [...scars].sort((a, b) => (b.areaCm2 ?? 0) - (a.areaCm2 ?? 0))[0];
}

/**
 * How sure the recommendation is: the geometric mean of the confidences its shade and dilution rest on.
 * A value with no reading behind it counts as the weakest reading the rules would use (the skin-tone
 * floor), and no reading counts for less: counted higher, a photo too grey or too blurred to measure made
 * the recommendation surer than a poor measurement did.
 */
function confidenceOf(input: RecommendInput): number {
  const used = usableSkinTone(input);
  const skin = used ? used.confidence ?? 0.7 : MIN_SKIN_TONE_CONFIDENCE;
  const hair = input.hairColour ? Math.max(MIN_SKIN_TONE_CONFIDENCE, input.hairColour.confidence ?? 0.7) : input.statedHairColour ? 0.5 : MIN_SKIN_TONE_CONFIDENCE;
  return Math.round(Math.sqrt(Math.max(0, skin) * Math.max(0, hair)) * 1000) / 1000;
}

function checkInput(input: RecommendInput): void {
  if (!input || typeof input !== 'object') throw new TypeError('recommend: input must be an object');
  const s = input.skinTone;
  // ITA is an angle, atan2(L* − 50, b*) with b* ≥ 0 for any skin: −90..90°
  if (s && !(Number.isFinite(s.ita) && Math.abs(s.ita) <= 90)) throw new RangeError(`recommend: skinTone.ita must be a finite number in -90..90 (degrees), got ${s.ita}`);
  if (s && s.confidence !== undefined && !(s.confidence >= 0 && s.confidence <= 1)) throw new RangeError(`recommend: skinTone.confidence must be in 0..1, got ${s.confidence}`);
  const h = input.hairColour;
  if (h && h.confidence !== undefined && !(h.confidence >= 0 && h.confidence <= 1)) throw new RangeError(`recommend: hairColour.confidence must be in 0..1, got ${h.confidence}`);
  if (h && !(h.lightness >= 0 && h.lightness <= 100)) throw new RangeError(`recommend: hairColour.lightness must be in 0..100, got ${h.lightness}`);
  if (h && h.greyFraction !== undefined && !(h.greyFraction >= 0 && h.greyFraction <= 1)) throw new RangeError(`recommend: hairColour.greyFraction must be in 0..1, got ${h.greyFraction}`);
  if (h && h.hueAngle !== undefined && !(h.hueAngle >= 0 && h.hueAngle <= 360)) throw new RangeError(`recommend: hairColour.hueAngle must be in 0..360, got ${h.hueAngle}`);
  if (h && h.chroma !== undefined && !(h.chroma >= 0 && Number.isFinite(h.chroma))) throw new RangeError(`recommend: hairColour.chroma must be a finite number >= 0, got ${h.chroma}`);
  if (input.contrast && !(input.contrast.deltaE00 >= 0)) throw new RangeError(`recommend: contrast.deltaE00 must be >= 0, got ${input.contrast.deltaE00}`);
  if (input.age !== undefined && !(input.age > 0 && input.age < 130)) throw new RangeError(`recommend: age must be in 1..129, got ${input.age}`);
  const lvl = input.norwood?.level;
  if (lvl !== undefined && lvl !== null && !(Number.isInteger(lvl) && lvl >= 1 && lvl <= 7)) throw new RangeError(`recommend: norwood.level must be an integer 1..7 or null, got ${lvl}`);
  for (const [i, sc] of (input.scars ?? []).entries()) {
    if (!SCAR_KINDS.includes(sc.kind)) throw new RangeError(`recommend: scars[${i}].kind must be linear, punctate or irregular, got ${sc.kind}`);
    if (sc.ageMonths !== undefined && !(sc.ageMonths >= 0)) throw new RangeError(`recommend: scars[${i}].ageMonths must be >= 0, got ${sc.ageMonths}`);
  }
  for (const [i, p] of (input.possibleScars ?? []).entries()) {
    if (!SCAR_KINDS.includes(p.kind)) throw new RangeError(`recommend: possibleScars[${i}].kind must be linear, punctate or irregular, got ${p.kind}`);
    if (!(Number.isInteger(p.photo) && p.photo >= 0)) throw new RangeError(`recommend: possibleScars[${i}].photo must be a photo index >= 0, got ${p.photo}`);
  }
}
