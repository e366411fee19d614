// `smp audit --json [--out <dir>] before=<path> after=<path> [visit=<path> ...] [--scar-mask <png>]
// [--client-ref <ref>]` (DESIGN.md section 3): registers the after photo (and later visits) onto the before
// photo, compares the scar with the scalp around it, and prints the audit JSON. With --out, also writes
// audit.json, side-by-side.png and audit.pdf (named as the API's files). Without a scar mask or polygon the
// scar comes from models/scalp-seg. --client-ref is checked as the API checks clientRef and shown where the
// API shows it: beside the audit in its JSON, and on the PDF page.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import sharp from 'sharp';
import type { GrayImage, RgbImage } from '../../vision/image.js';
import type { Segmenter } from '../../models/segmentation/segmenter.js';
import { fsErrorText } from '../fs-error-text.js';
import { readInputFile } from '../read-input.js';
import { intakePhoto } from '../../vision/intake/decode.js';
import { assessWholePhoto, type QualityReport } from '../../vision/quality/gate.js';
import { PX_PER_CM_LIMITS, runAuditDetailed, renderAuditPdf, renderAuditSideBySide, type AuditInput, type AuditResult } from '../../vision/audit/index.js';
import { auditHeader, deltaE76Change, nearBoundary, qualityLines } from '../../vision/audit/render.js';
import { parseClientRef } from '../client-ref.js';

const MAX_PIXELS = 64_000_000;

export interface AuditArgs {
  before: string;
  after: string;
  visits: string[];
}

/** `before=a.jpg after=b.jpg visit=c.jpg ...` -> paths; throws with a precise message on anything else. */
export function parseAuditArgs(args: string[]): AuditArgs {
  let before: string | undefined;
  let after: string | undefined;
  const visits: string[] = [];
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = eq > 0 ? arg.slice(0, eq) : '';
    const path = eq > 0 ? arg.slice(eq + 1) : '';
    if (!key || !path) throw new Error(`expected <name>=<path> (before, after or visit), got "${arg}"`);
    if (key === 'before') {
      if (before) throw new Error('before= given twice');
      before = path;
    } else if (key === 'after') {
      if (after) throw new Error('after= given twice');
      after = path;
    } else if (key === 'visit') visits.push(path);
    else throw new Error(`unknown photo name "${key}" in "${arg}": use before=, after= or visit=`);
  }
  if (!before || !after) throw new Error('both before=<path> and after=<path> are needed');
  return { before, after, visits };
}

export function parsePolygon(text: string): [number, number][] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error('--scar-polygon must be JSON like [[x,y],[x,y],[x,y]]');
  }
  if (!Array.isArray(v) || v.length < 3 || !v.every((p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)))) {
    throw new Error('--scar-polygon must be a JSON array of at least 3 [x, y] number pairs');
  }
  return v as [number, number][];
}

/** The photo's analysis copy (the same intake as the service: upright, sRGB, long side at most 1024 px) and its own size. */
async function readPhoto(path: string, what: string): Promise<{ image: RgbImage; size: { width: number; height: number }; quality: QualityReport }> {
  const bytes = await readInputFile(path).catch((err: Error) => {
    throw new Error(`${what} photo ${path}: ${err.message}`);
  });
  try {
    const intake = await intakePhoto(bytes);
    return { image: intake.analysis, size: { width: intake.width, height: intake.height }, quality: assessWholePhoto(intake) };
  } catch (err) {
    throw new Error(`${what} photo ${path} could not be read: ${(err as Error).message}`);
  }
}

async function readMask(path: string): Promise<GrayImage> {
  try {
    const { data, info } = await sharp(await readFile(path), { limitInputPixels: MAX_PIXELS }).rotate().removeAlpha().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (err) {
    throw new Error(`scar mask ${path}: ${(err as Error).message}`);
  }
}

async function loadSegmenter(): Promise<Segmenter> {
  try {
    const { ScalpSegmenter } = await import('../../models/scalp-seg/scalp-segmenter.js');
    return await ScalpSegmenter.load();
  } catch (err) {
    throw new Error(`no --scar-mask or --scar-polygon given and the scar segmentation model could not be loaded (${(err as Error).message})`);
  }
}

interface AuditOpts {
  json?: boolean;
  out?: string;
  scarMask?: string;
  scarPolygon?: string;
  pxPerCm?: string;
  clientRef?: string;
}

export function register(program: Command): void {
  program
    .command('audit')
    .description('scar-camouflage audit: before/after (and later visits) of one scar area -> colour match, dots, failure flags')
    .argument('<photos...>', 'before=<path> after=<path> [visit=<path> ...]')
    .option('--json', 'print the audit JSON')
    .option('--out <dir>', 'also write audit.json, side-by-side.png and audit.pdf into <dir>')
    .option('--scar-mask <png>', 'scar mask at the before photo size (non-zero = scar)')
    .option('--scar-polygon <json>', 'scar outline in before-photo pixels, JSON [[x,y],...]')
    .option('--px-per-cm <n>', 'scale of the before photo, for dots per cm²')
    .option('--client-ref <ref>', "the clinic's own reference for the client, checked as the API's clientRef: shown in the JSON, the summary and on the PDF page")
    .action(async (photos: string[], opts: AuditOpts) => {
      const args = parseAuditArgs(photos);
      if (opts.scarMask && opts.scarPolygon) throw new Error('give --scar-mask or --scar-polygon, not both');
      const pxPerCm = opts.pxPerCm === undefined ? undefined : Number(opts.pxPerCm);
      if (pxPerCm !== undefined && !(pxPerCm >= PX_PER_CM_LIMITS.min && pxPerCm <= PX_PER_CM_LIMITS.max)) {
        throw new Error(`--px-per-cm must be ${PX_PER_CM_LIMITS.min}..${PX_PER_CM_LIMITS.max} pixels per cm, got "${opts.pxPerCm}"`);
      }
      const clientRef = opts.clientRef === undefined ? undefined : parseClientRef(opts.clientRef);
      // Measured on the analysis copies, as the service does, so both give the same answer; the mask,
      // polygon and scale stay in the before photo's pixels (photoSize maps them).
      const before = await readPhoto(args.before, 'before');
      const after = await readPhoto(args.after, 'after');
      const visits = await Promise.all(args.visits.map((v, i) => readPhoto(v, `visit ${i + 1}`)));
      const input: AuditInput = {
        before: before.image,
        after: after.image,
        visits: visits.map((v) => v.image),
        pxPerCm,
        photoSize: before.size,
        quality: [before, after, ...visits].map((p) => p.quality),
      };
      if (opts.scarMask) input.scarMask = await readMask(opts.scarMask);
      else if (opts.scarPolygon) input.scarPolygon = parsePolygon(opts.scarPolygon);
      else input.segmenter = await loadSegmenter();
      try {
        const run = await runAuditDetailed(input);
        // the client reference beside the audit, as the API's record has it (only when given: the JSON is otherwise as it was)
        const json = JSON.stringify(clientRef === undefined ? run.result : { clientRef, ...run.result }, null, 2);
        if (opts.out) {
          const dir = resolve(opts.out);
          await mkdir(dir, { recursive: true }).catch((err: unknown) => {
            throw new Error(`--out ${dir}: cannot make the folder: ${fsErrorText(err)}`);
          });
          const png = await renderAuditSideBySide(run);
          await writeFile(join(dir, 'audit.json'), json + '\n');
          await writeFile(join(dir, 'side-by-side.png'), png);
          await writeFile(join(dir, 'audit.pdf'), await renderAuditPdf(run, { sideBySide: png, clientRef, date: new Date() }));
          if (!opts.json) console.error(`wrote audit.json, side-by-side.png, audit.pdf to ${dir}`);
        }
        if (opts.json) console.log(json);
        else console.log(clientRef === undefined ? summary(run.result) : `${auditHeader({ clientRef })}\n${summary(run.result)}`);
      } finally {
        await input.segmenter?.release();
      }
    });
}

/** A band as the summary prints it, marked as the API's matchSure does when its reading lies near a boundary. */
function bandText(r: AuditResult, k: 'before' | 'after'): string {
  return `${r.scar.match[k]}${nearBoundary(r, [k]) ? ', near a boundary' : ''}`;
}

/** What a person reads: the match before -> after and its change, the failure checks, each photo's quality warnings. */
function summary(r: AuditResult): string {
  const f = (v: number | null) => (v === null ? '-' : v.toFixed(1));
  const quality = qualityLines(r).filter((q) => q.warned).map((q) => `${q.photo}: ${q.text}`);
  const { before, after } = r.scar.deltaE76;
  if (!r.assessable) {
    // what was measured still shows: a refused after photo leaves the before photo's match
    const measured = before !== null ? [`before: scar vs surround ΔE76 ${f(before)} (${bandText(r, 'before')})`] : [];
    return [`not assessable: ${r.reasons.join('; ')}`, ...measured, ...quality].join('\n');
  }
  const change = before !== null && after !== null ? `, change ${deltaE76Change(before, after)}` : '';
  const lines = [
    `scar vs surround ΔE76 ${f(before)} (${bandText(r, 'before')}) -> ${f(after)} (${bandText(r, 'after')})${change}; ΔE2000 ${f(r.scar.deltaE00.before)} -> ${f(r.scar.deltaE00.after)}`,
    `registration ${r.registration?.method}: ${r.registration?.inliers} inliers, RMS ${r.registration?.rmsErrorPx?.toFixed(2)} px`,
    ...r.flags.map((x) => `${x.severity}: ${x.id}: ${x.message}`),
    ...quality,
  ];
  return lines.join('\n');
}
