// Scalp geometry of one photo from its segmentation: head region, orientation, view, canonical zones
// with their bald fractions, hairline recession and coverage. Pure: same masks (and features) in, same
// numbers out. Works on a <= 128 px working grid; coordinates come back in the photo's pixels.
import type { Segmentation } from '../image.js';
import { downsampleSegmentation } from './downsample.js';
import { headRegion, traceOutline } from './head.js';
import { measureHairline, measurePartWidth } from './hairline.js';
import { linearScores, softmax } from './linear.js';
import { decideOrientation, jointProbabilities, orientationFeatures, turnScores, viewMarginals } from './orientation.js';
import { loadGeometryParams, type GeometryParams } from './params.js';
import { canonicalPlanes, canonicalToPhoto, mirrorPlane, planesOf, rotatePlaneCcw } from './planes.js';
import { baldOf, BOX_ASPECT, cellsInRects, emptyTally, FACE_RECTS, rectCells, GRID, ZONE_LAYOUTS, type Rect, type Tally } from './zones.js';
import {
  HEAD_VIEWS,
  VIEWS,
  ZONES,
  type Coverage,
  type HeadView,
  type PhotoFeatures,
  type PhotoGeometry,
  type View,
  type ZoneMeasure,
  type ZoneName,
} from './types.js';

export interface GeometryOptions {
  /** image embeddings of the same photo (improve orientation, view and the head check) */
  features?: PhotoFeatures;
  /** fitted parameters; default: the shipped models/norwood-grader/params.json */
  params?: GeometryParams;
}

export const REASON_NO_HEAD = 'no head found in the photo';
export const REASON_LITTLE_SCALP = 'too little scalp visible';

function meanEmbedding(f: PhotoFeatures): Float32Array {
  const d = f.embeddings[0].length;
  const m = new Float32Array(d);
  for (const e of f.embeddings) for (let i = 0; i < d; i++) m[i] += e[i] / f.embeddings.length;
  return m;
}

export function analyzeGeometry(seg: Segmentation, view: View | 'auto', opts: GeometryOptions = {}): PhotoGeometry {
  if (view !== 'auto' && !(VIEWS as readonly string[]).includes(view)) {
    throw new RangeError(`view must be one of ${VIEWS.join(', ')} or auto, got ${String(view)}`);
  }
  if (opts.features && opts.features.embeddings.length !== 4) {
    throw new RangeError(`features must hold 4 embeddings (one per quarter-turn), got ${opts.features.embeddings.length}`);
  }
  const params = opts.params ?? loadGeometryParams();
  const rules = params.rules;
  const work = downsampleSegmentation(seg);
  const p = planesOf(work);
  const W = p.width;
  const H = p.height;
  const sx = seg.width / W;
  const sy = seg.height / H;
  const frame = W * H;
  const head = headRegion(p.bg, W, H);
  const headFraction = head.area / frame;

  // orientation and view: joint over (view, quarter-turn)
  // (the joint mask + image model when features are given, else the mask-only one)
  const tables: number[][][] = [];
  const maskTurns = [0, 1, 2, 3].map((k) => orientationFeatures(p, k));
  if (opts.features && params.orientationJoint) {
    const emb = opts.features.embeddings;
    tables.push(turnScores(params.orientationJoint, maskTurns.map((f, k) => [...f, ...emb[k]])));
  } else if (params.orientationMask) {
    tables.push(turnScores(params.orientationMask, maskTurns));
  }
  const joint = tables.length ? jointProbabilities(tables) : HEAD_VIEWS.map(() => [0.05, 0.05, 0.05, 0.05]);
  const viewProbabilities = viewMarginals(joint);

  // head check: the mask's head region, and the image features (mean over quarter-turns: turning the photo
  // changes nothing)
  let headProbability: number | null = null;
  if (opts.features && params.headImage) {
    const s = linearScores(params.headImage, meanEmbedding(opts.features));
    headProbability = softmax(s)[params.headImage.classes.indexOf('head')];
  }
  const maskHead = headFraction >= rules.minHeadFraction;
  const imageHead = headProbability === null || headProbability >= (params.headImage?.threshold ?? 0.5);
  const headFound = maskHead && imageHead;

  const isCloseup = headFraction >= rules.closeupHeadFraction && head.sidesTouched === 4;
  const likeliest = HEAD_VIEWS.reduce((a, b) => (viewProbabilities[b] > viewProbabilities[a] ? b : a));
  let chosen: View;
  let viewConfidence: number;
  if (view !== 'auto') {
    chosen = view;
    viewConfidence = 1;
  } else if (!headFound) {
    // nothing to read a view from (a wall read "back" at 80 %): a placeholder the zones and the hairline
    // skip, claimed by nobody (confidence 0, viewSource 'none')
    chosen = isCloseup ? 'closeup' : likeliest;
    viewConfidence = 0;
  } else if (isCloseup) {
    chosen = 'closeup';
    viewConfidence = Math.min(1, headFraction);
  } else {
    chosen = likeliest;
    viewConfidence = viewProbabilities[likeliest];
  }
  const headView: HeadView | null = chosen === 'closeup' ? null : chosen;
  const { orientation, confidence: orientationConfidence } = tables.length
    ? decideOrientation(joint, headView)
    : { orientation: 0 as const, confidence: 0.25 };

  // canonical frame: upright, profiles face-left
  const k = orientation / 90;
  const mirror = chosen === 'right';
  const cp = canonicalPlanes(p, k, mirror);
  const turned = rotatePlaneCcw(head.mask, W, H, k);
  const cmask = mirror ? mirrorPlane(turned.data, turned.width, turned.height) : turned.data;
  const CW = cp.width;
  const CH = cp.height;
  const chead = headRegionBox(cmask, CW, CH);
  const aspect = headView ? BOX_ASPECT[headView] : Infinity;
  const bw = chead.x1 - chead.x0;
  const box = { x0: chead.x0, y0: chead.y0, x1: chead.x1, y1: Math.min(chead.y1, chead.y0 + Math.max(1, Math.round(aspect * bw))) };
  const bh = box.y1 - box.y0;

  const toPhoto = (x: number, y: number): [number, number] => {
    const [px, py] = canonicalToPhoto(x, y, W, H, k, mirror);
    return [round2(px * sx), round2(py * sy)];
  };
  const tallyRect = (r: Rect): Tally => {
    const t = emptyTally();
    const cells = rectCells(box, r, CW, CH);
    if (!cells) return t;
    const [xa, xb, ya, yb] = cells;
    for (let y = ya; y < yb; y++) {
      for (let x = xa; x < xb; x++) {
        const i = y * CW + x;
        if (!cmask[i]) continue;
        t.hair += cp.hair[i];
        t.skin += cp.skin[i];
        t.scar += cp.scar[i];
        t.pixels++;
      }
    }
    return t;
  };

  // zones: none without a head (a wall's zones read 100 % bald)
  const zones = {} as Record<ZoneName, ZoneMeasure>;
  const layout = headView && headFound ? ZONE_LAYOUTS[headView] : {};
  for (const z of ZONES) {
    const rects = layout[z] ?? [];
    const t = emptyTally();
    for (const r of rects) {
      const u = tallyRect(r);
      t.hair += u.hair;
      t.skin += u.skin;
      t.scar += u.scar;
      t.pixels += u.pixels;
    }
    const visible = rects.length > 0 && head.area > 0 && t.pixels >= rules.minZoneFraction * head.area;
    const r0 = rects[0];
    const polygon: [number, number][] = r0
      ? [
          toPhoto(box.x0 + r0[0] * bw, box.y0 + r0[2] * bh),
          toPhoto(box.x0 + r0[1] * bw, box.y0 + r0[2] * bh),
          toPhoto(box.x0 + r0[1] * bw, box.y0 + r0[3] * bh),
          toPhoto(box.x0 + r0[0] * bw, box.y0 + r0[3] * bh),
        ]
      : [];
    const bald = visible ? baldOf(t) : null;
    zones[z] = { visible, area: head.area > 0 ? round4(t.pixels / head.area) : 0, bald: bald === null ? null : round4(bald), polygon };
  }

  // the head box's cells less the face part, back in the photo's orientation (undo the mirror, then the turn)
  let scalpRegion: PhotoGeometry['scalpRegion'] = null;
  if (headView && headFound) {
    const cells = cellsInRects(cmask, CW, CH, box, [[0, 1, 0, 1]]);
    const face = cellsInRects(cells, CW, CH, box, FACE_RECTS[headView]);
    for (let i = 0; i < cells.length; i++) cells[i] &= 1 - face[i];
    const back = rotatePlaneCcw(mirror ? mirrorPlane(cells, CW, CH) : cells, CW, CH, (4 - k) % 4);
    scalpRegion = { width: back.width, height: back.height, mask: back.data };
  }

  // grid of bald fractions over the box
  const baldGrid: (number | null)[] = [];
  const headGrid: number[] = [];
  for (let gy = 0; gy < GRID; gy++) {
    for (let gx = 0; gx < GRID; gx++) {
      const r: Rect = [gx / GRID, (gx + 1) / GRID, gy / GRID, (gy + 1) / GRID];
      const t = tallyRect(r);
      const cells = Math.max(1, (bw * bh) / (GRID * GRID));
      const occ = Math.min(1, t.pixels / cells);
      headGrid.push(round4(occ));
      const b = occ >= 0.2 ? baldOf(t) : null;
      baldGrid.push(b === null ? null : round4(b));
    }
  }

  const hairline = headFound && (headView === 'front' || headView === 'top')
    ? measureHairline(cp, cmask, box)
    : { centre: null, left: null, right: null, templeExcess: null };

  // coverage and scalp share
  const coverage = coverageIn(p, head.mask) ?? { hair: 0, skin: 0, scar: 0 };
  // The same over the scalp this view shows: a front view's head region is mostly face, and a profile's
  // holds an ear and a cheek, all of which the head-region coverage counts as bare skin.
  const scalpCoverage = scalpRegion ? coverageIn(p, scalpRegion.mask) : null;
  let scalpPixels = 0;
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) scalpPixels += cmask[y * CW + x];
  const scalpFraction = scalpPixels / frame;

  const reasons: string[] = [];
  if (!headFound) reasons.push(REASON_NO_HEAD);
  else if (scalpFraction < rules.minScalpFraction || bh < rules.minHeadAspect * bw) reasons.push(REASON_LITTLE_SCALP);

  const outline = traceOutline(head.mask, W, H).map(([x, y]) => [round2(x * sx), round2(y * sy)] as [number, number]);
  return {
    width: seg.width,
    height: seg.height,
    headFound,
    headProbability: headProbability === null ? null : round4(headProbability),
    assessable: reasons.length === 0,
    reasons,
    orientation,
    orientationConfidence: round4(orientationConfidence),
    view: chosen,
    viewConfidence: round4(viewConfidence),
    viewSource: view !== 'auto' ? 'given' : headFound ? 'classified' : 'none',
    viewProbabilities: Object.fromEntries(HEAD_VIEWS.map((v) => [v, round4(viewProbabilities[v])])) as Record<HeadView, number>,
    head: {
      box: { x: round2(head.x0 * sx), y: round2(head.y0 * sy), width: round2((head.x1 - head.x0) * sx), height: round2((head.y1 - head.y0) * sy) },
      outline,
      areaFraction: round4(headFraction),
      borderFraction: round4(head.borderFraction),
    },
    coverage,
    scalpCoverage,
    scalpFraction: round4(scalpFraction),
    zones,
    hairline,
    partWidth: headFound && headView === 'top' ? measurePartWidth(cp, cmask, box) : null,
    baldGrid,
    headGrid,
    scalpRegion,
  };
}

/** Hair, skin and scar as fractions of their sum over the cells `mask` marks; null where it marks none. */
function coverageIn(p: { hair: Float32Array; skin: Float32Array; scar: Float32Array }, mask: Uint8Array): Coverage | null {
  let hair = 0;
  let skin = 0;
  let scar = 0;
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    hair += p.hair[i];
    skin += p.skin[i];
    scar += p.scar[i];
  }
  const tot = hair + skin + scar;
  return tot > 0 ? { hair: round4(hair / tot), skin: round4(skin / tot), scar: round4(scar / tot) } : null;
}

function headRegionBox(mask: Uint8Array, w: number, h: number): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + 1 > x1) x1 = x + 1;
      if (y + 1 > y1) y1 = y + 1;
    }
  }
  return x1 > x0 ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
