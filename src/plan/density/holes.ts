// Holes in the head mask that are scalp. The segmenter reads shiny, sunlit or stubbled patches of bald
// scalp as background: on one photo per person and view of ../shared, 30 of 490 head masks had a
// skin-ringed hole over 1 % of the head, up to a quarter of it (L6-025, back view). Left out of the
// head, each stays an unpigmented island in the middle of the treatment. It also reads some dark hair
// as background (L4-003: a third of the head), which must stay unplanned. So a hole enclosed by the
// head is filled only when the segmenter's best class there after background is skin, and its colour
// matches the head around it: gaps between a head and a shoulder, an ear or a hand are enclosed too,
// but show the room behind.
import { deltaE00, linearToLab, SRGB_TO_LINEAR } from '../../vision/colour/convert.js';
import { enclosedHoles } from '../../vision/geometry/head.js';
import type { RgbImage } from '../../vision/image.js';
import type { FieldGrid, PreparedField } from './grid.js';

export interface ScalpHoleOptions {
  /** Width of the ring of head cells around a hole that it is compared with. */
  ringCells: number;
  /**
   * Largest CIEDE2000 difference between a hole's mean colour and its ring's. On the survey above,
   * holes on the scalp or in the hair measured 0.3-6.5 and gaps showing the room 8.8-17.9.
   */
  maxDeltaE: number;
  /**
   * Smallest share of skin (+ scar) in the hole's class mix without background. Scalp holes measured
   * 0.66-0.94 (L6-025 stubble, L6-026 shine), holes in dark hair 0.26-0.43 (L2-022, L3-033, L4-003).
   */
  minSkinShare: number;
}

export const DEFAULT_SCALP_HOLE_OPTIONS: ScalpHoleOptions = { ringCells: 3, maxDeltaE: 8, minSkinShare: 0.6 };

/** Mean linear-light RGB of each field cell: planar Float32Array [3][cells]. */
export function cellLinearRgb(image: RgbImage, grid: FieldGrid): Float32Array {
  if (image.width !== grid.imageWidth || image.height !== grid.imageHeight) {
    throw new RangeError(`photo is ${image.width}x${image.height}, the grid was made for ${grid.imageWidth}x${grid.imageHeight}`);
  }
  if (image.data.length !== 3 * image.width * image.height) throw new RangeError(`photo data must hold ${3 * image.width * image.height} bytes (RGB), got ${image.data.length}`);
  const cells = grid.width * grid.height;
  const out = new Float32Array(3 * cells);
  const count = new Float32Array(cells);
  const k = grid.cellPx;
  for (let y = 0; y < image.height; y++) {
    const row = Math.floor(y / k) * grid.width;
    for (let x = 0; x < image.width; x++) {
      const c = row + Math.floor(x / k);
      const i = 3 * (y * image.width + x);
      count[c]++;
      out[c] += SRGB_TO_LINEAR[image.data[i]];
      out[cells + c] += SRGB_TO_LINEAR[image.data[i + 1]];
      out[2 * cells + c] += SRGB_TO_LINEAR[image.data[i + 2]];
    }
  }
  for (let c = 0; c < cells; c++) for (let p = 0; p < 3; p++) out[p * cells + c] /= count[c] || 1;
  return out;
}

export interface FilledHoles {
  field: PreparedField;
  /** Cells added to the head. */
  cells: number;
  /** Holes filled, and holes left out (more hair than skin, or a different colour from the head around them). */
  filled: number;
  kept: number;
}

/**
 * The field with its scalp holes filled. A filled cell keeps the segmenter's own mix of skin, hair and
 * scar there, background left out. Holes touching the frame are not enclosed and never filled.
 */
export function fillScalpHoles(field: PreparedField, colours: Float32Array, options: Partial<ScalpHoleOptions> = {}): FilledHoles {
  const { ringCells, maxDeltaE, minSkinShare } = { ...DEFAULT_SCALP_HOLE_OPTIONS, ...options };
  if (!Number.isInteger(ringCells) || ringCells < 1) throw new RangeError(`fillScalpHoles: ringCells must be an integer >= 1, got ${ringCells}`);
  if (!(maxDeltaE >= 0)) throw new RangeError(`fillScalpHoles: maxDeltaE must be >= 0, got ${maxDeltaE}`);
  if (!(minSkinShare >= 0 && minSkinShare <= 1)) throw new RangeError(`fillScalpHoles: minSkinShare must be in [0, 1], got ${minSkinShare}`);
  const { grid, probs, head } = field;
  const { width: W, height: H } = grid;
  const n = W * H;
  if (colours.length !== 3 * n) throw new RangeError(`fillScalpHoles: colours must hold 3 planes of ${n} cells, got ${colours.length}`);

  const { labels, enclosed } = enclosedHoles(head, W, H);

  // Bounding box of every enclosed hole.
  const boxes = new Map<number, [number, number, number, number]>();
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const l = labels[y * W + x];
      if (!enclosed[l]) continue;
      const b = boxes.get(l);
      if (!b) boxes.set(l, [x, y, x, y]);
      else {
        if (x < b[0]) b[0] = x;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
    }
  }

  let nextHead: Uint8Array | null = null;
  let nextProbs: Float32Array | null = null;
  let cells = 0;
  let filled = 0;
  let kept = 0;
  for (const [l, [x0, y0, x1, y1]] of boxes) {
    // The ring: head cells within ringCells (chessboard distance) of the hole, by a separable dilation
    // over the hole's box grown by the ring.
    const bx0 = Math.max(0, x0 - ringCells), by0 = Math.max(0, y0 - ringCells);
    const bw = Math.min(W - 1, x1 + ringCells) - bx0 + 1, bh = Math.min(H - 1, y1 + ringCells) - by0 + 1;
    const rows = new Uint8Array(bw * bh);
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        if (labels[(by0 + y) * W + bx0 + x] !== l) continue;
        for (let d = Math.max(0, x - ringCells); d <= Math.min(bw - 1, x + ringCells); d++) rows[y * bw + d] = 1;
      }
    }
    const hole = [0, 0, 0];
    const ring = [0, 0, 0];
    const mix = [0, 0, 0, 0]; // the hole's skin, hair, scar, not background
    let holeN = 0;
    let ringN = 0;
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        const c = (by0 + y) * W + bx0 + x;
        if (labels[c] === l) {
          for (let p = 0; p < 3; p++) hole[p] += colours[p * n + c];
          mix[0] += probs[n + c];
          mix[1] += probs[2 * n + c];
          mix[2] += probs[3 * n + c];
          mix[3] += 1 - probs[c];
          holeN++;
          continue;
        }
        if (!head[c]) continue;
        let near = false;
        for (let d = Math.max(0, y - ringCells); d <= Math.min(bh - 1, y + ringCells) && !near; d++) near = rows[d * bw + x] === 1;
        if (!near) continue;
        for (let p = 0; p < 3; p++) ring[p] += colours[p * n + c];
        ringN++;
      }
    }
    if (ringN === 0) continue;
    const skinShare = mix[3] > 0 ? (mix[0] + mix[2]) / mix[3] : 0;
    const difference = deltaE00(
      linearToLab(hole[0] / holeN, hole[1] / holeN, hole[2] / holeN),
      linearToLab(ring[0] / ringN, ring[1] / ringN, ring[2] / ringN),
    );
    if (!(skinShare >= minSkinShare && difference <= maxDeltaE)) {
      kept++;
      continue;
    }
    nextHead ??= head.slice();
    nextProbs ??= probs.slice();
    const share = [mix[0] / mix[3], mix[1] / mix[3], mix[2] / mix[3]];
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const c = y * W + x;
        if (labels[c] !== l) continue;
        nextHead[c] = 1;
        nextProbs[c] = 0;
        nextProbs[n + c] = share[0];
        nextProbs[2 * n + c] = share[1];
        nextProbs[3 * n + c] = share[2];
      }
    }
    cells += holeN;
    filled++;
  }
  return { field: nextHead && nextProbs ? { grid, probs: nextProbs, head: nextHead } : field, cells, filled, kept };
}
