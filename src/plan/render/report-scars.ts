// The planned scars in report.pdf. A scar the client or clinic stated is printed as it is named in the
// warnings ("Scar 1 (linear, stated, seen in photo 2)"). A scar found only in the photos is printed with
// the segmentation's confidence and that nobody stated it: it alone can add the scar zone, a session and
// longer intervals, and the segmenter does make sure-looking false finds (L3-004's back view: light
// glinting off dark crown hair read as a punctate scar), so the practitioner confirms it in person.
// Reads the consultation JSON loosely (any field may be missing).
import { pick as get, isNum } from './pick.js';
import { scarName } from '../recommend/scars.js';
import type { ScarInput } from '../recommend/types.js';

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** The consultation's photo of this index (its `index`, else its place in the list). */
function photoAt(c: unknown, index: number): unknown {
  const photos = get(c, 'photos');
  if (!Array.isArray(photos)) return undefined;
  return photos.find((p) => get(p, 'index') === index) ?? (photos.every((p) => get(p, 'index') === undefined) ? photos[index] : undefined);
}

/**
 * The segmentation's confidence in each planned scar a photo showed, null where the JSON does not say.
 * The planned list keeps only the photo and kind (mergeScars), so the scar is found again among its
 * photo's sure finds of that kind (photos[i].scars): the planned scars of one photo and kind took them
 * surest first (distinctScars), the stated ones before the found-only ones, as the list holds them.
 */
export function plannedScarConfidences(c: unknown, planned: readonly ScarInput[]): (number | null)[] {
  const taken = new Map<string, number>();
  return planned.map((s) => {
    if ((s.source !== 'photo' && s.source !== 'stated+photo') || !isIndex(s.photo)) return null;
    const key = `${s.photo}:${s.kind}`;
    const n = taken.get(key) ?? 0;
    taken.set(key, n + 1);
    const found = get(photoAt(c, s.photo), 'scars');
    const sure = (Array.isArray(found) ? found : [])
      .filter((f) => get(f, 'kind') === s.kind && get(f, 'sure') !== false && isNum(get(f, 'confidence')))
      .map((f) => get(f, 'confidence') as number)
      .sort((a, b) => b - a);
    return sure[n] ?? null;
  });
}

export interface ScarLines {
  /** The stated scars (with or without a photo), as the warnings name them; null when there are none. */
  stated: string | null;
  /** One line per scar found only in the photos: "Scar 2" and what to do about it. */
  found: { label: string; value: string }[];
  /** Said once after the found-only scars: what rests on them, where no stated scar does too. */
  note: string | null;
}

/**
 * The Scars lines of the assessment from the JSON's `scars.planned`; `views` names a photo's view
 * (report.ts photoViews) as the captions do.
 */
export function scarLines(c: unknown, views: Map<number, string> = new Map()): ScarLines {
  const raw = get(c, 'scars.planned');
  const planned = (Array.isArray(raw) ? raw : []).filter((s): s is ScarInput => typeof get(s, 'kind') === 'string');
  const confidence = plannedScarConfidences(c, planned);
  const stated: string[] = [];
  const found: ScarLines['found'] = [];
  planned.forEach((s, i) => {
    if (s.source !== 'photo') {
      stated.push(scarName(s, i));
      return;
    }
    const number = isIndex(s.photo) ? s.photo + 1 : null;
    const conf = confidence[i];
    const about = [number !== null ? views.get(number) : undefined, conf !== null ? `confidence ${conf.toFixed(2)}` : undefined].filter(Boolean);
    const where = number !== null ? `found in photo ${number}` : 'found in a photo';
    found.push({ label: `Scar ${i + 1}`, value: `${s.kind}, ${where}${about.length ? ` (${about.join(', ')})` : ''}, not stated by the client: confirm it in person` });
  });
  const note = found.length && !stated.length ? `the scar zone, its sessions and intervals are planned for ${found.length > 1 ? 'these finds' : 'this find'} alone` : null;
  return { stated: stated.length ? stated.join('; ') : null, found, note };
}
