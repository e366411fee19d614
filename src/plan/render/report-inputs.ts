// What the consultation was given, for report.pdf's "Given with the consultation" block: the client's
// sex (the grade's scale depends on it, so its absence is said), age, stated hair colour, goals and notes.
// Read from the record's `input` (the API's and the CLI's JSON), else from the top level, where the
// pipeline spreads the consultation's meta (src/pipeline/consultation.ts renderReport). There the
// analysis' own `hairColour` (the reading, an object) covers the stated one: only a text is taken as stated.
// Free text is cut to a length that keeps the block short, its line breaks and control characters
// folded (pdfkit itself breaks a word too long for a line), so no input breaks the page.
import { pick as get, isNum } from './pick.js';

/** Characters of the goals and the notes printed at most: about three and five lines of the page. */
export const MAX_GOALS_CHARS = 300;
export const MAX_NOTES_CHARS = 500;
/**
 * Free text as one paragraph: control characters (tabs, bidi overrides, zero-width marks) and runs of
 * spaces folded, line breaks read as " / ", and cut to `max` characters at a word where one is near, with
 * an ellipsis. Null when nothing is left. A word too long for a line (a pasted link) is left whole:
 * pdfkit breaks it at the margin.
 */
export function oneParagraph(text: unknown, max = Infinity): string | null {
  if (typeof text !== 'string') return null;
  const lines = text
    .normalize('NFC')
    .split(/\r\n|[\r\n\u2028\u2029\v\f\u0085]/)
    .map((l) =>
      l
        // C0/C1 controls, zero-width and bidi formatting characters, the BOM: nothing a page shows
        .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  if (!lines.length) return null;
  const joined = lines.join(' / ');
  const chars = [...joined];
  if (chars.length <= max) return joined;
  const head = chars.slice(0, max - 1).join('');
  const space = head.lastIndexOf(' ');
  const cut = space >= max * 0.8 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s/,;:.]+$/, '')}…`;
}

export interface GivenLine {
  label: string;
  value: string;
  /** Printed muted after the value. */
  note?: string;
}

const SEX_WORDS: Record<string, string> = { male: 'male', female: 'female', other: 'other' };

/**
 * The lines of the "Given with the consultation" block, in print order: sex always (its absence is
 * "not given": the grade's scale depends on it), the others only where given.
 */
export function givenLines(c: unknown): GivenLine[] {
  const input = get(c, 'input');
  const from = (key: string): unknown => {
    const given = input && typeof input === 'object' ? get(input, key) : undefined;
    return given !== undefined && given !== null ? given : get(c, key);
  };
  const out: GivenLine[] = [];
  const sex = from('sex');
  const pattern = get(c, 'pattern');
  const scale = pattern === 'ludwig' ? 'graded on the Ludwig scale' : pattern === 'norwood' ? 'graded on the Norwood scale' : null;
  if (typeof sex === 'string' && SEX_WORDS[sex]) {
    out.push({ label: 'Sex', value: SEX_WORDS[sex], ...(scale ? { note: scale } : {}) });
  } else {
    // the service grades on the Norwood scale unless the client is a woman (src/pipeline/consultation.ts)
    const note = pattern === 'ludwig' ? scale! : "graded as a man's, on the Norwood scale; a woman's hair loss takes another scale: give the sex with the consultation";
    out.push({ label: 'Sex', value: 'not given', note });
  }
  const age = from('age');
  if (isNum(age)) out.push({ label: 'Age', value: `${Math.round(age)}` });
  else if (typeof age === 'string' && /^\s*\d{1,3}\s*$/.test(age)) out.push({ label: 'Age', value: age.trim() });
  // the top level's hairColour is the analysis' reading (an object) where the pipeline spread the meta under it
  const hair = oneParagraph(from('hairColour'), 64);
  if (hair) out.push({ label: 'Hair colour as stated', value: hair });
  const goals = oneParagraph(from('goals'), MAX_GOALS_CHARS);
  if (goals) out.push({ label: 'Goals', value: `“${goals}”` });
  const notes = oneParagraph(from('notes'), MAX_NOTES_CHARS);
  if (notes) out.push({ label: 'Notes', value: notes });
  return out;
}

/**
 * Whether the report is of a consultation at all (a grade, a recommendation, photos or anything given),
 * so a bare plan's report does not print "Sex: not given".
 */
export function hasConsultation(c: unknown): boolean {
  return ['norwood', 'ludwig', 'pattern', 'recommendation', 'photos', 'input', 'sex', 'age', 'goals', 'notes'].some((k) => {
    const v = get(c, k);
    return v !== undefined && v !== null;
  });
}
