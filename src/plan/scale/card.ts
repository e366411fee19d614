// A colour card in the photo as a scale marker. The colour stage finds the card (for white balance);
// its size in mm is not printed on it, so a clinic states the card it uses (`scaleReference` in its
// settings, measured once with a ruler): the patch pitch of its 24-patch chart (centre to centre;
// card models differ) or the sides of its grey card. Without that, the card gives no scale.
import { z } from 'zod';
import type { ScaleCue } from './cues.js';

/** A 24-patch chart's patch pitch (mm): the bounds the stored reference and a settings patch share. */
export const ChartPitchMmSchema = z.number().min(3).max(100);
/** A grey card's two sides (mm). */
export const GreyCardMmSchema = z.tuple([z.number().min(10).max(400), z.number().min(10).max(400)]);

export const ScaleReferenceSchema = z
  .strictObject({
    chartPitchMm: ChartPitchMmSchema.optional().describe('24-patch chart: distance between neighbouring patch centres (mm)'),
    greyCardMm: GreyCardMmSchema.optional().describe('grey card: its two sides (mm), any order'),
  })
  // An empty reference would be stored and read back as a stated card that states nothing.
  .refine((r) => r.chartPitchMm !== undefined || r.greyCardMm !== undefined, { message: 'give chartPitchMm or greyCardMm (or both); null removes the reference' })
  .describe('the physical size of the colour card the clinic holds next to the head: it then sets the photo\'s scale');

export type ScaleReference = z.infer<typeof ScaleReferenceSchema>;

/** Chart geometry (CHART_COLS x CHART_ROWS patches, see vision/colour/card/reference.ts). */
const CHART_LONG = 6;
const CHART_SHORT = 4;

export interface FoundCard {
  kind: 'colour-chart-24' | 'grey-card';
  /** Four corners in photo pixels, in order around the card. */
  corners: [number, number][];
}

const dist = (a: [number, number], b: [number, number]): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/**
 * The marker cue a found card gives, or null when the clinic has not said how big its card is.
 * Size is the card's long side (chart: 6 patch pitches; the found corners span whole pitches), in px
 * the mean of both long sides and of the short sides scaled to long, which averages out mild
 * perspective.
 */
export function cardScaleCue(card: FoundCard, reference: ScaleReference | null | undefined): ScaleCue | null {
  if (card.corners.length !== 4) throw new RangeError(`a card has 4 corners, got ${card.corners.length}`);
  const [c0, c1, c2, c3] = card.corners;
  const sideA = (dist(c0, c1) + dist(c3, c2)) / 2;
  const sideB = (dist(c1, c2) + dist(c0, c3)) / 2;
  const long = Math.max(sideA, sideB), short = Math.min(sideA, sideB);
  if (!(short > 0)) return null;
  if (card.kind === 'colour-chart-24') {
    if (!reference?.chartPitchMm) return null;
    const pitchPx = (long / CHART_LONG + short / CHART_SHORT) / 2;
    return { kind: 'marker', sizeMm: CHART_LONG * reference.chartPitchMm, sizePx: CHART_LONG * pitchPx };
  }
  if (!reference?.greyCardMm) return null;
  const [a, b] = reference.greyCardMm;
  const longMm = Math.max(a, b), shortMm = Math.min(a, b);
  return { kind: 'marker', sizeMm: longMm, sizePx: (long + short * (longMm / shortMm)) / 2 };
}
