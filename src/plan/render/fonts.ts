// Fonts for report.pdf. PDFKit's built-in Helvetica only encodes WinAnsi (Latin-1 plus a few signs), so
// '→', '≥', 'Δ', a Polish or Greek clinic or pigment name came out as mojibake ('30 % !’ 70 %'). DejaVu
// Sans covers Latin, Greek, Cyrillic and the arrows and maths signs our texts use; PDFKit embeds only the
// glyphs a report uses, so the file stays small. The fonts come from the npm package dejavu-fonts-ttf
// (free licence, see its LICENSE), so a fresh `npm ci` has them.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const REPORT_FONTS = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
} as const;

export type ReportFont = keyof typeof REPORT_FONTS;

/** Absolute path of one of the report's font files; throws with the fix when the package is missing. */
export function reportFontPath(font: ReportFont): string {
  const file = REPORT_FONTS[font];
  if (!file) throw new RangeError(`reportFontPath: unknown font '${String(font)}', expected one of ${Object.keys(REPORT_FONTS).join(', ')}`);
  let path: string;
  try {
    path = require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
  } catch {
    throw new Error(`report font ${file} not found: the npm package dejavu-fonts-ttf is missing (run npm ci)`);
  }
  if (!existsSync(path)) throw new Error(`report font ${file} not found at ${path} (run npm ci)`);
  return path;
}
