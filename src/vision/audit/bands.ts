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
