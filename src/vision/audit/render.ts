// What a person looks at: before | after (registered onto before) | ΔE heatmap over the after photo,
// the scar outlined in each, cropped around the scar; and a one-page PDF with the numbers and flags.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { RgbImage } from '../image.js';
import { CHEON_BOUNDARIES } from './bands.js';
import { boundingBox, outline } from './masks.js';
import type { AuditRun } from './run-audit.js';
import type { AuditResult } from './schema.js';

const OUTLINE: [number, number, number] = [255, 220, 0];
/** The heatmap's top: ΔE76 at or above this shows as the hottest colour (past the "gross" boundary). */
export const HEAT_MAX = 30;

/** ΔE76 -> colour: green below "perfect", yellow "slight", orange "obvious", red "gross" (Cheon bands), graded inside each. */
export function heatColour(de: number): [number, number, number] {
  const stops: [number, [number, number, number]][] = [
    [0, [0, 150, 70]],
    [CHEON_BOUNDARIES[0], [120, 200, 40]],
    [CHEON_BOUNDARIES[1], [250, 210, 30]],
    [CHEON_BOUNDARIES[2], [240, 110, 20]],
    [HEAT_MAX, [200, 0, 40]],
  ];
  const v = Math.max(0, Math.min(HEAT_MAX, de));
  for (let k = 1; k < stops.length; k++) {
    if (v <= stops[k][0]) {
      const [a, ca] = stops[k - 1];
      const [b, cb] = stops[k];
      const t = (v - a) / (b - a);
      return [0, 1, 2].map((c) => Math.round(ca[c] + t * (cb[c] - ca[c]))) as [number, number, number];
    }
  }
  return stops[stops.length - 1][1];
}

interface Panel {
  img: RgbImage;
}

/** Side-by-side PNG of the audit (each panel cropped to the scar plus a margin, at most `panelSide` px). */
export async function renderAuditSideBySide(run: AuditRun, opts: { panelSide?: number } = {}): Promise<Uint8Array> {
  const { before, afterRegistered, scar, heatmap } = run.artifacts;
  const W = before.width;
  const H = before.height;
  const side = opts.panelSide ?? 480;
  const line = scar ? thicken(outline(scar, W, H), W, H) : null;
  const box = (scar && boundingBox(scar, W, H, 0)) || { x0: 0, y0: 0, x1: W - 1, y1: H - 1 };
  // Crop: the scar with a margin of its own size (at least 40 px), squared up where the photo allows.
  const bw = box.x1 - box.x0 + 1;
  const bh = box.y1 - box.y0 + 1;
  const half = Math.max(bw, bh) / 2 + Math.max(40, 0.5 * Math.max(bw, bh));
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  const crop = {
    x0: Math.max(0, Math.round(cx - half)),
    y0: Math.max(0, Math.round(cy - half)),
    x1: Math.min(W - 1, Math.round(cx + half)),
    y1: Math.min(H - 1, Math.round(cy + half)),
  };
  const panels: Panel[] = [{ img: withOutline(before, line) }];
  if (afterRegistered) {
    panels.push({ img: withOutline(afterRegistered, line) });
    if (heatmap) panels.push({ img: withOutline(heatOver(afterRegistered, heatmap), line) });
  }
  const cw = crop.x1 - crop.x0 + 1;
  const ch = crop.y1 - crop.y0 + 1;
  const scale = Math.min(1, side / Math.max(cw, ch)) * (Math.max(cw, ch) < side / 2 ? 2 : 1);
  const pw = Math.max(1, Math.round(cw * scale));
  const ph = Math.max(1, Math.round(ch * scale));
  const gap = 8;
  const labelH = 28;
  const tiles = await Promise.all(
    panels.map((p) =>
      sharp(p.img.data, { raw: { width: W, height: H, channels: 3 } })
        .extract({ left: crop.x0, top: crop.y0, width: cw, height: ch })
        .resize(pw, ph, { kernel: scale > 1 ? 'nearest' : 'lanczos3' })
        .png()
        .toBuffer(),
    ),
  );
  const titles = ['before', 'after (registered)', 'ΔE76 vs surround'];
  const r = run.result;
  const sub = [
    r.scar.deltaE76.before !== null ? `ΔE76 ${r.scar.deltaE76.before.toFixed(1)} · ${r.scar.match.before}` : '',
    r.scar.deltaE76.after !== null ? `ΔE76 ${r.scar.deltaE76.after.toFixed(1)} · ${r.scar.match.after}` : r.assessable ? '' : 'not assessable',
    'green < 7 · yellow < 13.7 · orange < 23.5 · red',
  ];
  const total = tiles.length * pw + (tiles.length + 1) * gap;
  const totalH = ph + 2 * gap + labelH;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${labelH}">${tiles
    .map((_, i) => `<text x="${gap + i * (pw + gap) + 2}" y="12" font-family="sans-serif" font-size="12" fill="#222">${esc(titles[i])}</text><text x="${gap + i * (pw + gap) + 2}" y="25" font-family="sans-serif" font-size="11" fill="#555">${esc(sub[i])}</text>`)
    .join('')}</svg>`;
  const png = await sharp({ create: { width: total, height: totalH, channels: 3, background: '#ffffff' } })
    .composite([...tiles.map((t, i) => ({ input: t, left: gap + i * (pw + gap), top: gap + labelH })), { input: Buffer.from(svg), left: 0, top: 2 }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function thicken(m: Uint8Array, W: number, H: number): Uint8Array {
  const out = new Uint8Array(m.length);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!m[y * W + x]) continue;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && yy >= 0 && xx < W && yy < H) out[yy * W + xx] = 1;
      }
    }
  }
  return out;
}

function withOutline(img: RgbImage, line: Uint8Array | null): RgbImage {
  if (!line) return img;
  const data = Uint8Array.from(img.data);
  for (let i = 0; i < line.length; i++) if (line[i]) data.set(OUTLINE, 3 * i);
  return { ...img, data };
}

/** Heat colours over the after photo where the map is defined (scar and ring), the rest dimmed. */
function heatOver(img: RgbImage, heat: Float32Array): RgbImage {
  const data = new Uint8Array(img.data.length);
  for (let i = 0; i < heat.length; i++) {
    const v = heat[i];
    if (Number.isNaN(v)) {
      for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(img.data[3 * i + c] * 0.45);
      continue;
    }
    const col = heatColour(v);
    for (let c = 0; c < 3; c++) data[3 * i + c] = Math.round(0.35 * img.data[3 * i + c] + 0.65 * col[c]);
  }
  return { ...img, data };
}

/** The before photo's size, and the copy's it was measured at when that differs. */
function photoSizeText(r: AuditResult): string {
  const p = r.photoSize ?? r.size;
  const same = p.width === r.size.width && p.height === r.size.height;
  return `${p.width}x${p.height} px${same ? '' : ` (measured at ${r.size.width}x${r.size.height})`}`;
}

/** One A4 page: the side-by-side image, the colour-match table, density and coverage, and the flags. */
export async function renderAuditPdf(run: AuditRun, opts: { title?: string; sideBySide?: Uint8Array } = {}): Promise<Uint8Array> {
  const image = opts.sideBySide ?? (await renderAuditSideBySide(run));
  const r = run.result;
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: opts.title ?? 'Scar camouflage audit' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => {
    doc.on('end', () => res());
    doc.on('error', rej);
  });
  const f = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '—' : v.toFixed(d));
  doc.font('Helvetica-Bold').fontSize(16).text(pdfText(opts.title ?? 'Scar camouflage audit'));
  doc.font('Helvetica').fontSize(9).fillColor('#555').text(pdfText(`Generated ${new Date().toISOString().slice(0, 10)} · before photo ${photoSizeText(r)} · scar from ${r.scar.source ?? '—'}`));
  doc.moveDown(0.5);
  doc.image(Buffer.from(image), { fit: [515, 230], align: 'center' });
  doc.moveDown(0.5);
  doc.fillColor('#000');
  if (!r.assessable) {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#b00020').text(pdfText('Not assessable'));
    doc.font('Helvetica').fontSize(10).fillColor('#000');
    for (const reason of r.reasons) doc.text(pdfText(`• ${reason}`));
  }
  doc.font('Helvetica-Bold').fontSize(11).text(pdfText('Colour match, scar vs surrounding scalp (CIELAB D65)'));
  doc.font('Helvetica').fontSize(9);
  const rows: [string, string, string][] = [
    ['', 'before', 'after'],
    ['ΔE76', f(r.scar.deltaE76.before), f(r.scar.deltaE76.after)],
    ['ΔE2000', f(r.scar.deltaE00.before), f(r.scar.deltaE00.after)],
    ['Cheon band', bandText(r, 'before'), bandText(r, 'after')],
    ['ΔL* (scar − surround)', f(r.scar.deltaL.before), f(r.scar.deltaL.after)],
    ['Δa*', f(r.scar.deltaA.before), f(r.scar.deltaA.after)],
    ['Δb*', f(r.scar.deltaB.before), f(r.scar.deltaB.after)],
    [`dots in scar / surround (${r.scale.densityUnit === 'perCm2' ? 'per cm²' : 'per 1000 px²'})`, dens(r, 'before'), dens(r, 'after')],
    ['scar area under pigment', pct(r.scar.coverage.before?.pigmentFraction), pct(r.scar.coverage.after?.pigmentFraction)],
    ['scar cells holding a dot', pct(r.scar.coverage.before?.cellsWithDots), pct(r.scar.coverage.after?.cellsWithDots)],
  ];
  const x0 = doc.x;
  for (const [i, row] of rows.entries()) {
    const y = doc.y;
    doc.font(i === 0 ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(pdfText(row[0]), x0, y, { width: 250 });
    doc.text(pdfText(row[1]), x0 + 260, y, { width: 120 });
    doc.text(pdfText(row[2]), x0 + 390, y, { width: 120 });
    doc.x = x0;
  }
  doc.moveDown(0.3);
  doc.fontSize(8).fillColor('#555').text(pdfText('Cheon 2010 bands from ΔE76, boundaries at the midpoints of the published means (4.4, 9.6, 17.8, 29.1): perfect < 7.0 ≤ slight < 13.7 ≤ obvious < 23.45 ≤ gross.'));
  const reg = r.registration;
  doc.text(pdfText(
    reg?.registered
      ? `Registration: ${reg.method}, ${reg.inliers} inlier matches, RMS residual ${f(reg.rmsErrorPx, 2)} px${reg.summary ? `, rotation ${f(reg.summary.rotationDeg)}°, scale ${f(reg.summary.scale, 3)}` : ''}.`
      : `Registration failed: ${reg?.reason ?? 'unknown'}`),
  );
  doc.moveDown(0.5);
  doc.fillColor('#000').font('Helvetica-Bold').fontSize(11).text(pdfText('Failure checks'));
  doc.font('Helvetica').fontSize(9);
  if (r.checks.length === 0) doc.text(pdfText('No checks could be made.'));
  for (const c of r.checks) {
    const colour = !c.made ? '#777777' : c.fired ? (c.severity === 'fail' ? '#b00020' : '#b36b00') : '#1b7a3a';
    const status = !c.made ? 'n/a' : c.fired ? (c.severity ?? 'flag').toUpperCase() : 'ok';
    doc.fillColor(colour).font('Helvetica-Bold').text(pdfText(`${status} · ${c.id}`), { continued: true });
    doc.fillColor('#000').font('Helvetica').text(pdfText(` — ${c.message}`));
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function dens(r: AuditRun['result'], k: 'before' | 'after'): string {
  const d = r.scar.density[k];
  if (!d) return '—';
  const v = (s: { per1000Px2: number; perCm2: number | null }) => (r.scale.densityUnit === 'perCm2' ? (s.perCm2 ?? 0) : s.per1000Px2).toFixed(1);
  return `${v(d.scar)} / ${v(d.surround)}`;
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${Math.round(100 * v)} %`;
}

/** The standard PDF fonts are WinAnsi-encoded: spell out the few characters they lack. */
function pdfText(s: string): string {
  return s.replace(/Δ/g, 'd').replace(/≤/g, '<=').replace(/≥/g, '>=').replace(/−/g, '-');
}

/** The band, marked when its reading lies near a boundary (matchSure false: it may fall either side). */
function bandText(r: AuditResult, which: 'before' | 'after'): string {
  const band = r.scar.match[which];
  if (!band) return '—';
  return r.scar.matchSure?.[which] === false ? `${band} (near a boundary)` : band;
}
