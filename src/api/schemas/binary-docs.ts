// OpenAPI responses of the routes that answer bytes, not JSON (stored files, the client archive): a zod
// response schema would make fastify serialise them, so their 200 content is documented here.
import { FILE_CONTENT_TYPES } from '../content-types.js';

const binary = { type: 'string', format: 'binary' };

const contentDisposition = (description: string) => ({ 'Content-Disposition': { description, schema: { type: 'string' } } });

function bytesResponse(description: string, contentTypes: readonly string[], headers: Record<string, unknown> = {}): Record<string, unknown> {
  return { description, headers, content: Object.fromEntries(contentTypes.map((t) => [t, { schema: binary }])) };
}

const storedFile = bytesResponse(
  'the file; its type follows its name: .jpg photo (re-encoded upright, without metadata), .png mask, overlay or preview, .svg plan, .csv dots, .pdf report, .json data',
  FILE_CONTENT_TYPES,
  contentDisposition('`attachment; filename="<name>"` for the report, dots.csv and audit.pdf (a browser saves them), `inline; filename="<name>"` for images'),
);

/** [path, method, 200 response] */
export const BINARY_RESPONSE_DOCS: [string, string, Record<string, unknown>][] = [
  ['/v1/consultations/{id}/files/{name}', 'get', storedFile],
  ['/v1/audits/{id}/files/{name}', 'get', storedFile],
  ['/v1/clients/{clientRef}/export', 'get', bytesResponse('a ZIP archive', ['application/zip'], contentDisposition('`attachment; filename="client-<clientRef>.zip"` (the reference made safe for a file name)'))],
];
