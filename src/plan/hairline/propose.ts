// A proposed frontal hairline for front and top views, from face landmarks when given, else from the
// head outline. Rules (DOMAIN.md, hairline design): mid-frontal point about 8 cm (four fingerbreadths)
// above the glabella; frontotemporal angle on the vertical through the lateral canthus, a little
// higher than the mid-frontal point (a mature, slightly recessed male pattern); temporal ends running
// back/down towards the ears. `raiseMm` moves every point towards the scalp: a conservative first
// session, lowered later. The line gets micro- and macro-irregularity from the seed.
import { findBrows } from './brows.js';
import { roughen } from './irregular.js';
import { smoothCurve } from './spline.js';
import { DEFAULT_IRREGULARITY, type FaceLandmarks, type HairlineDesign, type Irregularity, type Point, type RuleAnchor } from './types.js';

export interface HeadShape {
  /** Head region mask (1 = head), width x height cells of cellPx image pixels each. */
  mask: Uint8Array;
  width: number;
  height: number;
  cellPx: number;
  /** Local hair coverage 0..1 per cell, when known: anchors the line at the existing front edge of the hair. */
  hair?: Float32Array;
  /** Per-cell hair and skin probabilities, when known: front views look for the eyebrows. */
  hairProb?: Float32Array;
  skinProb?: Float32Array;
}

export interface HairlineRules {
  /** Mid-frontal point above the glabella (mm). */
  glabellaToHairlineMm: number;
  /** Frontotemporal angle above the mid-frontal point's level (mm). */
  temporalRecessMm: number;
  /** Top view: mid-frontal point in front of the head centre, as a fraction of head breadth. */
  topFrontOfCentre: number;
  /** Front view without landmarks: mid-frontal point below the top of the head, as a fraction of head breadth. */
  frontBelowTop: number;
  /**
   * Front views: share of a distance along the forehead that the photo shows. Consultation photos
   * are taken from in front and above, so the forehead curves away from the camera.
   */
  frontForeshortening: number;
  /** Front views: the mid-frontal point stays at least this many head breadths below the top of the head outline. */
  frontMinBelowTop: number;
}

export const DEFAULT_RULES: HairlineRules = {
  glabellaToHairlineMm: 80,
  temporalRecessMm: 10,
  // ~65 mm in front of the vertex on a 155 mm wide head: the forehead curves down steeply, so an 8 cm
  // rise along it projects to ~6-7 cm seen from above.
  topFrontOfCentre: 0.42,
  // Photos taken from the front and above: the hairline sits ~55-60 mm below the top of the outline.
  frontBelowTop: 0.37,
  frontForeshortening: 0.8,
  frontMinBelowTop: 0.12,
};

export interface HairlineInput {
  view: string;
  head: HeadShape;
  /** Unit image direction from the scalp towards the face (default: image down). */
  down?: Point;
  mmPerPixel: number;
  landmarks?: FaceLandmarks;
  /**
   * The person keeps their own frontal hairline (Norwood 1-3, female pattern): the design never runs
   * more than OWN_EDGE_MARGIN_MM in front of the existing front edge of the hair. The head-size rule
   * cannot tell forehead from bald scalp in a top view taken from in front, and put early stages'
   * lines on the forehead.
   */
  keepOwnHairline?: boolean;
  /**
   * With keepOwnHairline, the frontotemporal angles are kept too (female pattern: the whole frontal
   * hairline is kept by definition). A man's Norwood 2-3 keeps its mid-frontal line, but the receded
   * temples are the loss SMP treats: holding his corners at his own temple edge left them untreated
   * (a held-out Norwood 3 front view: 3,101 dots, then 240).
   */
  keepOwnTemples?: boolean;
  seed: number;
  /** Moves the whole line towards the scalp (mm): > 0 for a conservative first session. */
  raiseMm?: number;
  irregularity?: Irregularity;
  rules?: Partial<HairlineRules>;
}

const unit = (v: Point): Point => {
  const n = Math.hypot(v[0], v[1]);
  if (!(n > 0)) throw new RangeError(`direction must be non-zero, got [${v.join(', ')}]`);
  return [v[0] / n, v[1] / n];
};
const add = (a: Point, b: Point, k = 1): Point => [a[0] + k * b[0], a[1] + k * b[1]];

/** Head frame in image px: centre of the widest line across the upper head, that width, and the top of the head (along -down). */
export function headFrame(head: HeadShape, down: Point): { centre: Point; breadth: number; top: Point; bottom: Point } | null {
  const { mask, width, height, cellPx } = head;
  const lateral: Point = [-down[1], down[0]];
  // Project head pixels on the down axis, in 1 px bins; find the widest bin in the upper 70 %.
  let minD = Infinity, maxD = -Infinity;
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      if (!mask[y * width + x]) continue;
      const d = x * down[0] + y * down[1];
      if (d < minD) minD = d;
      if (d > maxD) maxD = d;
    }
  }
  if (!Number.isFinite(minD)) return null;
  const bins = Math.floor(maxD - minD) + 1;
  const lo = new Float64Array(bins).fill(Infinity), hi = new Float64Array(bins).fill(-Infinity);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!mask[y * width + x]) continue;
      const b = Math.floor(x * down[0] + y * down[1] - minD);
      const l = x * lateral[0] + y * lateral[1];
      if (l < lo[b]) lo[b] = l;
      if (l > hi[b]) hi[b] = l;
    }
  }
  let best = -1, bestW = 0;
  for (let b = 0; b < Math.max(1, Math.floor(0.7 * bins)); b++) {
    const w = hi[b] - lo[b];
    if (w > bestW) {
      bestW = w;
      best = b;
    }
  }
  if (best < 0) return null;
  const d = minD + best + 0.5, l = (lo[best] + hi[best]) / 2;
  // Cell coordinates to image pixels (cell centres).
  const px = (p: Point): Point => [(p[0] + 0.5) * cellPx, (p[1] + 0.5) * cellPx];
  const centreCells: Point = [d * down[0] + l * lateral[0], d * down[1] + l * lateral[1]];
  return {
    centre: px(centreCells),
    breadth: (bestW + 1) * cellPx,
    top: px(add(centreCells, down, minD - d)),
    bottom: px(add(centreCells, down, maxD - d)),
  };
}

/**
 * Top views: the frame of the cranium. The head mask (every non-background pixel) also holds the
 * forehead, face and shoulders when the camera looks past the front of the head, which widens the
 * widest line and moves it towards the face: the head-size rule then put the hairline on the nose. The
 * sides of the head carry hair at every Norwood stage (the horseshoe), so the widest line across the
 * hair gives the breadth and centre, when it spans at least `minShare` of the head's widest line.
 * The head's own top and bottom are kept (they bound the search for the front edge of the hair).
 */
export function topViewFrame(head: HeadShape, down: Point, minShare = 0.6): { centre: Point; breadth: number; top: Point; bottom: Point; from: 'hair' | 'head' } | null {
  const frame = headFrame(head, down);
  if (!frame) return null;
  if (head.hair) {
    const hairMask = new Uint8Array(head.mask.length);
    for (let c = 0; c < hairMask.length; c++) hairMask[c] = head.mask[c] && head.hair[c] >= 0.5 ? 1 : 0;
    const hair = headFrame({ ...head, mask: hairMask }, down);
    if (hair && hair.breadth >= minShare * frame.breadth) return { centre: hair.centre, breadth: hair.breadth, top: frame.top, bottom: frame.bottom, from: 'hair' };
  }
  return { ...frame, from: 'head' };
}

/**
 * The existing front edge of the hair on the head's midline: walking from the face end of the head
 * towards the crown, the first place with hair coverage >= 0.5 after at least `skinMm` of bare skin
 * (the forehead). Null when the midline shows no such edge (a bald front, or hair to the face).
 */
export function frontHairEdge(head: HeadShape, frame: { centre: Point; top: Point; bottom: Point }, down: Point, mmPerPixel: number, skinMm = 12): Point | null {
  const { hair, mask, width, height, cellPx } = head;
  if (!hair) return null;
  const lateral: Point = [-down[1], down[0]];
  const halfBand = 4 / mmPerPixel; // average across +-4 mm of the midline
  const step = cellPx;
  let bare = 0;
  const toBottom = (frame.bottom[0] - frame.centre[0]) * down[0] + (frame.bottom[1] - frame.centre[1]) * down[1];
  const toTop = (frame.top[0] - frame.centre[0]) * down[0] + (frame.top[1] - frame.centre[1]) * down[1];
  for (let t = toBottom; t > toTop; t -= step) {
    const p = add(frame.centre, down, t);
    let sum = 0, count = 0;
    for (let u = -halfBand; u <= halfBand; u += step) {
      const q = add(p, lateral, u);
      const cx = Math.floor(q[0] / cellPx), cy = Math.floor(q[1] / cellPx);
      if (cx < 0 || cy < 0 || cx >= width || cy >= height || !mask[cy * width + cx]) continue;
      sum += hair[cy * width + cx];
      count++;
    }
    if (count === 0) continue;
    const h = sum / count;
    if (h < 0.35) bare += step * mmPerPixel;
    else if (h >= 0.5 && bare >= skinMm) {
      // A real front edge has hair behind it for a while; a thin band (eyebrows) does not.
      if (hairRunMm(t) >= 15) return p;
      bare = 0;
    }
  }
  return null;

  function hairRunMm(from: number): number {
    let run = 0;
    for (let t = from; t > toTop; t -= step) {
      const q = add(frame.centre, down, t);
      const cx = Math.floor(q[0] / cellPx), cy = Math.floor(q[1] / cellPx);
      if (cx < 0 || cy < 0 || cx >= width || cy >= height || hair![cy * width + cx] < 0.4) break;
      run += step * mmPerPixel;
    }
    return run;
  }
}

/**
 * Where the hair still reaches further towards the face than the rule's mid-frontal point, the line
 * follows the hair (a hairline at the person's own front edge is never too low): the moved point and
 * how far it moved, or null when the rule stands.
 */
function followHairEdge(edge: Point | null, down: Point, mid: Point, mmPerPixel: number): { mid: Point; aheadMm: number } | null {
  if (!edge) return null;
  const ahead = (edge[0] - mid[0]) * down[0] + (edge[1] - mid[1]) * down[1];
  return ahead > 0 ? { mid: add(mid, down, ahead), aheadMm: ahead * mmPerPixel } : null;
}

/** How far (mm) a kept hairline may run in front of the person's own front edge: the feather's width, no more. */
export const OWN_EDGE_MARGIN_MM = 5;
/**
 * Top views: a front edge of the hair lies in front of the head centre (the vertex); an "edge" behind
 * it is the far side of a thin crown or parting, seen through hair that runs to the edge of the photo.
 * In 24 top views of the dataset, real front edges lay 0.19-0.46 head breadths in front of the centre
 * and the one crown edge 0.25 behind it.
 */
const OWN_EDGE_MIN_AHEAD = 0;

/**
 * With `keepOwnHairline`, a mid-frontal point more than OWN_EDGE_MARGIN_MM in front of the existing
 * front edge of the hair moves back to that margin: the moved point and how far it moved, or null.
 */
function keepOwnEdge(input: HairlineInput, frame: { centre: Point; breadth: number }, edge: Point | null, down: Point, mid: Point): { mid: Point; backMm: number } | null {
  if (!input.keepOwnHairline || !edge) return null;
  const aheadOfCentre = (edge[0] - frame.centre[0]) * down[0] + (edge[1] - frame.centre[1]) * down[1];
  if (input.view === 'top' && aheadOfCentre < OWN_EDGE_MIN_AHEAD * frame.breadth) return null;
  const limit = add(edge, down, OWN_EDGE_MARGIN_MM / input.mmPerPixel);
  const ahead = (mid[0] - limit[0]) * down[0] + (mid[1] - limit[1]) * down[1];
  return ahead > 0 ? { mid: add(mid, down, -ahead), backMm: ahead * input.mmPerPixel } : null;
}

/**
 * With `keepOwnTemples`, a frontotemporal angle more than OWN_EDGE_MARGIN_MM in front of the hair's own
 * front edge at its place across the head (a woman's receded temple corner, kept, not redrawn) moves back
 * to that margin; the mid-frontal point alone was held back before, and the corners were planned on bare
 * temples. Returns the point and how far it moved (0 when it stays).
 */
function keepOwnTemple(input: HairlineInput, frame: { centre: Point; top: Point; bottom: Point; breadth: number } | null, down: Point, p: Point): { p: Point; backMm: number } {
  if (!input.keepOwnHairline || !input.keepOwnTemples || !frame) return { p, backMm: 0 };
  // the mid-frontal point's rule (keepOwnEdge), on the frame moved across the head to the corner
  const lateral: Point = [-down[1], down[0]];
  const across = (p[0] - frame.centre[0]) * lateral[0] + (p[1] - frame.centre[1]) * lateral[1];
  const shift = (q: Point): Point => add(q, lateral, across);
  const shifted = { ...frame, centre: shift(frame.centre), top: shift(frame.top), bottom: shift(frame.bottom) };
  const kept = keepOwnEdge(input, shifted, frontHairEdge(input.head, shifted, down, input.mmPerPixel), down, p);
  return kept ? { p: kept.mid, backMm: kept.backMm } : { p, backMm: 0 };
}

/** A note on temple corners held back to the person's own hairline, or none. */
function templeNote(moved: number[]): string[] {
  const back = moved.filter((m) => m >= 0.5); // as printed: no "held 0 mm back"
  return back.length ? [`frontotemporal angle${back.length > 1 ? 's' : ''} held ${back.map((m) => m.toFixed(0)).join(' and ')} mm back, ${OWN_EDGE_MARGIN_MM} mm in front of the person's own temple hairline, which is kept`] : [];
}

/** The eye line's direction and up (perpendicular to it, on the side away from `down`, the face). */
function faceAxes(lm: FaceLandmarks, down: Point): { eye: Point; up: Point } {
  const eye = unit([lm.rightCanthus[0] - lm.leftCanthus[0], lm.rightCanthus[1] - lm.leftCanthus[1]]);
  let up: Point = [eye[1], -eye[0]];
  if (up[0] * down[0] + up[1] * down[1] > 0) up = [-up[0], -up[1]];
  return { eye, up };
}

/** The eyebrows in a front view's masks, when the per-cell hair and skin probabilities are known. */
function browsOf(input: HairlineInput, midline: Point, down: Point): ReturnType<typeof findBrows> | null {
  const { hairProb, skinProb } = input.head;
  return hairProb && skinProb
    ? findBrows({ hairProb, skinProb, head: input.head.mask, width: input.head.width, height: input.head.height, cellPx: input.head.cellPx, midline, down, mmPerPixel: input.mmPerPixel })
    : null;
}

/**
 * A front view's mid-frontal point by head size alone: frontBelowTop head breadths below the top of the
 * head, on the head's centre line.
 */
function headSizeFrontMid(frame: { centre: Point; breadth: number; top: Point }, down: Point, rules: HairlineRules): Point {
  const lateral: Point = [-down[1], down[0]];
  const midLine = add(frame.top, lateral, (frame.centre[0] - frame.top[0]) * lateral[0] + (frame.centre[1] - frame.top[1]) * lateral[1]);
  return add(midLine, down, rules.frontBelowTop * frame.breadth);
}

/**
 * A drawn hairline lower than this (mm, as the photo shows the forehead) below the 8 cm rule's
 * mid-frontal point gets a caution: DOMAIN.md, "never too low", and a hairline can be lowered later but
 * never raised. 15 mm leaves room for a face whose forehead is short or a line drawn a little forward;
 * against head size alone (no face found), which itself sat 2 cm low on L5-014, 30 mm.
 */
export const LOW_HAIRLINE_MARGIN_MM: Record<RuleAnchor, number> = { landmarks: 15, eyebrows: 15, 'head-size': 30 };

/**
 * How far (mm in the photo) the middle of a hairline lies below the mid-frontal point of the 8 cm rule
 * (glabellaToHairlineMm above the glabella, foreshortened as the photo shows it) in a front view: from
 * the face landmarks, else the eyebrows in the masks, else the head-size rule (frontBelowTop); negative
 * above it. Null for other views (a top view's head-size rule is centimetres off) or no head outline.
 */
export function belowEightCmRule(points: Point[], input: HairlineInput): { mm: number; anchor: RuleAnchor } | null {
  if (input.view !== 'front' || points.length === 0) return null;
  const rules = { ...DEFAULT_RULES, ...input.rules };
  const rise = (rules.glabellaToHairlineMm * rules.frontForeshortening) / input.mmPerPixel;
  let rule: Point, faceDown: Point, anchor: RuleAnchor;
  if (input.landmarks) {
    const { up } = faceAxes(input.landmarks, input.down ?? [0, 1]);
    faceDown = [-up[0], -up[1]];
    [rule, anchor] = [add(input.landmarks.glabella, faceDown, -rise), 'landmarks'];
  } else {
    faceDown = unit(input.down ?? [0, 1]);
    const frame = headFrame(input.head, faceDown);
    if (!frame) return null;
    const brows = browsOf(input, frame.centre, faceDown);
    if (brows) [rule, anchor] = [add(brows.glabella, faceDown, -rise), 'eyebrows'];
    // no face to measure from: the head-size rule's point, as designPoints places it
    else [rule, anchor] = [headSizeFrontMid(frame, faceDown, rules), 'head-size'];
  }
  // The line's middle, over the rule's point: its temporal ends run down the sides of a front view.
  const across = (p: Point): number => Math.abs((p[0] - rule[0]) * -faceDown[1] + (p[1] - rule[1]) * faceDown[0]);
  const near = Math.min(...points.map(across)) + MID_BAND_MM / input.mmPerPixel;
  const lowest = Math.max(...points.filter((p) => across(p) <= near).map((p) => (p[0] - rule[0]) * faceDown[0] + (p[1] - rule[1]) * faceDown[1]));
  return { mm: lowest * input.mmPerPixel, anchor };
}

/** Half-width (mm) of the band over the glabella in which a hairline's middle is read. */
const MID_BAND_MM = 10;

/** The five design points (temporal end, frontotemporal, mid-frontal, frontotemporal, temporal end), image-left to image-right. */
export function designPoints(input: HairlineInput): { control: Point[]; method: HairlineDesign['method']; notes: string[]; caution?: string } | null {
  const rules = { ...DEFAULT_RULES, ...input.rules };
  const mm = 1 / input.mmPerPixel;
  const lm = input.landmarks;
  if (lm && input.view === 'front') {
    const { eye, up } = faceAxes(lm, input.down ?? [0, 1]);
    // The 8 cm run along the forehead curves back from the camera: the photo shows part of it.
    let mid = add(lm.glabella, up, rules.glabellaToHairlineMm * rules.frontForeshortening * mm);
    const notes = [
      `mid-frontal point ${rules.glabellaToHairlineMm} mm above the glabella (face landmarks), ${rules.frontForeshortening} of it seen in the photo; frontotemporal angles over the lateral canthi, ${rules.temporalRecessMm} mm higher`,
    ];
    const faceDown: Point = [-up[0], -up[1]];
    const frame = headFrame(input.head, faceDown);
    // A hairline sits on the forehead, never at the top of the outline (a face seen close up, or
    // a short forehead): keep it frontMinBelowTop head breadths below the top.
    if (frame) {
      const lowest = (frame.top[0] - mid[0]) * faceDown[0] + (frame.top[1] - mid[1]) * faceDown[1] + rules.frontMinBelowTop * frame.breadth;
      if (lowest > 0) {
        mid = add(mid, faceDown, lowest);
        notes[0] = `mid-frontal point ${rules.frontMinBelowTop} head breadths below the top of the head: the ${rules.glabellaToHairlineMm} mm rule from the glabella (face landmarks) would place it at the edge of the head; frontotemporal angles over the lateral canthi`;
      }
    }
    // The hair's front edge, found once: the line follows it forward, and a kept hairline stays near it.
    const edge = frame && frontHairEdge(input.head, frame, faceDown, input.mmPerPixel);
    const followed = followHairEdge(edge, faceDown, mid, input.mmPerPixel);
    if (followed) {
      mid = followed.mid;
      notes[0] = `mid-frontal point at the existing front edge of the hair, ${followed.aheadMm.toFixed(0)} mm below the 8 cm rule from the glabella (face landmarks); frontotemporal angles over the lateral canthi`;
    }
    const kept = frame && keepOwnEdge(input, frame, edge, faceDown, mid);
    if (kept) {
      mid = kept.mid;
      notes[0] = `mid-frontal point ${OWN_EDGE_MARGIN_MM} mm in front of the person's own hairline, which is kept: ${kept.backMm.toFixed(0)} mm above the 8 cm rule from the glabella (face landmarks); frontotemporal angles over the lateral canthi`;
    }
    const heightOf = (p: Point): number => (p[0] - lm.glabella[0]) * up[0] + (p[1] - lm.glabella[1]) * up[1];
    const temple = (c: Point): Point => add(c, up, heightOf(mid) - heightOf(c) + rules.temporalRecessMm * mm);
    const keptL = keepOwnTemple(input, frame, faceDown, temple(lm.leftCanthus));
    const keptR = keepOwnTemple(input, frame, faceDown, temple(lm.rightCanthus));
    const tl = keptL.p, tr = keptR.p;
    // Temporal ends: 14 mm further out and 30 mm down the sides, towards the ears.
    const side = (t: Point, dir: number): Point => add(add(t, eye, dir * 14 * mm), up, -30 * mm);
    return {
      control: [side(tl, -1), tl, mid, tr, side(tr, 1)],
      method: 'landmarks',
      notes: [...notes, ...templeNote([keptL.backMm, keptR.backMm])],
    };
  }
  if (input.view !== 'front' && input.view !== 'top') return null;
  const down = unit(input.down ?? [0, 1]);
  const frame = input.view === 'top' ? topViewFrame(input.head, down) : headFrame(input.head, down);
  if (!frame) return null;
  const lateral: Point = [-down[1], down[0]];
  const W = frame.breadth;
  // Image-left first: lateral points to image-left when down is image-down.
  const leftward = lateral[0] <= 0 ? 1 : -1;
  let mid: Point, notes: string[];
  let method: HairlineDesign['method'] = 'head-geometry';
  if (input.view === 'top') {
    mid = add(frame.centre, down, rules.topFrontOfCentre * W);
    notes = [`mid-frontal point ${(rules.topFrontOfCentre * W * input.mmPerPixel).toFixed(0)} mm in front of the head's centre, placed by head size (no face to measure from)`];
  } else {
    mid = headSizeFrontMid(frame, down, rules);
    notes = [`mid-frontal point ${(rules.frontBelowTop * W * input.mmPerPixel).toFixed(0)} mm below the top of the head, placed by head size (no face to measure from)`];
    const brows = browsOf(input, frame.centre, down);
    if (brows) {
      mid = add(brows.glabella, down, -rules.glabellaToHairlineMm * rules.frontForeshortening * mm);
      method = 'eyebrows';
      notes = [`mid-frontal point ${rules.glabellaToHairlineMm} mm above the glabella (found at eyebrow level in the masks), ${rules.frontForeshortening} of it seen in the photo`];
    }
  }
  const edge = frontHairEdge(input.head, frame, down, input.mmPerPixel);
  const followed = followHairEdge(edge, down, mid, input.mmPerPixel);
  if (followed) {
    mid = followed.mid;
    notes = [`mid-frontal point at the existing front edge of the hair, ${followed.aheadMm.toFixed(0)} mm further forward than head size alone would place it`];
  }
  const kept = keepOwnEdge(input, frame, edge, down, mid);
  if (kept) {
    mid = kept.mid;
    notes = [`mid-frontal point ${OWN_EDGE_MARGIN_MM} mm in front of the person's own hairline, which is kept: ${kept.backMm.toFixed(0)} mm behind where ${method === 'eyebrows' ? 'the eyebrows' : 'head size alone'} would place it`];
  }
  // A line read by head size alone: nothing in the photo says where the forehead ends (a face the
  // detector missed, hair cut short to the brows; a top view shows no brows at all, and its head centre
  // moves with the hair left: L5-014's line sat 2 cm low, L4-012's 3.5 cm back). A line that follows
  // the hair, or keeps the person's own, is anchored.
  let caution: string | undefined;
  if (input.view === 'front' && method === 'head-geometry' && !followed && !kept) {
    const cut = touchesEdge(input.head, frame.top);
    caution =
      'No face or eyebrows were found in this front photo, so the hairline was placed by head size alone' +
      (cut ? ', measured from a head whose top is cut off by the photo (the line then sits too low)' : '') +
      ': check it on the client, or draw it, before using this plan.';
  } else if (input.view === 'top' && !followed && !kept) {
    caution =
      'A top view shows no brows to measure from, so the hairline was placed by head size alone (it can sit ' +
      'centimetres too low or too far back): check it on the client, or draw it, before using this plan.';
  }
  // Frontotemporal angles ~0.31 W to each side (the lateral canthi of a 155 mm head), recessed back.
  const ft = (s: number): Point => add(add(mid, lateral, s * leftward * 0.31 * W), down, -rules.temporalRecessMm * mm);
  // Temporal ends: towards the ears, back along the sides (top view) or down the sides (front view).
  const end = (s: number): Point =>
    input.view === 'top'
      ? add(add(mid, lateral, s * leftward * 0.47 * W), down, -0.3 * W)
      : add(add(mid, lateral, s * leftward * 0.46 * W), down, 0.1 * W);
  // a temple corner held back moves its temporal end back with it
  const corner = (s: number) => {
    const k = keepOwnTemple(input, frame, down, ft(s));
    return { ft: k.p, end: add(end(s), down, -k.backMm / input.mmPerPixel), backMm: k.backMm };
  };
  const l = corner(1), r = corner(-1);
  return { control: [l.end, l.ft, mid, r.ft, r.end], method, notes: [...notes, ...templeNote([l.backMm, r.backMm])], ...(caution ? { caution } : {}) };
}

/** Whether an image point lies in the outer cell of the head grid: the head runs off the photo there. */
function touchesEdge(head: HeadShape, p: Point): boolean {
  const cx = Math.floor(p[0] / head.cellPx), cy = Math.floor(p[1] / head.cellPx);
  return cx <= 0 || cy <= 0 || cx >= head.width - 1 || cy >= head.height - 1;
}

/** Proposes the hairline, or null for views that do not show the frontal hairline. */
export function proposeHairline(input: HairlineInput): HairlineDesign | null {
  if (!(input.mmPerPixel > 0)) throw new RangeError(`mmPerPixel must be positive, got ${input.mmPerPixel}`);
  const design = designPoints(input);
  if (!design) return null;
  const down = unit(input.down ?? [0, 1]);
  const raise = ((input.raiseMm ?? 0) / input.mmPerPixel);
  const control = design.control.map((p) => add(p, down, -raise));
  const smooth = smoothCurve(control, Math.max(1, 1 / input.mmPerPixel));
  const points = roughen(smooth, input.mmPerPixel, input.irregularity ?? DEFAULT_IRREGULARITY, input.seed);
  const notes = [...design.notes];
  if (raise > 0) notes.push(`raised ${input.raiseMm} mm for a conservative session`);
  return { points, control, method: design.method, down, notes, ...(design.caution ? { caution: design.caution } : {}) };
}

/** The note a drawn hairline carries (the report shows it as the method, not again as a note). */
export const GIVEN_HAIRLINE_NOTE = 'hairline drawn by the practitioner';

/** A hairline drawn by hand (an edit): kept as given, only validated. */
export function givenHairline(points: Point[], down: Point = [0, 1]): HairlineDesign {
  if (points.length < 2) throw new RangeError(`a hairline needs at least 2 points, got ${points.length}`);
  for (const [i, p] of points.entries()) {
    if (p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) throw new RangeError(`hairline point ${i} must be two finite numbers`);
  }
  return { points: points.map((p) => [p[0], p[1]]), control: [], method: 'given', down: unit(down), notes: [GIVEN_HAIRLINE_NOTE] };
}
