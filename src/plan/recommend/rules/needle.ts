// Needle per zone: single fine point at the hairline, groups for fill (larger on dark skin with dark
// hair, finer for light hair on fair skin), and per scar kind.
import type { ClinicTable, HairGroup, ItaCategoryName, Needle, Zone } from '../schema.js';
import type { Reasoned, ScarKind } from '../types.js';
import { plainCaseWords } from './basis.js';

/**
 * `caseWords`: the client's case in words (rules/basis.ts caseWords); a rule chosen for the skin and hair
 * says it when a category was assumed or stated, as the dilution does ("Light hair on fair skin" for skin
 * never measured). `otherScarKinds`: kinds of the other listed scars, whose own needle the reason names
 * (the scar zone takes one needle: the main scar's).
 */
export function needleFor(
  table: ClinicTable,
  zone: Zone,
  skin: ItaCategoryName,
  hair: HairGroup,
  scarKind: ScarKind = 'irregular',
  caseWords = plainCaseWords(skin, hair),
  otherScarKinds: readonly ScarKind[] = [],
): Reasoned<Needle> {
  const n = table.needles;
  if (zone === 'hairline') return { value: n.hairline.needle, reason: n.hairline.reason };
  if (zone === 'scar') {
    const row = n.scar[scarKind];
    // only kinds whose own needle differs (an irregular and a punctate scar share 0601RL in the default table)
    const others = [...new Set(otherScarKinds)]
      .map((k) => ({ k, label: needleLabel(n.scar[k].needle) }))
      .filter(({ k, label }) => k !== scarKind && label !== needleLabel(row.needle))
      .map(({ k, label }) => `the ${k} scar's own needle is ${label}`);
    const main = others.length ? ' (the main scar of those listed)' : '';
    return { value: row.needle, reason: `${scarKind} scar${main}: ${row.reason}${others.length ? ` ${others.join('; ')}: switch for it.` : ''}` };
  }
  const said = caseWords !== plainCaseWords(skin, hair) ? ` Here: ${caseWords}.` : '';
  if ((skin === 'brown' || skin === 'dark') && (hair === 'black' || hair === 'dark brown')) {
    return { value: n.fill.darkSkinDarkHair.needle, reason: n.fill.darkSkinDarkHair.reason + said };
  }
  if ((skin === 'very light' || skin === 'light') && (hair === 'light' || hair === 'grey')) {
    return { value: n.fill.fairSkinLightHair.needle, reason: n.fill.fairSkinLightHair.reason + said };
  }
  return { value: n.fill.default.needle, reason: n.fill.default.reason };
}

/** "0601RL, 1 point, 0.20 mm round liner" */
export function needleLabel(n: Needle): string {
  return `${n.code}, ${n.points} point${n.points > 1 ? 's' : ''}, ${n.diameterMm.toFixed(2)} mm ${n.configuration}`;
}
