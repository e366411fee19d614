import { z } from 'zod';
import { VIEWS } from '../../vision/geometry/types.js';
import { SCAR_KINDS } from '../../plan/recommend/types.js';
import { ClientRefSchema } from './client-ref.js';

export const ViewSchema = z.enum([...VIEWS, 'auto']);

const StatedScarSchema = z.strictObject({
  kind: z.enum(SCAR_KINDS).describe('linear: a strip (FUT) scar; punctate: FUE extraction marks; irregular: injury or other surgery'),
  ageMonths: z.number().min(0).max(1200).optional().describe('months since the scar formed'),
  raised: z.boolean().optional().describe('raised (hypertrophic or keloid) rather than flat'),
});
export const MAX_STATED_SCARS = 8;
const SCARS_FORMAT = `a JSON array of at most ${MAX_STATED_SCARS} scars, each {"kind": "linear" | "punctate" | "irregular", "ageMonths"?: number, "raised"?: boolean}`;

/** The scars the client or clinic knows of (a photo cannot tell a scar's age, and finds FUE marks badly). */
export const StatedScarsSchema = z
  .string()
  .max(4000)
  .transform((s, ctx) => {
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be ${SCARS_FORMAT}; it is not JSON` });
      return z.NEVER;
    }
    const parsed = z.array(StatedScarSchema).max(MAX_STATED_SCARS).safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      ctx.addIssue({ code: 'custom', message: `must be ${SCARS_FORMAT}; at ${first.path.join('.') || 'the top'}: ${first.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

/**
 * A number sent as a text part: plain decimal digits only. z.coerce.number() read "" as 0 ("too small"
 * for an age left empty) and took "0x28" and "4e1" for 40.
 */
export function decimalField(what: string, opts: { integer?: boolean } = {}) {
  const pattern = opts.integer ? /^\s*\d{1,15}\s*$/ : /^\s*\d{1,15}(\.\d{1,15})?\s*$/;
  return z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z
      .string()
      .regex(pattern, { message: `${what} must be written as a plain ${opts.integer ? 'whole number' : 'decimal number'}, e.g. ${opts.integer ? '42' : '37.5'}` })
      .transform(Number),
  );
}

export const ConsultationMetaSchema = z.strictObject({
  sex: z.enum(['male', 'female', 'other']).optional(),
  age: decimalField('age', { integer: true }).pipe(z.number().int().min(16).max(110)).optional(),
  hairColour: z.string().trim().min(1).max(64).optional(),
  goals: z.string().trim().max(1000).optional(),
  notes: z.string().trim().max(2000).optional(),
  scars: StatedScarsSchema.optional(),
  clientRef: ClientRefSchema.optional(),
});

/** A record id: a UUID, in either case (ids are issued in lower case; RFC 9562 compares them case-blind). */
export const IdSchema = z.uuid().transform((id) => id.toLowerCase());
export const IdParamsSchema = z.object({ id: IdSchema });

export const AsyncQuerySchema = z.strictObject({
  async: z.enum(['true', 'false']).optional().describe('true: answer 202 at once with a Location to poll'),
});

const PhotoSchema = z.looseObject({
  index: z.number().int(),
  view: ViewSchema,
  width: z.number().int().describe('the photo as sent, after EXIF orientation'),
  height: z.number().int(),
  analysisSize: z
    .object({ width: z.number().int(), height: z.number().int() })
    .optional()
    .describe('the copy the photo is measured on (long side at most 1024 px): every pixel coordinate of this photo (hairline, face, scars, card corners, plan dots, overlay and masks) is in it, and plan edits use it too'),
  quality: z.looseObject({ assessable: z.boolean(), reasons: z.array(z.string()) }),
  coverage: z.object({ hair: z.number(), skin: z.number(), scar: z.number() }).nullable(),
  face: z
    .looseObject({ found: z.boolean(), score: z.number().optional(), interpupillaryPx: z.number().optional(), glabella: z.tuple([z.number(), z.number()]).optional() })
    .nullable()
    .optional()
    .describe('front views: the face found (analysisSize pixels: glabella, outer eye corners, eye distance) that places the hairline and measures the scale; null where not looked for'),
  urls: z.record(z.string(), z.string()),
});

export const ConsultationSchema = z.looseObject({
  id: z.string(),
  status: z.enum(['processing', 'completed', 'failed']),
  createdAt: z.string(),
  updatedAt: z.string(),
  clientRef: z.string().nullable().optional().describe("the clinic's reference for the client, when it gave one"),
  error: z.looseObject({ title: z.string(), detail: z.string(), field: z.string().optional(), photo: z.number().optional() }).nullable().optional(),
  assessable: z.boolean().optional(),
  reasons: z.array(z.string()).optional(),
  photos: z.array(PhotoSchema).optional(),
  norwood: z.looseObject({}).nullable().optional(),
  skinTone: z.looseObject({}).nullable().optional(),
  recommendation: z.looseObject({}).nullable().optional(),
  plan: z.looseObject({}).nullable().optional(),
  links: z.record(z.string(), z.string()).optional(),
});

export const ProblemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
});

/**
 * Error answers of record routes: reads and deletes, and uploads, which add what reading and analysing
 * photos can answer (app.ts adds the statuses every /v1 route shares).
 */
export const RECORD_ERRORS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema };
export const UPLOAD_ERRORS = { ...RECORD_ERRORS, 410: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };
