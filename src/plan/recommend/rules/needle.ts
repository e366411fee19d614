// Needle per zone: single fine point at the hairline, groups for fill (larger on dark skin with dark
// hair, finer for light hair on fair skin), and per scar kind.
import type { ClinicTable, HairGroup, ItaCategoryName, Needle, Zone } from '../schema.js';
import type { Reasoned, ScarKind } from '../types.js';

export function needleFor(table: ClinicTable, zone: Zone, skin: ItaCategoryName, hair: HairGroup, scarKind: ScarKind = 'irregular'): Reasoned<Needle> {
  const n = table.needles;
  if (zone === 'hairline') return { value: n.hairline.needle, reason: n.hairline.reason };
  if (zone === 'scar') {
    const row = n.scar[scarKind];
    return { value: row.needle, reason: `${scarKind} scar: ${row.reason}` };
  }
  if ((skin === 'brown' || skin === 'dark') && (hair === 'black' || hair === 'dark brown')) {
    return { value: n.fill.darkSkinDarkHair.needle, reason: n.fill.darkSkinDarkHair.reason };
  }
  if ((skin === 'very light' || skin === 'light') && (hair === 'light' || hair === 'grey')) {
    return { value: n.fill.fairSkinLightHair.needle, reason: n.fill.fairSkinLightHair.reason };
  }
  return { value: n.fill.default.needle, reason: n.fill.default.reason };
}

/** "0601RL, 1 point, 0.20 mm round liner" */
export function needleLabel(n: Needle): string {
  return `${n.code}, ${n.points} point${n.points > 1 ? 's' : ''}, ${n.diameterMm.toFixed(2)} mm ${n.configuration}`;
}
