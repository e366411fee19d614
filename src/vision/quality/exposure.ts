// Exposure statistics on luma: mean level and the share of clipped highlights and crushed shadows.
export interface ExposureStats {
  meanLuma: number;
  clippedHighlights: number;
  clippedShadows: number;
}

export function exposureStats(gray: Float32Array, weight?: Uint8Array): ExposureStats {
  let sum = 0;
  let hi = 0;
  let lo = 0;
  let n = 0;
  for (let i = 0; i < gray.length; i++) {
    if (weight && weight[i] === 0) continue;
    const v = gray[i];
    sum += v;
    if (v >= 250) hi++;
    if (v <= 8) lo++;
    n++;
  }
  if (n === 0) return { meanLuma: 0, clippedHighlights: 0, clippedShadows: 0 };
  return { meanLuma: sum / n, clippedHighlights: hi / n, clippedShadows: lo / n };
}
