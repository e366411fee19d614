// A time limit in words for a message: "400 ms", "1.5 s", "120 s" ("took longer than 0 s" for 400 ms said nothing).
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) || s >= 10 ? Math.round(s) : s.toFixed(1)} s`;
}
