// Scar shapes with an (approximately Euclidean) signed distance: negative inside, in px. The three kinds
// follow DOMAIN.md: a linear strip (FUT), punctate dots (FUE), an irregular patch (trauma).
import type { Rng } from './rng.js';
import { uniform } from './rng.js';

export type ScarShape =
  | { kind: 'strip'; x0: number; y0: number; x1: number; y1: number; radius: number }
  | { kind: 'patch'; cx: number; cy: number; radius: number; harmonics: [number, number][] }
  | { kind: 'punctate'; discs: [number, number, number][] };

export function signedDistance(s: ScarShape, x: number, y: number): number {
  switch (s.kind) {
    case 'strip': {
      const dx = s.x1 - s.x0;
      const dy = s.y1 - s.y0;
      const t = Math.max(0, Math.min(1, ((x - s.x0) * dx + (y - s.y0) * dy) / (dx * dx + dy * dy || 1)));
      return Math.hypot(x - (s.x0 + t * dx), y - (s.y0 + t * dy)) - s.radius;
    }
    case 'patch': {
      const th = Math.atan2(y - s.cy, x - s.cx);
      let r = s.radius;
      for (const [k, [amp, phase]] of s.harmonics.entries()) r += s.radius * amp * Math.cos((k + 2) * th + phase);
      return Math.hypot(x - s.cx, y - s.cy) - r;
    }
    case 'punctate': {
      let d = Infinity;
      for (const [cx, cy, r] of s.discs) d = Math.min(d, Math.hypot(x - cx, y - cy) - r);
      return d;
    }
  }
}

/** A random scar of a random kind near (cx, cy), sized for an image whose short side is `side`. */
export function randomShape(rng: Rng, cx: number, cy: number, side: number, kind?: ScarShape['kind']): ScarShape {
  const k = kind ?? (['strip', 'patch', 'punctate'] as const)[Math.floor(rng() * 3)];
  if (k === 'strip') {
    const len = uniform(rng, 0.3, 0.5) * side;
    const th = uniform(rng, -0.5, 0.5);
    const dx = (Math.cos(th) * len) / 2;
    const dy = (Math.sin(th) * len) / 2;
    return { kind: 'strip', x0: cx - dx, y0: cy - dy, x1: cx + dx, y1: cy + dy, radius: uniform(rng, 0.025, 0.05) * side };
  }
  if (k === 'patch') {
    return { kind: 'patch', cx, cy, radius: uniform(rng, 0.08, 0.15) * side, harmonics: [0, 1, 2].map(() => [uniform(rng, 0, 0.12), uniform(rng, 0, 2 * Math.PI)] as [number, number]) };
  }
  const discs: [number, number, number][] = [];
  const n = 5 + Math.floor(rng() * 5);
  const spread = 0.15 * side;
  for (let tries = 0; discs.length < n && tries < 500; tries++) {
    const r = uniform(rng, 0.025, 0.04) * side;
    const x = cx + uniform(rng, -spread, spread);
    const y = cy + uniform(rng, -spread, spread);
    if (discs.every(([a, b, q]) => Math.hypot(a - x, b - y) > q + r + 6)) discs.push([x, y, r]);
  }
  return { kind: 'punctate', discs };
}
