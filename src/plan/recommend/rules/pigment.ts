// Pigment choice from the clinic's catalogue: filter by what each pigment suits, never a cool
// (blue-based) black on brown or dark skin, prefer a warm pigment for warm skin with brown/light hair.
import type { ClinicTable, HairGroup, ItaCategoryName, Pigment } from '../schema.js';
import type { Reasoned, RecommendationWarning } from '../types.js';

const DARK: ItaCategoryName[] = ['brown', 'dark'];

export function choosePigment(
  table: ClinicTable,
  skin: ItaCategoryName,
  hair: HairGroup,
  undertone: 'warm' | 'neutral' | 'cool' | undefined,
  warnings: RecommendationWarning[],
): Reasoned<Pigment> {
  const suits = (p: Pigment) => (p.hairGroups.length === 0 || p.hairGroups.includes(hair)) && (p.skinCategories.length === 0 || p.skinCategories.includes(skin));
  let candidates = table.pigments.filter(suits);
  const why: string[] = [];
  if (candidates.length === 0) {
    candidates = table.pigments;
    why.push(`no pigment in the catalogue is listed for ${skin} skin with ${hair} hair, so all were considered`);
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
    // Names the categories the choice rests on: they may be assumed (the basis says so), never "this skin".
    const owner = table.id === 'default' ? 'the' : "the clinic's";
    why.push(pick.id === table.defaultPigment ? `${owner} default pigment, suited to ${skin} skin with ${hair} hair` : `"${pick.name}" is the first pigment suited to ${skin} skin with ${hair} hair`);
  }
  if (pick.undertone === 'cool' && DARK.includes(skin)) {
    warnings.push({ code: 'cool-pigment-dark-skin', severity: 'caution', message: `"${pick.name}" is cool-toned: on ${skin} skin it risks a blue/green shift over time.` });
  }
  return { value: pick, reason: why.join('; ') + '.' };
}
