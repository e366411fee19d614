// Splits a text into runs by the font that can draw them: the report's font (DejaVu Sans) has no
// Chinese, Japanese or Korean, so a client reference, a clinic's pigment name or a scar written in
// them needs a second font for just those characters. PDFKit draws one font per text call, so the
// report draws the runs one after the other on the same line.

export type RunFont = 'primary' | 'fallback' | 'missing';

export interface FontRun {
  text: string;
  /** 'missing': neither font has these characters (drawn in the primary font, as empty boxes). */
  font: RunFont;
}

/** Whether a font has a glyph for a code point. */
export type Covers = (codePoint: number) => boolean;

/**
 * The runs of `text`, in order, adjacent runs of one font merged. A character goes to the primary font
 * when it has it (spaces and punctuation included; control characters such as a line break always), else to the fallback when there is one and it has
 * it, else it is missing. Code points, not UTF-16 units: a character outside the BMP is one character.
 */
export function fontRuns(text: string, primary: Covers, fallback: Covers | null): FontRun[] {
  if (typeof text !== 'string') throw new TypeError(`fontRuns: text must be a string, got ${typeof text}`);
  const runs: FontRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Line breaks and other controls have no glyph in any font; PDFKit lays them out itself.
    const font: RunFont = cp < 0x20 || primary(cp) ? 'primary' : fallback?.(cp) ? 'fallback' : 'missing';
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs;
}

/** How many characters of the runs no font has. */
export function missingCount(runs: readonly FontRun[]): number {
  let n = 0;
  for (const r of runs) if (r.font === 'missing') n += [...r.text].length;
  return n;
}
