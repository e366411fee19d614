// A finer look for small scars: FUE extraction marks are about 1 mm, 2 px across once a whole photo is
// stretched to the segmentation model's input, too small to segment. Segmenting four overlapping
// corner tiles, each a little over half the photo's side, doubles the resolution (the model was trained
// on crops zoomed 0.5-2.6x, so a tile is within what it has seen). Pure: the caller runs the model.
import { argmaxLabels } from '../../models/segmentation/segmenter.js';
import { assertRgb, type RgbImage, type Segmentation } from '../image.js';

export interface TileBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The four corner tiles, each `frac` of the side (overlapping in the middle when frac > 0.5). */
export function scarTiles(width: number, height: number, frac = 0.55): TileBox[] {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) {
    throw new RangeError(`scarTiles: width and height must be integers >= 2, got ${width}x${height}`);
  }
  if (!(frac >= 0.5 && frac <= 1)) throw new RangeError(`scarTiles: frac must be in [0.5, 1], got ${frac}`);
  const w = Math.ceil(width * frac - 1e-9); // 100 * 0.55 is 55.000000000000007 in floating point
  const h = Math.ceil(height * frac - 1e-9);
  return [
    { x: 0, y: 0, width: w, height: h },
    { x: width - w, y: 0, width: w, height: h },
    { x: 0, y: height - h, width: w, height: h },
    { x: width - w, y: height - h, width: w, height: h },
  ];
}

/** The pixels of one box of an RGB image. */
export function cropRgb(img: RgbImage, box: TileBox): RgbImage {
  assertRgb(img);
  if (box.x < 0 || box.y < 0 || box.width < 1 || box.height < 1 || box.x + box.width > img.width || box.y + box.height > img.height) {
    throw new RangeError(`cropRgb: box ${JSON.stringify(box)} is not inside the ${img.width}x${img.height} image`);
  }
  const data = new Uint8Array(box.width * box.height * 3);
  for (let y = 0; y < box.height; y++) {
    const from = 3 * ((box.y + y) * img.width + box.x);
    data.set(img.data.subarray(from, from + 3 * box.width), 3 * y * box.width);
  }
  return { width: box.width, height: box.height, data };
}

/**
 * One segmentation of the whole photo from the tiles' segmentations: class probabilities averaged where
 * tiles overlap, labels their arg-max (first class on ties). Every pixel must be covered.
 */
export function stitchTiles(width: number, height: number, tiles: { box: TileBox; seg: Segmentation }[]): Segmentation {
  const n = width * height;
  const classes = tiles.length ? tiles[0].seg.probs.length / (tiles[0].seg.width * tiles[0].seg.height) : 0;
  const probs = new Float32Array(classes * n);
  const count = new Uint8Array(n);
  for (const { box, seg } of tiles) {
    if (seg.width !== box.width || seg.height !== box.height) throw new RangeError(`stitchTiles: a ${seg.width}x${seg.height} segmentation for a ${box.width}x${box.height} tile`);
    const m = box.width * box.height;
    if (seg.probs.length !== classes * m) throw new RangeError(`stitchTiles: tiles disagree on the number of classes`);
    for (let y = 0; y < box.height; y++) {
      for (let x = 0; x < box.width; x++) {
        const i = (box.y + y) * width + box.x + x;
        const j = y * box.width + x;
        count[i]++;
        for (let c = 0; c < classes; c++) probs[c * n + i] += seg.probs[c * m + j];
      }
    }
  }
  for (let i = 0; i < n; i++) {
    if (!count[i]) throw new RangeError(`stitchTiles: pixel ${i % width},${Math.floor(i / width)} is in no tile`);
    for (let c = 0; c < classes; c++) probs[c * n + i] /= count[i];
  }
  return { width, height, probs, labels: argmaxLabels(probs, classes, n) };
}
