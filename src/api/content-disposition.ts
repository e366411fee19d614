// Content-Disposition of the stored files the API serves: a report (PDF), the dots (CSV) or JSON is saved
// as a file, under its own name (report.pdf came with none, so a browser saved it as the id or "download");
// an image is shown, and named for "save as".
import { extname } from 'node:path';

const SAVED = new Set(['.pdf', '.csv', '.json']);

/** `attachment; filename="report.pdf"` or `inline; filename="overlay-0.png"`; the name kept to [A-Za-z0-9._-]. */
export function contentDispositionOf(name: string): string {
  // The routes take names of these characters only; anything else (a quote, a backslash, a control
  // character, non-ASCII) would need RFC 6266's filename*, and is replaced instead.
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 128) || 'file';
  return `${SAVED.has(extname(name).toLowerCase()) ? 'attachment' : 'inline'}; filename="${safe}"`;
}
