// Fitzpatrick phototype estimated from ITA. Fitzpatrick is defined by how skin reacts to the sun, which a
// photo cannot see; ITA agrees with it only moderately (DOMAIN.md "Skin tone"). So we map the six ITA
// categories one-to-one onto types I..VI (the usual convention) and report a range that covers the
// measurement uncertainty in ITA plus one type either side for the ITA–phototype mismatch itself.
import { ITA_CATEGORIES, itaCategoryIndex } from './ita.js';

export interface FitzpatrickEstimate {
  /** 1..6 */
  estimate: number;
  range: [number, number];
  note: string;
}

export const FITZPATRICK_NOTE =
  'Estimated from skin colour (ITA°) only; Fitzpatrick type is defined by sun reaction and agrees with ITA only moderately, so confirm by asking how the skin burns and tans.';

/** @param itaUncertainty half-width (degrees) of the plausible ITA interval around `ita`. */
export function fitzpatrickFromIta(ita: number, itaUncertainty: number): FitzpatrickEstimate {
  if (!Number.isFinite(ita)) throw new RangeError(`fitzpatrickFromIta: ita must be finite, got ${ita}`);
  if (!(itaUncertainty >= 0)) throw new RangeError(`fitzpatrickFromIta: uncertainty must be >= 0, got ${itaUncertainty}`);
  const estimate = itaCategoryIndex(ita) + 1;
  // Higher ITA = lighter = lower type.
  const lo = itaCategoryIndex(ita + itaUncertainty) + 1;
  const hi = itaCategoryIndex(ita - itaUncertainty) + 1;
  const clamp = (t: number) => Math.max(1, Math.min(ITA_CATEGORIES.length, t));
  return { estimate, range: [clamp(lo - 1), clamp(hi + 1)], note: FITZPATRICK_NOTE };
}
