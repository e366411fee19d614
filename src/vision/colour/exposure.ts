// How well the camera exposed the skin, from the photo alone. An auto-exposing camera scales the whole
// frame so that its (linear-light) mean lands on a fixed target, so skin that ends up well below the
// frame mean was not what the exposure was set for: a bright wall or window behind the head (backlit),
// the skin turned away from the light (a neck in shade), or dark hair taken for skin. Its L* is then
// depressed by an unknown factor, and ITA, which pivots at L* = 50, moves ~3° per L* unit at the
// usual skin colours. Measured on the 78 train people (test/eval/colour.ts): dropping photos whose lit
// skin sits below 0.74× the frame mean took the view-to-view ITA spread from 24.1° to 12.4° and the
// between-person reliability (ICC) from 0.34 to 0.53; within a person, L* follows the skin's exposure
// relative to its frame with r = 0.88.
// Everything is on the green channel, which a red or blue cast does not touch, so the decision is
// cast-invariant.
import { assertRgb, type RgbImage } from '../image.js';
import { SRGB_TO_LINEAR } from './convert.js';

/** Mean linear-light green over the whole frame (what a mean-metering camera drives to its target). */
export function frameMeanGreen(img: RgbImage): number {
  assertRgb(img);
  const d = img.data;
  const n = img.width * img.height;
  if (n === 0) throw new RangeError('frameMeanGreen: empty image');
  // Histogram first: 256 decodes instead of one per pixel.
  const hist = new Float64Array(256);
  for (let i = 1; i < d.length; i += 3) hist[d[i]]++;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += hist[v] * SRGB_TO_LINEAR[v];
  return sum / n;
}

/**
 * ln(skin green / frame mean green), both linear light: 0 when the lit skin sits at the frame's mean,
 * negative when the frame was exposed for something brighter.
 */
export function relativeExposure(skinGreen: number, frameGreen: number): number {
  if (!(skinGreen > 0) || !(frameGreen > 0)) throw new RangeError(`relativeExposure: both greens must be > 0, got ${skinGreen}, ${frameGreen}`);
  return Math.log(skinGreen / frameGreen);
}

/**
 * 0..1 trust in the skin's exposure: 0 at the cut-off `min`, rising to 1 once the skin is `span` (in
 * ln units) above it. The cut-off itself is where a measurement is refused.
 */
export function exposureConfidence(rel: number, min: number, span: number): number {
  if (!Number.isFinite(rel) || !Number.isFinite(min) || !(span > 0)) throw new RangeError(`exposureConfidence: bad arguments ${rel}, ${min}, ${span}`);
  return Math.max(0, Math.min(1, (rel - min) / span));
}

/**
 * How many degrees ITA moves per unit of L* at this colour, |d ITA / d L*| = |b| / ((L − 50)² + b²) in
 * radians, converted. Large near L = 50 with a small b, where an exposure error hurts most.
 */
export function itaPerLightness(L: number, b: number): number {
  if (!Number.isFinite(L) || !Number.isFinite(b)) throw new RangeError(`itaPerLightness: L* and b* must be finite, got ${L}, ${b}`);
  const r2 = (L - 50) ** 2 + b ** 2;
  if (r2 === 0) return Infinity;
  return (Math.abs(b) / r2) * (180 / Math.PI);
}

/**
 * Linear-light factor that undoes `strength` of the skin's exposure deviation from `reference` (both
 * ln(skin / frame mean)): exp(−strength · (rel − reference)). Strength 1 would expose every skin at
 * the same multiple of its frame mean (erasing real tone differences: a darker skin is also darker
 * than its frame); 0 trusts the camera fully. Half-way was chosen on the development people.
 */
export function exposureScale(rel: number, reference: number, strength: number): number {
  if (!Number.isFinite(rel) || !Number.isFinite(reference)) throw new RangeError(`exposureScale: rel and reference must be finite, got ${rel}, ${reference}`);
  if (!(strength >= 0 && strength <= 1)) throw new RangeError(`exposureScale: strength must be in [0, 1], got ${strength}`);
  return Math.exp(-strength * (rel - reference));
}
