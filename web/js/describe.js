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

/**
 * The recommendation as rows: { key, label, explain, value, reason }. Accepts both
 * { key: { value, reason } } and plain { key: value }.
 */
export function recommendationRows(rec) {
  if (!rec || typeof rec !== 'object') return [];
  const rows = [];
  for (const [key, entry] of Object.entries(rec)) {
    if (entry == null) continue;
    const hasValue = typeof entry === 'object' && !Array.isArray(entry) && 'value' in entry;
    const value = formatValue(hasValue ? entry.value : entry);
    if (!value) continue;
    const [label, explain] = RECOMMENDATION_LABELS[key] ?? [humaniseKey(key), null];
    const reason = hasValue && typeof entry.reason === 'string' ? entry.reason : null;
    rows.push({ key, label, explain, value, reason });
  }
  return rows;
}

/** The first link whose key starts with one of `prefixes` (e.g. links.preview, links.preview_png). */
export function findLink(links, ...prefixes) {
  if (!links || typeof links !== 'object') return null;
  for (const prefix of prefixes) {
    const key = Object.keys(links)
      .filter((k) => k.startsWith(prefix))
      .sort((a, b) => a.length - b.length)[0];
    if (key && typeof links[key] === 'string') return links[key];
  }
  return null;
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

/** Reasons a whole consultation could not be assessed, cleaned of the API's "photo 2 (top):" prefix. */
export function reasonsByPhoto(reasons) {
  const out = [];
  for (const r of Array.isArray(reasons) ? reasons : []) {
    const m = /^photo (\d+) \(([a-z]+)\): (.*)$/.exec(String(r));
    out.push(m ? { photo: Number(m[1]) - 1, view: m[2], text: m[3] } : { photo: null, view: null, text: String(r) });
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

/** "Bare scalp by area, roughly: crown 60 %, front 35 %, …" or null. */
export function describeZones(zones) {
  const list = zoneShares(zones);
  if (!list.length) return null;
  const share = (p) => `${Math.round(Math.min(1, Math.max(0, p)) * 20) * 5} %`;
  return `Bare scalp by area, roughly: ${list.map((z) => `${z.words} ${share(z.bald)}`).join(', ')}.`;
}
