// Pigment choice from the clinic's catalogue: filter by what each pigment suits, never a cool
// (blue-based) black on brown or dark skin, prefer a warm pigment for warm skin with brown/light hair.
import type { ClinicTable, HairGroup, ItaCategoryName, Pigment } from '../schema.js';
import type { Reasoned, RecommendationWarning } from '../types.js';
import { plainCaseWords } from './basis.js';

const DARK: ItaCategoryName[] = ['brown', 'dark'];

export function choosePigment(
  table: ClinicTable,
  skin: ItaCategoryName,
  hair: HairGroup,
  undertone: 'warm' | 'neutral' | 'cool' | undefined,
  warnings: RecommendationWarning[],
  /** The case in words (rules/basis.ts caseWords: says which category was assumed); by default the bare categories. */
  caseWords = plainCaseWords(skin, hair),
  /** The hair's measured hue (CIELAB h°) and chroma, when its group was read from the photos. */
  hairHue?: { hueAngle: number; chroma: number } | null,
): Reasoned<Pigment> {
  const suits = (p: Pigment) => (p.hairGroups.length === 0 || p.hairGroups.includes(hair)) && (p.skinCategories.length === 0 || p.skinCategories.includes(skin));
  let candidates = table.pigments.filter(suits);
  const why: string[] = [];
  if (candidates.length === 0) {
    candidates = table.pigments;
    why.push(`no pigment in the catalogue is listed for ${caseWords}, so all were considered`);
  }
  if (DARK.includes(skin)) {
    const notCool = candidates.filter((p) => p.undertone !== 'cool');
    if (notCool.length > 0) {
      if (notCool.length < candidates.length) why.push('cool (blue-based) blacks left out: they drift blue/green on brown and dark skin');
      candidates = notCool;
    }
  }
  let pick: Pigment | undefined;
  if (undertone === 'warm' && (hair === 'brown' || hair === 'light')) {
    const ash = hairHue ? ashHair(hairHue) : null;
    if (ash) why.push(`warm skin undertone, but the hair reads ${ash}: no warm-toned pigment, which would heal warmer than the hair`);
    else {
      pick = candidates.find((p) => p.undertone === 'warm');
      if (pick) why.push('warm skin undertone with brown/light hair: a warm-toned pigment heals closer to the hair');
    }
  }
  if (!pick) {
    pick = candidates.find((p) => p.id === table.defaultPigment) ?? candidates.find((p) => p.undertone === 'neutral') ?? candidates[0];
    // Names the categories the choice rests on, saying which were assumed; never "this skin".
    const owner = table.id === 'default' ? 'the' : "the clinic's";
    why.push(pick.id === table.defaultPigment ? `${owner} default pigment, suited to ${caseWords}` : `"${pick.name}" is the first pigment suited to ${caseWords}`);
  }
  if (pick.undertone === 'cool' && DARK.includes(skin)) {
    warnings.push({ code: 'cool-pigment-dark-skin', severity: 'caution', message: `"${pick.name}" is cool-toned: on ${skin} skin it risks a blue/green shift over time.` });
  }
  return { value: pick, reason: why.join('; ') + '.' };
}

/**
 * Brown and blond hair is warm: its hue lies in the orange-yellow range (the measured hair of ../shared
 * reads 36-64°). Hair outside it, or too grey for a hue to mean anything, is ash: a warm pigment would
 * heal warmer than it (the second practitioner review: L2-022's cool ash hair, #51585c, h 244°, got a
 * warm modifier for its warm skin). Null for warm hair; else the words for why.
 */
export const WARM_HAIR_HUES: [number, number] = [20, 100];
export const MIN_HAIR_CHROMA_FOR_HUE = 2;

export function ashHair(h: { hueAngle: number; chroma: number }): string | null {
  if (!(Number.isFinite(h.hueAngle) && Number.isFinite(h.chroma))) throw new RangeError(`hair hue and chroma must be finite, got ${h.hueAngle}, ${h.chroma}`);
  if (h.chroma < MIN_HAIR_CHROMA_FOR_HUE) return `near-neutral (chroma ${h.chroma.toFixed(1)})`;
  const [lo, hi] = WARM_HAIR_HUES;
  return h.hueAngle >= lo && h.hueAngle <= hi ? null : `ash (hue ${h.hueAngle.toFixed(0)}°, outside the ${lo}–${hi}° of warm brown and blond hair)`;
}
