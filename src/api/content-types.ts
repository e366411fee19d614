// Content types of the stored files the API serves, by extension.
import { extname } from 'node:path';

const BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
};

/** Every content type a stored file can be served as (for the OpenAPI document). */
export const FILE_CONTENT_TYPES: readonly string[] = [...new Set(Object.values(BY_EXTENSION))];

export function contentTypeOf(name: string): string {
  return BY_EXTENSION[extname(name)] ?? 'application/octet-stream';
}
