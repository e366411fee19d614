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

export function contentTypeOf(name: string): string {
  return BY_EXTENSION[extname(name)] ?? 'application/octet-stream';
}
