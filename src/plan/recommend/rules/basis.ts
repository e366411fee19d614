// What the rules are keyed on: skin category, hair group, contrast band, goal and zones, each with
// the reason it was read that way.
import { KEEP_HAIRLINE_MAX_NORWOOD } from '../../hairline/keep.js';
import { itaCategory } from '../../../vision/colour/ita.js';
import type { ClinicTable, Goal, HairGroup, ItaCategoryName, Zone } from '../schema.js';
import type { Reasoned, RecommendInput, RecommendationWarning, Sourced } from '../types.js';

const f1 = (v: number) => v.toFixed(1);

/**
 * Below this confidence a skin-tone reading is not used: it comes from too little skin, lit or exposed
 * too far from the rest (e.g. one back view of a buzz cut, 0.045, read as brown by a red cast on pink
 * skin), and a dark category there means nearly undiluted black on skin that may be light.
 */
export const MIN_SKIN_TONE_CONFIDENCE = 0.15;

/** The skin tone the rules may use: null when not measured or measured too unsurely. */
export function usableSkinTone(input: RecommendInput): RecommendInput['skinTone'] {
  const s = input.skinTone;
  return s && (s.confidence ?? 1) >= MIN_SKIN_TONE_CONFIDENCE ? s : null;
}

/**
 * The category assumed when the skin cannot be read: the lightest, which takes the most water. Dots can
 * be darkened at the next session but not lightened (DOMAIN.md: session 1 lighter, later sessions
 * darken), so an unknown skin starts on the side that can be corrected. The middle category had given
 * 9:1 -> 6:1 with black hair to a client whose two surest photos read very light skin (~10:1 and more).
 */
export const ASSUMED_SKIN_CATEGORY: ItaCategoryName = 'very light';

/** A confidence as the JSON and the report print it (0..1, two decimals): "20.8 %" here beside "0.21" there read as two figures. */
function confidenceText(c: number | undefined): string {
  return (c ?? 0).toFixed(2);
}

export function skinCategoryOf(input: RecommendInput, warnings: RecommendationWarning[]): Sourced<ItaCategoryName> {
  const s = input.skinTone;
  if (s && !usableSkinTone(input)) {
    const conf = confidenceText(s.confidence);
    warnings.push({
      code: 'skin-tone-unreliable',
      severity: 'caution',
      message: `Skin tone measured too unsurely to use (confidence ${conf}): dilution assumes very light skin (the most water: dots can be darkened at the next session, not lightened); check the skin in person and do a test patch.`,
    });
    return { value: ASSUMED_SKIN_CATEGORY, source: 'assumed', reason: `ITA ${f1(s.ita)}° was measured with confidence ${conf}, under the ${confidenceText(MIN_SKIN_TONE_CONFIDENCE)} a reading needs to be used; the lightest category is assumed (the most water: dots can be darkened later, not lightened).` };
  }
  if (!s) {
    warnings.push({
      code: 'skin-tone-missing',
      severity: 'caution',
      message: `Skin tone could not be measured (${input.skinToneMissing ?? 'no usable scalp skin in the photos'}): dilution assumes very light skin (the most water: dots can be darkened at the next session, not lightened); do a test patch.`,
    });
    return { value: ASSUMED_SKIN_CATEGORY, source: 'assumed', reason: 'Skin tone not measured; the lightest category is assumed (the most water: dots can be darkened later, not lightened).' };
  }
  const value = itaCategory(s.ita);
  if ((s.confidence ?? 1) < 0.4) {
    warnings.push({
      code: 'skin-tone-uncertain',
      severity: 'caution',
      message: `Skin tone measured with low confidence (${confidenceText(s.confidence)}): check it against the client in person, ideally with a colour card in the photo.`,
    });
  }
  return { value, source: 'measured', reason: `ITA ${f1(s.ita)}° falls in "${value}" (Chardon/Del Bino bands: very light > 55° > light > 41° > intermediate > 28° > tan > 10° > brown > −30° > dark).` };
}

/** The hair group assumed when the hair colour is neither read nor stated: the most common. */
export const ASSUMED_HAIR_GROUP: HairGroup = 'dark brown';

/** The case in bare categories ("light skin with brown hair"), where nothing says which was assumed. */
export function plainCaseWords(skin: ItaCategoryName, hair: HairGroup): string {
  return `${skin} skin with ${hair} hair`;
}

/**
 * The client's case in words, for a reason that rests on it ("suited to ..."): an assumed category says it
 * was assumed, so a default does not read as a measurement ("assumed very light skin (not measured) with
 * black hair"); a hair colour the client stated says so.
 */
export function caseWords(input: RecommendInput, skin: Sourced<ItaCategoryName>, hair: Sourced<HairGroup>): string {
  const skinWords = skin.source === 'assumed' ? `assumed ${skin.value} skin (${input.skinTone ? 'measured too unsurely to use' : 'not measured'})` : `${skin.value} skin`;
  const hairWords =
    hair.source === 'assumed' ? `assumed ${hair.value} hair (not read)` : hair.source === 'stated' ? `${hair.value} hair (as the client states)` : `${hair.value} hair`;
  return `${skinWords} with ${hairWords}`;
}

// Whole words only: "colored" holds "red" and "fairly" holds "fair" (both read as light hair, 20:1 for a
// black-haired client who wrote "colored black").
const STATED: [RegExp, HairGroup][] = [
  [/\bdark[\s-]*brown\b|\bbrunette\b/gi, 'dark brown'],
  [/\bgr[ae]y(?:ing|ish)?\b|\bwhite\b|\bsilver\b|\bsalt\b/gi, 'grey'],
  [/\bblack\b/gi, 'black'],
  // a shade word before "brown" names a brown ("light brown", "reddish brown"), not a blond
  [/\bblond(?:e|ish)?\b|\blight\b(?![\s-]*brown)|\bred\b(?![\s-]*brown)|\breddish\b(?![\s-]*brown)|\bginger\b|\bauburn\b|\bfair\b|\bstrawberry\b/gi, 'light'],
  [/\bbrown\b/gi, 'brown'],
];

/** A colour word said as what the hair is not ("not black", "no longer brown", "never grey"). */
const NEGATED = /\b(?:not|no(?:\s+longer)?|never|isn't|wasn't|aren't)\s+(?:\w+\s+)?$/i;

/**
 * The hair group a client's words name: the colour word said first ("Brown, a few grey hairs" is brown;
 * the diff review found it read grey, then called the photos' brown a contradiction of it), skipping a
 * colour said as what the hair is not ("not black, dark brown" is dark brown).
 */
export function hairGroupFromText(text: string): HairGroup | null {
  let best: { at: number; group: HairGroup } | null = null;
  for (const [re, group] of STATED) {
    for (const m of text.matchAll(re)) {
      if (NEGATED.test(text.slice(0, m.index))) continue;
      if (best === null || m.index < best.at) best = { at: m.index, group };
      break;
    }
  }
  return best?.group ?? null;
}

/**
 * Below this confidence the hair colour read from the photos is in doubt (a hair-colour-uncertain caution):
 * the hair group decides the dilution (black 10:1 to light 22:1 on very light skin). The fused confidence
 * already falls as the photos' readings disagree (src/vision/colour/fuse.ts), so disagreement lands here too.
 */
export const HAIR_COLOUR_SURE = 0.5;

/** Below this confidence a hair colour the client states is used instead of the reading. */
const HAIR_COLOUR_STATED_OVER = 0.3;

const CHECK_HAIR = 'Check the hair colour in person: it decides the dilution.';

/** The hair group a reading falls in: grey past the table's grey share, else by L*. */
function readHairGroup(h: NonNullable<RecommendInput['hairColour']>, t: ClinicTable['hairGroups']): Sourced<HairGroup> {
  if ((h.greyFraction ?? 0) >= t.greyFractionAtLeast) {
    return { value: 'grey', source: 'measured', reason: `${f1((h.greyFraction ?? 0) * 100)} % of the hair is grey or white (≥ ${t.greyFractionAtLeast * 100} %).` };
  }
  const L = h.lightness;
  const value: HairGroup = L < t.blackBelow ? 'black' : L < t.darkBrownBelow ? 'dark brown' : L < t.brownBelow ? 'brown' : 'light';
  return { value, source: 'measured', reason: `Hair L* ${f1(L)} (black < ${t.blackBelow} ≤ dark brown < ${t.darkBrownBelow} ≤ brown < ${t.brownBelow} ≤ light).` };
}

export function hairGroupOf(input: RecommendInput, table: ClinicTable, warnings: RecommendationWarning[]): Sourced<HairGroup> {
  const h = input.hairColour;
  const t = table.hairGroups;
  const stated = input.statedHairColour ? hairGroupFromText(input.statedHairColour) : null;
  if (h && !((h.confidence ?? 1) < HAIR_COLOUR_STATED_OVER && stated)) {
    const read = readHairGroup(h, t);
    // An unsure reading the client's own words confirm needs no check; one they contradict is named with them.
    if ((h.confidence ?? 1) < HAIR_COLOUR_SURE && stated !== read.value) {
      const client = stated ? `, though the client describes it as "${input.statedHairColour}"` : '';
      warnings.push({
        code: 'hair-colour-uncertain',
        severity: 'caution',
        message: `Hair colour read with low confidence (${confidenceText(h.confidence)}): the settings use ${read.value} hair${client}. ${CHECK_HAIR}`,
      });
    } else if (stated && hairGroupsFarApart(stated, read.value)) {
      // A sure reading is used, but the client's words far from it are not dropped in silence (L5-012:
      // "black", read light brown at 66 %).
      warnings.push(hairDisagrees(input.statedHairColour!, read.value, h.confidence, read.value));
    } else if (stated && stated !== read.value) {
      // A neighbouring group is said too, as information: the hair group sets the dilution, and the
      // reading replaced the client's words with nothing said (L2-031: "dark brown", read black at 53 %).
      warnings.push({
        code: 'hair-colour-stated-differs',
        severity: 'info',
        message: `The client describes the hair as "${input.statedHairColour}"${input.statedHairColour!.trim().toLowerCase() === stated ? '' : ` (${stated})`}; the photos read ${read.value} (${f1((h.confidence ?? 1) * 100)} %), which the settings use. If the client's words are right, use the ${stated} dilution.`,
      });
    }
    return read;
  }
  if (stated) {
    // The client's words outrank a reading too unsure to use, but one far from them is named (L2-001:
    // "blonde", four of five photos read dark brown or black, fused at 29.5 %).
    const readGroup = h ? readHairGroup(h, t).value : null;
    if (readGroup && hairGroupsFarApart(stated, readGroup)) warnings.push(hairDisagrees(input.statedHairColour!, readGroup, h!.confidence, stated));
    return { value: stated, source: 'stated', reason: `Hair not measured${h ? ' reliably' : ''}; the client describes it as "${input.statedHairColour}".` };
  }
  warnings.push({
    code: 'hair-colour-missing',
    severity: 'caution',
    message: `Hair colour could not be measured or read from the form: dilution assumes ${ASSUMED_HAIR_GROUP} hair. ${CHECK_HAIR}`,
  });
  return { value: ASSUMED_HAIR_GROUP, source: 'assumed', reason: `Hair colour unknown; ${ASSUMED_HAIR_GROUP} (the most common) is assumed.` };
}

/**
 * The hair-colour-disagrees caution: the client's words and the photos' reading far apart, whichever of
 * them the settings use (the reading when sure enough, else the words; a reading used is sure, so its
 * confidence says only how sure, one not used is said to be too unsure).
 */
function hairDisagrees(statedText: string, read: HairGroup, confidence: number | undefined, used: HairGroup): RecommendationWarning {
  const sure = confidence === undefined ? '' : ` (confidence ${confidenceText(confidence)}${used === read ? '' : ', too unsure to use'})`;
  return {
    code: 'hair-colour-disagrees',
    severity: 'caution',
    message: `The client describes the hair as "${statedText}", the photos read ${read}${sure}: the settings use ${used} hair. ${CHECK_HAIR}`,
  };
}

const HAIR_ORDER: HairGroup[] = ['black', 'dark brown', 'brown', 'light'];

/**
 * Whether two hair groups are too far apart to be the same hair seen or named differently: two steps or
 * more (black and brown; a client's "black" for dark brown is one step), or grey against any other.
 */
export function hairGroupsFarApart(a: HairGroup, b: HairGroup): boolean {
  if (a === 'grey' || b === 'grey') return a !== b;
  return Math.abs(HAIR_ORDER.indexOf(a) - HAIR_ORDER.indexOf(b)) >= 2;
}

export function contrastBandOf(input: RecommendInput, table: ClinicTable): Reasoned<'low' | 'medium' | 'high' | 'unknown'> {
  const c = input.contrast;
  if (!c) return { value: 'unknown', reason: 'Hair-to-skin contrast not measured (needs both skin and hair in the photos).' };
  if (!usableSkinTone(input)) return { value: 'unknown', reason: 'Hair-to-skin contrast not used: the skin it is measured against was read too unsurely.' };
  const { low, high } = table.contrast;
  const value = c.deltaE00 < low ? 'low' : c.deltaE00 >= high ? 'high' : 'medium';
  return { value, reason: `Hair-to-skin ΔE00 ${f1(c.deltaE00)}: ${value} (low < ${low} ≤ medium < ${high} ≤ high).` };
}

/**
 * A negation that governs the goal word after it: "no scars", "without a scar", "don't want to shave",
 * "not a buzz cut" (at most two words between). Not "no more thinning" or "no one sees my scar", which
 * ask for something, nor "can't wait for the buzz cut" or "not sure, maybe a buzz cut".
 */
const NEGATION_BEFORE = /\b(?:no(?!\s+(?:more|one|longer)\b)|not(?!\s+sure\b)|never|without|nor|don['’]?t|do not|doesn['’]?t|won['’]?t|instead of|rather than)\b(?:\W+\w+){0,2}\W*$/i;
/** A negation that follows its word: "scars: none", "scar? no", "scars - none". */
const NEGATION_AFTER = /^\w*\W*(?:none|no|nope|n\/a)\b/i;

/**
 * Whether the goal text asks for what `word` names: a clause (split at , . ; ! line breaks and "but")
 * holding the word where no negation governs it. "shaved look, no scars" had been read as scar camouflage.
 */
export function goalMentions(text: string, word: RegExp): boolean {
  return text.split(/[,.;!\n]+|\bbut\b/i).some((clause) => {
    const m = word.exec(clause);
    return m !== null && !NEGATION_BEFORE.test(clause.slice(0, m.index)) && !NEGATION_AFTER.test(clause.slice(m.index + m[0].length));
  });
}

/** Whole words: "scarring alopecia" is hair loss, "Scarborough" a place, "as long as" no length. */
const SCAR_WORDS = /\bscars?\b/i;
const SHAVED_WORDS = /\bshav(?:e|ed|en|ing)\b|\bbuzz|\bstubble\b|\bbald(?:\s+|-)look\b|\bskin\s*fade\b|\bclean[-\s]shaven\b/i;
const DENSITY_WORDS = /\bdens(?:e|er|ity)\b|\bthick(?:er|ness)?\b|\bfuller\b|\bcoverage\b|\blong(?:er)?\s+hair\b|\bhair\s+long\b/i;
/** Says how the hair is, not what is wanted: a look the client names goes first ("thinning on top, I want the buzz cut look"). */
const THINNING_WORDS = /\bthinn(?:ing|ed|er)\b/i;

export function goalOf(input: RecommendInput): Sourced<Goal> {
  const text = input.goals ?? '';
  if (goalMentions(text, SCAR_WORDS)) return { value: 'scar-camouflage', source: 'stated', reason: `The client's goal mentions scars ("${text.trim()}").` };
  // a named look before density words, which also describe one ("thick stubble look")
  if (goalMentions(text, SHAVED_WORDS)) return { value: 'shaved-look', source: 'stated', reason: `The client wants a shaved look ("${text.trim()}").` };
  if (goalMentions(text, DENSITY_WORDS)) return { value: 'density', source: 'stated', reason: `The client wants more apparent density under their hair ("${text.trim()}").` };
  if (goalMentions(text, THINNING_WORDS)) return { value: 'density', source: 'stated', reason: `The client's goal names thinning and no look: more apparent density under their hair is planned ("${text.trim()}").` };
  const scars = input.scars?.length ?? 0;
  const level = input.norwood?.level ?? null;
  const stated = text.trim();
  // what the client said, when it named no look: a reason must not say "no goal given" then
  const given = stated ? `the goal "${stated}" names no look (shaved, density or scars)` : 'no goal given';
  if (scars > 0 && (level === null || level <= 1)) return { value: 'scar-camouflage', source: 'assumed', reason: `Assumed (${given}): scars are listed and no pattern hair loss was graded; give the goal with the consultation if the client wants more than the scars covered.` };
  if (input.sex === 'female') return { value: 'density', source: 'assumed', reason: `Assumed for a woman (${given}): women usually keep their hairline and hair length (Ludwig thinning), so dots add density between hairs; give the goal with the consultation if the client wants a shaved look.` };
  // Early loss keeps its hairline (keepsOwnHairline) and usually its hair length: dots under the hair,
  // not a shaved head (the practitioner review: L2-022 and L3-033, 73-93 % hair on top, were planned as
  // a buzz cut the report never named). Whatever the sex: a sex not given had still planned them as a buzz
  // cut (the second review), and a woman is planned for density anyway.
  if (level !== null && level <= KEEP_HAIRLINE_MAX_NORWOOD) {
    const who = input.sex === 'male' ? ' in men' : '';
    const sexNote = input.sex === 'male' ? '' : input.sex === undefined ? ', sex not given' : '';
    return { value: 'density', source: 'assumed', reason: `Assumed for early hair loss${who} (Norwood ${level}, ${given}${sexNote}): the client keeps their hair and hairline, so dots add density under the hair; give the goal with the consultation if the client wants a shaved look.` };
  }
  if (input.sex !== 'male') {
    const what = stated ? given.charAt(0).toUpperCase() + given.slice(1) : `${input.sex === undefined ? 'Sex and goal' : 'Goal'} not given`;
    return { value: 'shaved-look', source: 'assumed', reason: `${what}: the shaved ("buzz-cut") look, the most common SMP goal, is assumed; give the client's goal to plan for it.` };
  }
  return { value: 'shaved-look', source: 'assumed', reason: `Assumed for pattern hair loss in men (${given}): the client keeps the head shaved and the dots imitate stubble; give the goal with the consultation if the client wants density under longer hair.` };
}

export function zonesOf(input: RecommendInput, goal: Goal): Reasoned<Zone[]> {
  const level = input.norwood?.level ?? null;
  const scars = input.scars?.length ?? 0;
  const zones: Zone[] = [];
  const why: string[] = [];
  if (goal === 'scar-camouflage' && (level === null || level < 3)) {
    why.push('scar camouflage only (no more than early hair loss)');
  } else {
    if (goal === 'shaved-look' && input.sex !== 'female' && (level === null || level >= 2)) {
      zones.push('hairline');
      why.push(
        level === null
          ? 'hairline: stage unknown, a hairline is designed'
          : input.norwood?.frontSeen === false
            ? `hairline: Norwood ${level} has a receded front (no photo shows the front: graded from the crown and sides)`
            : `hairline: Norwood ${level} has a receded front`,
      );
    }
    zones.push('fill');
    why.push('fill: the thinning or bald area');
  }
  if (scars > 0) {
    zones.push('scar');
    const stated = input.scars!.filter((x) => x.source === 'stated' || x.source === 'stated+photo').length;
    const found = input.scars!.filter((x) => x.source === 'photo' || x.source === 'stated+photo').length;
    const origin = stated + found > 0 ? ` (${[stated ? `${stated} stated` : '', found ? `${found} seen in the photos` : ''].filter(Boolean).join(', ')})` : '';
    why.push(`scar: ${scars} scar${scars > 1 ? 's' : ''} listed${origin}`);
  }
  if (zones.length === 0) {
    zones.push('fill');
    why.push('fill (nothing else applies)');
  }
  return { value: zones, reason: why.join('; ') + '.' };
}
