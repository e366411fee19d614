// The text of a rendered PDF through poppler's pdftotext, for tests of the report; null where poppler is
// missing (the caller skips or returns).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PDFTOTEXT = '/usr/bin/pdftotext';

/** pdftotext's output for `pdf` with `args` before the file name, or null without poppler. */
function pdftotext(pdf: Buffer, args: string[]): string | null {
  if (!existsSync(PDFTOTEXT)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'report-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    return execFileSync(PDFTOTEXT, [...args, join(dir, 'r.pdf'), '-']).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report's text, whitespace folded; null (with a warning) where poppler is missing. */
export function pdfText(pdf: Buffer): string | null {
  const text = pdftotext(pdf, ['-layout']);
  if (text === null) console.warn('pdftotext missing (poppler-utils): the report text is not checked');
  return text === null ? null : text.replace(/\s+/g, ' ');
}

/** The report's pages as pdftotext lays them out. */
export function pdfPages(pdf: Buffer): string[] | null {
  return pdftotext(pdf, ['-layout'])?.split('\f') ?? null;
}

/** Every word of the report with its box (points from the page's top), in reading order. */
export function pdfWords(pdf: Buffer): { text: string; yMin: number; yMax: number }[] | null {
  const html = pdftotext(pdf, ['-bbox']);
  if (html === null) return null;
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[3], yMin: Number(m[1]), yMax: Number(m[2]) }));
}
