// Exposure statistics on luma: mean level, the bright end (95th percentile) and the share of clipped
// highlights and crushed shadows.
export interface ExposureStats {
  meanLuma: number;
  /**
   * The 95th percentile of luma: what the light makes of the brightest parts (lit skin, the shine on
   * hair). Unlike the mean it hardly depends on how dark the hair or skin is; it falls with the light.
   */
  brightLuma: number;
  clippedHighlights: number;
  clippedShadows: number;
}

/** Quantile of luma the bright end is read at. */
export const BRIGHT_QUANTILE = 0.95;

export function exposureStats(gray: Float32Array, weight?: Uint8Array): ExposureStats {
  let sum = 0;
  let hi = 0;
  let lo = 0;
  let n = 0;
  // Whole-level bins: the percentile to within one level, in one pass.
  const histogram = new Uint32Array(256);
  for (let i = 0; i < gray.length; i++) {
    if (weight && weight[i] === 0) continue;
    const v = gray[i];
    sum += v;
    if (v >= 250) hi++;
    if (v <= 8) lo++;
    histogram[Math.min(255, Math.max(0, Math.floor(v)))]++;
    n++;
  }
  if (n === 0) return { meanLuma: 0, brightLuma: 0, clippedHighlights: 0, clippedShadows: 0 };
  return { meanLuma: sum / n, brightLuma: quantileLevel(histogram, n, BRIGHT_QUANTILE), clippedHighlights: hi / n, clippedShadows: lo / n };
}

/** The lowest level at or below which a share q of the n counted values lies. */
function quantileLevel(histogram: Uint32Array, n: number, q: number): number {
  const want = Math.ceil(q * n);
  let seen = 0;
  for (let level = 0; level < histogram.length; level++) {
    seen += histogram[level];
    if (seen >= want) return level;
  }
  return histogram.length - 1;
}
