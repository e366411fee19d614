// Whether a plan keeps the person's own frontal hairline as its front limit. Norwood 1-3 (with their
// A and V variants) still have a frontal hairline, recessed at the temples or moved back as one line,
// and SMP adds density behind it; Ludwig grades keep the frontal hairline by definition (DOMAIN
// "Hamilton–Norwood (men)"). From Norwood 4 on the front is bald and the design restores it by the
// rules. A grade one level too low only makes the plan more conservative: a hairline can be lowered
// later, never raised (DOMAIN "Hairline design": never too low).
export const KEEP_HAIRLINE_MAX_NORWOOD = 3;

export function keepsOwnHairline(pattern: 'norwood' | 'ludwig', norwoodLevel: number | null | undefined): boolean {
  if (pattern === 'ludwig') return true;
  if (norwoodLevel === null || norwoodLevel === undefined) return false;
  if (!Number.isInteger(norwoodLevel) || norwoodLevel < 1 || norwoodLevel > 7) throw new RangeError(`keepsOwnHairline: Norwood level must be an integer 1-7, got ${norwoodLevel}`);
  return norwoodLevel <= KEEP_HAIRLINE_MAX_NORWOOD;
}

/**
 * Whether a kept hairline keeps its frontotemporal angles too: the female pattern keeps the whole frontal
 * hairline; a man's receded temples (Norwood 2-3) are what SMP treats in front of his kept mid-frontal line.
 */
export function keepsOwnTemples(pattern: 'norwood' | 'ludwig'): boolean {
  return pattern === 'ludwig';
}
