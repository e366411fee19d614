// Warnings that do not change a value but that the practitioner must see.
import { usableSkinTone } from './basis.js';
import type { ClinicTable, HairGroup, ItaCategoryName, Zone } from '../schema.js';
import { possibleScarWhy, scarName } from '../scars.js';
import type { RecommendInput, RecommendationWarning } from '../types.js';
import { isYoung } from './sessions.js';

/** Donor area bare from this share (0..1): no hair left where every Norwood stage keeps some. */
export const SHAVED_DONOR_BARE = 0.9;

/** "6–12" (DOMAIN: scars at least 6–12 months old) for a clinic minimum under 12 months, else the minimum itself. */
function matureAge(minAgeMonths: number): string {
  return minAgeMonths < 12 ? `${minAgeMonths}–12` : `${minAgeMonths}`;
}

export function collectWarnings(
  input: RecommendInput,
  table: ClinicTable,
  skin: ItaCategoryName,
  hair: HairGroup,
  contrast: 'low' | 'medium' | 'high' | 'unknown',
  zones: Zone[],
  out: RecommendationWarning[],
): void {
  // A dark reading without a card: a photo exposed darker reads darker skin, and the dilution it leads to
  // (little water) cannot be lightened once healed. The confidence does not see an exposure set lower for
  // the whole photo (review of session 45: L4-012's five views 30 % darker read -33.5 deg, "dark", at the
  // same confidence as 36.2 deg as taken, and the dilution went 9:1 -> 3:1).
  const s = usableSkinTone(input);
  if (s && !s.calibrated && (skin === 'brown' || skin === 'dark')) {
    out.push({
      code: 'dark-skin-unconfirmed',
      severity: 'caution',
      message: `The photos read ${skin} skin (ITA ${s.ita.toFixed(1)}°) without a colour card: photos exposed darker read darker skin, and the little water this dilution uses cannot be undone on lighter skin. Confirm the skin tone in person (or photograph with a colour card) before the first session.`,
    });
  }
  if (skin === 'brown' || skin === 'dark') {
    out.push({
      code: 'blue-shift-risk',
      severity: 'info',
      message: `On ${skin} skin, undiluted black and the wrong ink drift blue/green over time: dilution is kept at ${table.dilution.minWaterPartsDarkSkin}:1 or more; use a neutral carbon black.`,
    });
  }
  if (zones.includes('hairline')) {
    out.push({
      code: 'hairline-conservative',
      severity: 'info',
      message: 'Place the first-session hairline conservatively (higher): it can be lowered later but never raised; never too low, with an irregular transition rather than a hard edge.',
    });
    if (isYoung(input)) {
      out.push({
        code: 'young-client',
        severity: 'caution',
        message: `At ${input.age}, hair loss is likely to progress: keep the hairline mature and high so it still suits an older face.`,
      });
    }
  }
  if (contrast === 'low' && (skin === 'very light' || skin === 'light')) {
    out.push({
      code: 'low-contrast',
      severity: 'info',
      message: 'Light hair on fair skin: dots will be subtle; do a small test patch and judge the healed shade before session 2.',
    });
  }
  // Blond, red or other light hair: the low-contrast note needs a measured contrast on fair skin, so light
  // hair on darker skin, or read from the form alone, went without a word (the recommendation review).
  if (hair === 'light') {
    const red = /\b(?:red|reddish|ginger|auburn|strawberry)\b/i.test(input.statedHairColour ?? '');
    out.push({
      code: 'light-hair',
      severity: 'info',
      message: `${red ? 'Red' : 'Blond or light'} hair: SMP pigment is carbon black, which heals grey when diluted; it cannot take the hair's ${red ? 'red ' : ''}colour. The dots read as shadow under the hair and darker than light stubble: agree the look with the client and judge a healed test patch before session 2.`,
    });
  }
  if (hair === 'grey') {
    out.push({
      code: 'grey-hair',
      severity: 'info',
      message: 'Grey or white hair: dots heal darker than the hair looks; stay on the diluted side and expect the look to read as darker stubble.',
    });
  }
  out.push({
    code: 'depth',
    severity: 'info',
    message: 'Keep the needle shallow: too deep makes dots spread and migrate (blowout); published depths conflict (0.25–2 mm).',
  });
  out.push({
    code: 'healed-lighter',
    severity: 'info',
    message: 'Healed dots come out 0–3 shades lighter than fresh ones: judge the shade at the next session, not on the day.',
  });
  if (usableSkinTone(input)?.fitzpatrick !== undefined) {
    out.push({
      code: 'fitzpatrick-estimated',
      severity: 'info',
      message: 'The Fitzpatrick type is estimated from skin colour only; ask how the skin burns and tans before relying on it.',
    });
  }
  for (const p of input.possibleScars ?? []) {
    const why = possibleScarWhy(p);
    out.push({
      code: 'scar-possible',
      severity: 'info',
      message:
        // The reason, not the bare confidence: "confidence 0.95, too unsure" read as a contradiction when
        // the scar was unsure for lying at the head's edge (L6-011's right view: a white object behind it).
        `Photo ${p.photo + 1} may show ${/^[aeiou]/.test(p.kind) ? 'an' : 'a'} ${p.kind} scar, too unsure to plan for` +
        `${why ? ` (${why})` : ''}: ` +
        'check it in person, and state it with the consultation to plan its camouflage.',
    });
  }
  const scars = input.scars ?? [];
  // A scar the photos alone show sets the scar zone, an extra session and longer intervals, and the
  // segmenter can be fooled (L3-004's back: light glinting off dark hair read as a sure punctate scar).
  const onlyFound = scars.length > 0 && scars.every((s) => s.source === 'photo');
  for (const [i, s] of scars.entries()) {
    const name = scarName(s, i);
    if (s.source === 'photo') {
      out.push({
        code: 'scar-found-unconfirmed',
        severity: 'caution',
        message: `${name} was found in the photos, not stated by the client: confirm it in person${onlyFound ? '; the scar zone, its extra session and longer intervals are planned for this find alone' : ''}.`,
      });
    }
    if (s.ageMonths === undefined) {
      out.push({ code: 'scar-age-unknown', severity: 'info', message: `${name}: age unknown; camouflage works best on scars at least ${matureAge(table.scar.minAgeMonths)} months old.` });
    } else if (s.ageMonths < table.scar.minAgeMonths) {
      out.push({
        code: 'scar-too-young',
        severity: 'stop',
        message: `${name} is ${s.ageMonths} months old: wait until it is at least ${matureAge(table.scar.minAgeMonths)} months old and has settled. This plan leaves the scar untreated (no dots on it); plan its camouflage then.`,
      });
    }
    if (s.raised) out.push({ code: 'scar-raised', severity: 'caution', message: `${name} is raised: camouflage works best on flat scars; consider treating the scar first.` });
    if (s.tone === 'darker' || s.tone === 'red') {
      out.push({
        code: 'scar-not-pale',
        severity: 'caution',
        message: `${name} is ${s.tone === 'red' ? 'red (possibly still maturing)' : 'darker than the skin'}: camouflage works best on scars paler than the surrounding skin.`,
      });
    }
    if (s.deltaE76 !== undefined && s.deltaE76 >= 17.8) {
      out.push({
        code: 'scar-obvious',
        severity: 'info',
        message: `${name} differs from the skin by ΔE76 ${s.deltaE76.toFixed(1)} (an "obvious" or worse mismatch in Cheon 2010): expect all ${table.scar.sessions} sessions.`,
      });
    }
  }
  if (zones.includes('scar')) {
    out.push({ code: 'scar-retention', severity: 'info', message: 'Scar tissue holds pigment less well and fades more: expect touch-ups.' });
  }
  // Nothing graded to treat: the plan still covers what the photos show as thin, but SMP may not be needed.
  const noLoss = input.ludwig ? input.ludwig.grade === 'none' : input.norwood?.level === 1;
  if (noLoss && (input.scars?.length ?? 0) === 0) {
    const graded = input.ludwig ? 'no clear thinning (Ludwig)' : 'no hair loss (Norwood 1)';
    out.push({
      code: 'no-hair-loss',
      severity: 'caution',
      message: `The photos show ${graded}: SMP may not be needed. Confirm the thinning the client sees in person before planning; the plan only covers areas the photos show as thin.`,
    });
  }
  // Men only: a woman is read on the Ludwig scale, from the crown and parting a back or top view shows.
  if (input.norwood?.level != null && input.norwood.frontSeen === false && input.sex !== 'female' && !input.ludwig) {
    out.push({
      code: 'front-not-seen',
      severity: 'caution',
      message: `No photo shows the front of the head (hairline and temples): Norwood ${input.norwood.stage ?? input.norwood.level} rests on the other views alone, and the stages up to 3 are told apart by the front. Check the hairline in person, or add a front or top view.`,
    });
  }
  // One photo far from the others (men: the check was measured on men's Norwood photos only; the grader
  // does not look for one for a woman).
  const odd = input.norwood?.viewOutlier;
  if (odd && input.sex !== 'female' && !input.ludwig) {
    out.push({
      code: 'views-disagree',
      severity: 'caution',
      message: `Photo ${odd.photo + 1} (${odd.view}) reads Norwood ${odd.level.toFixed(1)} on its own, the other photos ${odd.others.toFixed(1)}: check that every photo shows this client and is given as the right view. The grade leaves it out; the skin tone still uses it; the plan is drawn on another photo where one can be planned.`,
    });
  }
  // A Norwood grade reads the hair left at the back and sides; a donor area read bare all over is a shaved
  // head, or hair too short or light for the photos (the second practitioner review: L7-012 shaved, every
  // zone 99-100 % bare, Norwood 7 at p 0.72 with nothing said).
  const donor = input.norwood?.donorBare;
  if (input.norwood?.level != null && donor != null && donor >= SHAVED_DONOR_BARE && input.sex !== 'female' && !input.ludwig) {
    out.push({
      code: 'donor-bare',
      severity: 'caution',
      message:
        `The back and sides (the donor area) read ${Math.round(donor * 100)} % bare: the head looks shaved, or its hair is too short or light for the photos to show. ` +
        `The grade reads the hair that remains there, so Norwood ${input.norwood.stage ?? input.norwood.level} may be too high: judge the stage in person, or from photos after a few weeks' growth.`,
    });
  }
  if (input.sex === 'female') {
    // Without a Ludwig grade of thinning the plan is still a woman's (hairline kept), but there is no
    // "female pattern thinning" to name: the no-hair-loss caution above says what the photos show.
    const thinning = input.ludwig && input.ludwig.grade !== 'none';
    // A receded front is not the pattern Ludwig grades (it keeps the frontal hairline): "the hairline is
    // kept" beside a caveat that the hairline had receded read as a contradiction (L3-023 sent as female).
    const receded = input.ludwig?.frontalReceded === true;
    out.push({
      code: 'female-pattern',
      severity: receded ? 'caution' : 'info',
      message: receded
        ? "The frontal hairline is receded, which female pattern thinning (Ludwig) keeps: assess the front in person before treating. Check where the plan draws the hairline against her own front edge: its middle keeps to her hair, but its temple ends follow the design rules, so the plan may fill a receded temple corner; move the line, or set the bald zone's factor to 0 in a plan edit to add density only."
        : thinning
          ? 'Female pattern (Ludwig) thinning: the hairline is kept; dots add density between hairs.'
          : "A woman's plan: the hairline is kept; dots add density between hairs.",
    });
  }
}

/**
 * Said first in the recommendation of a consultation that could not be assessed (the reasons say why):
 * the pipeline puts it there, since the rules do not know whether the photos could be judged.
 */
export const NOT_ASSESSABLE_WARNING = {
  code: 'not-assessable',
  severity: 'stop',
  message:
    "The photos could not be assessed (see the reasons), so these settings are the clinic table's defaults, not based on this client: do not treat from them. Send photos that pass the checks, or assess in person.",
} as const;
