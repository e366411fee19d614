// Access to ../shared (real photos) for tests, which skip with a clear message where it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHARED_DIR, sharedAvailable } from '../../src/models/paths.js';

export const HAS_SHARED = sharedAvailable();
export const SKIP_SHARED_MESSAGE = `../shared not found at ${SHARED_DIR}: tests on real photos are skipped`;
if (!HAS_SHARED) console.warn(SKIP_SHARED_MESSAGE);

export interface LabelRow {
  file: string;
  subject: string;
  level: number;
  view: string;
  possiblyRotated: boolean;
}

export function labels(): LabelRow[] {
  const csv = readFileSync(resolve(SHARED_DIR, 'data/hairloss-levels/labels.csv'), 'utf8').trim().split(/\r?\n/).slice(1); // the file has CRLF line ends
  return csv.map((l) => {
    const [file, subject, level, view, , rot] = l.split(',');
    return { file, subject, level: Number(level), view, possiblyRotated: rot === 'yes' };
  });
}

export function sharedPhoto(row: LabelRow): Buffer {
  return readFileSync(resolve(SHARED_DIR, 'data/hairloss-levels', row.file));
}

/**
 * The photo at `subjectIndex` among the labelled photos of a dataset view ('front', 'top-down', 'left',
 * 'right', 'back'), rotated or not (the service finds the orientation). Photos of the same index in two
 * views are usually of different people. Rotated ones had been meant to be left out, but labels() read
 * the CRLF file's last column with its '\r', so none was: the tests were written against these photos.
 */
export function photoOf(view: string, subjectIndex = 0): { row: LabelRow; bytes: Buffer } {
  const rows = labels().filter((r) => r.view === view);
  const row = rows[subjectIndex % rows.length];
  return { row, bytes: sharedPhoto(row) };
}

export const sharedPath = (p: string) => resolve(SHARED_DIR, p);
export { existsSync };
