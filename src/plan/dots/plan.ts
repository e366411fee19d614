// The dot plan for one photo: scale, hairline, treatment field, layered dots with size and shade,
// and per-session numbers. A pure function of its input and seed.
import type { Segmentation } from '../../vision/image.js';
import { insideHairRim } from '../density/hair-rim.js';
import { insideSkullOutline } from '../density/skull-outline.js';
import { fitSkullEllipse, insideSkullEllipse } from '../density/skull-ellipse.js';
import { outsideRimPieces } from '../density/rim-pieces.js';
import { outsideOffColourPieces } from '../density/off-colour-pieces.js';
import { cellLinearRgb } from '../density/holes.js';
import { treatmentField, ZONE, ZONES, type TreatmentField, type TreatmentOverrides, type TreatmentZone } from '../density/treatment.js';
import { belowEightCmRule, givenHairline, proposeHairline, type HairlineInput } from '../hairline/propose.js';
import type { FaceLandmarks, HairlineDesign, Irregularity, Point } from '../hairline/types.js';
import type { ScaleCue } from '../scale/cues.js';
import { combineScale, type ScaleEstimate } from '../scale/estimate.js';
import { headCue, headExtent } from '../scale/head-size.js';
import { hairCoverage, prepareField } from '../density/prepare.js';
import { DEFAULT_TREATMENT } from '../density/treatment.js';
import type { PreparedField } from '../density/grid.js';
import { diameterFromNeedle, dotLook, shadeFromDilution } from './attributes.js';
import type { DensityGrid } from './density-grid.js';
import { placeDots, MIN_SPACING, type ExistingDots } from './place.js';

export type View = 'front' | 'top' | 'left' | 'right' | 'back' | 'closeup';

export interface Needle {
  /** Cartridge code as sold, e.g. "0603RL". */
  code: string;
  /** Needle (grouping) diameter in mm. */
  diameterMm: number;
  points?: number;
  configuration?: string;
}

export interface Dilution {
  /** N parts distilled water to 1 part pigment. */
  waterParts: number;
  /** "N:1". */
  label?: string;
}

/** One session as the recommendation gives it; densities are cumulative (after this session). */
export interface SessionSpec {
  /** 0-based. */
  index: number;
  /** Cumulative dots/cm² on fully treated (bald) scalp after this session. */
  densityPerCm2: number;
  /** Cumulative dots/cm² for the hairline band and scars, when they differ from the fill. */
  zoneDensityPerCm2?: Partial<Record<'hairline' | 'scar', number>>;
  dilution: Dilution;
  needle: Needle;
  /**
   * The hairline's and the scar's own needle and dilution (the recommendation's per zone): their dots
   * take that size and shade. Without them a hairline dot is the fill's, finer and lighter by a fixed
   * factor (attributes.ts), and a scar dot the fill's.
   */
  zoneTools?: Partial<Record<'hairline' | 'scar', { needle: Needle; dilution: Dilution }>>;
  /** Healed dot diameter (mm); default: needle diameter × 2.4 ink spread (attributes.ts). */
  dotDiameterMm?: number;
  /** Healed darkness 0..1; default: from the dilution. */
  shade?: number;
}

/** A session's cumulative density for a zone: the hairline's and the scar's own when given, else the fill's. */
export function sessionZoneDensity(s: Pick<SessionSpec, 'densityPerCm2' | 'zoneDensityPerCm2'>, zone: 'fill' | 'hairline' | 'scar'): number {
  return zone === 'fill' ? s.densityPerCm2 : (s.zoneDensityPerCm2?.[zone] ?? s.densityPerCm2);
}

export interface PlanOptions {
  treatment?: TreatmentOverrides;
  /** How far (mm) the first session's hairline sits behind the designed one (conservative start). */
  firstSessionRaiseMm: number;
  irregularity?: Irregularity;
  /** Impressions a practitioner places per minute (~14,000 in a 4 h session). */
  impressionsPerMinute: number;
  /** Preparation, numbing and breaks per session (minutes). */
  setupMinutes: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { firstSessionRaiseMm: 5, impressionsPerMinute: 60, setupMinutes: 20 };

export interface PlanInput {
  /** The photo's size; with its pixels (an RgbImage), scalp-coloured holes in `head.mask` are filled. */
  image: { width: number; height: number; data?: Uint8Array };
  seg: Segmentation;
  view: View;
  /** Known scale: mm per pixel, or a full estimate; otherwise estimated from scaleCues and the head mask. */
  scale?: number | ScaleEstimate;
  scaleCues?: ScaleCue[];
  head?: {
    /** Head region (1 = head) at the photo's size. */
    mask?: Uint8Array;
    /** Clockwise rotation (degrees) that turned an upright photo into this one. */
    orientation?: 0 | 90 | 180 | 270;
    /** Unit image direction from the scalp towards the face (front/top) or neck (back/side); overrides orientation. */
    down?: Point;
  };
  landmarks?: FaceLandmarks;
  /** The person keeps their own frontal hairline (Norwood 1-3, female pattern): see proposeHairline. */
  keepOwnHairline?: boolean;
  /** ... and its frontotemporal angles (female pattern): see proposeHairline. */
  keepOwnTemples?: boolean;
  /** No session treats a hairline zone: the band behind the line is fill (treatmentField's hairlineBandIsFill). */
  hairlineBandIsFill?: boolean;
  sessions: SessionSpec[];
  /** A practitioner's hairline (replaces the proposal); null: no hairline limit. */
  hairline?: { points: Point[] } | null;
  /** Density changes: multipliers per zone. */
  densityOverrides?: { zoneFactor?: Partial<Record<Exclude<TreatmentZone, 'none'>, number>> };
  /** Dots already applied in earlier sessions (kept; their sessions are not re-planned). */
  existingDots?: ExistingDots;
  seed?: number;
  options?: Partial<PlanOptions>;
}

export interface PlanSession {
  index: number;
  /** Dots added in this session (in this photo). */
  dots: number;
  /** Dots after this session. */
  cumulativeDots: number;
  /** Target cumulative density on fully treated scalp (dots/cm²). */
  densityPerCm2: number;
  /** Achieved cumulative density per zone (dots/cm² over the zone's treated area). */
  achievedPerCm2: Partial<Record<Exclude<TreatmentZone, 'none'>, number>>;
  /**
   * What the density field asks of each zone over the same area: the zone's density times its mean
   * fraction. Below `densityPerCm2` (and the hairline's and scar's own densities) where the zone feathers
   * out, as a soft hairline does; compare achieved with this, not with the zone's full density.
   */
  plannedPerCm2: Partial<Record<Exclude<TreatmentZone, 'none'>, number>>;
  dilution: Dilution;
  needle: Needle;
  dotDiameterMm: number;
  shade: number;
  /** Set-up plus needle time for this session's dots in this photo's area; 0 when it adds none here. */
  estimatedMinutes: number;
}

export interface PlanDots {
  /** Image pixels. */
  x: Float32Array;
  y: Float32Array;
  /** Session (0-based) that adds the dot; ordered by session. */
  session: Uint8Array;
  /** Healed impression diameter (mm). */
  sizeMm: Float32Array;
  /** Healed darkness 0..1. */
  shade: Float32Array;
  /** Treatment zone code (density/treatment.ts ZONE). */
  zone: Uint8Array;
}

export interface Plan {
  view: View;
  width: number;
  height: number;
  seed: number;
  scale: ScaleEstimate;
  /** The designed hairline (null where the view shows none). */
  hairline: HairlineDesign | null;
  /** How far each session's hairline sits behind the designed one (mm). */
  hairlineRaiseMm: number[];
  sessions: PlanSession[];
  totalDots: number;
  dots: PlanDots;
  /** Area per zone with any treatment after the last session (cm², as seen in this photo). */
  areaCm2: Record<Exclude<TreatmentZone, 'none'>, number>;
  /** Minimum distance between dots, as a multiple of 1/sqrt(density). */
  minSpacing: number;
  /** Of the dots given as already tattooed: how many were given, and how many could not be kept (see PlacedDots). */
  existingDots: { given: number; outside: number; crowded: number } | null;
  /** Skin left out of the head beyond its rim of hair (top views; a hand, a shoulder), cm²; 0 when none. */
  scalpLeftOutCm2: number;
  /** Non-JSON working data for the renderers. */
  field: TreatmentField;
}

/** Unit direction towards the face/neck for a photo turned clockwise by `orientation`. */
export function downFor(orientation: 0 | 90 | 180 | 270 = 0): Point {
  return ({ 0: [0, 1], 90: [-1, 0], 180: [0, -1], 270: [1, 0] } as const)[orientation] as Point;
}

function checkSessions(sessions: SessionSpec[]): void {
  if (sessions.length === 0) throw new RangeError('a plan needs at least one session');
  sessions.forEach((s, k) => {
    if (!(s.densityPerCm2 >= 0) || !Number.isFinite(s.densityPerCm2)) throw new RangeError(`sessions[${k}].densityPerCm2 must be >= 0, got ${s.densityPerCm2}`);
    if (s.densityPerCm2 > 400) throw new RangeError(`sessions[${k}].densityPerCm2 = ${s.densityPerCm2} is beyond any scalp (natural ~80-100 FU/cm²)`);
    if (!s.needle || !(s.needle.diameterMm > 0)) throw new RangeError(`sessions[${k}].needle.diameterMm must be positive`);
    if (!s.dilution || !(s.dilution.waterParts >= 0)) throw new RangeError(`sessions[${k}].dilution.waterParts must be >= 0`);
    for (const [zone, tool] of Object.entries(s.zoneTools ?? {})) {
      if (!tool?.needle || !(tool.needle.diameterMm > 0)) throw new RangeError(`sessions[${k}].zoneTools.${zone}.needle.diameterMm must be positive`);
      if (!tool.dilution || !(tool.dilution.waterParts >= 0) || !Number.isFinite(tool.dilution.waterParts)) throw new RangeError(`sessions[${k}].zoneTools.${zone}.dilution.waterParts must be >= 0`);
    }
  });
}

/** Scale from the given value, else from cues plus the head-size prior measured on the head mask. */
export function planScale(input: Pick<PlanInput, 'scale' | 'scaleCues' | 'view' | 'image'>, field: PreparedField, down: Point): ScaleEstimate {
  if (typeof input.scale === 'number') {
    if (!(input.scale > 0)) throw new RangeError(`scale must be a positive mm per pixel, got ${input.scale}`);
    return { mmPerPixel: input.scale, sigma: 0, relativeSigma: 0, source: 'given', cues: [] };
  }
  if (input.scale) return input.scale;
  const cues = [...(input.scaleCues ?? [])];
  const axis = Math.abs(down[1]) >= Math.abs(down[0]) ? (down[1] >= 0 ? 'down' : 'up') : down[0] >= 0 ? 'right' : 'left';
  const { grid } = field;
  const cells = headExtent(field.head, grid.width, grid.height, axis, input.view);
  const extent = cells && { ...cells, widthPx: cells.widthPx * grid.cellPx, lengthPx: cells.lengthPx * grid.cellPx };
  const cue = extent ? headCue(extent, input.view) : null;
  if (cue) cues.push(cue);
  return combineScale(cues, input.image);
}

/** Head cells left out before planning, and the rule reported for them (plan.scalp.rule). */
interface HeadCut {
  by: 'hair-rim' | 'skull-outline';
  head: Uint8Array;
  cut: number;
}

/**
 * A further cut (the skull ellipse, rim pieces) on top of the cut so far: its head, the cells of both,
 * and the first rule's name (the skull's outline where there was none).
 */
function withCut(so: HeadCut | null, next: { head: Uint8Array; cut: number }): HeadCut {
  return { by: so?.by ?? 'skull-outline', head: next.head, cut: (so?.cut ?? 0) + next.cut };
}

export function planDots(input: PlanInput): Plan {
  const { image, seg, view } = input;
  if (seg.width !== image.width || seg.height !== image.height) {
    throw new RangeError(`segmentation ${seg.width}x${seg.height} does not match the photo ${image.width}x${image.height}`);
  }
  checkSessions(input.sessions);
  const options: PlanOptions = { ...DEFAULT_PLAN_OPTIONS, ...input.options };
  const seed = input.seed ?? 1;
  const sessions = [...input.sessions].sort((a, b) => a.index - b.index);
  const down = input.head?.down ?? downFor(input.head?.orientation);

  let prepared = prepareField(seg, input.head?.mask, image.data ? { width: image.width, height: image.height, data: image.data } : undefined);
  // Top views: skin beyond the hair's rim (a hand, a shoulder) is no scalp; cut before the scale reads
  // the head's size from the mask and before the hairline is placed on it.
  const rim = view === 'top' ? insideHairRim(prepared, down) : null;
  // No rim to judge by (hair not found): skin far outside the skull (arms, shoulders) is cut instead.
  // Not where a rim was found and nothing lay beyond it: there the head mask holds hair, so its widest
  // disc is not the skull's breadth (tried on the 98 first top views: 19 cut, L4-001 95 cm² of crown, and
  // L5-010's and L4-027's hairlines moved onto the forehead).
  const skull = view === 'top' && !rim ? insideSkullOutline(prepared, down) : null;
  let headCut: HeadCut | null =
    rim && rim.cut > 0 ? { by: 'hair-rim', head: rim.head, cut: rim.cut } : skull && skull.cut > 0 ? { by: 'skull-outline', head: skull.head, cut: skull.cut } : null;
  if (headCut) prepared = { ...prepared, head: headCut.head };
  // Then, every top view: what lies well outside the skull's ellipse, fitted by consensus to the head's
  // edge (a shoulder, cloth or floor read as skin touching the head), goes too; reported as part of the
  // same cut (session 41, the 98 first top views: 43 plans changed, L7-005's shoulders, L2-003's cloth).
  const ellipse = view === 'top' ? insideSkullEllipse(prepared.head, prepared.grid.width, prepared.grid.height) : null;
  if (ellipse && ellipse.cut > 0) {
    headCut = withCut(headCut, ellipse);
    prepared = { ...prepared, head: ellipse.head };
  }
  // Bare pieces in the skull's rim band away from the face (an ear, cloth or a wall through the hair's
  // edge) are no scalp either (98 first top views: L3-057's red cloth, L4-021's wall, L3-029's arm).
  const rimPieces = ellipse ? outsideRimPieces(prepared, ellipse.fit.ellipse, down) : null;
  if (rimPieces && rimPieces.cut > 0) {
    headCut = withCut(headCut, rimPieces);
    prepared = { ...prepared, head: rimPieces.head };
  }
  const scale = planScale(input, prepared, down);
  const mmPerPixel = scale.mmPerPixel;
  const hair = hairCoverage(prepared, mmPerPixel, options.treatment?.hairWindowMm ?? DEFAULT_TREATMENT.hairWindowMm);

  let hairline: HairlineDesign | null = null;
  const cells = prepared.grid.width * prepared.grid.height;
  const hairlineInput: HairlineInput = {
    view,
    head: {
      mask: prepared.head,
      width: prepared.grid.width,
      height: prepared.grid.height,
      cellPx: prepared.grid.cellPx,
      hair,
      skinProb: prepared.probs.subarray(cells, 2 * cells),
      hairProb: prepared.probs.subarray(2 * cells, 3 * cells),
    },
    down,
    mmPerPixel,
    landmarks: input.landmarks,
    keepOwnHairline: input.keepOwnHairline,
    keepOwnTemples: input.keepOwnTemples,
    seed,
    irregularity: options.irregularity,
  };
  if (input.hairline) {
    // A line the practitioner drew is used as drawn; where the face gives the glabella, how far it sits
    // below the 8 cm rule is kept for a caution (a line 2-3 cm above the brows had passed in silence).
    const below = belowEightCmRule(input.hairline.points, hairlineInput);
    hairline = { ...givenHairline(input.hairline.points, down), ...(below ? { belowRule: below } : {}) };
  } else if (input.hairline === undefined) hairline = proposeHairline(hairlineInput);
  const hairlineRaiseMm = sessions.map((_, k) => (k === 0 && sessions.length > 1 ? options.firstSessionRaiseMm : 0));

  // Front views: bare pieces at the skull's rim away from the face (a wall, cloth beside the head) get no
  // dots; only the dots: the scale and the hairline keep the whole head, which they were measured on.
  const frontFit = view === 'front' ? fitSkullEllipse(prepared.head, prepared.grid.width, prepared.grid.height) : null;
  const frontPieces = frontFit ? outsideRimPieces(prepared, frontFit.ellipse, down) : null;
  if (frontPieces && frontPieces.cut > 0) headCut = withCut(headCut, frontPieces);
  let dotted = frontPieces && frontPieces.cut > 0 ? { ...prepared, head: frontPieces.head } : prepared;
  // Top and front views: bare pieces far from the scalp's colour and more saturated (a red cushion, an
  // orange wall read as skin) get no dots either; the dots only, like the front pieces.
  const colours = view === 'top' || view === 'front' ? (dotted.colours ?? (image.data ? cellLinearRgb({ width: image.width, height: image.height, data: image.data }, dotted.grid) : null)) : null;
  const offColour = colours ? outsideOffColourPieces(dotted, colours) : null;
  if (offColour && offColour.cut > 0) {
    headCut = withCut(headCut, offColour);
    dotted = { ...dotted, head: offColour.head };
  }
  const field = treatmentField({
    field: dotted,
    hair,
    view,
    mmPerPixel,
    down,
    hairline: hairline?.points ?? null,
    headCutBy: headCut?.by,
    hairlineRaiseMm,
    hairlineBandIsFill: input.hairlineBandIsFill,
    options: { ...options.treatment, zoneFactor: { ...options.treatment?.zoneFactor, ...input.densityOverrides?.zoneFactor } },
  });
  const { grid } = field;
  const n = grid.width * grid.height;

  // Density grids: fraction x the session's cumulative density for the cell's zone, in dots per px².
  const pxArea = (mmPerPixel * mmPerPixel) / 100; // cm² per px²
  const zoneDensity = (s: SessionSpec, z: number): number => sessionZoneDensity(s, z === ZONE.hairline ? 'hairline' : z === ZONE.scar ? 'scar' : 'fill');
  const grids: DensityGrid[] = [];
  for (let k = 0; k < sessions.length; k++) {
    const values = new Float32Array(n);
    const f = field.fraction[k];
    for (let c = 0; c < n; c++) {
      if (f[c] <= 0) continue;
      values[c] = f[c] * zoneDensity(sessions[k], field.zone[c]) * pxArea;
      // Cumulative: a session never asks for less than the one before.
      if (k > 0 && values[c] < grids[k - 1].values[c]) values[c] = grids[k - 1].values[c];
    }
    grids.push({ width: grid.width, height: grid.height, cellPx: grid.cellPx, values });
  }
  const placed = placeDots({ sessions: grids, region: field.region, seed, existing: input.existingDots });

  const count = placed.x.length;
  const dots: PlanDots = {
    x: placed.x,
    y: placed.y,
    session: placed.session,
    sizeMm: new Float32Array(count),
    shade: new Float32Array(count),
    zone: new Uint8Array(count),
  };
  // A healed dot's look from the needle and dilution that make it (the session's, or a zone's own).
  const lookOf = (tool: { needle: Needle; dilution: Dilution }) => ({ diameterMm: diameterFromNeedle(tool.needle.diameterMm), shade: shadeFromDilution(tool.dilution.waterParts) });
  const looks = sessions.map((s) => {
    const made = lookOf(s);
    return { diameterMm: s.dotDiameterMm ?? made.diameterMm, shade: s.shade ?? made.shade };
  });
  const hairlineLooks = sessions.map((s) => s.zoneTools?.hairline && lookOf(s.zoneTools.hairline));
  const scarLooks = sessions.map((s) => s.zoneTools?.scar && lookOf(s.zoneTools.scar));
  for (let i = 0; i < count; i++) {
    const c = placed.cell[i];
    const z = field.zone[c];
    dots.zone[i] = z;
    const k = Math.min(looks.length - 1, placed.session[i]);
    // A dot on its session's hairline edge is drawn with the hairline's needle, also where the first
    // session's raised edge lies behind the designed line (outside the final hairline zone).
    // Not where the band is fill: its soft edge only thins the fill out, in the fill's own look.
    const edge = !input.hairlineBandIsFill && (z === ZONE.hairline || field.hairlineEdge?.[k][c] === 1);
    const own = edge ? hairlineLooks[k] : z === ZONE.scar ? scarLooks[k] : undefined;
    const look = own ? dotLook(own, seed, placed.x[i], placed.y[i], false) : dotLook(looks[k], seed, placed.x[i], placed.y[i], edge);
    dots.sizeMm[i] = look.sizeMm;
    dots.shade[i] = look.shade;
  }

  // Per session: dots added, cumulative density achieved per zone over its treated area.
  const zoneArea = field.areaCm2;
  const planSessions: PlanSession[] = sessions.map((s, k) => {
    const perZone = new Float64Array(ZONES.length);
    let added = 0, cumulative = 0;
    for (let i = 0; i < count; i++) {
      if (placed.session[i] > k) continue;
      cumulative++;
      if (placed.session[i] === k) added++;
      perZone[dots.zone[i]]++;
    }
    const askedPerZone = new Float64Array(ZONES.length);
    const values = grids[k].values;
    const cellPx2 = grid.cellPx * grid.cellPx;
    for (let c = 0; c < n; c++) askedPerZone[field.zone[c]] += values[c] * cellPx2;
    const achievedPerCm2: PlanSession['achievedPerCm2'] = {};
    const plannedPerCm2: PlanSession['plannedPerCm2'] = {};
    for (const name of ['bald', 'thinning', 'scar', 'hairline'] as const) {
      if (zoneArea[name] <= 0) continue;
      achievedPerCm2[name] = perZone[ZONE[name]] / zoneArea[name];
      plannedPerCm2[name] = askedPerZone[ZONE[name]] / zoneArea[name];
    }
    return {
      index: s.index,
      dots: added,
      cumulativeDots: cumulative,
      densityPerCm2: s.densityPerCm2,
      achievedPerCm2,
      plannedPerCm2,
      dilution: { waterParts: s.dilution.waterParts, label: s.dilution.label ?? `${s.dilution.waterParts}:1` },
      needle: s.needle,
      dotDiameterMm: looks[k].diameterMm,
      shade: looks[k].shade,
      // no dots in this photo's area: 0, as the report's "—" (the set-up time alone read as a planned visit)
      estimatedMinutes: added === 0 ? 0 : Math.round(options.setupMinutes + added / options.impressionsPerMinute),
    };
  });

  return {
    view,
    width: image.width,
    height: image.height,
    seed,
    scale,
    hairline,
    hairlineRaiseMm,
    sessions: planSessions,
    totalDots: count,
    dots,
    areaCm2: field.areaCm2,
    minSpacing: MIN_SPACING,
    existingDots: input.existingDots ? { given: input.existingDots.x.length, ...placed.existingDropped } : null,
    scalpLeftOutCm2: ((headCut?.cut ?? 0) * (mmPerPixel * grid.cellPx) ** 2) / 100,
    field,
  };
}
