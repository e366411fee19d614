/** A reason quoted inside another sentence: no trailing full stop. */
export function cite(reason: string): string {
  return reason.trim().replace(/\.$/, '');
}
