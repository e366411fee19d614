// Cheon 2010 (207 scars, CIELAB ΔE76 of scar vs surrounding skin against surgeons' ratings): the mean
// ΔE76 of each rating was perfect 4.4, slight mismatch 9.6, obvious 17.8, gross 29.1. The paper gives
// means, not cut-offs; the band boundaries here are the midpoints between neighbouring means
// (7.0, 13.7, 23.45): a ΔE is put in the band whose mean it is nearest to.

export const CHEON_BANDS = ['perfect', 'slight', 'obvious', 'gross'] as const;
export type CheonBand = (typeof CHEON_BANDS)[number];

export const CHEON_MEANS: Readonly<Record<CheonBand, number>> = { perfect: 4.4, slight: 9.6, obvious: 17.8, gross: 29.1 };

/** Upper (exclusive) ΔE76 boundary of perfect, slight, obvious: midpoints of neighbouring means. */
const midpoint = (a: number, b: number) => Math.round(((a + b) / 2) * 100) / 100; // 23.45, not 23.450000000000003
export const CHEON_BOUNDARIES: readonly [number, number, number] = [
  midpoint(CHEON_MEANS.perfect, CHEON_MEANS.slight),
  midpoint(CHEON_MEANS.slight, CHEON_MEANS.obvious),
  midpoint(CHEON_MEANS.obvious, CHEON_MEANS.gross),
];

export function cheonBand(deltaE76: number): CheonBand {
  if (!(deltaE76 >= 0)) throw new RangeError(`ΔE76 must be a non-negative number, got ${deltaE76}`);
  if (deltaE76 < CHEON_BOUNDARIES[0]) return 'perfect';
  if (deltaE76 < CHEON_BOUNDARIES[1]) return 'slight';
  if (deltaE76 < CHEON_BOUNDARIES[2]) return 'obvious';
  return 'gross';
}

/**
 * A band is sure when its ΔE76 lies at least this far from every boundary. The audit's ΔE76 error reached
 * 1.87 on generated scars over real photos (eval:audit, 24 pairs), and the same photo saved in another
 * format moved a reading near 7.0 between 6.6 and 7.5: a reading closer to a boundary may fall either side.
 */
export const BAND_SURE_MARGIN = 2;

/** Distance (ΔE76) from a reading to the nearest band boundary. */
export function bandMargin(deltaE76: number): number {
  if (!(deltaE76 >= 0)) throw new RangeError(`ΔE76 must be a non-negative number, got ${deltaE76}`);
  return Math.min(...CHEON_BOUNDARIES.map((b) => Math.abs(deltaE76 - b)));
}
