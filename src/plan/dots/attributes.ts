// Per-dot size and shade. Real impressions vary: needle depth, skin and ink load differ from dot to
// dot, so sizes and shades get a little log-normal jitter, seeded per dot (stable when dots are added
// in later sessions). Hairline dots are finer and lighter (natural hairlines are mostly 1- and
// 2-hair units; a single point needle is used there).
import { gaussianFrom, hashUnit } from './rng.js';

export interface DotLook {
  /** Healed impression diameter (mm) before jitter. */
  diameterMm: number;
  /** Darkness 0..1 of a healed dot before jitter (1 = undiluted black fully retained). */
  shade: number;
}

/**
 * A healed impression as a photo sees it is wider than the needle grouping that made it: ink spreads
 * a little in the dermis and light scattering in the skin blurs it further, so a 0.25 mm grouping
 * reads as a ~0.6 mm soft dot (SMP impressions are described as "under 1 mm" at ~1 mm spacing).
 */
export const SPREAD = 2.4;
/** Healed dots come out 0-3 shades lighter than applied (DOMAIN.md): a fixed 15 % loss here. */
export const HEALED_RETENTION = 0.85;
/** Hairline dots relative to fill dots. */
export const HAIRLINE_SIZE = 0.75;
export const HAIRLINE_SHADE = 0.85;

/**
 * Darkness of a healed dot from the dilution (N parts water to 1 part pigment): pigment fraction
 * c = 1 / (1 + N), darkness 1 - exp(-9c) (carbon black is strong, so it saturates: 2:1 ~0.95,
 * 6:1 ~0.72, 12:1 ~0.50, 20:1 ~0.35), times the healed retention. A heuristic with the right order,
 * not a measurement: clinics can override the shade per session.
 */
export function shadeFromDilution(waterParts: number): number {
  if (!(waterParts >= 0) || !Number.isFinite(waterParts)) throw new RangeError(`waterParts must be >= 0, got ${waterParts}`);
  return (1 - Math.exp(-9 / (1 + waterParts))) * HEALED_RETENTION;
}

export function diameterFromNeedle(needleDiameterMm: number): number {
  if (!(needleDiameterMm > 0)) throw new RangeError(`needle diameter must be positive, got ${needleDiameterMm}`);
  return needleDiameterMm * SPREAD;
}

/**
 * Size (mm) and shade (0..1) of the dot at (x, y) px, deterministic for (seed, position): a dot keeps
 * its look when other dots are added or removed.
 */
export function dotLook(look: DotLook, seed: number, x: number, y: number, hairline: boolean): { sizeMm: number; shade: number } {
  const kx = Math.round(x * 64), ky = Math.round(y * 64);
  const u = (salt: number): number => hashUnit(seed + salt * 0x9e37, kx, ky);
  const g1 = gaussianFrom(u(1), u(2));
  const g2 = gaussianFrom(u(3), u(4));
  const size = look.diameterMm * Math.exp(0.15 * g1) * (hairline ? HAIRLINE_SIZE : 1);
  const shade = look.shade * Math.exp(0.1 * g2) * (hairline ? HAIRLINE_SHADE : 1);
  return { sizeMm: size, shade: Math.min(1, Math.max(0, shade)) };
}
