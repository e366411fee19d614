// Dilution (N parts water : 1 part pigment) from the clinic table's skin × hair grid, made lighter in
// early sessions, stronger over scars, and never below the dark-skin floor.
import { cite } from './cite.js';
import type { ClinicTable, HairGroup, ItaCategoryName, Zone } from '../schema.js';
import type { Dilution, Reasoned } from '../types.js';

export function dilutionLabel(waterParts: number): string {
  return `${waterParts}:1`;
}

/**
 * `caseWords`: the client's case in words (rules/basis.ts caseWords, which says when a category was
 * assumed); by default the bare categories.
 */
export function dilutionFor(
  table: ClinicTable,
  skin: ItaCategoryName,
  hair: HairGroup,
  session: number,
  zone: Zone,
  caseWords = `${skin} skin with ${hair} hair`,
): Reasoned<Dilution> {
  if (!Number.isInteger(session) || session < 0) throw new RangeError(`dilutionFor: session must be a non-negative integer, got ${session}`);
  const d = table.dilution;
  const row = d.rows.find((r) => r.itaCategory === skin);
  if (!row) throw new RangeError(`dilutionFor: the clinic table has no dilution row for "${skin}"`);
  const base = row.waterParts[hair];
  const mult = d.sessionMultipliers[Math.min(session, d.sessionMultipliers.length - 1)];
  let parts = base * mult;
  const why = [`${base}:1 for ${caseWords} (${cite(row.reason)})`];
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
