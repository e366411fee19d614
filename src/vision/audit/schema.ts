// The audit's JSON (DESIGN.md section 3 names scar.deltaE76/deltaE00 before/after and scar.match.after;
// the rest is added). One zod schema, so the API can validate and publish it in OpenAPI.
import { z } from 'zod';
import { CHEON_BANDS } from './bands.js';
import { FLAG_IDS } from './flags.js';

const num = z.number();
const lab = z.tuple([num, num, num]).describe('CIELAB D65 [L*, a*, b*]');
const band = z.enum(CHEON_BANDS).describe('Cheon 2010 band of the ΔE76 (boundaries 7.0, 13.7, 23.45: midpoints of the band means 4.4, 9.6, 17.8, 29.1)');
const pair = <T extends z.ZodTypeAny>(t: T) => z.object({ before: t.nullable(), after: t.nullable(), visits: z.array(t.nullable()) });

export const RegistrationSchema = z.object({
  registered: z.boolean(),
  method: z.enum(['akaze+ransac-homography', 'orb+ransac-homography', 'identity']),
  matches: z.number().int(),
  inliers: z.number().int(),
  rmsErrorPx: num.nullable().describe('RMS reprojection error of the RANSAC inliers, in the measured before frame (size)'),
  transform: z.array(num).length(9).nullable().describe('row-major 3x3 homography: pixels of the measured after copy -> pixels of the measured before frame (size); each copy is its photo scaled to at most 1024 px'),
  summary: z.object({ rotationDeg: num, scale: num, shiftPx: z.tuple([num, num]) }).nullable(),
  refinement: z.enum(['ecc-homography', 'none']).optional().describe('ecc-homography: the RANSAC homography was refined by ECC (kept only when it raised the correlation)'),
  correlation: num.nullable().optional().describe('normalised cross-correlation of gradient magnitudes, before photo vs warped after photo (-1..1); too low and the registration is refused'),
  reason: z.string().optional(),
});

const dotStats = z.object({
  count: z.number().int(),
  per1000Px2: num,
  perCm2: num.nullable(),
  medianSigmaPx: num.nullable(),
  medianContrastL: num.nullable(),
  medianCentreL: num.nullable().optional().describe('median L* at the dots\' centres: how dark the dots (or hairs) read (absent in audits stored before it)'),
  medianEdgeWidthPx: num.nullable(),
});

export const PhotoMeasureSchema = z.object({
  scarLab: lab,
  surroundLab: lab,
  deltaE76: num,
  deltaE00: num,
  band,
  dL: num,
  da: num,
  db: num,
  dots: z.object({ scar: dotStats, surround: dotStats }),
  coverage: z.object({ pigmentFraction: num, surroundDarkFraction: num, cellsWithDots: num.nullable() }),
  scarSkinL: num,
  dotContrastL: num.nullable(),
  pigmentLab: lab.nullable(),
  surroundDarkLab: lab.nullable(),
  surroundSkinLab: lab.optional().describe("the surround's skin (L* between its 60th and 95th percentile): the light check compares it between photos (absent in audits stored before it)"),
  inkTransmittance: z.tuple([num, num, num]).nullable(),
  blotchFraction: num.nullable(),
  added: z
    .object({ pigmentFraction: num, blotchFraction: num.nullable() })
    .nullable()
    .optional()
    .describe('pigment added since the before photo (null for the before photo; absent in audits stored before it): the share of the scar newly dark, and the blotch fraction of those pixels'),
  detail: z.object({ scarL: num, surroundL: num, ratio: num }),
  edgeStepL: num,
  excluded: z.object({ scar: num, surround: num }),
});

export const FlagSchema = z.object({
  id: z.enum(FLAG_IDS),
  fired: z.boolean(),
  made: z.boolean().describe('false when the check could not be made (no pigment found, no later visit)'),
  severity: z.enum(['warning', 'fail']).nullable(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([num, z.string(), z.boolean(), z.null(), z.array(num), z.array(num.nullable())])),
});

export const PhotoQualitySchema = z.object({
  assessable: z.boolean(),
  reasons: z.array(z.string()),
  checks: z.array(z.object({ id: z.string(), severity: z.enum(['ok', 'warning', 'error']), value: num, message: z.string() })),
});

export const AuditResultSchema = z.object({
  assessable: z.boolean(),
  reasons: z.array(z.string()),
  scar: z.object({
    source: z.enum(['mask', 'polygon', 'segmenter']).nullable(),
    areaPx: z.number().int(),
    coreAreaPx: z.number().int(),
    surroundAreaPx: z.number().int(),
    thicknessPx: num,
    ring: z.object({ gapPx: num, widthPx: num }),
    deltaE76: pair(num),
    deltaE00: pair(num),
    match: pair(band),
    matchSure: pair(z.boolean())
      .optional()
      .describe('whether the band is sure: its ΔE76 at least 2 from every band boundary (7.0, 13.7, 23.45) and the audit assessable; a reading nearer may fall either side with the light or the file format (absent in audits stored before it)'),
    deltaL: pair(num),
    deltaA: pair(num),
    deltaB: pair(num),
    density: pair(z.object({ scar: dotStats, surround: dotStats, ratio: num.nullable() })),
    coverage: pair(z.object({ pigmentFraction: num, surroundDarkFraction: num, cellsWithDots: num.nullable() })),
  }),
  registration: RegistrationSchema.nullable().describe('after photo onto before photo'),
  visitRegistrations: z.array(RegistrationSchema),
  photos: pair(PhotoMeasureSchema),
  quality: pair(PhotoQualitySchema)
    .optional()
    .describe("each photo's quality gate (the consultation's checks on the whole photo): an error refuses the photo (reasons say so), a warning is for the clinic to weigh (absent in audits stored before it)"),
  flags: z.array(FlagSchema).describe('the failure checks that fired'),
  checks: z.array(FlagSchema).describe('every failure check made, fired or not, with its evidence'),
  scale: z.object({ pxPerCm: num.nullable().describe('pixels per cm in the frame of `size` (the pxPerCm given, scaled with the photo)'), densityUnit: z.enum(['per1000Px2', 'perCm2']) }),
  size: z
    .object({ width: z.number().int(), height: z.number().int() })
    .describe('the frame every pixel measure is in: the before photo, scaled to the analysis size (long side at most 1024 px) by the service'),
  photoSize: z
    .object({ width: z.number().int(), height: z.number().int() })
    .optional()
    .describe('the before photo as taken: scarPolygon and pxPerCm are given in its pixels; size.width / photoSize.width converts (absent in audits stored before it was recorded)'),
});

export type AuditResult = z.infer<typeof AuditResultSchema>;
export type AuditFlag = z.infer<typeof FlagSchema>;
