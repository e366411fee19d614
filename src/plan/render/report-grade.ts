// The hair-loss grade in report.pdf, in words a practitioner can weigh: the stage with its probability
// and the levels close behind it, how far clinicians themselves agree (DOMAIN.md "Hamilton–Norwood"),
// the bare share of each zone with how well the photos saw it, and the Ludwig grade's own caveats.
// Reads the consultation JSON loosely (any field may be missing; records stored before `seen` have none).
import { pick as get, isNum } from './pick.js';

/**
 * A level other than the graded one is named as also possible from this probability up: the web page's
 * runner-up threshold (web/js/describe.js runnerUp), so paper and page name the same alternatives. At 0.2
 * a level is about one reading in five: with exact agreement near 60 % (README), a grade whose second
 * level holds that much is a real toss-up the practitioner decides in person; below it, one of the many
 * small tails (a 0.09 third level on an 0.89 grade) that would only clutter the line.
 */
export const ALSO_POSSIBLE_MIN_P = 0.2;

/**
 * Clinicians agree with each other only moderately on a stage (DOMAIN.md: ICC 0.63–0.68 on photos,
 * 62–69 % same category among dermatologists): the realistic error band of any grade, this one's too.
 */
export const CLINICIAN_AGREEMENT_NOTE = 'clinicians grading the same photos agree with each other only moderately (the same stage 62–69 % of the time): read ±1 stage as the realistic error';

/**
 * "Norwood 6 (p 0.39); 5 (0.24) and 7 (0.23) also possible": the stage with its probability (the
 * grade's confidence is the graded level's probability) and the other levels at ALSO_POSSIBLE_MIN_P or
 * more, most likely first. Null without a stage.
 */
export function norwoodStageWords(norwood: unknown): string | null {
  const stage = get(norwood, 'stage');
  if (typeof stage !== 'string' && !isNum(stage)) return null;
  const text = String(stage).trim();
  if (!text) return null;
  const level = isNum(get(norwood, 'level')) ? (get(norwood, 'level') as number) : Number.parseInt(text, 10);
  const probs = get(norwood, 'probabilities');
  const entries =
    probs && typeof probs === 'object'
      ? Object.entries(probs as Record<string, unknown>)
          .map(([k, p]) => [Number(k), p] as const)
          .filter((e): e is readonly [number, number] => Number.isInteger(e[0]) && isNum(e[1]))
      : [];
  const own = entries.find(([k]) => k === level)?.[1] ?? (isNum(get(norwood, 'confidence')) ? (get(norwood, 'confidence') as number) : null);
  const others = entries.filter(([k, p]) => k !== level && p >= ALSO_POSSIBLE_MIN_P).sort((a, b) => b[1] - a[1]);
  const list = others.map(([k, p]) => `${k} (${p.toFixed(2)})`);
  const also = list.length ? `; ${list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0]} also possible` : '';
  return `Norwood ${text}${own !== null ? ` (p ${own.toFixed(2)})` : ''}${also}`;
}

/** The zones as a practitioner names them (geometry ZONES, front to back). */
const ZONE_WORDS: Record<string, string> = {
  frontal: 'frontal',
  templeLeft: 'left temple',
  templeRight: 'right temple',
  midScalp: 'mid-scalp',
  crown: 'crown',
  donor: 'donor',
};
const FOREHEAD_ZONES = new Set(['frontal', 'templeLeft', 'templeRight']);

/** A share 0..1 as a whole percentage, kept on one line with its sign. */
const pct = (p: number): string => `${Math.round(Math.min(1, Math.max(0, p)) * 100)}\u00a0%`;

/**
 * The bare share per zone with how well each was seen, and the note that says what the figures are:
 * ["frontal 100 %, …, crown 41 % (partly seen), donor not seen", "bare share of each zone, …"], or null
 * without zones. A zone's `seen` ('well' | 'partly' | 'no') is the grader's; a record stored before it
 * has none, and its figures are printed without a judgement. `photos`: the consultation's photos (for
 * which view measured a zone: a front photo's frontal and temple boxes take in forehead).
 */
export function zoneShareWords(zones: unknown, photos?: unknown): [string, string] | null {
  if (!zones || typeof zones !== 'object') return null;
  const viewOf = new Map<number, unknown>((Array.isArray(photos) ? photos : []).map((p, i) => [isNum(get(p, 'index')) ? (get(p, 'index') as number) : i, get(p, 'view')]));
  const rows = Object.entries(zones as Record<string, unknown>).filter(([, z]) => z && typeof z === 'object');
  if (!rows.length) return null;
  let judged = false;
  let partly = false;
  let forehead = false;
  // figures printed: with none ("frontal not seen, …, donor not seen") there is no figure to call "seen well"
  let figures = 0;
  const parts = rows.map(([zone, z]) => {
    const name = ZONE_WORDS[zone] ?? zone;
    const bald = get(z, 'bald');
    const seen = get(z, 'seen');
    const from = get(z, 'photos');
    if (seen === 'well' || seen === 'partly' || seen === 'no') judged = true;
    if (seen === 'no' || (seen === undefined && !isNum(bald))) return `${name} ${seen === 'no' ? 'not seen' : 'not measured'}`;
    if (!isNum(bald)) return `${name} not measured`;
    if (FOREHEAD_ZONES.has(zone) && Array.isArray(from) && from.some((i) => viewOf.get(i) === 'front')) forehead = true;
    if (seen === 'partly') partly = true;
    figures++;
    return `${name}\u00a0${pct(bald)}${seen === 'partly' ? ' (partly seen)' : ''}`;
  });
  const note = [
    'bare share of each zone, combined over the photos that show it',
    judged && figures > 0 ? (partly ? "unmarked figures seen well; 'partly seen': only photos that glimpse the zone measured it, a rough figure" : 'every figure seen well') : null,
    forehead ? 'the frontal and temple figures take in some forehead where the front photo shows it' : null,
  ].filter(Boolean);
  return [parts.join(', '), `${note.join('; ')}.`];
}

/** The Ludwig grade's caveats: its notes (a receded hairline Ludwig does not describe) and reasons. */
export function ludwigCaveats(ludwig: unknown): string[] {
  const notes = get(ludwig, 'notes');
  const reasons = get(ludwig, 'reasons');
  const all = [...(Array.isArray(reasons) ? reasons : []), ...(Array.isArray(notes) ? notes : [])].filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  return [...new Set(all)];
}
