import { z } from 'zod';
import { VIEWS } from '../../vision/geometry/types.js';
import { SCAR_KINDS } from '../../plan/recommend/types.js';
import { ClientRefSchema } from './client-ref.js';
import { CONSULTATION_RESULT_FIELDS } from './consultation-result.js';
import { ProblemSchema, ProblemWith } from './problem.js';

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

export const ConsultationSchema = z
  .looseObject({
    id: z.string().describe("the consultation's id (a UUID)"),
    status: z.enum(['processing', 'completed', 'failed']).describe('processing until the analysis is done; the analysis fields below come with completed'),
    createdAt: z.string().describe('ISO 8601'),
    updatedAt: z.string().describe('ISO 8601'),
    clientRef: z.string().nullable().optional().describe("the clinic's reference for the client, when it gave one"),
    input: z
      .looseObject({
        views: z.array(ViewSchema).optional().describe('the view each photo was sent as, in order'),
        sex: z.enum(['male', 'female', 'other']).optional(),
        age: z.number().optional(),
        hairColour: z.string().optional(),
        goals: z.string().optional(),
        notes: z.string().optional(),
        scars: z.array(z.looseObject({ kind: z.enum(SCAR_KINDS), ageMonths: z.number().optional(), raised: z.boolean().optional() })).optional(),
        clientRef: z.string().optional(),
      })
      .optional()
      .describe('what was sent besides the photos'),
    error: z
      .looseObject({
        type: z.string().optional(),
        title: z.string(),
        detail: z.string(),
        status: z.number().int().optional(),
        field: z.string().optional(),
        photo: z.number().optional().describe('the photo at fault, counted from 1'),
      })
      .nullable()
      .optional()
      .describe('why the analysis failed (status failed): the problem it was answered with; else null'),
    ...CONSULTATION_RESULT_FIELDS,
    links: z.record(z.string(), z.string()).optional().describe('self, and the stored files: report, plan (plan.svg), dots (dots.csv), preview_<n>, plan_<n>'),
  })
  .describe('a consultation: the record, and its analysis once completed (DESIGN.md §3 names the fields that keep their names and meaning)');

export { ProblemSchema };

/**
 * Error answers of record routes: reads and deletes, and uploads, which add what reading and analysing
 * photos can answer, with the members those problems carry (app.ts adds the statuses every /v1 route
 * shares). 500 internal and 507 storage-full (a read too: it logs the access) carry the requestId to quote.
 */
export const RECORD_ERRORS = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  500: ProblemWith[500],
  503: ProblemSchema,
  507: ProblemWith[507],
};
export const UPLOAD_ERRORS = {
  ...RECORD_ERRORS,
  400: ProblemWith[400],
  410: ProblemSchema,
  413: ProblemWith[413],
  415: ProblemWith[415],
  422: ProblemWith[422],
  503: ProblemWith[503],
};
