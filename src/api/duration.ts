// A time limit in words for a message: "400 ms", "1.5 s", "120 s" ("took longer than 0 s" for 400 ms said nothing).
export function durationText(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  const tenths = Math.round(ms / 100) / 10; // seconds to a tenth
  return tenths < 10 && !Number.isInteger(tenths) ? `${tenths.toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
