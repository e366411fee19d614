// Whether a photo is too bright for its hair colour to be read. Over-exposure lifts every dark tone:
// a dark brown top view brightened 3x read "blond" (L* 25 -> 62) at confidence 0.56, and the dilution
// went from 9:1 to 18:1. Hair lightness has nothing in the photo to check it against (skin is what is
// measured, not a reference), so a photo the gate finds blown out or too bright gives no hair colour.
// The thresholds are the gate's own warnings, on the head: of the dataset's 1,097 photos none has more
// than 10 % of the head blown out (the most, 9.5 %) and one a head brighter than mean luma 200 (212).
import type { QualityReport } from './gate.js';

/** Why hair colour is not read from this photo (it is over-exposed), or null when it may be. */
export function overExposedReason(quality: Pick<QualityReport, 'checks' | 'metrics'>): string | null {
  const highlights = quality.checks.find((c) => c.id === 'highlights');
  const exposure = quality.checks.find((c) => c.id === 'exposure');
  const blown = highlights !== undefined && highlights.severity !== 'ok';
  const bright = exposure !== undefined && exposure.severity !== 'ok' && quality.metrics.meanLuma > 128;
  if (!blown && !bright) return null;
  const what = blown ? `${Math.round(quality.metrics.clippedHighlights * 100)} % of the head is blown out to white` : 'the photo is too bright';
  return `hair colour not read: ${what}, and over-exposure makes hair read lighter than it is`;
}
