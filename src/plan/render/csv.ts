// dots.csv: one row per dot, for clinic software and spreadsheets. Positions in photo pixels and in
// mm from the photo's top-left corner (at the plan's scale); session_index is 0-based as in the JSON.
import type { Plan } from '../dots/plan.js';
import { ZONES } from '../density/treatment.js';

export const DOTS_CSV_HEADER = 'id,session_index,x_px,y_px,x_mm,y_mm,zone,size_mm,shade';

export function renderDotsCsv(plan: Plan): string {
  const { dots } = plan;
  const mmpp = plan.scale.mmPerPixel;
  const rows: string[] = [DOTS_CSV_HEADER];
  for (let i = 0; i < dots.x.length; i++) {
    rows.push(
      `${i},${dots.session[i]},${dots.x[i].toFixed(2)},${dots.y[i].toFixed(2)},${(dots.x[i] * mmpp).toFixed(2)},${(dots.y[i] * mmpp).toFixed(2)},${ZONES[dots.zone[i]]},${dots.sizeMm[i].toFixed(3)},${dots.shade[i].toFixed(3)}`,
    );
  }
  return rows.join('\n') + '\n';
}
