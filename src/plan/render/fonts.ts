// Fonts for report.pdf. PDFKit's built-in Helvetica only encodes WinAnsi (Latin-1 plus a few signs), so
// '→', '≥', 'Δ', a Polish or Greek clinic or pigment name came out as mojibake ('30 % !’ 70 %'). DejaVu
// Sans covers Latin, Greek, Cyrillic and the arrows and maths signs our texts use; PDFKit embeds only the
// glyphs a report uses, so the file stays small. The fonts come from the npm package dejavu-fonts-ttf
// (free licence, see its LICENSE), so a fresh `npm ci` has them.
//
// DejaVu has no Chinese, Japanese or Korean. Those characters are drawn in a fallback font, taken from
// the system (no npm package carries a CJK font under ~60 MB): SMP_REPORT_FALLBACK_FONT, else Debian's
// fonts-droid-fallback (1.8 MB; Apache-2.0), which .ci/run and the Dockerfile install. Without one the
// report still renders, and says how many characters it could not show.
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import type { Covers } from './font-runs.js';

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

/** Where a fallback font is looked for when SMP_REPORT_FALLBACK_FONT is unset, in order. */
export const FALLBACK_FONT_CANDIDATES = [
  // Debian fonts-droid-fallback: CJK ideographs, kana and Hangul (the "Full" variant it also installs, in
  // /usr/share/fonts/truetype/droid, has 3 of the 11,172 Hangul syllables)
  '/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf',
] as const;

/**
 * The fallback font's path (a TrueType or OpenType file, not a collection), or null when there is none.
 * SMP_REPORT_FALLBACK_FONT=none: no fallback. Set (not empty) to a file that is not there, a collection
 * or no font at all: an error naming the variable.
 */
export function fallbackFontPath(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env.SMP_REPORT_FALLBACK_FONT?.trim();
  if (given === 'none') return null;
  if (given) {
    if (!existsSync(given) || !statSync(given).isFile()) throw new Error(`SMP_REPORT_FALLBACK_FONT: no font file at ${given}`);
    if (/\.(ttc|otc)$/i.test(given)) throw new Error(`SMP_REPORT_FALLBACK_FONT: ${given} is a font collection; give one .ttf or .otf font`);
    // opened now, so a file that is no font stops the start instead of failing every report
    try {
      fontCoverage(given);
    } catch (err) {
      throw new Error(`SMP_REPORT_FALLBACK_FONT: ${given} is not a font that can be read (${(err as Error).message})`);
    }
    return given;
  }
  return FALLBACK_FONT_CANDIDATES.find((p) => existsSync(p)) ?? null;
}

const coverage = new Map<string, Covers>();

/** Which code points the font file at `path` has glyphs for; opened once per process. */
export function fontCoverage(path: string): Covers {
  let covers = coverage.get(path);
  if (!covers) {
    const font = fontkit.openSync(path);
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${path} is a font collection; give one .ttf or .otf font`);
    covers = (cp) => font.hasGlyphForCodePoint(cp);
    coverage.set(path, covers);
  }
  return covers;
}
