// The RFC 9457 problem+json body every error is sent as (src/api/problem.ts), with the extension members
// the service adds. These schemas also serialize error answers: loose (any other member passes through
// unchanged), every extension optional. ProblemSchema is in every error response of the document, so it
// lists the members many answers carry; the ones only some statuses carry are in ProblemWith below.
import { z } from 'zod';

export const ProblemSchema = z
  .looseObject({
    type: z.string().describe('https://smp.example/problems/<slug>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    // (descriptions kept short: this schema is repeated in every error response of the document)
    field: z.string().optional().describe('the field at fault'),
    photo: z.number().int().optional().describe('the photo at fault, from 1'),
    issues: z.array(z.looseObject({ path: z.string(), message: z.string().optional() })).optional(),
    allow: z.array(z.string()).optional().describe('405: the methods taken'),
    requestId: z.string().optional().describe('500, 507: the X-Request-Id to quote'),
  })
  .describe('RFC 9457 problem details');

const bytes = (what: string) => z.number().int().min(0).optional().describe(what);

/** The extension members some statuses add, by status: what a client can act on (which limit, which type). */
export const ProblemWith = {
  /** too-many-photos. */
  400: ProblemSchema.extend({ max: bytes('too-many-photos: the most photos one upload takes') }).describe('a request the route cannot take as sent'),
  /** file-too-large, too-many-pixels, upload-too-large, field-too-large, body-too-large. */
  413: ProblemSchema.extend({
    maxFileBytes: bytes('file-too-large: the largest photo file taken'),
    maxBodyBytes: bytes("body-too-large: the route's JSON body limit"),
    limitBytes: bytes('upload-too-large: the largest upload taken, all parts together'),
    bytes: bytes("the file's size"),
    maxPixels: bytes('too-many-pixels: the most decoded pixels a photo may have'),
    width: bytes("too-many-pixels: the photo's width"),
    height: bytes("too-many-pixels: the photo's height"),
  }).describe('a size limit: the body, a file or its pixels'),
  /** unsupported-media-type: the type the file's bytes showed. */
  415: ProblemSchema.extend({ detected: z.string().nullable().optional().describe('the file type found in the bytes, if any') }).describe('a media type or content coding the route does not take'),
  /** corrupt-image, image-too-small, invalid-input. */
  422: ProblemSchema.extend({
    decoderMessage: z.string().optional().describe("corrupt-image, and a HEIC photo that cannot be decoded (415): the decoder's own words"),
    width: bytes("image-too-small: the photo's width"),
    height: bytes("image-too-small: the photo's height"),
    minSide: bytes('image-too-small: the shortest side taken (pixels)'),
  }).describe('a photo that could not be read or used'),
  /** busy (the upload budget), overloaded, model-unavailable, analysis-timeout, analysis-interrupted. */
  503: ProblemSchema.extend({
    inFlightBytes: bytes('busy: upload bytes being received now'),
    capacityBytes: bytes('busy: upload bytes taken at once'),
  }).describe('busy, overloaded or stopping: try again after Retry-After'),
  500: ProblemSchema.describe('internal: the service failed; the body\'s requestId names its log line'),
  507: ProblemSchema.describe("storage-full: the service's disk is full; requestId names the log line, Retry-After when to try again"),
};
