// How the audit prints its numbers, in the flags' messages, on the PDF page and in the side-by-side image
// alike: one decimal, and a true minus sign (U+2212, which the embedded DejaVu Sans has). The page had
// printed "-16.6" (a hyphen) in its table beside "+8.9", and the too-dark flag "16.58 L* darker" for the
// same reading. The JSON's evidence keeps its own figures (two decimals, plain numbers).

/** The minus sign the audit prints (U+2212), not the hyphen-minus. */
export const MINUS = '\u2212';

/** `v` to `digits` decimals with a true minus sign; "0.0", never "−0.0", for what rounds to zero. */
export function fixed(v: number, digits = 1): string {
  const t = v.toFixed(digits);
  if (!t.startsWith('-')) return t;
  return Number(t) === 0 ? t.slice(1) : MINUS + t.slice(1);
}

/** `v` to one decimal, signed: "+2.4", "−0.1", "0.0". */
export function signed(v: number, digits = 1): string {
  const t = fixed(v, digits);
  return Number(v.toFixed(digits)) > 0 ? `+${t}` : t;
}
