// What a person looks at: before | after (registered onto before) | ΔE heatmap over the after photo,
// the scar outlined in each, cropped around the scar; and a PDF page with the numbers and flags.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { RgbImage } from '../image.js';
import { reportFontPath } from '../../plan/render/fonts.js';
import { CHEON_BOUNDARIES } from './bands.js';
import { boundingBox, outline } from './masks.js';
import type { AuditArtifacts, AuditRun } from './run-audit.js';
import type { AuditResult } from './schema.js';
import { fixed, signed } from './numbers.js';

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
    // not assessable: no band beside the number (the PDF and the list say "not compared" too)
    r.scar.deltaE76.after !== null ? `ΔE76 ${r.scar.deltaE76.after.toFixed(1)} · ${r.assessable ? r.scar.match.after : 'not assessable'}` : r.assessable ? '' : 'not assessable',
    'green < 7 · yellow < 13.7 · orange < 23.5 · red',
  ];
  const total = tiles.length * pw + (tiles.length + 1) * gap;
  const totalH = ph + 2 * gap + labelH;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${labelH}">${tiles
    .map((_, i) => `<text x="${gap + i * (pw + gap) + 2}" y="12" font-family="sans-serif" font-size="12" fill="#222">${esc(titles[i])}</text><text x="${gap + i * (pw + gap) + 2}" y="25" font-family="sans-serif" font-size="11" fill="#555">${esc(sub[i])}</text>`)
    .join('')}</svg>`;
  const png = await sharp({ create: { width: total, height: totalH, channels: 3, background: '#ffffff' } })
    .composite([...tiles.map((t, i) => ({ input: t, left: gap + i * (pw + gap), top: gap + labelH })), { input: Buffer.from(svg), left: 0, top: 2 }])
    // opaque RGB: the SVG's alpha had made it RGBA, which PDFKit splits pixel by pixel in JavaScript
    .removeAlpha()
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

/** What the page says besides the result: the record it belongs to, as its caller knows it. */
export interface AuditPdfOptions {
  title?: string;
  sideBySide?: Uint8Array;
  /** The stored audit's id (the API's; `smp audit` has none). */
  auditId?: string;
  clientRef?: string | null;
  /** When the audit was made: given, not read from the clock, so the same input draws the same page. */
  date?: Date | string;
}

// Embedded DejaVu Sans (fonts.ts): PDFKit's Helvetica has no 'Δ', '→' or '−', which had been printed "dE76".
const REGULAR = 'audit-regular';
const BOLD = 'audit-bold';
const RED = '#b00020';
const AMBER = '#b36b00';
const GREEN = '#1b7a3a';
const MUTED = '#555555';

/** "2026-03-04 09:15 UTC": a clinic files the page by its day, and two audits of one day by the time. */
function dateText(d: Date | string): string {
  const iso = (typeof d === 'string' ? new Date(d) : d).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The page's first line: which audit, whose, when; empty when the caller knows none of them. */
export function auditHeader(o: Pick<AuditPdfOptions, 'auditId' | 'clientRef' | 'date'>): string {
  return [o.auditId ? `Audit ${o.auditId}` : '', o.clientRef ? `client ${o.clientRef}` : '', o.date !== undefined ? dateText(o.date) : ''].filter(Boolean).join(' · ');
}

const oneDecimal = (v: number) => Math.round(v * 10) / 10;

/**
 * The change between two ΔE76 readings as printed ("−0.1", "+2.4", "0.0"): taken from the rounded
 * readings, so "13.8 → 13.7" never reads "change −0.2".
 */
export function deltaE76Change(before: number, after: number): string {
  return signed(oneDecimal(oneDecimal(after) - oneDecimal(before)));
}

/** Whether a band shown lies near a band boundary (matchSure false: it may fall either side). */
export function nearBoundary(r: AuditResult, which: ('before' | 'after')[] = ['before', 'after']): boolean {
  return which.some((k) => r.scar.match[k] !== null && r.scar.matchSure?.[k] === false);
}

/** The overall result in one line: "ΔE76 13.8 → 13.7 (change −0.1) · band obvious → obvious, near a band boundary". */
function overallText(r: AuditResult): string {
  const { before, after } = r.scar.deltaE76;
  if (before === null && after === null) return 'ΔE76 not measured';
  if (before === null || after === null) {
    return before !== null ? `ΔE76 before ${before.toFixed(1)} (${r.scar.match.before}); the after photo was not measured` : `ΔE76 after ${after!.toFixed(1)}; the before photo was not measured`;
  }
  // Under a changed light (or any other reason) the two readings do not compare: no change is claimed.
  if (!r.assessable) return `ΔE76 ${before.toFixed(1)} → ${after.toFixed(1)}: not compared, the audit is not assessable`;
  const near = nearBoundary(r) ? ', near a band boundary' : '';
  return `ΔE76 ${before.toFixed(1)} → ${after.toFixed(1)} (change ${deltaE76Change(before, after)}) · band ${r.scar.match.before} → ${r.scar.match.after}${near}`;
}

type PhotoGate = NonNullable<AuditResult['quality']>['before'];

/**
 * One photo's quality gate in words: each reason marked as refusing the photo or as a warning, after the
 * refusals the gate does not make (`refusals`: the same photo as an earlier one, black and white). A photo
 * so refused is not said to have passed: the page had printed "after photo: passed the quality checks"
 * under "Not assessable: after photo: it is the same photo as the before photo".
 */
function qualityText(q: NonNullable<PhotoGate>, refusals: string[] = []): string {
  if (q.reasons.length === 0 && refusals.length === 0) return 'passed the quality checks';
  const errors = new Set(q.checks.filter((c) => c.severity === 'error').map((c) => c.message));
  return [...refusals.map((m) => `${m} (photo refused)`), ...q.reasons.map((m) => `${m} (${errors.has(m) ? 'photo refused' : 'warning'})`)].join('; ');
}

/**
 * The audit's reasons that refuse this photo beyond its gate's errors (photo-refusals.ts), each as the
 * clause after "<name> photo: " (before, after) or "visit N left out: ".
 */
function otherRefusals(r: AuditResult, lead: string, g: NonNullable<PhotoGate>): string[] {
  const gate = new Set(g.reasons);
  return r.reasons.filter((m) => m.startsWith(lead)).map((m) => m.slice(lead.length)).filter((m) => !gate.has(m));
}

/** Each photo's gate (before, after, then the visits), where it was run; none for audits stored before it. */
export function qualityLines(r: AuditResult): { photo: string; text: string; refused: boolean; warned: boolean }[] {
  const q = r.quality;
  if (!q) return [];
  const named: [string, PhotoGate, string][] = [
    ['before photo', q.before, 'before photo: '],
    ['after photo', q.after, 'after photo: '],
    ...q.visits.map((g, i): [string, PhotoGate, string] => [`visit ${i + 1}`, g, `visit ${i + 1} left out: `]),
  ];
  return named.flatMap(([photo, g, lead]) => {
    if (!g) return [];
    const refusals = otherRefusals(r, lead, g);
    return [{ photo, text: qualityText(g, refusals), refused: !g.assessable || refusals.length > 0, warned: g.reasons.length > 0 || refusals.length > 0 }];
  });
}

/** One line per later visit: its match, its change since before, and the pigment added since before. */
function visitLines(r: AuditResult): string[] {
  const n = Math.max(r.scar.deltaE76.visits.length, r.visitRegistrations.length, r.quality?.visits.length ?? 0);
  const before = r.scar.deltaE76.before;
  return Array.from({ length: n }, (_, i) => {
    const de = r.scar.deltaE76.visits[i] ?? null;
    if (de === null) return `visit ${i + 1}: not measured (left out: see the reasons)`;
    const band = r.scar.match.visits[i];
    const near = r.scar.matchSure?.visits[i] === false ? ', near a band boundary' : '';
    const change = before !== null ? `, change ${deltaE76Change(before, de)} since before` : '';
    return `visit ${i + 1}: ΔE76 ${de.toFixed(1)} (${band}${near})${change} · pigment added since before ${pct(r.photos.visits[i]?.added?.pigmentFraction)} · dark share of the scar ${pct(r.scar.coverage.visits[i]?.pigmentFraction)}`;
  });
}

type Doc = PDFKit.PDFDocument;

/** A new page when fewer than `h` points are left (the table's rows are placed by hand, not flowed). */
function room(doc: Doc, h: number): void {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/** The reasons in a red frame at the top: a clinic must see them before any number below. */
function notAssessableBox(doc: Doc, reasons: string[]): void {
  const x = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const top = doc.y;
  doc.font(BOLD).fontSize(12).fillColor(RED).text('Not assessable', x + 8, top + 6, { width: w - 16 });
  doc.font(REGULAR).fontSize(10).fillColor('#000');
  for (const reason of reasons.length ? reasons : ['no reason was recorded']) doc.text(`• ${reason}`, { width: w - 16 });
  const bottom = doc.y + 6;
  doc.rect(x, top, w, bottom - top).lineWidth(1.5).strokeColor(RED).stroke();
  doc.x = x;
  doc.y = bottom + 8;
}

/**
 * The audit's page (A4; a second one only when many visits and checks need it): who and when, the
 * reasons when not assessable, the side-by-side image, the overall change, the colour-match table,
 * the visits, each photo's quality and the failure checks. Every cell shows what was measured, whether
 * or not the audit is assessable. A pure function of `run` and `opts` (the date is given, not read).
 */
export async function renderAuditPdf(run: { result: AuditResult; artifacts?: AuditArtifacts }, opts: AuditPdfOptions = {}): Promise<Uint8Array> {
  const given = opts.sideBySide ?? (run.artifacts ? await renderAuditSideBySide(run as AuditRun) : null);
  const image = given ? await forPdf(given) : null;
  const r = run.result;
  const title = opts.title ?? 'Scar camouflage audit';
  const date = opts.date === undefined ? undefined : new Date(opts.date);
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: title, ...(date ? { CreationDate: date } : {}) } });
  doc.registerFont(REGULAR, reportFontPath('regular'));
  doc.registerFont(BOLD, reportFontPath('bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res, rej) => {
    doc.on('end', () => res());
    doc.on('error', rej);
  });
  const f = (v: number | null | undefined, d = 1) => (v === null || v === undefined ? '—' : fixed(v, d));
  doc.font(BOLD).fontSize(16).text(title);
  const header = auditHeader({ ...opts, date });
  if (header) doc.font(BOLD).fontSize(10).fillColor('#000').text(header);
  doc.font(REGULAR).fontSize(9).fillColor(MUTED).text(`before photo ${photoSizeText(r)} · scar from ${r.scar.source ?? '—'}`);
  doc.moveDown(0.5);
  if (!r.assessable) notAssessableBox(doc, r.reasons);
  if (image) {
    doc.image(image, { fit: [515, r.assessable ? 230 : 200], align: 'center' });
    doc.moveDown(0.5);
  }
  doc.fillColor('#000').font(BOLD).fontSize(11).text(overallText(r));
  doc.moveDown(0.3);
  doc.font(BOLD).fontSize(11).text('Colour match, scar vs surrounding scalp (CIELAB D65)');
  doc.font(REGULAR).fontSize(9);
  const rows: [string, string, string][] = [
    ['', 'before', 'after'],
    ['ΔE76', f(r.scar.deltaE76.before), f(r.scar.deltaE76.after)],
    ['ΔE2000', f(r.scar.deltaE00.before), f(r.scar.deltaE00.after)],
    ['Cheon band', bandText(r, 'before'), bandText(r, 'after')],
    ['ΔL* (scar − surround)', f(r.scar.deltaL.before), f(r.scar.deltaL.after)],
    ['Δa*', f(r.scar.deltaA.before), f(r.scar.deltaA.after)],
    ['Δb*', f(r.scar.deltaB.before), f(r.scar.deltaB.after)],
    [`dots in scar / surround (${r.scale.densityUnit === 'perCm2' ? 'per cm²' : 'per 1000 px²'})`, dens(r, 'before'), dens(r, 'after')],
    // Every pixel 8 L* darker than the skin: an untreated scar's own texture and hair count too.
    ['dark share of the scar (texture, hair, pigment)', pct(r.scar.coverage.before?.pigmentFraction), pct(r.scar.coverage.after?.pigmentFraction)],
    // What the treatment added: dark now and not in the before photo (none for the before photo itself).
    ['pigment added since before', '—', pct(r.photos.after?.added?.pigmentFraction)],
    ['scar cells holding a dot', pct(r.scar.coverage.before?.cellsWithDots), pct(r.scar.coverage.after?.cellsWithDots)],
  ];
  const x0 = doc.page.margins.left;
  for (const [i, row] of rows.entries()) {
    room(doc, 14);
    const y = doc.y;
    doc.font(i === 0 ? BOLD : REGULAR);
    doc.text(row[0], x0, y, { width: 250 });
    const h = doc.y;
    doc.text(row[1], x0 + 260, y, { width: 120 });
    doc.text(row[2], x0 + 390, y, { width: 120 });
    doc.x = x0;
    doc.y = Math.max(h, doc.y);
  }
  doc.moveDown(0.3);
  doc.fontSize(8).fillColor(MUTED).text('Cheon 2010 bands from ΔE76, boundaries at the midpoints of the published means (4.4, 9.6, 17.8, 29.1): perfect < 7.0 ≤ slight < 13.7 ≤ obvious < 23.45 ≤ gross. A reading within 2 of a boundary may fall in either band with the light or the file format.');
  const reg = r.registration;
  doc.text(
    reg?.registered
      ? `Registration: ${reg.method}, ${reg.inliers} inlier matches, RMS residual ${f(reg.rmsErrorPx, 2)} px${reg.summary ? `, rotation ${f(reg.summary.rotationDeg)}°, scale ${f(reg.summary.scale, 3)}` : ''}.`
      : `Registration failed: ${reg?.reason ?? 'unknown'}`,
  );
  const visits = visitLines(r);
  if (visits.length) {
    doc.moveDown(0.5);
    room(doc, 30);
    doc.fillColor('#000').font(BOLD).fontSize(11).text('Later visits');
    doc.font(REGULAR).fontSize(9);
    for (const line of visits) doc.text(line);
  }
  const quality = qualityLines(r);
  if (quality.length) {
    doc.moveDown(0.5);
    room(doc, 30);
    doc.fillColor('#000').font(BOLD).fontSize(11).text('Photo quality');
    doc.fontSize(9);
    for (const q of quality) {
      doc.fillColor(q.refused ? RED : q.warned ? AMBER : GREEN).font(BOLD).text(`${q.photo}: `, { continued: true });
      doc.fillColor('#000').font(REGULAR).text(q.text);
    }
  }
  doc.moveDown(0.5);
  room(doc, 30);
  doc.fillColor('#000').font(BOLD).fontSize(11).text('Failure checks');
  doc.font(REGULAR).fontSize(9);
  if (r.checks.length === 0) doc.text('No checks could be made.');
  for (const c of r.checks) {
    const colour = !c.made ? '#777777' : c.fired ? (c.severity === 'fail' ? RED : AMBER) : GREEN;
    const status = !c.made ? 'n/a' : c.fired ? (c.severity ?? 'flag').toUpperCase() : 'ok';
    doc.fillColor(colour).font(BOLD).text(`${status} · ${c.id}`, { continued: true });
    doc.fillColor('#000').font(REGULAR).text(` — ${c.message}`);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The side-by-side image as the page embeds it: a JPEG, made by sharp off this thread. PDFKit reads a PNG
 * byte by byte in JavaScript (and splits an alpha channel pixel by pixel), a JPEG it copies as it is.
 */
async function forPdf(png: Uint8Array): Promise<Buffer> {
  return sharp(png).flatten({ background: '#ffffff' }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
}

function dens(r: AuditResult, k: 'before' | 'after'): string {
  const d = r.scar.density[k];
  if (!d) return '—';
  const v = (s: { per1000Px2: number; perCm2: number | null }) => (r.scale.densityUnit === 'perCm2' ? (s.perCm2 ?? 0) : s.per1000Px2).toFixed(1);
  return `${v(d.scar)} / ${v(d.surround)}`;
}

function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${Math.round(100 * v)} %`;
}

/** The band, marked when its reading lies near a boundary (matchSure false: it may fall either side). */
function bandText(r: AuditResult, which: 'before' | 'after'): string {
  const band = r.scar.match[which];
  if (!band) return '—';
  return nearBoundary(r, [which]) ? `${band} (near a boundary)` : band;
}
