// What a completed consultation answers (POST /v1/consultations, GET /v1/consultations/:id, a plan edit):
// the analysis as src/pipeline/consultation.ts makes it, with DESIGN.md §3's contract fields typed.
//
// These schemas also serialize the answers (fastify-type-provider-zod encodes every response with its
// schema, and a body that does not fit is answered 500), so they hold to what the pipeline really
// returns: every object is z.looseObject (keys not named here pass through unchanged), fields beyond the
// contract are optional, numbers carry bounds only where the pipeline's own type fixes them (integer
// scales), and the types at the end of this file fail to compile when a pipeline type drifts from them.
import { z } from 'zod';
import { VIEWS, ZONES as HEAD_ZONES } from '../../vision/geometry/types.js';
import { NORWOOD_STAGES } from '../../vision/norwood/types.js';
import type { LudwigGrade } from '../../vision/ludwig/grade.js';
import { ITA_CATEGORIES } from '../../vision/colour/ita.js';
import { MONK_MAX_DELTA_E00, type MonkShownField } from '../../vision/colour/monk.js';
import type { Undertone } from '../../vision/colour/undertone.js';
import type { Contrast, FusedHairColour, FusedSkinTone, HairShade } from '../../vision/colour/types.js';
import type { Severity } from '../../vision/quality/gate.js';
import type { FoundScar } from '../../vision/scars/find-scars.js';
import { SCAR_KINDS, type WarningSeverity } from '../../plan/recommend/types.js';
import { GOALS, HAIR_GROUPS, ZONES as PLAN_ZONES } from '../../plan/recommend/schema.js';
import type { ConsultationAnalysis } from '../../pipeline/consultation.js';
import type { PhotoAnalysis } from '../../pipeline/photo-task.js';
import { ORIENTATION_SURE, type UprightTurn } from '../../pipeline/plan-photo.js';

type MonkHiddenWhy = Extract<MonkShownField, { shown: false }>['why'];

/**
 * z.enum of every member of the union T: leaving one out is a compile error (`missing` names it), so a
 * value a pipeline type gains cannot reach a client as a 500 unnoticed.
 */
const enumOf =
  <T extends string>() =>
  <const V extends readonly [T, ...T[]]>(values: V & ([Exclude<T, V[number]>] extends [never] ? unknown : { missing: Exclude<T, V[number]> })) =>
    z.enum(values as V);

/** A view; `auto` is only ever sent, but is let through (an answer that does not fit its schema is a 500). */
const ViewOrAutoSchema = z.enum([...VIEWS, 'auto']);
const PointSchema = z.tuple([z.number(), z.number()]).describe('[x, y] in the pixels of the photo\'s analysisSize');
const LabSchema = z.tuple([z.number(), z.number(), z.number()]).describe('CIELAB (D65) [L*, a*, b*]');
const LevelKeySchema = z.string().regex(/^[1-7]$/);
const int = () => z.number().int();
/** A clockwise turn for display, in quarter turns. */
const UprightTurnSchema = z.literal([0, 90, 180, 270]);

/** A value with the reason the rules chose it (src/plan/recommend). */
const reasoned = <T extends z.ZodType>(value: T) => z.looseObject({ value, reason: z.string() });
/** ... and whether it was measured in the photos, stated with the consultation, or assumed. */
const sourced = <T extends z.ZodType>(value: T) =>
  z.looseObject({ value, source: z.enum(['measured', 'stated', 'assumed']).describe('measured in the photos, stated with the consultation, or assumed in place of a reading'), reason: z.string() });

// ---------------------------------------------------------------------------------------------- colour

const SkinToneFields = {
  ita: z.number().describe('Individual Typology Angle (degrees) of the white-balanced scalp skin: higher is lighter'),
  category: z.enum(ITA_CATEGORIES).optional().describe('the ITA band the angle falls in'),
  lab: LabSchema.describe('the skin colour, CIELAB (D65) [L*, a*, b*]'),
  hex: z.string().optional().describe('sRGB swatch of lab, for display'),
  fitzpatrick: int().min(1).max(6).describe('Fitzpatrick skin type 1..6, estimated from ITA (see fitzpatrickNote)'),
  fitzpatrickRange: z.tuple([int(), int()]).optional().describe('the types the ITA uncertainty allows, lowest first'),
  fitzpatrickNote: z.string().optional(),
  monk: int().min(1).max(10).describe('Monk Skin Tone 1..10: the swatch whose ITA is nearest the skin\'s'),
  monkDeltaE00: z.number().optional().describe('CIEDE2000 from the skin to that swatch (information only)'),
  monkShown: z
    .looseObject({
      shown: z.boolean().describe('true: the Monk shade is worth showing beside the other readings'),
      why: enumOf<MonkHiddenWhy>()(['not-close', 'other-category'])
        .optional()
        .describe(`why it is not (only when shown is false): not-close, the skin is more than ${MONK_MAX_DELTA_E00} CIEDE2000 from the swatch (monkDeltaE00); other-category, the swatch's own ITA category is not the skin's (category)`),
    })
    .optional()
    .describe("whether report.pdf and the web page show the Monk shade, and why not: the service's rule, given with every skin tone that has a Monk reading"),
  undertone: enumOf<Undertone>()(['warm', 'neutral', 'cool']).optional(),
  hueAngle: z.number().optional().describe('h_ab (degrees) the undertone was read from'),
  pixels: int().optional().describe('skin pixels the colour was computed from'),
  itaUncertainty: z.number().optional().describe('half-width (degrees) of the plausible ITA interval'),
  confidence: z.number().optional().describe('0..1'),
};

/** One photo's skin tone (photos[i].skinTone). */
export const PhotoSkinToneSchema = z
  .looseObject({ ...SkinToneFields, itaIqr: z.number().optional().describe('per-pixel ITA inter-quartile range (degrees): how uneven the skin looked') })
  .nullable()
  .describe("the skin tone this photo shows, where enough scalp skin is visible; null where it is not (or the photo is another's copy)");

/** The person's skin tone, fused over the photos (skinTone). */
export const SkinToneSchema = z
  .looseObject({
    ...SkinToneFields,
    photosUsed: int().optional().describe('photos that contributed, after outliers were left out'),
    photosMeasured: int().optional().describe('photos with skin measured'),
    itaSpread: z.number().optional().describe('standard deviation of ITA across the photos used (degrees)'),
  })
  .nullable()
  .describe('the skin tone fused over the photos; null when no photo showed enough scalp skin (colourNotes says why)');

const HairColourFields = {
  lab: LabSchema,
  hex: z.string().optional(),
  lightness: z.number().describe('L* of the hair'),
  chroma: z.number().optional().describe('C*ab of the hair'),
  hueAngle: z.number().optional(),
  greyFraction: z.number().optional().describe('fraction of hair pixels that are grey or white'),
  name: enumOf<HairShade>()(['black', 'dark brown', 'brown', 'light brown', 'blond', 'red', 'grey', 'white']).optional().describe('the shade in plain words'),
  pixels: int().optional(),
  confidence: z.number().optional().describe('0..1'),
};
const PhotoHairColourSchema = z.looseObject(HairColourFields).nullable().describe('the hair colour this photo shows; null where too little hair is visible');
const HairColourSchema = z
  .looseObject({ ...HairColourFields, photosUsed: int().optional() })
  .nullable()
  .describe('the hair colour fused over the photos; null when no photo showed enough hair');
const ContrastSchema = z
  .looseObject({
    deltaE00: z.number().describe('hair-to-skin colour difference, CIEDE2000'),
    deltaE76: z.number().optional(),
    deltaL: z.number().optional().describe('skin L* minus hair L*: what shows as a dark-on-light dot'),
  })
  .nullable()
  .describe('hair against skin; null without both measured');

// ----------------------------------------------------------------------------------------------- photo

const QualitySchema = z
  .looseObject({
    assessable: z.boolean().describe('false: the photo failed the quality gate and takes no part in grading or colour'),
    reasons: z.array(z.string()).describe('the failed checks, in words for the person taking the photo'),
    checks: z
      .array(
        z.looseObject({
          id: z.string().describe('resolution, compression, blur, exposure, highlights, shadows, colour-cast, head, view, duplicate'),
          severity: enumOf<Severity>()(['ok', 'warning', 'error']),
          value: z.number().optional(),
          message: z.string(),
        }),
      )
      .optional(),
    metrics: z.looseObject({}).optional().describe('the measures the checks read (sharpness, exposure, colour cast)'),
  })
  .describe("the photo's quality gate");

const FaceSchema = z
  .looseObject({
    found: z.boolean(),
    score: z.number().optional(),
    interpupillaryPx: z.number().optional().describe('eye-centre distance (pixels): a scale cue of 63 +- 3.5 mm'),
    glabella: PointSchema.optional().describe('between the eyebrows'),
    leftCanthus: PointSchema.optional().describe('the outer eye corner on the image left'),
    rightCanthus: PointSchema.optional().describe('the outer eye corner on the image right'),
    candidatesRejected: int().optional(),
    balanced: z.boolean().optional().describe('found only after grey-world balancing: the photo was taken under coloured light'),
  })
  .nullable()
  .describe('front views: the face found (analysisSize pixels: glabella, outer eye corners, eye distance) that places the hairline and measures the scale; null where not looked for');

/** A scar against the skin around it (find-scars.ts toneOf), as photos[].scars and scars.planned give it. */
const ScarToneSchema = enumOf<NonNullable<FoundScar['tone']>>()(['paler', 'similar', 'darker', 'red']);

const FoundScarSchema = z.looseObject({
  kind: z.enum(SCAR_KINDS).describe('linear: a strip (FUT) scar; punctate: FUE extraction marks; irregular: injury or other surgery'),
  pixels: int().optional(),
  headFraction: z.number().optional().describe('scar pixels over head pixels'),
  components: int().optional(),
  box: z.looseObject({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional().describe('analysisSize pixels'),
  elongation: z.number().optional(),
  lab: LabSchema.optional(),
  surroundLab: LabSchema.nullable().optional(),
  deltaE76: z.number().nullable().optional().describe('scar against the skin around it'),
  tone: ScarToneSchema.nullable().optional(),
  confidence: z.number().optional().describe('0..1'),
  sure: z.boolean().optional().describe('sure enough to plan camouflage for; the others are possible scars to check in person'),
  unsureWhy: z.string().optional().describe('why a scar that is not sure is only possible: at the head\'s edge, spread marks, or low confidence'),
});

/** Hair, skin and scar as fractions of `of`. */
const coverageShares = (of: string) =>
  z.looseObject({
    hair: z.number().describe(`fraction of ${of}`),
    skin: z.number().describe(`fraction of ${of}`),
    scar: z.number().describe(`fraction of ${of}`),
  });

export const PhotoSchema = z.looseObject({
  index: int().describe('0-based, in the order the photos were sent'),
  view: ViewOrAutoSchema.describe('the view the photo was analysed as: as given, or classified when sent as auto (never auto itself)'),
  viewGiven: ViewOrAutoSchema.optional().describe('the view the upload named (auto: classify it)'),
  viewSource: z.enum(['given', 'classified', 'none']).optional().describe('none: sent as auto but no head was found, so no view was read (view is a placeholder)'),
  viewConfidence: z.number().optional().describe('0..1'),
  orientation: z.number().optional().describe('clockwise rotation (degrees: 0, 90, 180, 270) found between the photo and upright'),
  orientationConfidence: z.number().optional(),
  uprightTurn: UprightTurnSchema.optional().describe(
    `the clockwise turn (degrees) that shows the photo upright, as report.pdf and the web page show it: undoes orientation only where the face end is sure (a face found, or orientationConfidence at least ${ORIENTATION_SURE}); 0, the photo as taken, where it is not. The stored files stay as taken`,
  ),
  format: z.string().optional().describe('the file format decoded (jpeg, png, heic, webp, avif)'),
  width: int().describe('the photo as sent, after EXIF orientation'),
  height: int(),
  analysisSize: z
    .looseObject({ width: int(), height: int() })
    .optional()
    .describe('the copy the photo is measured on (long side at most 1024 px): every pixel coordinate of this photo (hairline, face, scars, card corners, plan dots) and the overlay and masks are in it, and plan edits use it too'),
  exifOrientation: int().optional().describe('the EXIF orientation tag the upload carried (1: none)'),
  metadataRemoved: z.boolean().optional().describe('the stored copy was written without the upload\'s metadata (EXIF, XMP, ...)'),
  gpsRemoved: z.boolean().optional().describe('the upload carried a GPS position, which was not kept'),
  quality: QualitySchema,
  headFound: z.boolean().optional(),
  coverage: coverageShares('the head region').nullable().describe('hair, skin and scar as fractions of the head region; null without a head'),
  scalpCoverage: coverageShares('the scalp the view shows')
    .nullable()
    .optional()
    .describe("hair, skin and scar as fractions of the scalp this view shows: the head region less the part where the view may show the face (a front view's face, a profile's ear and cheek), so skin here is bare scalp; null without a head or a scalp region (a close-up)"),
  zones: z
    .record(z.string(), z.looseObject({ visible: z.boolean(), bald: z.number().nullable().describe('bald fraction; null when not visible') }))
    .optional()
    .describe(`per head zone (${HEAD_ZONES.join(', ')}): whether this view shows it, and its bald fraction`),
  hairline: z
    .looseObject({ centre: z.number().nullable(), left: z.number().nullable().optional(), right: z.number().nullable().optional(), templeExcess: z.number().nullable().optional() })
    .nullable()
    .optional()
    .describe('front-edge recession of the hair in head widths (null where the view does not show it); templeExcess > 0: temples deeper than the centre'),
  face: FaceSchema.optional(),
  scars: z.array(FoundScarSchema).optional().describe('scars the segmentation found in this photo'),
  skinTone: PhotoSkinToneSchema,
  hairColour: PhotoHairColourSchema.optional(),
  colourNotes: z.array(z.string()).optional().describe('why a colour is missing or uncertain, in words'),
  whiteBalance: z
    .looseObject({
      method: z.string(),
      confidence: z.number(),
      card: z.boolean().describe('a colour card was found and used'),
      cardKind: z.enum(['colour-chart-24', 'grey-card']).optional(),
      cardCorners: z.array(PointSchema).optional(),
    })
    .optional(),
  timingsMs: z.record(z.string(), z.number()).optional().describe('milliseconds per stage'),
  urls: z.record(z.string(), z.string()).describe('the stored files of this photo: photo, overlay, mask_hair, mask_skin, mask_scar, mask_background'),
});

// -------------------------------------------------------------------------------------------- grading

const ProbabilitiesSchema = z.record(LevelKeySchema, z.number()).describe('probability of each major Norwood level ("1".."7"), summing to 1');
const FusedZoneSchema = z.looseObject({
  bald: z.number().nullable(),
  photos: z.array(int()).optional().describe('the photos (0-based) that measured it'),
  seen: z.enum(['well', 'partly', 'no']).optional(),
});

export const NorwoodSchema = z
  .looseObject({
    assessable: z.boolean(),
    reasons: z.array(z.string()).describe('why not assessable, or what limits the grade'),
    stage: z.enum(NORWOOD_STAGES).nullable().describe('Norwood-Hamilton stage; null if not assessable'),
    level: int().min(1).max(7).nullable().describe('the major stage 1..7; null if not assessable'),
    probabilities: ProbabilitiesSchema.nullable().describe('{ "<level>": p } over the major levels, summing to 1; null if not assessable'),
    confidence: z.number().describe('0..1'),
    rules: z.array(z.string()).optional().describe('the rules that shaped the stage beyond the fitted level (level 1, A and vertex variants)'),
    measurements: z
      .looseObject({
        zones: z.record(z.string(), FusedZoneSchema).optional(),
        hairline: z.looseObject({ centre: z.number().nullable().optional(), templeExcess: z.number().nullable().optional() }).optional(),
        bald: z.number().nullable().optional(),
      })
      .optional()
      .describe('the fused zone bald fractions and hairline that explain the grade'),
    views: z
      .array(
        z.looseObject({
          photo: int(),
          view: ViewOrAutoSchema,
          assessable: z.boolean(),
          weight: z.number(),
          level: z.number().nullable(),
          probabilities: z.record(z.string(), z.number()).nullable(),
          pattern: z.looseObject({ level: z.number(), probabilities: z.record(z.string(), z.number()) }).nullable().optional(),
          reasons: z.array(z.string()),
        }),
      )
      .optional()
      .describe('what each photo contributed'),
    viewOutlier: z
      .looseObject({ photo: int(), view: ViewOrAutoSchema, level: z.number(), others: z.number() })
      .nullable()
      .optional()
      .describe("a photo whose own grade is more than two levels from the others', left out of the grade; null when they agree"),
  })
  .nullable()
  .describe('the Norwood-Hamilton grade (men, and the default)');

const LudwigSchema = z
  .looseObject({
    assessable: z.boolean(),
    reasons: z.array(z.string()),
    grade: enumOf<LudwigGrade>()(['none', 'I', 'II', 'III']).nullable().describe('Ludwig grade; null if not assessable'),
    confidence: z.number(),
    frontalReceded: z.boolean().optional().describe('the frontal hairline is receded, which Ludwig does not grade (it assumes the front kept): the confidence is halved'),
    measurements: z
      .looseObject({
        centralBald: z.number().nullable().optional(),
        partWidth: z.number().nullable().optional(),
        frontalBald: z.number().nullable().optional(),
        // the same fused zones as norwood.measurements.zones (the schema had left them out)
        zones: z.record(z.string(), FusedZoneSchema).optional(),
      })
      .optional(),
    notes: z.array(z.string()).optional(),
  })
  .nullable()
  .describe('the Ludwig grade of female pattern hair loss, when sex is female; else null');

// ------------------------------------------------------------------------------------ recommendation

const DilutionSchema = z.looseObject({
  waterParts: z.number().describe('parts of distilled water to 1 part pigment'),
  pigmentParts: z.number().optional(),
  label: z.string().optional().describe('"N:1"'),
});
const NeedleSchema = z.looseObject({
  code: z.string().describe('cartridge code as sold, e.g. "0603RL"'),
  diameterMm: z.number(),
  points: int().optional(),
  configuration: z.string().optional().describe('round liner, round shader, magnum'),
});
const PlanZoneSchema = z.enum(PLAN_ZONES);

const RecommendedZoneSchema = z.looseObject({
  zone: PlanZoneSchema,
  densityPerCm2: reasoned(z.number()),
  addedPerCm2: reasoned(z.number()).optional(),
  dilution: reasoned(DilutionSchema),
  needle: reasoned(NeedleSchema),
});

export const RecommendationSchema = z
  .looseObject({
    table: z.looseObject({ id: z.string(), version: z.string() }).optional().describe("the clinic table the rules read (the clinic's own, or default)"),
    basis: z
      .looseObject({
        skinCategory: sourced(z.enum(ITA_CATEGORIES)).optional(),
        hairGroup: sourced(z.enum(HAIR_GROUPS)).optional(),
        contrast: reasoned(z.enum(['low', 'medium', 'high', 'unknown'])).optional(),
        goal: sourced(z.enum(GOALS)).optional(),
        zones: reasoned(z.array(PlanZoneSchema)).optional(),
      })
      .optional()
      .describe('what the recommendation rests on'),
    pigment: reasoned(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        brand: z.string().optional(),
        undertone: z.string().optional(),
        hairGroups: z.array(z.string()).optional(),
        skinCategories: z.array(z.string()).optional(),
        notes: z.string().optional(),
      }),
    ).optional(),
    sessionCount: reasoned(int()).optional(),
    intervalDays: reasoned(z.looseObject({ min: z.number(), max: z.number() })).optional(),
    sessions: z
      .array(
        z.looseObject({
          index: int().describe('0-based, as plan.sessions[k].index'),
          zone: PlanZoneSchema.optional(),
          dayOffset: reasoned(z.number()).optional(),
          densityFraction: reasoned(z.number()).optional(),
          densityPerCm2: reasoned(z.number()).describe('cumulative dots/cm² of the fill zone after this session'),
          addedPerCm2: reasoned(z.number()).optional(),
          dilution: reasoned(DilutionSchema),
          needle: reasoned(NeedleSchema),
          zones: z.array(RecommendedZoneSchema).optional().describe('each zone worked this session'),
        }),
      )
      .describe('sessions in order'),
    warnings: z
      .array(z.looseObject({ code: z.string(), severity: enumOf<WarningSeverity>()(['info', 'caution', 'stop']), message: z.string() }))
      .describe('what the practitioner must know: stop means do not follow this recommendation as it stands'),
    confidence: z.number().optional().describe('0..1'),
  })
  .nullable()
  .describe('pigment, dilution, needle and sessions, each with the reason it was chosen');

const ScarsSchema = z
  .looseObject({
    planned: z.array(
      z.looseObject({
        kind: z.enum(SCAR_KINDS),
        ageMonths: z.number().optional(),
        raised: z.boolean().optional(),
        tone: ScarToneSchema.optional(),
        deltaE76: z.number().optional(),
        areaCm2: z.number().optional(),
        source: z.enum(['stated', 'photo', 'stated+photo']).optional(),
        photo: int().optional().describe('0-based index of the photo it was found in'),
      }),
    ),
    possible: z.array(z.looseObject({ photo: int(), kind: z.enum(SCAR_KINDS), confidence: z.number().optional(), unsureWhy: z.string().optional().describe('why it is too unsure to plan for') })).describe('scars a photo may show but not surely: to check in person, not planned for'),
  })
  .describe('the scars planned for (stated, and the sure ones found) and the possible ones');

// ------------------------------------------------------------------------------------------------ plan

export const PlanSessionSchema = z.looseObject({
  index: int().describe('0-based; sessions come in order'),
  dots: int().describe('dots this session adds'),
  cumulativeDots: int().optional(),
  densityPerCm2: z.number().describe('target cumulative density on fully treated scalp after this session (dots/cm²)'),
  achievedPerCm2: z.record(z.string(), z.number()).optional().describe('achieved cumulative density per zone (bald, thinning, scar, hairline)'),
  plannedPerCm2: z.record(z.string(), z.number()).optional(),
  dilution: DilutionSchema,
  needle: NeedleSchema,
  dotDiameterMm: z.number().optional().describe('healed dot diameter'),
  shade: z.number().optional().describe('healed darkness 0..1'),
  estimatedMinutes: z.number().optional().describe('set-up plus needle time for this session\'s dots in the plan photo\'s area; 0 when it adds none there (a session for a scar another photo shows)'),
});

export const PlanSchema = z
  .looseObject({
    photoIndex: int().optional().describe('the photo (0-based) the plan is drawn on'),
    view: ViewOrAutoSchema.optional(),
    width: int().optional(),
    height: int().optional(),
    seed: z.number().optional(),
    scale: z
      .looseObject({ mmPerPixel: z.number(), sigma: z.number().optional(), relativeSigma: z.number().optional(), source: z.string().optional() })
      .optional()
      .describe('the photo\'s scale and where it came from (card, face, head size)'),
    hairline: z
      .looseObject({
        method: z.string().optional().describe('landmarks, eyebrows, head-geometry, given'),
        points: z.array(PointSchema).describe('the drawn line, a point every ~1 mm: send it back to re-plan'),
        control: z.array(PointSchema).optional(),
        raiseMm: z.array(z.number()).optional().describe("each session's line behind the drawn one (mm)"),
        notes: z.array(z.string()).optional(),
      })
      .nullable()
      .optional(),
    warnings: z.array(z.looseObject({ code: z.string(), severity: z.string(), message: z.string() })).optional().describe('what the practitioner must check before following the plan'),
    scalp: z.looseObject({ rule: z.string(), note: z.string(), leftOutCm2: z.number().optional() }).optional(),
    sessions: z.array(PlanSessionSchema).describe('plan.sessions[k], k = 0.. in order'),
    totalDots: int().describe('dots over every session'),
    areaCm2: z.record(z.string(), z.number()).optional().describe('treated area per zone (bald, thinning, scar, hairline)'),
    minSpacing: z.number().optional(),
    orientation: z
      .looseObject({ degrees: z.number(), confidence: z.number().nullable(), sure: z.boolean(), note: z.string().optional() })
      .optional(),
    uprightTurn: UprightTurnSchema.optional().describe(
      "the clockwise turn (degrees) that shows the plan image upright (report.pdf and the web page): its photo's photos[i].uprightTurn, as the plan is drawn in that photo's frame",
    ),
  })
  .nullable()
  .describe('the dot-by-dot plan (its dots are in dots.csv); null when no photo could be planned');

const PlanRequestSchema = z
  .looseObject({
    photoIndex: int(),
    view: ViewOrAutoSchema.optional(),
    orientation: z.number().optional(),
    orientationCheck: z.looseObject({ confidence: z.number(), sure: z.boolean() }).optional(),
    sessions: z
      .array(
        z.looseObject({
          index: int(),
          densityPerCm2: z.number(),
          zoneDensityPerCm2: z.record(z.string(), z.number()).optional(),
          dilution: DilutionSchema,
          needle: NeedleSchema,
          zoneTools: z.record(z.string(), z.looseObject({ needle: NeedleSchema, dilution: DilutionSchema })).optional(),
          dotDiameterMm: z.number().optional(),
          shade: z.number().optional(),
        }),
      )
      .optional(),
    hairline: z.looseObject({ points: z.array(PointSchema) }).nullable().optional(),
    face: z.looseObject({}).optional(),
    densityOverrides: z.looseObject({}).optional(),
    scaleCues: z.array(z.looseObject({ kind: z.string() })).optional(),
    existingDots: z
      .looseObject({ count: int().optional(), sessions: z.array(z.number()).optional() })
      .nullable()
      .optional()
      .describe('the dots given as already tattooed: how many, and their sessions (the dots themselves are in dots.csv)'),
    firstSessionRaiseMm: z.number().optional(),
    keepOwnHairline: z.boolean().optional(),
    keepOwnTemples: z.boolean().optional(),
    hairlineBandIsFill: z.boolean().optional(),
    planScars: z.boolean().optional(),
    seed: z.number().optional(),
  })
  .nullable()
  .describe('what the plan was made from: a plan edit (POST /v1/consultations/{id}/plan) changes it');

/**
 * The analysis fields of a consultation (absent while it is processing or once it failed), each as
 * ConsultationAnalysis has it.
 */
export const CONSULTATION_RESULT_FIELDS = {
  assessable: z.boolean().optional().describe('false: the grade could not be made; reasons says why (no head found, too dark, blurred, ...)'),
  reasons: z.array(z.string()).optional(),
  pattern: z.enum(['norwood', 'ludwig']).optional().describe('the grading scale that leads: ludwig for women, norwood otherwise'),
  photos: z.array(PhotoSchema).optional(),
  norwood: NorwoodSchema.optional(),
  ludwig: LudwigSchema.optional(),
  skinTone: SkinToneSchema.optional(),
  hairColour: HairColourSchema.optional(),
  contrast: ContrastSchema.optional(),
  colourNotes: z.array(z.string()).optional().describe('why a colour is missing or uncertain, in words'),
  recommendation: RecommendationSchema.optional(),
  scars: ScarsSchema.optional(),
  plan: PlanSchema.optional(),
  planRequest: PlanRequestSchema.optional(),
  timingsMs: z.record(z.string(), z.number()).optional().describe('milliseconds per stage (photos, grading, recommendation, plan, report, total)'),
};

// ---------------------------------------------------------------- the pipeline's types fit the schemas

/** A schema's output without the index signatures z.looseObject adds, all the way down. */
type Named<T> = T extends readonly (infer U)[] ? Named<U>[] : T extends object ? { [K in keyof T as string extends K ? never : K]: Named<T[K]> } : T;
type Output<S extends Record<string, z.ZodType>> = Named<z.output<z.ZodObject<S>>>;

/**
 * What the answer carries: the analysis, its colours as fuseSkinTone makes them, each photo with its urls,
 * and the display decisions presentAnalysis adds.
 */
type WithMonkShown<T> = T extends null ? null : T & { monkShown: MonkShownField };
type Answered = Omit<ConsultationAnalysis, 'skinTone' | 'hairColour' | 'contrast' | 'photos' | 'plan' | 'planRequest'> & {
  skinTone: WithMonkShown<FusedSkinTone | null>;
  hairColour: FusedHairColour | null;
  contrast: Contrast | null;
  photos: (Omit<PhotoAnalysis, 'skinTone'> & { skinTone: WithMonkShown<PhotoAnalysis['skinTone']>; uprightTurn: UprightTurn; urls: Record<string, string> })[];
  plan: (NonNullable<ConsultationAnalysis['plan']> & { uprightTurn: UprightTurn }) | null;
  planRequest: Omit<NonNullable<ConsultationAnalysis['planRequest']>, 'existingDots'> | null;
};
// A compile error here names a field whose pipeline type no longer fits its response schema (an answer
// that would be a 500).
const answeredFits = (answer: Answered): Output<typeof CONSULTATION_RESULT_FIELDS> => answer;
void answeredFits;
