// Which labelled people an evaluation may score: people no fitted part has seen.
// - The shared hairloss-levels folder: the "test" people of datasets/split.json.
// - Another folder in the same labels.csv format (`--data DIR`: new people, e.g. a clinic's own labelled
//   set): every person in it, except anyone with a photo byte-identical to a photo of a train person
//   (the name alone proves nothing: another set may reuse "L3-001" for someone else, or rename a photo).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LEVELS_DIR, readLabelledPhotos, readSplit, type LabelledPhoto } from './photos.js';

export interface HeldOutSet {
  /** the folder read */
  dir: string;
  /** true for the shared folder (its photos are in the fit's caches, keyed by file name) */
  shared: boolean;
  photos: LabelledPhoto[];
  /** people left out, and why */
  excluded: { subject: string; reason: string }[];
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** sha256 -> file of every photo of a train person in the shared folder (empty when it is absent). */
export function trainPhotoHashes(trainPeople: Iterable<string>, dir = LEVELS_DIR): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(resolve(dir, 'labels.csv'))) return out;
  const train = new Set(trainPeople);
  for (const p of readLabelledPhotos(dir)) if (train.has(p.subject) && existsSync(p.path)) out.set(sha256(p.path), p.file);
  return out;
}

/**
 * The photos of `dir` whose people the shipped models never saw. A photo file that is missing is an error
 * (a typo in labels.csv must not silently shrink the set).
 */
export function heldOutPhotos(dir: string = LEVELS_DIR, trainHashes?: Map<string, string>): HeldOutSet {
  const split = readSplit();
  if (!split) throw new Error('datasets/split.json is missing: the people the models were fitted on are listed there');
  const shared = resolve(dir) === resolve(LEVELS_DIR);
  const photos = readLabelledPhotos(dir);
  const missing = photos.filter((p) => !existsSync(p.path));
  if (missing.length) throw new Error(`${missing.length} photos named in ${resolve(dir, 'labels.csv')} are missing, e.g. ${missing[0].path}`);
  if (shared) {
    const test = new Set(split.test);
    const excluded = [...new Set(photos.map((p) => p.subject))].filter((s) => !test.has(s)).map((subject) => ({ subject, reason: 'a train person (datasets/split.json)' }));
    return { dir, shared, photos: photos.filter((p) => test.has(p.subject)), excluded };
  }
  const seen = trainHashes ?? trainPhotoHashes(split.train);
  const why = new Map<string, string>();
  for (const p of photos) {
    const match = seen.get(sha256(p.path));
    if (match && !why.has(p.subject)) why.set(p.subject, `${p.file} is the train photo ${match}`);
  }
  return {
    dir,
    shared,
    photos: photos.filter((p) => !why.has(p.subject)),
    excluded: [...why].map(([subject, reason]) => ({ subject, reason })),
  };
}
