// The photo segmented again in four overlapping tiles at twice the resolution, for the small marks of
// FUE scars (src/vision/scars/tiles.ts). Four more model runs per photo with a head.
import type { Segmenter } from '../models/segmentation/segmenter.js';
import type { RgbImage, Segmentation } from '../vision/image.js';
import { cropRgb, scarTiles, stitchTiles } from '../vision/scars/tiles.js';

export async function fineSegmentation(segmenter: Segmenter, img: RgbImage): Promise<Segmentation> {
  const tiles = [];
  for (const box of scarTiles(img.width, img.height)) tiles.push({ box, seg: await segmenter.segment(cropRgb(img, box)) });
  return stitchTiles(img.width, img.height, tiles);
}
