// Sharpness as the variance of the 4-neighbour Laplacian (Pech-Pacheco et al. 2000), optionally only
// where `weight` is non-zero (e.g. the head region), so a sharp background cannot hide a blurred head.
export function laplacianVariance(gray: Float32Array, width: number, height: number, weight?: Uint8Array): number {
  if (gray.length !== width * height) throw new RangeError(`gray has ${gray.length} values, expected ${width * height}`);
  if (width < 3 || height < 3) throw new RangeError(`image too small for a Laplacian: ${width}x${height}`);
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      if (weight && weight[i] === 0) continue;
      const v = gray[i - 1] + gray[i + 1] + gray[i - width] + gray[i + width] - 4 * gray[i];
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return sumSq / n - mean * mean;
}
