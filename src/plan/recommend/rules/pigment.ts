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
    pick = candidates.find((p) => p.undertone === 'warm');
    if (pick) why.push('warm skin undertone with brown/light hair: a warm-toned pigment heals closer to the hair');
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
