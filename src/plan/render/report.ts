// report.pdf: the consultation on paper. Photos with the dot plan and the healed-result simulation,
// the stage, skin tone, recommendation and a per-session plan table. Reads the consultation JSON
// loosely (any field may be missing), so the caller can pass the whole analysis as it is.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { PlanSummary } from '../dots/summary.js';
import type { ScaleEstimate } from '../scale/estimate.js';
import { sessionZoneDensity, type SessionSpec } from '../dots/plan.js';
import type { TreatmentOverrides } from '../density/treatment.js';
import { possibleScarWhy, type PossibleScar } from '../recommend/scars.js';
import { MIN_SKIN_TONE_CONFIDENCE } from '../recommend/rules/basis.js';
import { fallbackFontPath, fontCoverage, reportFontPath } from './fonts.js';
import { fontRuns, missingCount, type Covers } from './font-runs.js';
import { GIVEN_HAIRLINE_NOTE } from '../hairline/propose.js';
import { SPREAD } from '../dots/attributes.js';
import { monkShown } from '../../vision/colour/monk.js';
import { scarLines } from './report-scars.js';
import { givenLines, hasConsultation, oneParagraph } from './report-inputs.js';
import { achievedColumns, areaFigures } from './report-density.js';
import { hex, sessionColour } from './colour.js';
import { isNum, pick } from './pick.js';
import { CLINICIAN_AGREEMENT_NOTE, ludwigCaveats, norwoodStageWords, zoneShareWords } from './report-grade.js';

export interface ReportPhoto {
  view?: string;
  /** The photo (JPEG or PNG bytes). */
  image: Uint8Array;
  /** The photo with the dot plan drawn on it (PNG). */
  overlay?: Uint8Array;
  /** The photo with its hair / scar masks tinted (PNG): shown for photos without a dot plan. */
  masks?: Uint8Array;
  /** Healed-result simulation (PNG). */
  preview?: Uint8Array;
  /** Clockwise turn (degrees) that shows this photo and its images upright; 0 or absent leaves them as taken. */
  turn?: 0 | 90 | 180 | 270;
}

export interface ReportInput {
  /** The consultation JSON (id, norwood, skinTone, recommendation, photos, ...). */
  consultation?: Record<string, unknown>;
  plan?: PlanSummary | null;
  photos?: ReportPhoto[];
  generatedAt?: Date;
  title?: string;
  /** Credit lines printed at the end (e.g. the source of example photos). */
  attribution?: string[];
  /** The sessions as planned: after a plan edit their densities differ from the recommendation's. */
  plannedSessions?: PlannedSession[];
  /** The plan edit's zone density factors (densityOverrides.zoneFactor), where any. */
  zoneFactor?: TreatmentOverrides['zoneFactor'];
}

/** One planned session's cumulative densities (the dot engine's SessionSpec, as far as the report needs it). */
export type PlannedSession = Pick<SessionSpec, 'index' | 'densityPerCm2' | 'zoneDensityPerCm2'>;

type Doc = InstanceType<typeof PDFDocument>;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : isNum(v) ? String(v) : null);
/** ", types 1-3 possible" for a Fitzpatrick range wider than one type: the single type reads surer than ITA allows. */
const fitzpatrickSpan = (range: unknown): string =>
  Array.isArray(range) && range.length === 2 && Number.isInteger(range[0]) && Number.isInteger(range[1]) && range[1] > range[0] ? `, types ${range[0]}-${range[1]} possible` : '';
const numf = (v: unknown, digits = 0): string | null => (isNum(v) ? v.toFixed(digits) : null);
/** A recommendation value may come bare or as { value, reason }. */
const val = (v: unknown): unknown => (v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v);

const MARGIN = 40;
// Registered per document from embedded TTFs (fonts.ts): Helvetica cannot show '→', '≥', 'Δ' or non-Latin-1 names.
const REGULAR = 'report-regular';
const BOLD = 'report-bold';
/** What REGULAR and BOLD lack (Chinese, Japanese, Korean), when the system has a font for it. */
const FALLBACK = 'report-fallback';
type Face = typeof REGULAR | typeof BOLD;

interface DocFonts {
  covers: Record<Face, Covers>;
  fallback: Covers | null;
  /** Characters drawn so far that no font has. */
  missing: number;
}
const FONTS = new WeakMap<Doc, DocFonts>();

function registerFonts(doc: Doc): void {
  const regular = reportFontPath('regular');
  const bold = reportFontPath('bold');
  doc.registerFont(REGULAR, regular);
  doc.registerFont(BOLD, bold);
  const fallback = fallbackFontPath();
  if (fallback) doc.registerFont(FALLBACK, fallback); // read only when a run needs it
  FONTS.set(doc, { covers: { [REGULAR]: fontCoverage(regular), [BOLD]: fontCoverage(bold) }, fallback: fallback ? fontCoverage(fallback) : null, missing: 0 });
}

/**
 * Draws `s` in `face`, the characters the face lacks in the fallback font, run after run on one line
 * (font-runs.ts). Always through here: it leaves the document's font set to `face`'s runs, so text
 * drawn bare afterwards could land in the fallback font, which has no Latin.
 */
function write(doc: Doc, face: Face, s: string, opts: PDFKit.Mixins.TextOptions = {}, at?: { x: number; y: number }): Doc {
  const fonts = FONTS.get(doc)!;
  const runs = fontRuns(s, fonts.covers[face], fonts.fallback);
  fonts.missing += missingCount(runs);
  if (!runs.length) runs.push({ text: '', font: 'primary' });
  runs.forEach((run, i) => {
    doc.font(run.font === 'fallback' ? FALLBACK : face);
    const continued = i < runs.length - 1 || !!opts.continued;
    if (i > 0) doc.text(run.text, { continued });
    else if (at) doc.text(run.text, at.x, at.y, { ...opts, continued });
    else doc.text(run.text, { ...opts, continued });
  });
  return doc.font(face);
}

/** The height `write` would take: a fallback character measured as a 'W' of the face (both about 1 em wide). */
function heightOf(doc: Doc, face: Face, s: string, opts: PDFKit.Mixins.TextOptions): number {
  const fonts = FONTS.get(doc)!;
  const runs = fontRuns(s, fonts.covers[face], fonts.fallback);
  const stand = runs.map((r) => (r.font === 'fallback' ? 'W'.repeat([...r.text].length) : r.text)).join('');
  return doc.font(face).heightOfString(stand, opts);
}
const INK = '#1d2330';
const MUTED = '#5b6475';

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - 120) doc.addPage();
  write(doc.moveDown(0.6).fontSize(13).fillColor(INK), BOLD, text);
  doc.moveDown(0.2);
}

/**
 * A note without its opening words when they repeat the value printed before it ("4" then "4 sessions:
 * scars need..."; "the head within its rim of hair" then the same words): read on one line they stutter.
 */
export function withoutLead(note: string | null | undefined, lead: string): string | null {
  if (!note) return null;
  if (!lead || !note.startsWith(lead)) return note;
  return note.slice(lead.length).replace(/^[\s:,;.]+/, '') || null;
}

function line(doc: Doc, label: string, value: string | null, note?: string | null): void {
  if (value === null) return;
  write(doc.fontSize(10).fillColor(INK), BOLD, `${label}: `, { continued: true });
  write(doc, REGULAR, value + (note ? '  ' : ''), { continued: !!note });
  if (note) write(doc.fillColor(MUTED).fontSize(9), REGULAR, note);
}

/**
 * Images for the page: JPEG, at most 900 px (a 200 pt pane at ~300 dpi), so reports stay small; turned
 * clockwise by `turn` degrees so a photo taken sideways reads upright.
 */
export async function pageImage(img: Uint8Array, turn: 0 | 90 | 180 | 270 = 0): Promise<Buffer | Error> {
  try {
    return await sharp(img).rotate(turn).resize(900, 900, { fit: 'inside', withoutEnlargement: true }).flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer();
  } catch (err) {
    return err as Error;
  }
}

interface Pane {
  img: Buffer | Error;
  label: string;
  /** Printed under the label in red: the photo's checks that are not ok (the view's doubt first). */
  warning?: string | null;
  /** Printed under the label: a colour swatch before each label (the dot plan's session colours). */
  legend?: LegendItem[];
}

export interface LegendItem {
  /** The swatch's colour, #rrggbb. */
  colour: string;
  label: string;
}

/**
 * The key to the dot plan's colours: one swatch per session, in the colours the plan images draw each
 * session's dots in (colour.ts). Empty without sessions.
 */
export function sessionLegend(sessions: number): LegendItem[] {
  return Array.from({ length: Math.max(0, sessions) }, (_, k) => ({ colour: hex(sessionColour(k)), label: `Session ${k + 1}` }));
}

const SWATCH = 6;
const SWATCH_GAP = 2;
const ITEM_GAP = 7;
const LEGEND_LINE = 10;

/** The legend's items in rows that fit `width` (font size 7), each row with its width. */
function legendRows(doc: Doc, items: LegendItem[], width: number): { items: { item: LegendItem; w: number }[]; w: number }[] {
  doc.font(REGULAR).fontSize(7);
  const rows: { items: { item: LegendItem; w: number }[]; w: number }[] = [];
  for (const item of items) {
    const w = SWATCH + SWATCH_GAP + doc.widthOfString(item.label);
    const row = rows[rows.length - 1];
    if (row && row.w + ITEM_GAP + w <= width) {
      row.items.push({ item, w });
      row.w += ITEM_GAP + w;
    } else rows.push({ items: [{ item, w }], w });
  }
  return rows;
}

/** Draws the legend centred in `width` from (x, y); returns its height. */
function drawLegend(doc: Doc, items: LegendItem[], x: number, y: number, width: number): number {
  const rows = legendRows(doc, items, width);
  rows.forEach((row, r) => {
    let at = x + (width - row.w) / 2;
    const top = y + r * LEGEND_LINE;
    for (const { item, w } of row.items) {
      doc.rect(at, top + 1.5, SWATCH, SWATCH).fill(item.colour);
      write(doc.fontSize(7).fillColor(MUTED), REGULAR, item.label, { lineBreak: false }, { x: at + SWATCH + SWATCH_GAP, y: top });
      at += w + ITEM_GAP;
    }
  });
  return rows.length * LEGEND_LINE;
}

/**
 * The caption under a photo, from its view and, where the consultation JSON has them (`shown`: its
 * photos[i]), how the view was known and the view check: a photo sent as auto says it was read and how
 * sure ("read as top, 41 %"), one without a head claims no view, and a view check that doubts the view
 * ("this may be a top view (87 %), not the front view it was sent as") is printed with it, since the
 * practitioner reads the paper, not the JSON.
 */
export function photoCaption(view: string | undefined, turn: 0 | 90 | 180 | 270, shown?: unknown, number?: number): { label: string; warning: string | null } {
  const source = pick(shown, 'viewSource');
  const confidence = pick(shown, 'viewConfidence');
  const viewNote =
    source === 'none'
      ? 'no view read: no head found'
      : source === 'classified' && view
        ? `read as ${view === 'closeup' ? 'close-up' : view}${typeof confidence === 'number' && view !== 'closeup' ? `, ${Math.round(confidence * 100)} %` : ''}`
        : view;
  const notes = [viewNote, turn ? `shown turned ${turn === 270 ? '90° anticlockwise' : turn === 90 ? '90° clockwise' : '180°'}` : null].filter(Boolean);
  // Every check that is not ok, the view's doubt first: a colour cast or a soft photo bears on what was
  // read from it (skin tone, thin hair), and reached the JSON only.
  const checks = pick(shown, 'quality.checks');
  const flagged = (Array.isArray(checks) ? checks : []).filter((c) => pick(c, 'severity') !== 'ok' && str(pick(c, 'message')));
  const doubts = [
    ...flagged.filter((c) => pick(c, 'id') === 'view').map((c) => `View: ${str(pick(c, 'message'))}`),
    ...flagged.filter((c) => pick(c, 'id') !== 'view').map((c) => str(pick(c, 'message'))!),
  ];
  // Numbered as the warnings and reasons name photos ("Photo 5 (back) may show a scar", "seen in photo 2").
  const name = number !== undefined ? `Photo ${number}` : 'Photo';
  return { label: `${name}${notes.length ? ` (${notes.join(', ')})` : ''}`, warning: doubts.length ? doubts.join('; ') : null };
}

/** The number a photo is named by (1-based): its `index` in the consultation JSON, else its place in the list. */
function photoNumber(shown: unknown, k: number): number {
  const index = Array.isArray(shown) ? pick(shown[k], 'index') : undefined;
  return (typeof index === 'number' && Number.isInteger(index) && index >= 0 ? index : k) + 1;
}

/**
 * Each photo's view as its caption names it (by the JSON's `index`, else its place), null where no view
 * was read (no head found): what `withViews` adds to "photo 5".
 */
export function photoViews(c: unknown): Map<number, string> {
  const photos = pick(c, 'photos');
  const out = new Map<number, string>();
  (Array.isArray(photos) ? photos : []).forEach((p, k) => {
    const view = str(pick(p, 'view'));
    if (view && pick(p, 'viewSource') !== 'none') out.set(photoNumber(photos, k), view === 'closeup' ? 'close-up' : view);
  });
  return out;
}

/**
 * "Photo 5 may show a scar" as "Photo 5 (back) may show a scar": the captions name photos by number and
 * view. A photo already followed by its view in brackets, or named inside brackets ("Scar 1 (linear, found
 * in photo 4)": a second bracket would nest), is left as it is: the number alone matches its caption.
 */
export function withViews(text: string, views: Map<number, string>): string {
  return text.replace(/\b([Pp]hoto) (\d+)\b(?!\s*\()/g, (m, word: string, n: string, at: number) => {
    const before = text.slice(0, at);
    const depth = (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    const view = views.get(Number(n));
    return view && depth <= 0 ? `${word} ${n} (${view})` : m;
  });
}

/** `shown`: the consultation JSON's photos, in the same order as `list`. */
async function preparePhotos(list: ReportPhoto[], shown?: unknown, sessions = 0): Promise<Pane[][]> {
  return Promise.all(
    list.map(async (p, k) => {
      const turn = p.turn ?? 0;
      const page = (img: Uint8Array) => pageImage(img, turn);
      return [
        { img: await page(p.image), ...photoCaption(p.view, turn, Array.isArray(shown) ? shown[k] : undefined, photoNumber(shown, k)) },
        ...(p.overlay ? [{ img: await page(p.overlay), label: 'Dot plan, coloured by session', legend: sessionLegend(sessions) }] : []),
        ...(p.masks && !p.overlay ? [{ img: await page(p.masks), label: 'Masks: hair green, scar magenta' }] : []),
        ...(p.preview ? [{ img: await page(p.preview), label: 'Healed result (simulation)' }] : []),
      ];
    }),
  );
}

function photos(doc: Doc, list: Pane[][]): void {
  const usable = doc.page.width - 2 * MARGIN;
  for (const panes of list) {
    const gap = 8;
    const size = Math.min(200, (usable - gap * (panes.length - 1)) / panes.length);
    // captions wrap (a view warning takes two or three lines): the row takes the tallest
    doc.fontSize(8);
    const legendH = (pane: Pane) => (pane.legend?.length ? 2 + legendRows(doc, pane.legend, size).length * LEGEND_LINE : 0);
    const tall = (pane: Pane) => {
      const legend = legendH(pane);
      doc.fontSize(8);
      return heightOf(doc, REGULAR, pane.label, { width: size }) + legend + (pane.warning ? heightOf(doc, REGULAR, pane.warning, { width: size }) : 0);
    };
    const caption = Math.max(...panes.map(tall));
    if (doc.y + size + caption + 14 > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    panes.forEach((pane, k) => {
      const x = MARGIN + k * (size + gap);
      if (pane.img instanceof Error) {
        doc.rect(x, top, size, size).stroke('#cccccc');
        write(doc.fontSize(8).fillColor(MUTED), REGULAR, `image unreadable: ${pane.img.message}`, { width: size - 8 }, { x: x + 4, y: top + 4 });
      } else {
        doc.image(pane.img, x, top, { fit: [size, size], align: 'center', valign: 'center' });
      }
      write(doc.fontSize(8).fillColor(MUTED), REGULAR, pane.label, { width: size, align: 'center' }, { x, y: top + size + 3 });
      if (pane.legend?.length) {
        const y = doc.y + 2;
        const h = drawLegend(doc, pane.legend, x, y, size);
        doc.x = x;
        doc.y = y + h;
      }
      if (pane.warning) write(doc.fontSize(8).fillColor('#b00020'), REGULAR, pane.warning, { width: size, align: 'center' }, { x, y: doc.y });
    });
    doc.x = MARGIN;
    doc.y = top + size + Math.max(18, caption + 9);
  }
}

/** The recommendation's warnings (none when it is missing). */
function recWarnings(c: unknown): unknown[] {
  const w = pick(c, 'recommendation.warnings');
  return Array.isArray(w) ? w : [];
}

/** Whether the recommendation carries a warning of this code. */
function hasWarning(c: unknown, code: string): boolean {
  return recWarnings(c).some((w) => pick(w, 'code') === code);
}

/**
 * Whether the recommendation used the measured skin tone: `unused` when a reading exists but the settings
 * assume a category instead (too unsure; records from before `basis.skinCategory.source` say so by their
 * skin-tone-unreliable caution), and the category `assumed` in place of a reading, if any.
 */
export function skinToneUse(c: unknown): { unused: boolean; assumed: string | null } {
  const basis = pick(c, 'recommendation.basis.skinCategory');
  const unreliable = hasWarning(c, 'skin-tone-unreliable');
  const missing = hasWarning(c, 'skin-tone-missing');
  // Photos that could not be assessed: no settings are printed, so none are said to assume anything.
  const withheld = hasWarning(c, 'not-assessable');
  const assumed = !withheld && (pick(basis, 'source') === 'assumed' || unreliable || missing) ? str(val(basis)) ?? 'very light' : null;
  const measured = typeof pick(c, 'skinTone.ita') === 'number';
  return { unused: measured && assumed !== null, assumed };
}

/**
 * The hair colour as read, with its confidence (it decides the dilution), and what the settings use when
 * that is not the reading: the client's stated colour, or an assumed one when none was read.
 */
function hairColourLine(doc: Doc, c: Record<string, unknown>): void {
  const name = str(pick(c, 'hairColour.name')) ?? str(pick(c, 'hairColour.value.name'));
  const conf = numf(pick(c, 'hairColour.confidence'), 2);
  const basis = pick(c, 'recommendation.basis.hairGroup');
  const group = str(val(basis));
  const source = hasWarning(c, 'not-assessable') ? null : pick(basis, 'source');
  if (name) {
    const used = source === 'stated' && group ? `not used: the settings use ${group} hair, as the client states` : null;
    line(doc, 'Hair colour', name, [conf && `confidence ${conf}`, used].filter(Boolean).join('; ') || null);
  } else if (source === 'stated' && group) {
    line(doc, 'Hair colour', `not read: the settings use ${group} hair, as the client states`);
  } else if (source === 'assumed' && group) {
    line(doc, 'Hair colour', `not read: the settings assume ${group} hair`, 'check it in person: it decides the dilution');
  }
}

/** The goal in plain words. */
const GOAL_WORDS: Record<string, string> = {
  'shaved-look': 'shaved look (buzz cut)',
  density: 'density under longer hair',
  'scar-camouflage': 'scar camouflage',
};

/**
 * The Monk shade as the web page shows it (the answer's skinTone.monkShown): the number only when its
 * swatch is close (MONK_MAX_DELTA_E00) and of the skin's own ITA category; otherwise that no swatch fits.
 */
export function monkWords(tone: unknown): string | null {
  const shown = monkShown(tone);
  if (!shown) return null;
  if (shown.monk !== null) return `Monk ${shown.monk}`;
  return shown.why === 'not-close' ? 'no Monk swatch close' : 'no Monk swatch of this ITA category';
}

/** The bare share per zone and how well each was seen (report-grade.ts), where the JSON has zones. */
function zoneLine(doc: Doc, zones: unknown, photos: unknown): void {
  const words = zoneShareWords(zones, photos);
  if (words) line(doc, 'Bare by zone', words[0], words[1]);
}

/** What the consultation was given (report-inputs.ts): the practitioner reads the grade and the settings against it. */
function given(doc: Doc, c: Record<string, unknown>): void {
  if (!hasConsultation(c)) return;
  heading(doc, 'Given with the consultation');
  for (const g of givenLines(c)) line(doc, g.label, g.value, g.note);
}

/** `views`: each photo's view by its number (photoViews), read once for the whole report. */
function assessment(doc: Doc, c: Record<string, unknown>, views: Map<number, string>): void {
  heading(doc, 'Assessment');
  const reasons = pick(c, 'reasons');
  if (pick(c, 'assessable') === false) {
    line(doc, 'Not assessable', Array.isArray(reasons) ? reasons.map(String).join('; ') : 'see the photo reasons');
  } else if (Array.isArray(reasons) && reasons.length) {
    // Assessed from the other photos: the practitioner sees which were left out and why (a blurred front
    // view leaves the hairline to the top view alone).
    line(doc, 'Left out', reasons.map(String).join('; '));
  }
  const ludwig = str(pick(c, 'ludwig.grade')) ?? str(pick(c, 'ludwig.stage'));
  if (pick(c, 'pattern') === 'ludwig') {
    // A woman is graded on the Ludwig scale (the consultation's pattern): the Norwood stage is not hers.
    const ludwigConf = numf(pick(c, 'ludwig.confidence'), 2);
    line(doc, 'Hair loss stage', ludwig && (ludwig === 'none' ? 'no clear thinning (Ludwig)' : `Ludwig ${ludwig}`), ludwigConf && `confidence ${ludwigConf}`);
    // What the Ludwig grade could not see, and where its pattern may not fit (a receded frontal hairline).
    // Only beside a grade, as a man's caveats and zones are: without one, the not-assessable line says why,
    // and a woman's report had repeated it as caveats above a zone line of "not seen" only.
    const caveats = ludwigCaveats(pick(c, 'ludwig'));
    if (ludwig && caveats.length) line(doc, 'Ludwig caveats', withViews(caveats.join('; '), views));
    if (ludwig) zoneLine(doc, pick(c, 'ludwig.measurements.zones') ?? pick(c, 'norwood.measurements.zones'), pick(c, 'photos'));
  } else {
    const stage = str(pick(c, 'norwood.stage'));
    line(doc, 'Hair loss stage', stage && norwoodStageWords(pick(c, 'norwood')), CLINICIAN_AGREEMENT_NOTE);
    // What the grade could not see or check (a zone no photo showed, a variant not checked, a photo left out), beside the stage.
    // The hairline caveat is left to the recommendation's front-not-seen caution when there is one: the
    // same fact printed twice on one page.
    const frontWarned = hasWarning(c, 'front-not-seen');
    const caveats = pick(c, 'norwood.reasons');
    const shown = Array.isArray(caveats) ? caveats.map(String).filter((r) => !(frontWarned && /^no (usable )?front or top photo:/.test(r))) : [];
    if (stage && shown.length) line(doc, 'Norwood caveats', withViews(shown.join('; '), views));
    if (stage) zoneLine(doc, pick(c, 'norwood.measurements.zones'), pick(c, 'photos'));
    line(doc, 'Ludwig grade', ludwig);
  }
  // one decimal: a reading of 55.5° printed as "55°" read as outside the "very light > 55°" band it is in
  const ita = numf(pick(c, 'skinTone.ita'), 1);
  const cat = str(pick(c, 'skinTone.category'));
  const itaPm = numf(pick(c, 'skinTone.itaUncertainty'), 0);
  const toneConf = numf(pick(c, 'skinTone.confidence'), 2);
  const skinUse = skinToneUse(c);
  const readings = [
    str(pick(c, 'skinTone.fitzpatrick')) && `Fitzpatrick ~${pick(c, 'skinTone.fitzpatrick')} (estimate${fitzpatrickSpan(pick(c, 'skinTone.fitzpatrickRange'))})`,
    monkWords(pick(c, 'skinTone')),
  ].filter(Boolean).join(', ');
  if (ita && skinUse.unused) {
    // Printed as a reading, the ITA and the Fitzpatrick type read as what the settings rest on: they are not.
    const floor = ` (confidence ${toneConf ?? '?'}, under the ${MIN_SKIN_TONE_CONFIDENCE.toFixed(2)} a reading needs)`;
    line(doc, 'Skin tone', `ITA ${ita}°${itaPm ? ` ±${itaPm}°` : ''}${cat ? ` (${cat})` : ''}`, `not used: too unsure${floor}; the settings assume ${skinUse.assumed ?? 'very light'} skin.${readings ? ` From this reading: ${readings}` : ''}`);
  } else {
    line(doc, 'Skin tone', ita && `ITA ${ita}°${itaPm ? ` ±${itaPm}°` : ''}${cat ? ` (${cat})` : ''}`, [readings, toneConf && `confidence ${toneConf}`].filter(Boolean).join(', ') || null);
  }
  // No reading at all: the settings still rest on a skin category, which the practitioner must see is assumed.
  if (!ita && skinUse.assumed) line(doc, 'Skin tone', `not measured: the settings assume ${skinUse.assumed} skin`, '(the most water: dots can be darkened later, not lightened)');
  const lab = pick(c, 'skinTone.lab');
  if (Array.isArray(lab) && lab.length === 3 && lab.every((v) => typeof v === 'number')) {
    line(doc, 'Skin CIELAB', lab.map((v: number) => v.toFixed(1)).join(' / '));
  }
  hairColourLine(doc, c);
  // A scar found only in the photos is no fact: with its confidence, for the practitioner to confirm (report-scars.ts).
  const scars = scarLines(c, views);
  line(doc, 'Scars', scars.stated);
  scars.found.forEach((f, k) => line(doc, f.label, f.value, k === scars.found.length - 1 ? scars.note : null));
  const possible = pick(c, 'scars.possible');
  if (Array.isArray(possible) && possible.length) {
    const words = possible.map((p: PossibleScar) => {
      const about = [views.get(p.photo + 1), possibleScarWhy(p)].filter(Boolean);
      return `${p.kind} in photo ${p.photo + 1}${about.length ? ` (${about.join(', ')})` : ''}`;
    });
    line(doc, 'Possible scars', words.join('; '), 'not planned for: check in person');
  }
}

/**
 * A ruled table, header row bold; a cell too long for its column (a clinic's needle or pigment name)
 * wraps and its row grows. A row that would not fit starts a new page under a repeated header, and the
 * header stays with the first row.
 */
function table(doc: Doc, cols: { h: string; w: number }[], rows: string[][]): void {
  const minRowH = 16;
  const bottom = doc.page.height - MARGIN;
  const header = cols.map((c) => c.h);
  const height = (cells: string[], bold: boolean): number => {
    doc.fontSize(9);
    return Math.max(minRowH, ...cells.map((t, k) => heightOf(doc, bold ? BOLD : REGULAR, t, { width: cols[k].w - 4 }) + 6));
  };
  let y = doc.y;
  const row = (cells: string[], bold: boolean): void => {
    const rowH = height(cells, bold);
    if (y + rowH > bottom) {
      doc.addPage();
      y = doc.y;
      if (!bold) row(header, true);
    }
    let x = MARGIN;
    cells.forEach((t, k) => {
      write(doc.fontSize(9).fillColor(INK), bold ? BOLD : REGULAR, t, { width: cols[k].w - 4 }, { x: x + 2, y: y + 4 });
      x += cols[k].w;
    });
    doc.moveTo(MARGIN, y + rowH).lineTo(x, y + rowH).lineWidth(0.5).stroke('#c8ccd4');
    y += rowH;
  };
  if (rows.length && y + height(header, true) + height(rows[0], false) > bottom) {
    doc.addPage();
    y = doc.y;
  }
  row(header, true);
  for (const r of rows) row(r, false);
  doc.x = MARGIN;
  doc.y = y + 2;
}

/**
 * A zone's cumulative density after session `index` as planned, or null (not planned, or a zone the
 * planned sessions do not carry): the fill is the session's density, hairline and scar their own.
 */
export function plannedZoneDensity(planned: PlannedSession[] | undefined, index: number, zone: string): number | null {
  const s = planned?.find((p) => p.index === index);
  return s && (zone === 'fill' || zone === 'hairline' || zone === 'scar') ? sessionZoneDensity(s, zone) : null;
}

/**
 * The recommendation's settings per session and zone (the hairline takes a finer needle than the fill),
 * with the densities as planned: after a plan edit those are the practitioner's, not the recommendation's.
 */
/** Returns whether it said how far session 1's hairline is raised (the plan's notes then refer to it). */
function zoneSettings(doc: Doc, sessions: unknown, planned: PlannedSession[] | undefined, raiseMm: number[] | undefined, removed: Set<string>): boolean {
  if (!Array.isArray(sessions)) return false;
  const rows: string[][] = [];
  let edited = false;
  // Per zone, whether the row before (the zone's previous session) was edited: a session after an edited
  // one adds what separates it from the edited density, not what the recommendation said it would add.
  const editedBefore = new Map<string, boolean>();
  for (const s of sessions) {
    const index = pick(s, 'index');
    const day = numf(val(pick(s, 'dayOffset')));
    const zones = pick(s, 'zones');
    for (const z of Array.isArray(zones) ? zones : []) {
      const needle = val(pick(z, 'needle'));
      const zone = str(pick(z, 'zone')) ?? '';
      if (removed.has(zone)) continue;
      const recommended = val(pick(z, 'densityPerCm2'));
      let density = typeof recommended === 'number' ? recommended : null;
      let added = val(pick(z, 'addedPerCm2'));
      const now = typeof index === 'number' ? plannedZoneDensity(planned, index, zone) : null;
      if (now !== null && density !== null) {
        const changed = Math.abs(now - density) > 0.05;
        if (changed || editedBefore.get(zone)) {
          const before = typeof index === 'number' && index > 0 ? plannedZoneDensity(planned, index - 1, zone) ?? 0 : 0;
          density = now;
          added = Math.max(0, now - before);
        }
        edited ||= changed;
        editedBefore.set(zone, changed);
      }
      rows.push([
        typeof index === 'number' ? `${index + 1}${day !== null ? ` (day ${day})` : ''}` : '',
        zone,
        numf(density) ?? '',
        numf(added) ?? '',
        str(pick(val(pick(z, 'dilution')), 'label')) ?? '',
        [str(pick(needle, 'code')), str(pick(needle, 'configuration'))].filter(Boolean).join(' '),
        numf(pick(needle, 'diameterMm'), 2) ?? '',
      ]);
    }
  }
  if (!rows.length) return false;
  doc.moveDown(0.5);
  if (doc.y + 60 > doc.page.height - MARGIN) doc.addPage(); // the title with the table's header and first row
  write(doc.fontSize(10).fillColor(INK), BOLD, edited ? 'Settings per zone (densities as edited in the plan)' : 'Settings per zone');
  doc.moveDown(0.2);
  table(
    doc,
    [
      { h: 'Session', w: 70 },
      { h: 'Zone', w: 70 },
      { h: 'Density /cm²', w: 72 },
      { h: 'Added /cm²', w: 64 },
      { h: 'Dilution', w: 55 },
      { h: 'Needle', w: 120 },
      { h: 'Ø mm', w: 50 },
    ],
    rows,
  );
  if (rows.some((r) => r[1] === 'hairline')) {
    // The plan's hairline numbers differ from this table's by design: say how, or they read as a fault.
    // The raise is said here, once, with its number (why: the hairline caution above); the plan refers to it.
    const first = raiseMm?.[0] ?? 0;
    write(
      doc.moveDown(0.2).fontSize(8).fillColor(MUTED),
      REGULAR,
      'The hairline density is reached at the back of its soft edge, so the band as a whole averages less.' +
        (first > 0 ? ` Session 1 draws its hairline ${numf(first)} mm behind the design: its hairline dots lie behind the final hairline band.` : ''),
    );
    return first > 0;
  }
  return false;
}

/** Returns whether it said how far session 1's hairline is raised. */
function recommendation(
  doc: Doc,
  c: Record<string, unknown>,
  views: Map<number, string>,
  planned: PlannedSession[] | undefined,
  raiseMm?: number[],
  zoneFactor?: ReportInput['zoneFactor'],
  noHairline = false,
): boolean {
  const rec = pick(c, 'recommendation');
  if (!rec || typeof rec !== 'object') return false;
  heading(doc, 'Recommendation');
  const warnings = pick(rec, 'warnings');
  // Photos that could not be assessed: the settings are the table's defaults, and printed they read as a
  // prescription for this client. Only the warning saying so is printed.
  const withheld = Array.isArray(warnings) ? warnings.find((w) => pick(w, 'code') === 'not-assessable') : undefined;
  if (withheld) {
    write(doc.fontSize(9).fillColor('#b00020'), REGULAR, `• ${str(pick(withheld, 'message')) ?? ''}`);
    return false;
  }
  // The goal decides the zones and densities: said first, with why (often assumed, for the client to change).
  const goal = str(val(pick(rec, 'basis.goal')));
  // the reason quotes the client's goal text: its line breaks folded, or they break the line's layout
  line(doc, 'Goal', goal && (GOAL_WORDS[goal] ?? goal.replace(/-/g, ' ')), oneParagraph(pick(pick(rec, 'basis.goal'), 'reason')));
  const pigment = val(pick(rec, 'pigment'));
  line(doc, 'Pigment', str(pick(pigment, 'name')) ?? str(pigment), str(pick(pick(rec, 'pigment'), 'reason')));
  const sessionCount = str(val(pick(rec, 'sessionCount')));
  line(doc, 'Sessions', sessionCount, withoutLead(str(pick(pick(rec, 'sessionCount'), 'reason')), `${sessionCount} sessions`));
  const iv = val(pick(rec, 'intervalDays'));
  line(doc, 'Interval', numf(pick(iv, 'min')) && `${numf(pick(iv, 'min'))}-${numf(pick(iv, 'max'))} days`);
  if (Array.isArray(warnings) && warnings.length) {
    doc.moveDown(0.3);
    for (const w of warnings) {
      const msg = str(pick(w, 'message')) && withViews(oneParagraph(pick(w, 'message')) ?? '', views);
      if (msg) write(doc.fontSize(9).fillColor(pick(w, 'severity') === 'stop' ? '#b00020' : INK), REGULAR, `• ${msg}`);
    }
  }
  const sessions = pick(rec, 'sessions');
  // by a factor of 0 (said under the factors), and with the hairline gone (said on its own)
  const byFactor = removedZones(zoneFactor);
  const removed = removedZones(zoneFactor, noHairline);
  const raiseSaid = zoneSettings(doc, sessions, planned, raiseMm, removed);
  // A hairline removed in a plan edit ({"hairline": null}) left its rows, needle and all, in the table.
  const hairlineRows = Array.isArray(sessions) && sessions.some((s) => Array.isArray(pick(s, 'zones')) && (pick(s, 'zones') as unknown[]).some((z) => pick(z, 'zone') === 'hairline'));
  if (noHairline && hairlineRows && !byFactor.has('hairline')) {
    write(doc.fontSize(8).fillColor(MUTED), REGULAR, 'The plan has no hairline (none drawn, or removed in a plan edit): its rows are not in the table, and nothing limits the front of the planned area.');
  }
  // A factor scales a zone's density in the dot plan; the table above is before it. A zone at ×0 has no
  // dots: its rows are left out of the table, which says so.
  const factors = Object.entries(zoneFactor ?? {}).filter(([, v]) => v !== undefined && v !== 1);
  if (factors.length) {
    write(
      doc.moveDown(0.2).fontSize(8).fillColor(INK),
      REGULAR,
      // as set (×1.2 had printed "×1", ×0.4 "×0", which reads as a zone removed)
      `Zone density factors set in the plan: ${factors.map(([k, v]) => `${k} ×${Number((v as number).toFixed(2))}`).join(', ')}. The densities above are before them; the dot plan applies them.` +
        (byFactor.size ? ` Not planned (×0), so not in the table: ${[...byFactor].join(', ')}.` : ''),
    );
  }
  return raiseSaid;
}

/**
 * The recommendation's zones a plan edit's factor of 0 removed from the dot plan: the hairline and scar
 * zones by their own factor, the fill when every area it covers is at 0 (bald and thinning; where the
 * fill plans the band behind the hairline, the band's cells are bald or thinning too: treatmentField).
 */
export function removedZones(zoneFactor: ReportInput['zoneFactor'], noHairline = false): Set<string> {
  const f = zoneFactor ?? {};
  const out = new Set<string>();
  if (f.hairline === 0 || noHairline) out.add('hairline');
  if (f.scar === 0) out.add('scar');
  if (f.bald === 0 && f.thinning === 0) out.add('fill');
  return out;
}

/** What the photo's scale was measured against, in words (src/plan/scale/cues.ts has the sizes). */
const SCALE_SOURCE: Record<ScaleEstimate['source'], string> = {
  none: 'the photo frame (no size cue)',
  given: 'the scale given with the consultation',
  marker: 'the size marker in the photo',
  iris: 'the iris (about 11.7 mm across)',
  interpupillary: 'the distance between the eyes (about 63 mm)',
  headBreadth: "the head's width (about 155 mm on average)",
  headLength: "the head's length (about 200 mm on average)",
};

/**
 * The plan table's note on session 1's raised hairline: a reference when the settings table said it with
 * its number (`said`), else the number itself; nothing when it is not raised.
 */
export function hairlineRaiseNote(raiseMm: number[] | undefined, said: boolean): string {
  const first = raiseMm?.[0] ?? 0;
  if (!(first > 0)) return '';
  return said ? ' Session 1 uses the raised hairline named under Settings per zone; later sessions lower it to the design.' : ` Session 1 draws its hairline ${numf(first)} mm behind the design; later sessions lower it to the design.`;
}

/**
 * "Face end: unsure (read with confidence 0.77 only). Check that the hairline ...": the plan's note opens
 * with what the value already says, so it is split there; a note in other words is printed as it is.
 */
export function faceEndWords(o: NonNullable<PlanSummary['orientation']>): [string, string | null] {
  const lead = /^which end of this photo the face is at was read with confidence [\d.]+ only:\s*/;
  const note = o.note?.trim() ?? '';
  const rest = lead.test(note) ? note.replace(lead, '') : note;
  const sentence = rest ? rest.charAt(0).toUpperCase() + rest.slice(1) + (/[.!?]$/.test(rest) ? '' : '.') : null;
  return [`unsure${o.confidence !== null ? ` (read with confidence ${o.confidence.toFixed(2)} only)` : ''}.`, sentence];
}

function planTable(doc: Doc, plan: PlanSummary, views: Map<number, string> = new Map(), raiseSaid = false, zoneFactor?: ReportInput['zoneFactor']): void {
  heading(doc, 'Dot plan');
  line(
    doc,
    'Scale',
    `${plan.scale.mmPerPixel.toFixed(3)} mm per pixel ±${(100 * plan.scale.relativeSigma).toFixed(0)} %`,
    `from ${SCALE_SOURCE[plan.scale.source as ScaleEstimate['source']] ?? plan.scale.source}; dot counts scale with it`,
  );
  // One precision for the total and its parts, which add up to it as printed (report-density.ts).
  const area = areaFigures(plan.areaCm2);
  line(doc, 'Treated area in this photo', `${area.total} cm²`, `bald ${area.parts.bald}, thinning ${area.parts.thinning}, hairline ${area.parts.hairline}, scar ${area.parts.scar}`);
  // Rules that place the scalp by the head's shape rather than the hair: the practitioner checks the edges.
  const shaped = { skull: 'the skull above the neck', profile: "the skull above the profile's hairline, ear and nape", 'hair-rim': 'the head within its rim of hair', 'skull-outline': "the head within the skull's outline" } as const;
  const rule = plan.scalp?.rule;
  if (rule === 'skull' || rule === 'profile' || rule === 'hair-rim' || rule === 'skull-outline') {
    const leftOut = plan.scalp.leftOutCm2 !== undefined ? ` (${plan.scalp.leftOutCm2.toFixed(0)} cm² left out)` : '';
    line(doc, 'Planned area', shaped[rule], ((withoutLead(plan.scalp.note, shaped[rule]) ?? '') + leftOut).trim());
  }
  if (plan.hairline) {
    const given = plan.hairline.method === 'given';
    line(doc, 'Hairline', given ? 'drawn by the practitioner' : 'proposed', plan.hairline.notes.filter((n) => !given || n !== GIVEN_HAIRLINE_NOTE).join('; '));
  }
  if (plan.orientation && !plan.orientation.sure) {
    const [value, note] = faceEndWords(plan.orientation);
    line(doc, 'Face end', value, note);
  }
  // Plans stored before plan warnings existed have none.
  for (const w of plan.warnings ?? []) write(doc.fontSize(9).fillColor('#b00020'), REGULAR, `• ${withViews(w.message, views)}`);
  doc.moveDown(0.4);
  // What the plan achieves beside the target (report-density.ts): far lower where the area is mostly soft
  // edge; a column for each zone that holds the dots. Two such columns narrow the others to fit the page.
  const achieved = achievedColumns(plan, zoneFactor);
  const two = (achieved?.columns.length ?? 0) > 1;
  table(
    doc,
    [
      { h: 'Session', w: 46 },
      { h: 'New dots', w: two ? 44 : 52 },
      { h: 'Total dots', w: two ? 44 : 52 },
      { h: achieved ? 'Target /cm²' : 'Density /cm²', w: achieved ? (two ? 48 : 56) : 72 },
      ...(achieved?.columns ?? []).map((c) => ({ h: c.header, w: two ? 58 : 66 })),
      { h: 'Dilution', w: two ? 46 : 52 },
      { h: 'Main needle', w: two ? 54 : 62 },
      { h: 'Preview dot Ø mm', w: two ? 56 : 62 },
      { h: 'Est. time', w: two ? 52 : 55 },
    ],
    plan.sessions.map((s, k) => {
      const mins = s.estimatedMinutes;
      return [
        String(s.index + 1),
        String(s.dots),
        String(s.cumulativeDots),
        s.densityPerCm2.toFixed(0),
        ...(achieved?.columns ?? []).map((c) => c.cells[k]),
        s.dilution.label,
        s.needle.code,
        s.dotDiameterMm.toFixed(2),
        // no dots here: the set-up time alone would read as a planned visit of this photo's area
        s.dots === 0 ? '—' : mins >= 60 ? `${Math.floor(mins / 60)} h ${mins % 60} min` : `${mins} min`,
      ];
    }),
  );
  doc.moveDown(0.4);
  const empty = plan.sessions.filter((s) => s.dots === 0).map((s) => s.index + 1);
  write(
    doc.fontSize(8).fillColor(MUTED),
    REGULAR,
    'Counts are for the area this photo shows. Densities are cumulative after each session.' +
      (achieved ? ` Target is the density on fully treated scalp.${achieved.note}` : '') +
      hairlineRaiseNote(plan.hairline?.raiseMm, raiseSaid) +
      // The needle's diameter and the dot the simulation draws differ by SPREAD: say so, or the two columns
      // read as a fault. The figure is the by-eye preview model's (attributes.ts), not a healed size on the
      // skin (DOMAIN.md: healed dots look about 0.1 mm at the surface): never call it that.
      ` Preview dot Ø is the dot's apparent size in a photo as the healed-result simulation draws it: ${numf(SPREAD, 1)} times the needle diameter in the settings table, for ink spread plus light scatter in the skin blurring it. A by-eye model, not a size measured on the skin (at the surface a healed dot looks about 0.1 mm).` +
      (empty.length
        ? ` Session${empty.length > 1 ? 's' : ''} ${empty.join(', ')} add${empty.length > 1 ? '' : 's'} no dots in this photo: ${empty.length > 1 ? 'what they treat' : 'what it treats'} (e.g. a scar stated, or one another photo shows) is not in it; plan ${empty.length > 1 ? 'them' : 'it'} from a photo that shows it, or in person.`
        : ''),
  );
}

export async function renderReportPdf(input: ReportInput): Promise<Buffer> {
  const at = input.generatedAt ?? new Date();
  const panes = await preparePhotos(input.photos ?? [], pick(input.consultation, 'photos'), input.plan?.sessions.length ?? input.plannedSessions?.length ?? 0);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: input.title ?? 'SMP consultation report', Creator: 'smp-analyzer', CreationDate: at } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const c = input.consultation ?? {};
  write(doc.fontSize(18).fillColor(INK), BOLD, input.title ?? 'Scalp micropigmentation consultation');
  const id = str(pick(c, 'id'));
  const clientRef = str(pick(c, 'clientRef'));
  write(doc.fontSize(9).fillColor(MUTED), REGULAR, [clientRef && `Client ${clientRef}`, id && `Consultation ${id}`, at.toISOString().slice(0, 10)].filter(Boolean).join(' · '));
  doc.moveDown(0.6);
  if (panes.length) photos(doc, panes);
  given(doc, c);
  const views = photoViews(c);
  assessment(doc, c, views);
  // no hairline in a plan that has one to have: removed in a plan edit
  const noHairline = Boolean(input.plan && !input.plan.hairline && !(input.plan.areaCm2?.hairline > 0));
  const raiseSaid = recommendation(doc, c, views, input.plannedSessions, input.plan?.hairline?.raiseMm, input.zoneFactor, noHairline);
  if (input.plan) planTable(doc, input.plan, views, raiseSaid, input.zoneFactor);
  doc.moveDown(1);
  // The simulation is spoken of only where the report shows one (a consultation that could not be judged has none).
  const simulated = (input.photos ?? []).some((p) => p.preview);
  write(
    doc.fontSize(8).fillColor(MUTED),
    REGULAR,
    `${simulated ? 'The healed-result image is a simulation from one photo: real results depend on skin, technique and healing. ' : ''}Stage and skin tone are photo estimates, not a diagnosis.`,
  );
  for (const credit of input.attribution ?? []) write(doc.fontSize(7), REGULAR, credit);
  const missing = FONTS.get(doc)!.missing;
  if (missing) {
    // The clinic sees that something is not shown, and the operator the fix (fonts.ts).
    write(
      doc.moveDown(0.5).fontSize(8).fillColor('#b00020'),
      REGULAR,
      `${missing} character${missing === 1 ? '' : 's'} of this report could not be shown (empty boxes): this server has no font for ${missing === 1 ? 'it' : 'them'}. The data holds the text as entered.`,
    );
  }
  doc.end();
  return done;
}
