// Individual Typology Angle and its six categories (Chardon 1991, Del Bino 2006; DOMAIN.md "Skin tone").
export const ITA_CATEGORIES = ['very light', 'light', 'intermediate', 'tan', 'brown', 'dark'] as const;
export type ItaCategory = (typeof ITA_CATEGORIES)[number];

/** Lower bounds (exclusive) of each category, very light first; dark has no lower bound. */
export const ITA_LOWER_BOUNDS: readonly number[] = [55, 41, 28, 10, -30];

/** ITA° = atan2(L* − 50, b*) · 180/π. */
export function ita(L: number, b: number): number {
  if (!Number.isFinite(L) || !Number.isFinite(b)) throw new RangeError(`ita: L* and b* must be finite, got ${L}, ${b}`);
  return (Math.atan2(L - 50, b) * 180) / Math.PI;
}

/** very light > 55 ≥ light > 41 ≥ intermediate > 28 ≥ tan > 10 ≥ brown > −30 ≥ dark. */
export function itaCategory(angle: number): ItaCategory {
  if (!Number.isFinite(angle)) throw new RangeError(`itaCategory: angle must be finite, got ${angle}`);
  for (let i = 0; i < ITA_LOWER_BOUNDS.length; i++) if (angle > ITA_LOWER_BOUNDS[i]) return ITA_CATEGORIES[i];
  return 'dark';
}

/** Index 0 (very light) .. 5 (dark). */
export function itaCategoryIndex(angle: number): number {
  return ITA_CATEGORIES.indexOf(itaCategory(angle));
}
