// Dilution (N parts water : 1 part pigment) from the clinic table's skin × hair grid, made lighter in
// early sessions, stronger over scars, and never below the dark-skin floor.
import { cite } from './cite.js';
import type { ClinicTable, HairGroup, ItaCategoryName, Zone } from '../schema.js';
import type { Dilution, Reasoned } from '../types.js';
import { plainCaseWords } from './basis.js';

export function dilutionLabel(waterParts: number): string {
  return `${waterParts}:1`;
}

/** Hair named in a table's reason, and the groups each phrase covers ("dark hair": black and dark brown). */
const HAIR_PHRASES: [RegExp, HairGroup[]][] = [
  [/\bblack hair\b/i, ['black']],
  [/\bdark[- ]brown hair\b/i, ['dark brown']],
  [/\bdark hair\b/i, ['black', 'dark brown']],
  [/(?<!dark[- ])\bbrown hair\b/i, ['brown']],
  [/\b(?:light|fair|blonde?) hair\b/i, ['light']],
  [/\b(?:gr[ae]y|white) hair\b/i, ['grey']],
];

/**
 * A skin row's reason as far as it speaks of this client's hair ("light hair stays around 20:1" was read by
 * a brown-haired client). Its first part (split at ';') is the row's subject: cut to what precedes its colon
 * when the rest names one other hair group only ("Fair skin shows every dot: about 20:1 and more with light
 * hair"), kept whole when the subject itself names one ("Dark skin with dark hair: ..."). A later part
 * naming one other hair group only is left out; one comparing several groups (an interpolation between
 * published examples) is kept.
 */
export function ownCase(reason: string, hair: HairGroup): string {
  const other = (part: string): boolean => {
    const named = HAIR_PHRASES.filter(([re]) => re.test(part));
    return named.length === 1 && !named[0][1].includes(hair);
  };
  const [first, ...rest] = cite(reason).split(/;\s*/);
  const head = other(first) && first.includes(':') && !other(first.split(':')[0]) ? first.split(':')[0] : first;
  return [head, ...rest.filter((part) => !other(part))].filter((part) => part.trim()).join('; ');
}

/**
 * The dilution for a skin category and hair group, in a session (0-based) and zone. `caseWords`: the
 * client's case in words (rules/basis.ts caseWords, which says when a category was assumed); by default
 * the bare categories.
 */
export function dilutionFor(
  table: ClinicTable,
  skin: ItaCategoryName,
  hair: HairGroup,
  session: number,
  zone: Zone,
  caseWords = plainCaseWords(skin, hair),
): Reasoned<Dilution> {
  if (!Number.isInteger(session) || session < 0) throw new RangeError(`dilutionFor: session must be a non-negative integer, got ${session}`);
  const d = table.dilution;
  const row = d.rows.find((r) => r.itaCategory === skin);
  if (!row) throw new RangeError(`dilutionFor: the clinic table has no dilution row for "${skin}"`);
  const base = row.waterParts[hair];
  const mult = d.sessionMultipliers[Math.min(session, d.sessionMultipliers.length - 1)];
  let parts = base * mult;
  const own = ownCase(row.reason, hair);
  const why = [`${base}:1 for ${caseWords}${own ? ` (${own})` : ''}`];
  if (mult !== 1) why.push(`×${mult} in session ${session + 1}: ${cite(d.sessionReason)}`);
  if (zone === 'scar') {
    parts *= d.scarMultiplier;
    why.push(`×${d.scarMultiplier} over scar: ${cite(d.scarReason)}`);
  }
  let waterParts = Math.round(parts);
  if ((skin === 'brown' || skin === 'dark') && waterParts < d.minWaterPartsDarkSkin) {
    waterParts = d.minWaterPartsDarkSkin;
    why.push(`raised to ${waterParts}:1: ${cite(d.minWaterPartsDarkSkinReason)}`);
  }
  return { value: { waterParts, pigmentParts: 1, label: dilutionLabel(waterParts) }, reason: why.join('; ') };
}
