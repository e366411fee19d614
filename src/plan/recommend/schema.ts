// The clinic table: every number the recommendation rules use, with the reason each default was
// chosen. A clinic supplies its own (validated here) and it then applies to its consultations.
import { z } from 'zod';

export const ITA_CATEGORY_NAMES = ['very light', 'light', 'intermediate', 'tan', 'brown', 'dark'] as const;
export const HAIR_GROUPS = ['black', 'dark brown', 'brown', 'light', 'grey'] as const;
export const ZONES = ['hairline', 'fill', 'scar'] as const;
export const GOALS = ['shaved-look', 'density', 'scar-camouflage'] as const;

// Every text of a table has a length limit: the report prints pigment names, needle codes and reasons, and
// a needle code of 30,000 characters, wrapped into its table cell a few letters a line, took an analysis
// past its time limit and the process to 3.4 GB (every clinic then got 503 overloaded).
/** The densest a session may be planned (dots/cm²): the plan edit's limit too. */
export const MAX_PLANNED_DENSITY = 200;

export const TABLE_TEXT_LIMITS = { code: 32, id: 64, name: 100, reason: 1000, notes: 1000, description: 2000 } as const;

const reason = z.string().trim().min(3, 'say why this value was chosen').max(TABLE_TEXT_LIMITS.reason);
const fraction = z.number().min(0).max(1);
const goalScale = z.number().gt(0, 'a goal must place dots: densityScale must be above 0').max(1);

/** Needle gauge of a cartridge code ("08" of "0803RL") and the diameters it stands for (DOMAIN.md: 6 = 0.18–0.20 mm, 8 = 0.25, 10 = 0.30). */
export const NEEDLE_GAUGE_MM: Record<string, [number, number]> = { '06': [0.18, 0.2], '08': [0.25, 0.25], '10': [0.3, 0.3], '12': [0.35, 0.35] };

export const NeedleSchema = z
  .strictObject({
    /** Cartridge code as sold, e.g. "0601RL" (gauge 06 = 0.18–0.20 mm, 01 needle, round liner). */
    code: z.string().trim().min(1).max(TABLE_TEXT_LIMITS.code),
    // SMP places single impressions: 1- or 3-point groupings (DOMAIN.md); a 15-point magnum shades, it does not dot
    points: z.number().int().min(1).max(5),
    // DOMAIN.md: 0.18–0.30 mm; a little either side for other makers' gauges
    diameterMm: z.number().min(0.15).max(0.4),
    configuration: z.enum(['round liner', 'round shader', 'magnum']),
  })
  .superRefine((n, ctx) => {
    // A code in the usual form (gauge, count, "RL") must say what the other fields say: "0803RL" with 0.5 mm
    // and 15 points was taken, and printed as the needle to use.
    const m = /^(\d{2})(\d{2})(RL|RS|M1|RM)?$/i.exec(n.code);
    if (!m) return;
    const mm = NEEDLE_GAUGE_MM[m[1]];
    if (mm && (n.diameterMm < mm[0] - 0.005 || n.diameterMm > mm[1] + 0.005)) {
      ctx.addIssue({ code: 'custom', path: ['diameterMm'], message: `code ${n.code} is gauge ${m[1]} (${mm[0] === mm[1] ? mm[0] : `${mm[0]}–${mm[1]}`} mm), not ${n.diameterMm} mm` });
    }
    if (Number(m[2]) !== n.points) ctx.addIssue({ code: 'custom', path: ['points'], message: `code ${n.code} has ${Number(m[2])} point(s), not ${n.points}` });
  });

export const PigmentSchema = z.strictObject({
  id: z.string().trim().min(1).max(TABLE_TEXT_LIMITS.id),
  name: z.string().trim().min(1).max(TABLE_TEXT_LIMITS.name),
  brand: z.string().trim().max(TABLE_TEXT_LIMITS.name).optional(),
  /** Healed-dot undertone the maker states. Cool (blue-based) blacks drift blue in the skin. */
  undertone: z.enum(['neutral', 'warm', 'cool']),
  /** Hair groups this pigment suits; empty = any. */
  hairGroups: z.array(z.enum(HAIR_GROUPS)).default([]),
  /** Skin categories (ITA) this pigment suits; empty = any. */
  skinCategories: z.array(z.enum(ITA_CATEGORY_NAMES)).default([]),
  notes: z.string().max(TABLE_TEXT_LIMITS.notes).optional(),
});

// DOMAIN.md's examples run 6 to about 20 and "more": 40 leaves room, 60 ×4 (240:1) was taken
const waterParts = z.number().min(0).max(40);

const dilutionRow = z.strictObject({
  itaCategory: z.enum(ITA_CATEGORY_NAMES),
  /** Water parts to 1 part pigment in the final session, per hair group. */
  waterParts: z.strictObject({
    black: waterParts,
    'dark brown': waterParts,
    brown: waterParts,
    light: waterParts,
    grey: waterParts,
  }),
  reason,
});

const needleRow = z.strictObject({
  needle: NeedleSchema,
  reason,
});

export const ClinicTableSchema = z
  .strictObject({
    id: z.string().trim().min(1).max(TABLE_TEXT_LIMITS.name),
    version: z.string().trim().min(1).max(TABLE_TEXT_LIMITS.name),
    description: z.string().max(TABLE_TEXT_LIMITS.description).optional(),
    naturalDensity: z.strictObject({
      /** Follicular units per cm² of a full natural scalp that the final session aims at (100 %). */
      // DOMAIN.md: 80–100 FU/cm², impressions about 1 mm apart (≈ 100/cm²)
      fuPerCm2: z.number().min(20).max(120),
      reason,
    }),
    /** Cumulative fraction of natural density after each session, in order. */
    densitySchedule: z
      .array(z.strictObject({ cumulativeFraction: fraction, reason }))
      .min(1)
      .max(8)
      .refine((s) => s.every((x, i) => i === 0 || x.cumulativeFraction >= s[i - 1].cumulativeFraction), 'densities must not fall from one session to the next')
      .refine((s) => s.length === 0 || s[0].cumulativeFraction > 0, 'the first session must place dots: its cumulativeFraction must be above 0'),
    /** Final fraction of the schedule's density per goal (1 = as scheduled; above 0: every goal places dots). */
    goals: z.strictObject({
      'shaved-look': z.strictObject({ densityScale: goalScale, reason }),
      density: z.strictObject({ densityScale: goalScale, reason }),
      'scar-camouflage': z.strictObject({ densityScale: goalScale, reason }),
    }),
    zones: z.strictObject({
      // DOMAIN.md: hairlines use finer, sparser points: never denser than the schedule
      hairline: z.strictObject({ densityFactor: z.number().min(0.1).max(1), reason }),
      fill: z.strictObject({ densityFactor: z.number().min(0.1).max(1.5), reason }),
      scar: z.strictObject({ densityFactor: z.number().min(0.1).max(1.5), reason }),
    }),
    hairGroups: z.strictObject({
      /** L* upper bounds: black < blackBelow ≤ dark brown < darkBrownBelow ≤ brown < brownBelow ≤ light. */
      blackBelow: z.number(),
      darkBrownBelow: z.number(),
      brownBelow: z.number(),
      /** Grey fraction at or above which the hair counts as grey. */
      // above 0: at 0 every head, black hair included, counted as grey (36:1)
      greyFractionAtLeast: z.number().min(0.05).max(1),
      reason,
    }),
    dilution: z.strictObject({
      rows: z.array(dilutionRow).length(6),
      /** Multiplier of the final water parts per session (session 1 lighter). Extra sessions reuse the last. */
      sessionMultipliers: z
        .array(z.number().min(0.5).max(2.5))
        .min(1)
        .refine((m) => m.every((x, i) => i === 0 || x <= m[i - 1]), 'session 1 is the lightest: each multiplier must be at or below the one before (DOMAIN.md: session 1 lighter, later sessions fill and darken)'),
      sessionReason: reason,
      /** Scar tissue: water parts multiplier (scar holds pigment less well). */
      scarMultiplier: z.number().min(0.3).max(3),
      scarReason: reason,
      /** Never go below this many water parts on brown/dark skin (blue shift risk). */
      // at least 1: undiluted black on dark skin risks a blue/green shift (DOMAIN.md)
      minWaterPartsDarkSkin: z.number().min(1, 'at least 1: undiluted black on brown or dark skin risks a blue/green shift').max(20),
      minWaterPartsDarkSkinReason: reason,
    }),
    needles: z.strictObject({
      hairline: needleRow,
      fill: z.strictObject({ default: needleRow, darkSkinDarkHair: needleRow, fairSkinLightHair: needleRow }),
      scar: z.strictObject({ punctate: needleRow, linear: needleRow, irregular: needleRow }),
    }),
    intervalDays: z.strictObject({
      // A year between sessions is past any practice (DOMAIN.md gives no interval: the default says so); 2e9 days was taken and printed.
      default: z.strictObject({ min: z.number().int().min(1).max(365), max: z.number().int().min(1).max(365), reason }),
      scar: z.strictObject({ min: z.number().int().min(1).max(365), max: z.number().int().min(1).max(365), reason }),
    }),
    scar: z.strictObject({
      /** Below this age (months) advise waiting. */
      // DOMAIN.md: scars at least 6–12 months old, camouflaged in 2–4 sessions
      minAgeMonths: z.number().min(6, 'at least 6: camouflage works on scars at least 6–12 months old').max(60),
      /** Sessions for scar areas (scar tissue holds pigment less well). */
      sessions: z.number().int().min(2, 'at least 2: scars are camouflaged in 2–4 sessions').max(8),
      reason,
    }),
    contrast: z.strictObject({
      /** ΔE00 hair-to-skin below this: low contrast; above high: high contrast. */
      low: z.number().min(0),
      high: z.number().min(0),
      reason,
    }),
    pigments: z.array(PigmentSchema).min(1),
    /** Pigment id used when no rule narrows the choice. */
    defaultPigment: z.string().trim().min(1).max(TABLE_TEXT_LIMITS.id),
  })
  .superRefine((t, ctx) => {
    const cats = new Set(t.dilution.rows.map((r) => r.itaCategory));
    if (cats.size !== ITA_CATEGORY_NAMES.length) ctx.addIssue({ code: 'custom', path: ['dilution', 'rows'], message: 'need exactly one row per ITA category' });
    if (!t.pigments.some((p) => p.id === t.defaultPigment)) ctx.addIssue({ code: 'custom', path: ['defaultPigment'], message: `no pigment with id "${t.defaultPigment}"` });
    if (new Set(t.pigments.map((p) => p.id)).size !== t.pigments.length) ctx.addIssue({ code: 'custom', path: ['pigments'], message: 'pigment ids must be unique' });
    const g = t.hairGroups;
    if (!(g.blackBelow < g.darkBrownBelow && g.darkBrownBelow < g.brownBelow)) ctx.addIssue({ code: 'custom', path: ['hairGroups'], message: 'need blackBelow < darkBrownBelow < brownBelow' });
    if (!(t.contrast.low < t.contrast.high)) ctx.addIssue({ code: 'custom', path: ['contrast'], message: 'need low < high' });
    for (const k of ['default', 'scar'] as const) {
      if (t.intervalDays[k].min > t.intervalDays[k].max) ctx.addIssue({ code: 'custom', path: ['intervalDays', k], message: 'min must not exceed max' });
    }
    // The densest a zone is planned must be one a plan edit can send back (its sessions take up to 200).
    for (const z of ['hairline', 'fill', 'scar'] as const) {
      const top = t.naturalDensity.fuPerCm2 * t.zones[z].densityFactor;
      if (top > MAX_PLANNED_DENSITY) ctx.addIssue({ code: 'custom', path: ['zones', z, 'densityFactor'], message: `naturalDensity.fuPerCm2 × ${z} densityFactor is ${Math.round(top * 10) / 10} dots/cm²: at most ${MAX_PLANNED_DENSITY}` });
    }
  });

export type ClinicTable = z.output<typeof ClinicTableSchema>;
export type ClinicTableInput = z.input<typeof ClinicTableSchema>;
export type Needle = z.output<typeof NeedleSchema>;
export type Pigment = z.output<typeof PigmentSchema>;
export type ItaCategoryName = (typeof ITA_CATEGORY_NAMES)[number];
export type HairGroup = (typeof HAIR_GROUPS)[number];
export type Zone = (typeof ZONES)[number];
export type Goal = (typeof GOALS)[number];

/** Validates a clinic's table; throws a readable error listing every problem. */
export function parseClinicTable(input: unknown): ClinicTable {
  const r = ClinicTableSchema.safeParse(input);
  if (!r.success) throw new ClinicTableError(z.prettifyError(r.error));
  return r.data;
}

export class ClinicTableError extends Error {
  override readonly name = 'ClinicTableError';
}
