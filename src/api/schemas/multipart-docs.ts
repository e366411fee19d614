// OpenAPI request bodies for the multipart routes (DESIGN.md section 3: each photo is a file part named
// by its view; `auto` may repeat).
import { VIEWS } from '../../vision/geometry/types.js';
import { CLIENT_REF_PATTERN } from './client-ref.js';
import { PX_PER_CM_LIMITS } from '../../vision/audit/limits.js';

const photo = { type: 'string', format: 'binary', description: 'JPEG, PNG, WebP, AVIF or HEIC photo, at most 25 MiB' };
const clientRef = {
  type: 'string',
  pattern: CLIENT_REF_PATTERN.source,
  description: "the clinic's own reference for the client (patient or file number; not a name or e-mail address), to list and erase a client's records by (GET and DELETE /v1/clients/{clientRef}); with an upload token it comes from the token",
};
/** One file part per view. */
const viewPhotos = Object.fromEntries(VIEWS.map((v) => [v, photo]));

function multipartBody(schema: Record<string, unknown>): Record<string, unknown> {
  return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', ...schema } } } };
}

export const MULTIPART_DOCS: [string, string, Record<string, unknown>][] = [
  [
    '/v1/consultations',
    'post',
    multipartBody({
      description: '1 to 8 photos, each a file part named by its view, plus optional text parts',
      properties: {
        ...viewPhotos,
        auto: { type: 'array', items: photo, description: 'photos whose view the service classifies; may repeat' },
        sex: { type: 'string', enum: ['male', 'female', 'other'] },
        age: { type: 'integer', minimum: 16, maximum: 110 },
        hairColour: { type: 'string', minLength: 1, maxLength: 64 },
        goals: { type: 'string', maxLength: 1000 },
        notes: { type: 'string', maxLength: 2000 },
        scars: {
          type: 'string',
          maxLength: 4000,
          description:
            'JSON array of the scars the client knows of (at most 8): [{"kind": "linear" | "punctate" | "irregular", "ageMonths"?: number, "raised"?: boolean}]. ' +
            'Merged with the scars found in the photos (same kind = same scar); a photo cannot tell a scar\'s age and finds FUE marks poorly.',
        },
        clientRef,
      },
    }),
  ],
  [
    '/v1/audits',
    'post',
    multipartBody({
      required: ['before', 'after'],
      properties: {
        before: photo,
        after: photo,
        visit: { type: 'array', items: photo, maxItems: 6, description: 'later visits, in time order' },
        scarPolygon: { type: 'string', description: 'JSON [[x, y], ...] outline of the scar in the pixels of the before photo as sent (any size: the audit maps it onto the copy it measures, see audit.size and audit.photoSize); without it the segmentation model finds the scar' },
        pxPerCm: { type: 'number', minimum: PX_PER_CM_LIMITS.min, maximum: PX_PER_CM_LIMITS.max, description: 'scale of the before photo as sent (its pixels per cm), for dots per cm²; audit.scale.pxPerCm gives it in the measured copy' },
        clientRef,
      },
    }),
  ],
  [
    '/v1/photo-checks',
    'post',
    multipartBody({ description: 'exactly one photo, as a file part named by its view', properties: { ...viewPhotos, auto: photo } }),
  ],
];
