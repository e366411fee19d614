// Results in plain words for the person who took the photos. Pure functions of the API's JSON, so they
// are tested in Node (test/unit/web/describe.test.ts). Unknown or missing values give null, never a guess.

/** What each Hamilton–Norwood stage looks like, in everyday words (DOMAIN.md: Norwood 1975). */
export const NORWOOD_WORDS = Object.freeze({
  1: 'little or no hair loss',
  2: 'slight hair loss at the temples',
  '2A': 'a slightly higher hairline across the whole front',
  3: 'clear hair loss at the temples',
  '3A': 'a clearly higher hairline across the whole front',
  '3V': 'thinning at the crown, with some hair loss at the temples',
  4: 'moderate hair loss at the crown and temples',
  '4A': 'moderate hair loss across the front of the head',
  5: 'advanced hair loss at the crown and temples, with a thin band of hair between them',
  '5A': 'advanced hair loss from the front towards the crown',
  6: 'extensive hair loss: the front and the crown have joined into one area',
  7: 'extensive hair loss: hair remains only around the sides and the back',
});

/** Ludwig grades (women): thinning over the top with the front hairline kept. */
export const LUDWIG_WORDS = Object.freeze({
  1: 'mild thinning over the top of the head; the front hairline is kept',
  2: 'moderate thinning over the top of the head; the parting looks clearly wider',
  3: 'extensive thinning over the top of the head',
});

const ROMAN = ['I', 'II', 'III'];

/** Fitzpatrick skin types by how the skin reacts to the sun (the scale's own definition). */
export const FITZPATRICK_WORDS = Object.freeze({
  1: 'always burns, never tans',
  2: 'usually burns, tans a little',
  3: 'sometimes burns, tans gradually',
  4: 'rarely burns, tans easily',
  5: 'very rarely burns, tans very easily',
  6: 'never burns',
});

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** 0..1 as "about 70 %" (to the nearest 5, which is all a probability like this deserves). */
export function aboutPercent(p) {
  if (!isNum(p) || p < 0 || p > 1) return null;
  return `about ${Math.round(p * 20) * 5} %`;
}

/** 0..1 as a whole percentage "62 %". */
export function percent(p) {
  if (!isNum(p)) return null;
  return `${Math.round(p * 100)} %`;
}

/** How sure, in words, from a 0..1 confidence. */
export function sureWords(p) {
  if (!isNum(p)) return null;
  if (p >= 0.8) return 'fairly sure';
  if (p >= 0.5) return 'moderately sure';
  return 'not very sure';
}

function capitalise(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

/** The most likely neighbouring level to `level` in a { "1": p, ... } map, when it is a close second. */
function runnerUp(probabilities, level) {
  if (!probabilities || typeof probabilities !== 'object') return null;
  const entries = Object.entries(probabilities)
    .map(([k, p]) => [Number(k), Number(p)])
    .filter(([k, p]) => Number.isInteger(k) && isNum(p) && k !== level)
    .sort((a, b) => b[1] - a[1]);
  return entries.length && entries[0][1] >= 0.2 ? entries[0][0] : null;
}

/**
 * The hair-loss headline for a Norwood result.
 * @returns {{ headline: string, detail: string, stage: string, level: number | null, probabilities: {level: number, p: number}[] } | null}
 */
export function describeNorwood(norwood) {
  if (!norwood || norwood.stage == null || norwood.assessable === false) return null;
  const stage = String(norwood.stage).toUpperCase();
  const level = Number.isInteger(norwood.level) ? norwood.level : Number.parseInt(stage, 10) || null;
  const words = NORWOOD_WORDS[stage] ?? (level ? NORWOOD_WORDS[level] : null);
  if (!words) return null;
  const about = aboutPercent(norwood.confidence);
  const headline = `${capitalise(words)} (Norwood ${stage}${about ? `, ${about} sure` : ''})`;
  const second = runnerUp(norwood.probabilities, level);
  const parts = [
    'The Norwood scale grades hair loss in men from 1 (none) to 7 (the most); the letter A means the hairline moves back evenly, V means the crown.',
  ];
  if (second) parts.push(`Stage ${second} is also possible from these photos.`);
  parts.push('Even specialists often differ by one stage, so your practitioner will confirm it with you.');
  return { headline, detail: parts.join(' '), stage, level, probabilities: probabilityList(norwood.probabilities, 7) };
}

/** Ludwig grade from "I".."III", "1".."3" or a number (0 or "none": no thinning); null when it is none of these. */
export function ludwigGrade(stage) {
  if (stage == null) return null;
  const s = String(stage).trim().toUpperCase();
  if (s === 'NONE' || s === '0') return 0;
  const roman = ROMAN.indexOf(s);
  if (roman >= 0) return roman + 1;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 3 ? n : null;
}

/** The hair-loss headline for a Ludwig result (women). */
export function describeLudwig(ludwig) {
  if (!ludwig || ludwig.assessable === false) return null;
  const grade = ludwigGrade(ludwig.stage ?? ludwig.grade ?? ludwig.level);
  if (grade == null) return null;
  const about = aboutPercent(ludwig.confidence);
  if (grade === 0) {
    return {
      headline: `No clear thinning over the top of the head${about ? ` (${about} sure)` : ''}`,
      detail: 'The Ludwig scale grades thinning in women from I (mild) to III (extensive); your photos show none of these.',
      stage: 'none',
      level: 0,
      probabilities: probabilityList(ludwig.probabilities, 3),
    };
  }
  return {
    headline: `${capitalise(LUDWIG_WORDS[grade])} (Ludwig ${ROMAN[grade - 1]}${about ? `, ${about} sure` : ''})`,
    detail: 'The Ludwig scale grades thinning in women from I (mild) to III (extensive).',
    stage: ROMAN[grade - 1],
    level: grade,
    probabilities: probabilityList(ludwig.probabilities, 3),
  };
}

/** { "1": p, ... } as a sorted list with every level from 1 to `max` (missing = 0). */
export function probabilityList(probabilities, max) {
  if (!probabilities || typeof probabilities !== 'object') return [];
  const out = [];
  for (let level = 1; level <= max; level++) {
    const raw = probabilities[level] ?? probabilities[ROMAN[level - 1]];
    out.push({ level, p: isNum(Number(raw)) ? Number(raw) : 0 });
  }
  return out;
}

/** Skin tone in words: "Light skin (Fitzpatrick type II, an estimate: usually burns, tans a little)". */
export function describeSkinTone(tone) {
  if (!tone || !isNum(tone.ita)) return null;
  const lines = [];
  const category = typeof tone.category === 'string' ? tone.category : null;
  const headline = `${capitalise(category ?? 'measured')} skin tone`;
  if (isNum(tone.fitzpatrick) && FITZPATRICK_WORDS[tone.fitzpatrick]) {
    lines.push(`Fitzpatrick type ${ROMAN_6[tone.fitzpatrick - 1]} (${FITZPATRICK_WORDS[tone.fitzpatrick]}): an estimate from the photo, as this type is really about how skin reacts to the sun.`);
  }
  if (isNum(tone.monk)) lines.push(`Monk skin tone ${tone.monk} of 10 (a 10-shade scale from lightest to darkest).`);
  if (typeof tone.undertone === 'string') lines.push(`${capitalise(tone.undertone)} undertone.`);
  lines.push(`Measured as an ITA angle of ${Math.round(tone.ita)}° (higher means lighter skin).`);
  return { headline, lines, swatch: swatchOf(tone) };
}

const ROMAN_6 = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** Hair colour in words: "Dark brown hair, about 10 % grey". */
export function describeHairColour(hair) {
  if (!hair || typeof hair !== 'object') return null;
  const name = typeof hair.name === 'string' ? hair.name : typeof hair.shade === 'string' ? hair.shade : null;
  if (!name) return null;
  const grey = isNum(hair.greyFraction) && hair.greyFraction >= 0.05 && name !== 'grey' && name !== 'white' ? `, ${aboutPercent(hair.greyFraction)} grey` : '';
  return { headline: `${capitalise(name)} hair${grey}`, swatch: swatchOf(hair) };
}

/** A CSS colour for a result carrying `hex` or `lab` (CIELAB D65). */
export function swatchOf(x) {
  if (x && typeof x.hex === 'string' && /^#[0-9a-f]{6}$/i.test(x.hex)) return x.hex.toLowerCase();
  if (x && Array.isArray(x.lab) && x.lab.length === 3 && x.lab.every(isNum)) return labToHex(x.lab);
  return null;
}

/** CIELAB (D65) to an sRGB hex string, clipped to the gamut. */
export function labToHex([L, a, b]) {
  const fy = (L + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const inv = (t) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const X = 0.95047 * inv(fx);
  const Y = 1.0 * (L > 8 ? fy ** 3 : L / (24389 / 27));
  const Z = 1.08883 * inv(fz);
  const lin = [3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z, -0.969266 * X + 1.8760108 * Y + 0.041556 * Z, 0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z];
  const enc = (c) => {
    const v = Math.min(1, Math.max(0, c));
    return Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055));
  };
  return `#${lin.map((c) => enc(c).toString(16).padStart(2, '0')).join('')}`;
}

/** Hair / bare skin / scar shares of the head in one photo, in words. */
export function describeCoverage(coverage) {
  if (!coverage || !isNum(coverage.hair) || !isNum(coverage.skin)) return null;
  const scar = isNum(coverage.scar) && coverage.scar >= 0.005 ? `, scar ${percent(coverage.scar)}` : '';
  return `Of your head in this photo: hair ${percent(coverage.hair)}, bare scalp ${percent(coverage.skin)}${scar}.`;
}

/** Labels and explanations for recommendation keys; unknown keys are turned into words. */
export const RECOMMENDATION_LABELS = Object.freeze({
  pigment: ['Pigment shade', 'the colour of the ink, matched to your hair and skin'],
  shade: ['Pigment shade', 'the colour of the ink, matched to your hair and skin'],
  dilution: ['Dilution', 'parts of water to one part of pigment: more water gives a lighter dot'],
  needle: ['Needle', 'the needle size the practitioner uses: finer needles give smaller dots'],
  density: ['Dot density', 'how close together the dots are placed'],
  densityPerCm2: ['Dots per cm²', 'how many dots go into each square centimetre'],
  sessions: ['Sessions', 'visits, usually a week or more apart, each building on the last'],
  hairline: ['Hairline', 'where the front edge of the treated area goes'],
  depth: ['Depth', 'how deep into the skin the pigment goes'],
  style: ['Style', 'the look the treatment aims for'],
});

export function humaniseKey(key) {
  const s = String(key)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return capitalise(s);
}

/** A recommendation value as text: numbers, strings, lists and small objects. */
export function formatValue(v) {
  if (v == null) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en') : String(Math.round(v * 100) / 100);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(formatValue).filter(Boolean).join(', ');
  if (typeof v === 'object') {
    if ('value' in v) return formatValue(v.value);
    return Object.entries(v)
      .map(([k, x]) => `${humaniseKey(k).toLowerCase()}: ${formatValue(x)}`)
      .join('; ');
  }
  return String(v);
}

/** The view names people read ("top of the head"), for a photo's `view`. */
export const VIEW_WORDS = Object.freeze({
  front: 'front',
  top: 'top of the head',
  left: 'left side',
  right: 'right side',
  back: 'back of the head',
  closeup: 'scar close-up',
  auto: 'photo',
});

/**
 * Reasons a whole consultation could not be assessed, cleaned of the API's "photo 2 (top):" prefix (or
 * "photo 2:" for a photo with no head, whose view was never read).
 */
export function reasonsByPhoto(reasons) {
  const out = [];
  for (const r of Array.isArray(reasons) ? reasons : []) {
    const m = /^photo (\d+)(?: \(([a-z]+)\))?: (.*)$/.exec(String(r));
    out.push(m ? { photo: Number(m[1]) - 1, view: m[2] ?? null, text: m[3] } : { photo: null, view: null, text: String(r) });
  }
  return out;
}

/**
 * A service error's `detail` for the person: without the "photo 1, field "front" (name.jpg): " prefix
 * (the page already says which photo) and without the decoder's own message after it.
 */
export function personDetail(detail) {
  return String(detail ?? '')
    .replace(/^photo \d+, field "[a-z]+"(?: \([^)]*\))?: /, '')
    .replace(/: Vips\w*: .*$/s, '')
    .trim();
}

/**
 * A photo's quality gate split into what must be retaken (errors) and what could be better (warnings),
 * from its checks; from its reasons where there are no checks.
 * @returns {{ errors: string[], warnings: string[] }}
 */
export function qualityNotes(quality) {
  if (!quality || typeof quality !== 'object') return { errors: [], warnings: [] };
  if (Array.isArray(quality.checks) && quality.checks.length) {
    const of = (severity) => quality.checks.filter((c) => c?.severity === severity && typeof c.message === 'string').map((c) => c.message);
    return { errors: of('error'), warnings: of('warning') };
  }
  const reasons = (Array.isArray(quality.reasons) ? quality.reasons : []).map(String);
  return quality.assessable === false ? { errors: reasons, warnings: [] } : { errors: [], warnings: reasons };
}

/** Scalp zones in everyday words (geometry ZONES). */
export const ZONE_WORDS = Object.freeze({
  frontal: 'front',
  templeLeft: 'left temple',
  templeRight: 'right temple',
  midScalp: 'top',
  crown: 'crown',
  donor: 'back and sides',
});

/**
 * Where the scalp shows, most first: [{ zone, words, bald }] from norwood.measurements.zones (or any
 * { zone: { bald } } map); zones without a measure are left out.
 */
export function zoneShares(zones) {
  if (!zones || typeof zones !== 'object') return [];
  return Object.entries(zones)
    .map(([zone, z]) => ({ zone, words: ZONE_WORDS[zone] ?? humaniseKey(zone).toLowerCase(), bald: z && isNum(z.bald) ? z.bald : null }))
    .filter((z) => z.bald !== null)
    .sort((a, b) => b.bald - a.bald);
}

/**
 * "Skin showing by area of your photos, roughly: crown 60 %, front 35 %, …" or null. The zones are
 * fixed boxes of the head outline, so in front and top photos the front and temple boxes also take in
 * forehead: "bare scalp" overstated it (a Norwood 2 read "front 85 %"), so the sentence says so.
 */
export function describeZones(zones) {
  const list = zoneShares(zones);
  if (!list.length) return null;
  const share = (p) => `${Math.round(Math.min(1, Math.max(0, p)) * 20) * 5} %`;
  const forehead = list.some((z) => z.zone === 'frontal' || z.zone === 'templeLeft' || z.zone === 'templeRight')
    ? ' The front and temple areas also take in some forehead where a photo shows it.'
    : '';
  return `Skin showing by area of your photos, roughly: ${list.map((z) => `${z.words} ${share(z.bald)}`).join(', ')}.${forehead}`;
}

/** A needle as words, from { code, points, diameterMm, configuration } or a string. */
export function needleWords(n) {
  if (typeof n === 'string') return n;
  if (!n || typeof n !== 'object') return null;
  const parts = [n.code, isNum(n.points) ? `${n.points} point${n.points > 1 ? 's' : ''}` : null, isNum(n.diameterMm) ? `${n.diameterMm.toFixed(2)} mm` : null, n.configuration];
  return parts.filter(Boolean).join(', ') || null;
}

/** A dilution as "8:1 (8 parts water to 1 part pigment)", from { label, waterParts } or a string/number. */
export function dilutionWords(d) {
  if (typeof d === 'string') return d;
  if (isNum(d)) return `${d}:1`;
  if (d && typeof d === 'object') return typeof d.label === 'string' ? d.label : isNum(d.waterParts) ? `${d.waterParts}:1` : null;
  return null;
}

const GOAL_WORDS = { 'shaved-look': 'a shaved look', density: 'a fuller look under longer hair', 'scar-camouflage': 'hiding a scar' };
const CONTRAST_WORDS = { low: 'little', medium: 'some', high: 'strong' };

const valueOf = (x) => (x && typeof x === 'object' && !Array.isArray(x) && 'value' in x ? x.value : x);
const reasonOf = (x) => (x && typeof x === 'object' && typeof x.reason === 'string' ? x.reason : null);

/** Practitioner references such as ' (DOMAIN "Hairline design")' mean nothing to the client. */
function withoutReferences(text) {
  return String(text).replace(/\s*\(DOMAIN[^)]*\)/g, '');
}

/**
 * The recommendation engine's answer ({ pigment, sessionCount, intervalDays, sessions[], basis,
 * warnings[], confidence, ... }, each value { value, reason }) as what the page shows:
 * rows (label, explain, value, reason), a "based on" sentence and notes for the practitioner.
 * Keys it does not know are shown as rows where they are simple { value, reason } entries.
 */
export function recommendationView(rec) {
  if (!rec || typeof rec !== 'object') return { rows: [], basis: null, notes: [], confidence: null };
  const rows = [];
  const row = (key, value, reason) => {
    if (value == null || value === '') return;
    const [label, explain] = RECOMMENDATION_LABELS[key] ?? [humaniseKey(key), null];
    rows.push({ key, label, explain, value: String(value), reason: reason ?? null });
  };
  const handled = new Set(['table', 'basis', 'warnings', 'confidence', 'sessions', 'pigment', 'sessionCount', 'intervalDays']);

  const pigment = valueOf(rec.pigment);
  if (pigment != null) row('pigment', typeof pigment === 'object' ? pigment.name ?? formatValue(pigment) : formatValue(pigment), reasonOf(rec.pigment));

  const count = valueOf(rec.sessionCount);
  const interval = valueOf(rec.intervalDays);
  if (isNum(count)) {
    const gap = interval && isNum(interval.min) && isNum(interval.max) ? `, ${interval.min === interval.max ? interval.min : `${interval.min} to ${interval.max}`} days apart` : '';
    row('sessions', `${count} session${count === 1 ? '' : 's'}${gap}`, [reasonOf(rec.sessionCount), reasonOf(rec.intervalDays)].filter(Boolean).join(' ') || null);
  }

  const sessions = Array.isArray(rec.sessions) ? rec.sessions.filter((x) => x && typeof x === 'object') : [];
  if (sessions.length) {
    const first = sessions[0];
    const last = sessions[sessions.length - 1];
    const d0 = dilutionWords(valueOf(first.dilution));
    const d1 = dilutionWords(valueOf(last.dilution));
    if (d0) row('dilution', d0 === d1 || !d1 ? d0 : `${d0} in the first session, ${d1} in the last`, reasonOf(last.dilution) ?? reasonOf(first.dilution));
    const n0 = needleWords(valueOf(first.needle));
    if (n0) row('needle', n0, reasonOf(first.needle));
    const density = valueOf(last.densityPerCm2);
    if (isNum(density)) row('density', `about ${Math.round(density)} dots per cm² by the last session`, reasonOf(last.densityFraction) ?? reasonOf(last.densityPerCm2));
  }

  for (const [key, entry] of Object.entries(rec)) {
    if (handled.has(key) || entry == null) continue;
    const v = valueOf(entry);
    if (v === entry && typeof entry === 'object') continue; // nested structures without a value: not for the client
    if (typeof v === 'object' && !Array.isArray(v) && v !== null && Object.keys(v).length > 4) continue;
    row(key, formatValue(v), reasonOf(entry));
  }

  const b = rec.basis && typeof rec.basis === 'object' ? rec.basis : null;
  let basis = null;
  if (b) {
    const parts = [];
    const skin = valueOf(b.skinCategory);
    const hair = valueOf(b.hairGroup);
    const contrast = valueOf(b.contrast);
    const goal = valueOf(b.goal);
    if (typeof skin === 'string') parts.push(`${skin} skin`);
    if (typeof hair === 'string') parts.push(`${hair} hair`);
    if (typeof contrast === 'string' && CONTRAST_WORDS[contrast]) parts.push(`${CONTRAST_WORDS[contrast]} contrast between hair and skin`);
    if (typeof goal === 'string') parts.push(`aiming for ${GOAL_WORDS[goal] ?? goal.replace(/-/g, ' ')}`);
    if (parts.length) basis = `Based on: ${parts.join(', ')}.`;
  }

  const notes = (Array.isArray(rec.warnings) ? rec.warnings : [])
    .filter((w) => w && typeof w.message === 'string')
    .map((w) => ({ severity: ['info', 'caution', 'stop'].includes(w.severity) ? w.severity : 'info', text: withoutReferences(w.message) }));
  return { rows, basis, notes, confidence: isNum(rec.confidence) ? rec.confidence : null };
}

/**
 * The plan's sessions as table rows, from plan.sessions ({ index, dots, densityPerCm2, dilution, needle })
 * or, without a plan, from the recommendation's sessions (no dot counts yet).
 */
export function planRows(plan, rec) {
  const fromPlan = Array.isArray(plan?.sessions) ? plan.sessions : [];
  const source = fromPlan.length ? fromPlan : Array.isArray(rec?.sessions) ? rec.sessions : [];
  return source
    .filter((x) => x && typeof x === 'object')
    .map((x, i) => ({
      session: (isNum(x.index) ? x.index : i) + 1,
      dots: isNum(x.dots) ? x.dots.toLocaleString('en') : '–',
      densityPerCm2: isNum(valueOf(x.densityPerCm2)) ? String(Math.round(valueOf(x.densityPerCm2))) : '–',
      dilution: dilutionWords(valueOf(x.dilution)) ?? '–',
      needle: needleWords(valueOf(x.needle)) ?? '–',
    }));
}

/** The first link whose key starts with `prefix` and whose URL ends with one of `extensions`. */
export function findLinkOf(links, prefix, extensions) {
  if (!links || typeof links !== 'object') return null;
  const keys = Object.keys(links)
    .filter((k) => k.startsWith(prefix) && typeof links[k] === 'string' && extensions.some((e) => links[k].toLowerCase().endsWith(e)))
    .sort((a, b) => a.length - b.length);
  return keys.length ? links[keys[0]] : null;
}
