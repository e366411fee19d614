// plan.svg: the photo with one layer (<g>) per session of dots, and the hairline(s) on top, for a
// practitioner to open, toggle and edit in any SVG editor. Coordinates are photo pixels.
import type { Plan } from '../dots/plan.js';
import { ZONES } from '../density/treatment.js';
import { hex, sessionColour, sessionColourName } from './colour.js';
import { sessionHairlines } from './hairlines.js';

export interface SvgOptions {
  /** The photo under the dots: a URL/path, or bytes embedded as a data URI. */
  photo?: { href: string } | { data: Uint8Array; mime: 'image/jpeg' | 'image/png' | 'image/webp' };
  /** Smallest drawn dot radius (px), so tiny dots stay visible on screen. */
  minRadiusPx?: number;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (v: number): string => (Math.round(v * 100) / 100).toString();

export function renderPlanSvg(plan: Plan, options: SvgOptions = {}): string {
  const { width, height, dots } = plan;
  const minR = options.minRadiusPx ?? 0.5;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<title>SMP dot plan (${esc(plan.view)} view)</title>`);
  out.push(
    `<desc>${plan.totalDots} dots in ${plan.sessions.length} sessions; scale ${plan.scale.mmPerPixel.toFixed(4)} mm/px (±${(100 * plan.scale.relativeSigma).toFixed(0)} %, ${esc(plan.scale.source)}); seed ${plan.seed}. One layer per session, coloured ${esc(plan.sessions.map((_, k) => `session ${k + 1} ${sessionColourName(k)} (${hex(sessionColour(k))})`).join(', '))}; dot radius is the healed impression's.</desc>`,
  );
  const photo = options.photo;
  if (photo) {
    const href = 'href' in photo ? esc(photo.href) : `data:${photo.mime};base64,${Buffer.from(photo.data).toString('base64')}`;
    out.push(`<image id="photo" x="0" y="0" width="${width}" height="${height}" href="${href}" xlink:href="${href}" preserveAspectRatio="none"/>`);
  }
  const mmpp = plan.scale.mmPerPixel;
  plan.sessions.forEach((s, k) => {
    out.push(
      `<g id="session-${k + 1}" data-session-index="${s.index}" data-dots="${s.dots}" data-density-per-cm2="${num(s.densityPerCm2)}" data-dilution="${esc(s.dilution.label ?? '')}" data-needle="${esc(s.needle.code)}" fill="${hex(sessionColour(k))}" fill-opacity="0.9">`,
    );
    // the layer's name in an SVG editor's layer list, and a browser's tooltip: which session, which colour
    const parts: string[] = [`<title>Session ${k + 1} (${sessionColourName(k)})</title>`];
    for (let i = 0; i < dots.x.length; i++) {
      if (dots.session[i] !== k) continue;
      const r = Math.max(minR, dots.sizeMm[i] / mmpp / 2);
      parts.push(`<circle cx="${num(dots.x[i])}" cy="${num(dots.y[i])}" r="${num(r)}" data-zone="${ZONES[dots.zone[i]]}"/>`);
    }
    out.push(parts.join(''));
    out.push(`</g>`);
  });
  const lines = sessionHairlines(plan);
  if (lines.length) {
    out.push(`<g id="hairline" fill="none" stroke-linejoin="round" stroke-linecap="round">`);
    for (const line of lines) {
      const id = line.raised ? `hairline-sessions-${line.sessions.map((s) => s + 1).join('-')}` : 'hairline-design';
      const points = line.points.map(([x, y]) => `${num(x)},${num(y)}`).join(' ');
      out.push(
        `<polyline id="${id}" data-raise-mm="${line.raiseMm}" points="${points}" stroke="${line.raised ? '#ffbe50' : '#ffffff'}" stroke-width="1.5"${line.raised ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`</svg>`);
  return out.join('\n');
}
