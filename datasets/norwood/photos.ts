// The hairloss-levels photos as the Norwood fitting and evaluation see them: labels.csv rows plus the
// person-level split (datasets/split.json). Read from ../shared at run time, never copied.
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { REPO_ROOT, SHARED_DIR } from '../../src/models/paths.js';
import type { View } from '../../src/vision/geometry/types.js';

export const LEVELS_DIR = resolve(SHARED_DIR, 'data', 'hairloss-levels');

export interface LabelledPhoto {
  file: string;
  /** absolute path of the JPEG */
  path: string;
  subject: string;
  level: number;
  view: View;
  /** true for the source's augmented copies, turned by an unknown multiple of 90 degrees */
  possiblyRotated: boolean;
}

/** The name a photo is keyed by in the caches and the fit: its file name without folder or extension. */
export function photoKey(file: string): string {
  return basename(file).replace(/\.[^.]+$/, '');
}

/** The dataset's view names -> ours ("top-down" is our "top"). */
export function datasetView(name: string): View {
  const v = name.trim().toLowerCase();
  if (v === 'top-down' || v === 'top') return 'top';
  if (v === 'front' || v === 'left' || v === 'right' || v === 'back') return v;
  throw new Error(`unknown view "${name}" in labels.csv`);
}

export function readLabelledPhotos(dir = LEVELS_DIR): LabelledPhoto[] {
  const csv = resolve(dir, 'labels.csv');
  if (!existsSync(csv)) throw new Error(`missing ${csv}: ../shared is needed`);
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`labels.csv has no column ${name}`);
    return i;
  };
  const [iFile, iSubject, iLevel, iView] = ['file', 'subject', 'level', 'view'].map(at);
  // optional: another folder of new people need not mark the source's turned copies
  const iRot = cols.indexOf('possibly_rotated');
  return rows.map((row, n) => {
    const c = row.split(',');
    const level = Number(c[iLevel]);
    if (!Number.isInteger(level) || level < 1 || level > 7) throw new Error(`labels.csv row ${n + 2}: level must be 1..7, got "${c[iLevel]}"`);
    return {
      file: c[iFile],
      path: resolve(dir, c[iFile]),
      subject: c[iSubject],
      level,
      view: datasetView(c[iView]),
      possiblyRotated: iRot >= 0 && c[iRot] === 'yes',
    };
  });
}

export interface PersonSplit {
  train: string[];
  test: string[];
}

export function readSplit(path = resolve(REPO_ROOT, 'datasets', 'split.json')): PersonSplit | null {
  if (!existsSync(path)) return null;
  const s = JSON.parse(readFileSync(path, 'utf8')) as PersonSplit;
  if (!Array.isArray(s.train) || !Array.isArray(s.test)) throw new Error(`${path}: expected {train: [], test: []}`);
  return s;
}

/**
 * One photo per person and view, in the order labels.csv first names each: the un-rotated copy where
 * there is one (the source's turned copies are for training), else the first copy.
 */
export function onePhotoPerView(photos: LabelledPhoto[]): LabelledPhoto[] {
  const chosen = new Map<string, LabelledPhoto>();
  for (const p of photos) {
    const key = `${p.subject}/${p.view}`;
    const prev = chosen.get(key);
    if (!prev || (prev.possiblyRotated && !p.possiblyRotated)) chosen.set(key, p);
  }
  return [...chosen.values()];
}
