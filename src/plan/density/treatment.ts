// The treatment density field: where to pigment and how much, as a fraction (0..1) of full density
// per field cell and per session, with zones and count regions for the dot placer.
//
//   need      bald scalp 1, dense hair 0, thinning in between, from the local hair coverage;
//   hairline  front/top views: nothing in front of the hairline, a feathered ramp behind it (each
//             session may use a raised, conservative line);
//   scars     filled at the apparent density around them (scars.ts);
//   zones     bald, thinning, scar, hairline band; each connected piece of a zone is a count
//             region, so every zone ends with exactly the dots its density asks for.
import { positiveComponents } from '../dots/components.js';
import type { FieldGrid, PreparedField } from './grid.js';
import { hairBelow, nearestAxis, profileScalp, skullAboveNeck } from './scalp.js';
import { scarFill } from './scars.js';
import { signedDistance, type Point } from './signed-distance.js';

export const ZONES = ['none', 'bald', 'thinning', 'scar', 'hairline'] as const;
export type TreatmentZone = (typeof ZONES)[number];
export const ZONE: Record<TreatmentZone, number> = { none: 0, bald: 1, thinning: 2, scar: 3, hairline: 4 };

export interface TreatmentOptions {
  /** Local hair coverage at or below which scalp counts as bald (full treatment). */
  hairBald: number;
  /** Local hair coverage at or above which hair counts as dense (no treatment). */
  hairDense: number;
  /** Window (mm) over which hair coverage is averaged. */
  hairWindowMm: number;
  /** Width (mm) of the hairline's density ramp. */
  featherMm: number;
  /** Share of the ramp in front of the line: a few sparse dots ahead of it, like a natural hairline's outliers. */
  featherAhead: number;
  scarThreshold: number;
  /** Ring (mm) around a scar whose apparent density the scar is filled to. */
  scarRingMm: number;
  /** Scar pieces smaller than this (mm²) are no scar zone: specks of scar-like pixels (a 1 mm wide strip scar 1 cm long is 10). */
  scarMinAreaMm2: number;
  /** Back/side views: skin counts as scalp when hair lies this close below it (mm). */
  belowHairMm: number;
  /** Back/side views: gaps across the hair up to twice this wide (mm), with hair on both sides, count as hair. */
  belowHairGapMm: number;
  /**
   * Back views: the neck is looked for at least this far (mm) below the top of the head; the skull above
   * it is the scalp when the hair rule found under half of it and hair covers under a tenth of it
   * (skullAboveNeck).
   */
  neckBelowTopMm: number;
  /** Density multipliers per zone (practitioner overrides). */
  zoneFactor: Record<Exclude<TreatmentZone, 'none'>, number>;
}

export const DEFAULT_TREATMENT: TreatmentOptions = {
  hairBald: 0.2,
  hairDense: 0.8,
  hairWindowMm: 5,
  featherMm: 7,
  featherAhead: 0.15,
  scarThreshold: 0.5,
  scarRingMm: 4,
  scarMinAreaMm2: 10,
  belowHairMm: 120,
  belowHairGapMm: 10,
  neckBelowTopMm: 80,
  zoneFactor: { bald: 1, thinning: 1, scar: 1, hairline: 1 },
};

export interface TreatmentInput {
  /** Masks on the field grid (prepare.ts). */
  field: PreparedField;
  /** Local hair coverage per cell (prepare.ts hairCoverage, over hairWindowMm). */
  hair: Float32Array;
  view: string;
  mmPerPixel: number;
  /** Unit image direction from the scalp towards the face (front/top) or neck (back/sides). */
  down: Point;
  /** The hairline (front/top views); null or absent: no hairline limit. */
  hairline?: Point[] | null;
  /**
   * Top views: the head was already cut, to its rim of hair (hair-rim.ts) or, with no rim to judge by, to
   * the skull's outline (skull-outline.ts); recorded as the rule.
   */
  headCutBy?: 'hair-rim' | 'skull-outline';
  /** How far (mm) each session's hairline sits behind the drawn one; its length is the number of sessions. */
  hairlineRaiseMm: number[];
  /**
   * The band behind the hairline is fill (no session treats a hairline zone: a density plan, a woman's
   * own hairline): its cells keep their bald or thinning zone and the line only limits the treated area.
   * Default false: the band is the hairline zone, with its own density, needle and dilution.
   */
  hairlineBandIsFill?: boolean;
  options?: TreatmentOverrides;
}

export type TreatmentOverrides = Partial<Omit<TreatmentOptions, 'zoneFactor'>> & { zoneFactor?: Partial<TreatmentOptions['zoneFactor']> };

/**
 * What decided which head cells are scalp: the whole head (front, top and close-up views, where the
 * hairline limits it), the head within its rim of hair (top views where skin beyond the rim, a hand or a
 * shoulder, was left out: hair-rim.ts), the head within the skull's outline (top views with no rim of hair,
 * where skin far outside the skull was left out: skull-outline.ts), skin with hair below it (back and side views), the skull above
 * the neck (back views of shaved heads, whose hair is not found), or the skull above the profile's
 * hairline, ear and nape (side views of shaved heads).
 */
export type ScalpRule = 'head' | 'hair-rim' | 'skull-outline' | 'hair-below' | 'skull' | 'profile';

/** Unit image direction towards the face in a profile: a left view shows the face on the left of `down`. */
export function faceDirection(view: 'left' | 'right', down: Point): Point {
  return view === 'left' ? [0 - down[1], down[0]] : [down[1], 0 - down[0]]; // 0 - v: no -0
}

/** Cells of `region`, how many of them are in `inside`, and how many hold hair. */
function tally(region: Uint8Array, inside: Uint8Array, hairP: Float32Array): { cells: number; inside: number; hairy: number } {
  let cells = 0, within = 0, hairy = 0;
  for (let c = 0; c < region.length; c++) {
    if (!region[c]) continue;
    cells++;
    if (inside[c]) within++;
    if (hairP[c] >= 0.5) hairy++;
  }
  return { cells, inside: within, hairy };
}

export interface TreatmentField {
  grid: FieldGrid;
  scalpRule: ScalpRule;
  /** Per session, fraction of full density per cell (non-decreasing from session to session). */
  fraction: Float32Array[];
  /** Zone per cell (ZONE codes) after the last session. */
  zone: Uint8Array;
  /** Count region per cell and how many there are. */
  region: Int32Array;
  regions: number;
  /** Zone of each region. */
  regionZone: Uint8Array;
  /** Local hair coverage 0..1. */
  hair: Float32Array;
  head: Uint8Array;
  /** Class probabilities per cell (planar, see grid.ts). */
  probs: Float32Array;
  /** Signed distance to the hairline in mm (scalp side positive), when there is one. */
  hairlineMm: Float32Array | null;
  /**
   * Per session, 1 for the cells of that session's own hairline edge (its feathered ramp, where it is
   * treated): the first session's edge lies behind the designed line, outside the final hairline zone,
   * but is still the edge the hairline needle draws. Null without a hairline.
   */
  hairlineEdge: Uint8Array[] | null;
  /** Area (cm²) of each zone with any treatment after the last session. */
  areaCm2: Record<Exclude<TreatmentZone, 'none'>, number>;
}

const smoothstep = (t: number): number => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

export function treatmentField(input: TreatmentInput): TreatmentField {
  const o: TreatmentOptions = { ...DEFAULT_TREATMENT, ...input.options, zoneFactor: { ...DEFAULT_TREATMENT.zoneFactor, ...input.options?.zoneFactor } };
  const { mmPerPixel, hair } = input;
  const { grid, probs, head } = input.field;
  if (!(mmPerPixel > 0) || !Number.isFinite(mmPerPixel)) throw new RangeError(`mmPerPixel must be positive, got ${mmPerPixel}`);
  const sessions = input.hairlineRaiseMm.length;
  if (sessions < 1) throw new RangeError('hairlineRaiseMm must give one value per session (at least one)');
  if (!(o.hairDense > o.hairBald)) throw new RangeError(`hairDense (${o.hairDense}) must exceed hairBald (${o.hairBald})`);
  const n = grid.width * grid.height;
  if (hair.length !== n) throw new RangeError(`hair coverage has ${hair.length} cells, expected ${n}`);
  const mmPerCell = mmPerPixel * grid.cellPx;
  const skin = probs.subarray(n, 2 * n), hairP = probs.subarray(2 * n, 3 * n), scarP = probs.subarray(3 * n, 4 * n);

  // Scalp: where pigment may go before the hairline limit.
  let scalp = head;
  let scalpRule: ScalpRule = input.headCutBy ?? 'head';
  if (input.view === 'back' || input.view === 'left' || input.view === 'right') {
    scalpRule = 'hair-below';
    const axis = nearestAxis(input.down);
    scalp = hairBelow(head, hairP, grid, axis, Math.round(o.belowHairMm / mmPerCell), 0.5, Math.round(o.belowHairGapMm / mmPerCell));
    if (input.view === 'back') {
      // A shaved or buzzed head whose hair reads as skin: hair on under a tenth of the skull and the
      // hair rule finds under half of it as scalp. On the 98 back views of ../shared the shaved heads
      // (L5-007, L6-018, L6-026, the Norwood 7s) had 0-1 % hair; dark hair partly read as skin
      // (L2-021, L3-034, L5-027) 30-38 %, and must not be planned over.
      const skull = skullAboveNeck(head, grid, axis, Math.max(1, Math.round(o.neckBelowTopMm / mmPerCell)));
      const t = tally(skull, scalp, hairP);
      if (t.cells > 0 && t.inside < 0.5 * t.cells && t.hairy < 0.1 * t.cells) {
        // The skull alone: what the hair rule found outside it is on the ears or the neck (a stripe of
        // stubble down the nape, L7-012; ears between hair and a dark background, L4-030).
        scalp = skull;
        scalpRule = 'skull';
      }
    } else {
      // Profiles: the skull's outline bounds the scalp, above the hairline, the ear and the nape
      // (profileScalp). The hair rule left out the bald top above the face (no hair below it), and let a
      // beard put the cheeks above it into the scalp; it stays for profiles cut by the frame above.
      const skull = profileScalp(head, grid, axis, nearestAxis(faceDirection(input.view, input.down)));
      if (skull) {
        scalp = skull.scalp;
        scalpRule = 'profile';
      }
    }
  }

  const need = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    if (!scalp[c]) continue;
    // Pigment goes on skin showing through: cells that are mostly background inside the head
    // (shine read as background) count as skin.
    need[c] = Math.min(1, Math.max(0, (o.hairDense - hair[c]) / (o.hairDense - o.hairBald)));
    if (skin[c] + hairP[c] + scarP[c] < 0.05 && hair[c] > o.hairBald) need[c] = 0;
  }

  // Hairline: per session a ramp behind the (raised) line.
  let hairlineMm: Float32Array | null = null;
  const feather: Float32Array[] = [];
  if (input.hairline && input.hairline.length >= 2) {
    const maxRaise = Math.max(...input.hairlineRaiseMm);
    hairlineMm = signedDistance(input.hairline, input.down, grid, (o.featherMm + maxRaise + 2) / mmPerPixel);
    for (let c = 0; c < n; c++) hairlineMm[c] *= mmPerPixel;
    for (let s = 0; s < sessions; s++) {
      const f = new Float32Array(n);
      const start = input.hairlineRaiseMm[s] - o.featherAhead * o.featherMm;
      for (let c = 0; c < n; c++) f[c] = smoothstep((hairlineMm[c] - start) / o.featherMm);
      feather.push(f);
    }
  }

  // Scars: matched to what surrounds them (hair reads as full density). The ring reads hair per cell,
  // not the windowed coverage, which the scar itself would dilute.
  const apparent = new Float32Array(n);
  const last = sessions - 1;
  for (let c = 0; c < n; c++) apparent[c] = Math.max(Math.min(1, hairP[c] / o.hairDense), need[c] * (feather[last]?.[c] ?? 1));
  const scars = scarFill(scarP, apparent, head, grid, Math.max(1, Math.round(o.scarRingMm / mmPerCell)), o.scarThreshold, Math.ceil(o.scarMinAreaMm2 / (mmPerCell * mmPerCell)));

  // Zones after the last session.
  const zone = new Uint8Array(n);
  for (let c = 0; c < n; c++) {
    if (scars.label[c] >= 0) {
      if (scars.fill[scars.label[c]] > 0) zone[c] = ZONE.scar;
      continue;
    }
    const f = feather[last]?.[c] ?? 1;
    if (need[c] <= 0 || f <= 0) continue;
    zone[c] = f < 0.999 && !input.hairlineBandIsFill ? ZONE.hairline : need[c] >= 0.999 ? ZONE.bald : ZONE.thinning;
  }
  const factor = [0, o.zoneFactor.bald, o.zoneFactor.thinning, o.zoneFactor.scar, o.zoneFactor.hairline];
  for (const [i, v] of factor.entries()) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`zoneFactor for ${ZONES[i]} must be >= 0, got ${v}`);

  const fraction: Float32Array[] = [];
  for (let s = 0; s < sessions; s++) {
    const f = new Float32Array(n);
    for (let c = 0; c < n; c++) {
      const z = zone[c];
      if (z === ZONE.none) continue;
      // Scars follow the hairline limit too: no pigment on the face.
      const limit = feather[s]?.[c] ?? 1;
      const base = z === ZONE.scar ? scars.fill[scars.label[c]] : need[c];
      // base and limit are at most 1: a zone factor above 1 (up to 2, a practitioner's override) raises
      // the zone's density above the session's; capped at 1 it had been ignored on bald scalp.
      f[c] = base * limit * factor[z];
      if (s > 0 && f[c] < fraction[s - 1][c]) f[c] = fraction[s - 1][c];
    }
    fraction.push(f);
  }

  // Count regions: each connected piece of each zone.
  const region = new Int32Array(n);
  const regionZone: number[] = [ZONE.none];
  const indicator = new Float32Array(n);
  for (let z = 1; z < ZONES.length; z++) {
    for (let c = 0; c < n; c++) indicator[c] = zone[c] === z ? 1 : 0;
    const { label, count } = positiveComponents(grid.width, grid.height, indicator);
    const base = regionZone.length;
    for (let k = 0; k < count; k++) regionZone.push(z);
    for (let c = 0; c < n; c++) if (label[c] >= 0) region[c] = base + label[c];
  }

  const hairlineEdge = feather.length
    ? feather.map((f, k) => Uint8Array.from(f, (v, c) => (v > 0 && v < 0.999 && zone[c] !== ZONE.scar && fraction[k][c] > 0 ? 1 : 0)))
    : null;

  const areaCm2 = { bald: 0, thinning: 0, scar: 0, hairline: 0 };
  const cellCm2 = (mmPerCell * mmPerCell) / 100;
  for (let c = 0; c < n; c++) if (fraction[last][c] > 0) areaCm2[ZONES[zone[c]] as keyof typeof areaCm2] += cellCm2;
  return { grid, scalpRule, fraction, zone, region, regions: regionZone.length, regionZone: Uint8Array.from(regionZone), hair, head, probs, hairlineMm, hairlineEdge, areaCm2 };
}
