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

/** " %" with a no-break space, so a line never breaks between a number and its sign (large text). */
export const PCT = '\u00a0%';

/** 0..1 as "about 70 %" (to the nearest 5, which is all a probability like this deserves). */
export function aboutPercent(p) {
  if (!isNum(p) || p < 0 || p > 1) return null;
  return `about ${Math.round(p * 20) * 5}${PCT}`;
}

/** 0..1 as a whole percentage "62 %". */
export function percent(p) {
  if (!isNum(p)) return null;
  return `${Math.round(p * 100)}${PCT}`;
}

/** How sure, in words, from a 0..1 confidence. */
export function sureWords(p) {
  if (!isNum(p)) return null;
  if (p >= 0.8) return 'fairly sure';
  if (p >= 0.5) return 'moderately sure';
  return 'unsure';
}

/** Items in words: "a", "a and b", "a, b and c". */
export function listWords(items) {
  const xs = items.filter(Boolean);
  return xs.length < 2 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
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

/**
 * Why the stage is on the men's scale when the person did not give their sex as male: the service grades
 * everyone not given as female on the Norwood scale. Null when the sex was given as male or female.
 */
export function scaleNote(sex) {
  if (sex === 'male' || sex === 'female') return null;
  const why = sex ? 'your sex was not given as female' : 'you left "Sex" blank';
  return `This stage is on the Norwood scale, which describes hair loss in men: we use it when ${why}. Thinning in women usually follows another pattern (the Ludwig scale); if that is you, tell your practitioner, or send your photos again with "Sex" filled in.`;
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

/**
 * The Monk shade to show, or null. The service decides, by the rule report.pdf follows, and says so in
 * the skin tone's `monkShown` ({ shown, why }): a shade that matches the skin poorly, or whose swatch is
 * of another ITA category than the skin, is not shown. An answer without that field shows none.
 */
export function monkShade(tone) {
  const monk = tone?.monk;
  if (!Number.isInteger(monk) || monk < 1 || monk > 10) return null;
  return tone.monkShown?.shown === true ? monk : null;
}

/** "type II" or, where the estimate's range spans more than one type, "type I to III". */
function fitzpatrickLine(tone) {
  const est = tone.fitzpatrick;
  if (!Number.isInteger(est) || !FITZPATRICK_WORDS[est]) return null;
  const r = Array.isArray(tone.fitzpatrickRange) ? tone.fitzpatrickRange : null;
  const [lo, hi] = r && r.length === 2 && r.every((t) => Number.isInteger(t) && FITZPATRICK_WORDS[t]) && r[0] <= est && est <= r[1] ? r : [est, est];
  const why = 'this type is really about how your skin reacts to the sun, which your practitioner will ask you about';
  if (lo === hi) return `Fitzpatrick type ${ROMAN_6[est - 1]} (${FITZPATRICK_WORDS[est]}): an estimate from the photo, as ${why}.`;
  return `Fitzpatrick type ${ROMAN_6[lo - 1]} to ${ROMAN_6[hi - 1]} (from "${FITZPATRICK_WORDS[lo]}" to "${FITZPATRICK_WORDS[hi]}"): a rough estimate from the photo, as ${why}.`;
}

/** Skin tone in words: "Light skin tone", how sure, the Fitzpatrick estimate (a range), Monk, undertone, ITA. */
export function describeSkinTone(tone) {
  if (!tone || !isNum(tone.ita)) return null;
  const lines = [];
  const category = typeof tone.category === 'string' ? tone.category : null;
  const headline = `${capitalise(category ?? 'measured')} skin tone`;
  const sure = sureWords(tone.confidence);
  if (sure) lines.push(`How sure we are: ${sure}. Light and the camera change how skin looks in a photo.`);
  const fitz = fitzpatrickLine(tone);
  if (fitz) lines.push(fitz);
  const monk = monkShade(tone);
  if (monk) lines.push(`Monk skin tone ${monk} of 10 (a 10-shade scale from lightest to darkest).`);
  if (typeof tone.undertone === 'string') lines.push(`${capitalise(tone.undertone)} undertone.`);
  lines.push(`Measured as an ITA angle of ${Math.round(tone.ita)}° (higher means lighter skin).`);
  return { headline, sure, lines, swatch: swatchOf(tone) };
}

const ROMAN_6 = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** Hair colour in words: "Dark brown hair, about 10 % grey", and how sure. */
export function describeHairColour(hair) {
  if (!hair || typeof hair !== 'object') return null;
  const name = typeof hair.name === 'string' ? hair.name : typeof hair.shade === 'string' ? hair.shade : null;
  if (!name) return null;
  const grey = isNum(hair.greyFraction) && hair.greyFraction >= 0.05 && name !== 'grey' && name !== 'white' ? `, ${aboutPercent(hair.greyFraction)} grey` : '';
  const sure = sureWords(hair.confidence);
  const lines = sure ? [`How sure we are: ${sure}. Your practitioner will match the shade to your hair in person.`] : [];
  return { headline: `${capitalise(name)} hair${grey}`, sure, lines, swatch: swatchOf(hair) };
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

/**
 * A photo's scar share at or above this is said even when no scar was found or told of. Below it, the
 * segmenter's stray scar pixels are noise: the review's scar-free photos read 0.01 to 0.8 %, and "scar 1 %"
 * told a man with no scar that he had one.
 */
export const SCAR_SHARE_ALONE = 0.05;

/** Whether the consultation has scars: found (planned or possible) or told of by the person. */
export function hasScars(c) {
  const some = (x) => Array.isArray(x) && x.length > 0;
  return some(c?.scars?.planned) || some(c?.scars?.possible) || some(c?.input?.scars);
}

/**
 * Hair / bare scalp / scar shares of the scalp one photo shows (`scalpCoverage`: the head less the face, an
 * ear, a cheek), in words. A record from before scalpCoverage has only the whole head's shares, whose skin
 * is mostly face in a front view: said as "skin" of all the head, never as bare scalp. The scar share only
 * where the consultation has scars (`scars`), or where it is large enough to mean one (SCAR_SHARE_ALONE).
 */
export function describeCoverage(photo, { scars = false } = {}) {
  const scalp = photo?.scalpCoverage;
  const coverage = scalp ?? photo?.coverage;
  if (!coverage || !isNum(coverage.hair) || !isNum(coverage.skin)) return null;
  const s = coverage.scar;
  const said = isNum(s) && (s >= SCAR_SHARE_ALONE || (scars && s >= 0.005));
  const [of, bare] = scalp ? ['The scalp in this photo', 'bare scalp'] : ['All of your head in this photo', 'skin'];
  return `${of}: hair ${percent(coverage.hair)}, ${bare} ${percent(coverage.skin)}${said ? `, scar ${percent(s)}` : ''}.`;
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

/** The photos the results rest on: those the quality gate passed, with a head found. */
export function usedPhotos(c) {
  return (Array.isArray(c?.photos) ? c.photos : []).filter((p) => p && p.quality?.assessable !== false && p.headFound !== false);
}

/**
 * "Based on 1 of your 3 photos (right side): …" where some photos were refused, so results from part of
 * the photos are not read as complete; null when every photo (or none) was used.
 */
export function partialBasis(c) {
  const sent = Array.isArray(c?.photos) ? c.photos.length : 0;
  const used = usedPhotos(c);
  if (!sent || !used.length || used.length === sent) return null;
  const views = listWords(used.map((p) => VIEW_WORDS[p.view] ?? 'a photo'));
  return `Based on ${used.length} of your ${sent} photos (${views}): ${sent - used.length === 1 ? 'the other' : 'the others'} could not be judged, so this is not the full picture. See "Your photos, checked" below for what to retake.`;
}

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
 * A quality gate's checks without a blur finding on a photo it also finds too dark. The sharpness measure
 * (the variance of the Laplacian) falls with the square of the contrast, so a sharp photo taken in poor
 * light reads as "blurred": telling the person to hold the phone still sends them after the wrong fault.
 * The retake in better light is judged for sharpness again.
 */
export function withoutDarkBlur(checks) {
  const list = Array.isArray(checks) ? checks : [];
  const rank = (severity) => (severity === 'error' ? 2 : severity === 'warning' ? 1 : 0);
  const dark = list.find((c) => c?.id === 'exposure' && rank(c.severity) > 0 && /dark/i.test(String(c.message)));
  // Only where the dark finding is at least as severe: a blur error beside a dark warning is what refuses
  // the photo, and dropping it had shown a refused photo as fine.
  return dark ? list.filter((c) => !(c?.id === 'blur' && rank(c.severity) <= rank(dark.severity))) : list;
}

/**
 * A photo's quality gate split into what must be retaken (errors) and what could be better (warnings),
 * from its checks; from its reasons where there are no checks.
 * @returns {{ errors: string[], warnings: string[] }}
 */
export function qualityNotes(quality) {
  if (!quality || typeof quality !== 'object') return { errors: [], warnings: [] };
  if (Array.isArray(quality.checks) && quality.checks.length) {
    const checks = withoutDarkBlur(quality.checks);
    const of = (severity) => checks.filter((c) => c?.severity === severity && typeof c.message === 'string').map((c) => c.message);
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

const SEEN = new Set(['well', 'partly', 'no']);

/**
 * Each zone's bare share and how well the photos saw it: [{ zone, words, bald, seen, views }], seen as the
 * service judged it (the zone's `seen`: 'well', 'partly' when only views that glimpse it measured it, 'no').
 * A record stored before the service said (no `seen`; the page shows one only in a tab left open across
 * the update, as a link lasts a day at most) gives 'no' where no photo measured the zone (bald null or no
 * photos) and null (not known) otherwise: such a zone gets no figure, as a glimpse would read as a
 * measurement ("crown 0 %" from one side photo). `photos` (the consultation's photos) gives the view of
 * each photo index a zone lists (`views`). The measured, most bare first.
 */
export function zoneShares(zones, photos) {
  if (!zones || typeof zones !== 'object') return [];
  const viewOf = new Map((Array.isArray(photos) ? photos : []).map((p, i) => [isNum(p?.index) ? p.index : i, p?.view]));
  return Object.entries(zones)
    .map(([zone, z]) => {
      const bald = z && isNum(z.bald) ? z.bald : null;
      const from = Array.isArray(z?.photos) ? z.photos : null;
      const unmeasured = bald === null || (from !== null && from.length === 0);
      // a figure the service calls seen is still not shown without one
      const seen = unmeasured ? 'no' : SEEN.has(z.seen) ? z.seen : null;
      return { zone, words: ZONE_WORDS[zone] ?? humaniseKey(zone).toLowerCase(), bald, seen, views: from && viewOf.size ? from.map((i) => viewOf.get(i)) : null };
    })
    .sort((a, b) => (b.bald ?? -1) - (a.bald ?? -1));
}

const FOREHEAD_ZONES = new Set(['frontal', 'templeLeft', 'templeRight']);

/**
 * "Bare skin in each area, combined from the photos that show it: crown 60 %, front 35 %. …" or null.
 * Says what the figures are (shares of each area, unlike each photo's figure for all of the head it
 * shows), gives no figure for an area the photos only glimpsed or did not show (never "crown 0 %" for a
 * crown no usable photo saw), and that the front and temple boxes of a front photo take in forehead
 * ("bare scalp" overstated it: a Norwood 2 read "front 85 %").
 */
export function describeZones(zones, photos) {
  const all = zoneShares(zones, photos);
  const well = all.filter((z) => z.seen === 'well');
  const partly = all.filter((z) => z.seen === 'partly').map((z) => z.words);
  const none = all.filter((z) => z.seen === 'no').map((z) => z.words);
  // zones of an older record, whose seen is not known (zoneShares): neither a figure nor "not seen"
  const unknown = all.some((z) => z.seen === null);
  if (!well.length && !partly.length && !(unknown && none.length)) return null;
  const share = (p) => `${Math.round(Math.min(1, Math.max(0, p)) * 20) * 5}${PCT}`;
  const parts = [];
  if (well.length) {
    parts.push(`Bare skin in each area, combined from the photos that show it: ${well.map((z) => `${z.words} ${share(z.bald)}`).join(', ')}.`);
    parts.push('These are shares of each area; the figure under each photo is for all of the scalp that photo shows.');
    if (well.some((z) => FOREHEAD_ZONES.has(z.zone) && (!z.views || z.views.includes('front')))) {
      parts.push('The front and temple areas also take in some forehead where a photo shows it.');
    }
  } else if (!unknown) {
    parts.push('No area of your scalp shows clearly enough in your photos to measure it.');
  }
  if (partly.length) parts.push(`Only partly seen in your photos, so not given: ${listWords(partly)}.`);
  if (none.length) parts.push(`Not seen in your photos: ${listWords(none)}.`);
  return parts.join(' ');
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
const AREA_WORDS = { hairline: 'a new hairline', fill: 'dots over the thin or bare areas', scar: 'covering the scar' };
const CONTRAST_WORDS = { low: 'little', medium: 'some', high: 'strong' };

const valueOf = (x) => (x && typeof x === 'object' && !Array.isArray(x) && 'value' in x ? x.value : x);
const reasonOf = (x) => (x && typeof x === 'object' && typeof x.reason === 'string' ? x.reason : null);
/** The service marks a basis it did not measure or get from the person with source 'assumed'. */
const isAssumed = (x) => Boolean(x && typeof x === 'object' && x.source === 'assumed');

/** Practitioner references such as ' (DOMAIN "Hairline design")' mean nothing to the client. */
function withoutReferences(text) {
  return String(text).replace(/\s*\(DOMAIN[^)]*\)/g, '');
}

/**
 * A reason in the client's words: without literature citations ("(Liu 2025)", "(Liu 2025, J Cosmet
 * Dermatol, n = 10)") and the clinic's asides ("(no published figure; a clinic can set its own)").
 */
export function withoutCitations(text) {
  return withoutReferences(text)
    .replace(/\s*\([^()]*\b(?:19|20)\d\d\b[^()]*\)/g, '')
    .replace(/\s*\([^()]*no published figure[^()]*\)/gi, '')
    .trim();
}

/** What the treatment aims for, as the client reads it; an assumed goal reads as our suggestion. */
function aimsRow(b) {
  const goal = valueOf(b?.goal);
  if (typeof goal !== 'string') return null;
  const words = GOAL_WORDS[goal] ?? goal.replace(/-/g, ' ');
  const areas = valueOf(b?.zones);
  const where = Array.isArray(areas) ? listWords(areas.map((a) => AREA_WORDS[a]).filter(Boolean)) : '';
  const treat = where ? `The plan covers ${where}.` : null;
  if (isAssumed(b.goal)) {
    return { value: `We assumed ${words}`, reason: [`You did not tell us what you would like, so this is our suggestion: tell your practitioner what you want.`, treat].filter(Boolean).join(' ') };
  }
  return { value: capitalise(words), reason: treat };
}

/** "Based on: very light skin (assumed, not measured from your photos), brown hair, …" or null. */
function basisLine(b) {
  if (!b) return null;
  const parts = [];
  const assumed = (x) => (isAssumed(x) ? ' (assumed, not measured from your photos)' : '');
  const skin = valueOf(b.skinCategory);
  const hair = valueOf(b.hairGroup);
  const contrast = valueOf(b.contrast);
  if (typeof skin === 'string') parts.push(`${skin} skin${assumed(b.skinCategory)}`);
  if (typeof hair === 'string') parts.push(`${hair} hair${assumed(b.hairGroup)}`);
  if (typeof contrast === 'string' && CONTRAST_WORDS[contrast]) parts.push(`${CONTRAST_WORDS[contrast]} contrast between hair and skin`);
  return parts.length ? `Based on: ${parts.join(', ')}.` : null;
}

/**
 * The recommendation engine's answer ({ pigment, sessionCount, intervalDays, sessions[], basis,
 * warnings[], confidence, ... }, each value { value, reason }) as what the page shows:
 * - rows: for the client, in plain words: what it aims for (an assumed goal as our suggestion), the
 *   pigment shade and the sessions;
 * - technical: for the practitioner: every setting (dilution, needle, density, keys it does not know
 *   that are simple { value, reason } entries) with the engine's own reasons, citations included;
 * - basis ("Based on: …", an assumed skin tone said to be assumed), notes (the engine's warnings).
 */
export function recommendationView(rec) {
  if (!rec || typeof rec !== 'object') return { rows: [], technical: [], basis: null, notes: [], confidence: null };
  const rows = [];
  const technical = [];
  const row = (list, key, value, reason, label) => {
    if (value == null || value === '') return;
    const [l, explain] = RECOMMENDATION_LABELS[key] ?? [humaniseKey(key), null];
    list.push({ key, label: label ?? l, explain: label ? null : explain, value: String(value), reason: reason || null });
  };
  const handled = new Set(['table', 'basis', 'warnings', 'confidence', 'sessions', 'pigment', 'sessionCount', 'intervalDays']);
  const b = rec.basis && typeof rec.basis === 'object' ? rec.basis : null;

  const aims = aimsRow(b);
  if (aims) row(rows, 'aims', aims.value, aims.reason, 'What it aims for');

  const pigment = valueOf(rec.pigment);
  if (pigment != null) {
    const name = typeof pigment === 'object' ? (pigment.name ?? formatValue(pigment)) : formatValue(pigment);
    row(rows, 'pigment', name, reasonOf(rec.pigment) && withoutCitations(reasonOf(rec.pigment)));
    row(technical, 'pigment', name, reasonOf(rec.pigment));
  }

  const count = valueOf(rec.sessionCount);
  const interval = valueOf(rec.intervalDays);
  if (isNum(count)) {
    const gap = interval && isNum(interval.min) && isNum(interval.max) ? `, ${interval.min === interval.max ? interval.min : `${interval.min} to ${interval.max}`} days apart` : '';
    const value = `${count} session${count === 1 ? '' : 's'}${gap}`;
    const plain = count > 1 ? 'Each session adds dots between the earlier ones, so the look builds up gradually; the time between lets the skin heal and the shade settle.' : null;
    row(rows, 'sessions', value, plain);
    row(technical, 'sessions', value, [reasonOf(rec.sessionCount), reasonOf(rec.intervalDays)].filter(Boolean).join(' '));
  }

  const sessions = Array.isArray(rec.sessions) ? rec.sessions.filter((x) => x && typeof x === 'object') : [];
  if (sessions.length) {
    const first = sessions[0];
    const last = sessions[sessions.length - 1];
    const d0 = dilutionWords(valueOf(first.dilution));
    const d1 = dilutionWords(valueOf(last.dilution));
    if (d0) row(technical, 'dilution', d0 === d1 || !d1 ? d0 : `${d0} in the first session, ${d1} in the last`, reasonOf(last.dilution) ?? reasonOf(first.dilution));
    const n0 = needleWords(valueOf(first.needle));
    if (n0) row(technical, 'needle', n0, reasonOf(first.needle));
    const density = valueOf(last.densityPerCm2);
    if (isNum(density)) row(technical, 'density', `about ${Math.round(density)} dots per cm² by the last session`, reasonOf(last.densityFraction) ?? reasonOf(last.densityPerCm2));
  }

  for (const [key, entry] of Object.entries(rec)) {
    if (handled.has(key) || entry == null) continue;
    const v = valueOf(entry);
    if (v === entry && typeof entry === 'object') continue; // nested structures without a value: not for the client
    if (typeof v === 'object' && !Array.isArray(v) && v !== null && Object.keys(v).length > 4) continue;
    row(technical, key, formatValue(v), reasonOf(entry));
  }

  const notes = (Array.isArray(rec.warnings) ? rec.warnings : [])
    .filter((w) => w && typeof w.message === 'string')
    .map((w) => ({ severity: ['info', 'caution', 'stop'].includes(w.severity) ? w.severity : 'info', text: withoutReferences(w.message) }));
  return { rows, technical, basis: basisLine(b), notes, confidence: isNum(rec.confidence) ? rec.confidence : null };
}

/** A dot count as a person reads it: whole below 100, else to two figures ("about 2,100", not 2,082). */
export function roughly(n) {
  if (!isNum(n) || n < 0) return null;
  if (n < 100) return Math.round(n).toLocaleString('en');
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return (Math.round(n / step) * step).toLocaleString('en');
}

/**
 * The plan's sessions as table rows, from plan.sessions ({ index, dots, densityPerCm2, dilution, needle })
 * or, without a plan, from the recommendation's sessions (no dot counts yet). `dotsAbout` and `builds`
 * ("30 % of the full density", from the recommendation's densityFraction) are the client's; the others
 * the practitioner's.
 */
export function planRows(plan, rec) {
  const fromPlan = Array.isArray(plan?.sessions) ? plan.sessions : [];
  const recSessions = Array.isArray(rec?.sessions) ? rec.sessions.filter((x) => x && typeof x === 'object') : [];
  const source = fromPlan.length ? fromPlan : recSessions;
  return source
    .filter((x) => x && typeof x === 'object')
    .map((x, i) => {
      const index = isNum(x.index) ? x.index : i;
      const fraction = valueOf(recSessions.find((r) => (isNum(r.index) ? r.index : recSessions.indexOf(r)) === index)?.densityFraction);
      return {
        session: index + 1,
        dots: isNum(x.dots) ? x.dots.toLocaleString('en') : '–',
        dotsAbout: isNum(x.dots) ? roughly(x.dots) : '–',
        builds: isNum(fraction) ? `${Math.round(fraction * 100)}${PCT} of the full density` : '–',
        densityPerCm2: isNum(valueOf(x.densityPerCm2)) ? String(Math.round(valueOf(x.densityPerCm2))) : '–',
        dilution: dilutionWords(valueOf(x.dilution)) ?? '–',
        needle: needleWords(valueOf(x.needle)) ?? '–',
      };
    });
}

/** The first link whose key starts with `prefix` and whose URL ends with one of `extensions`. */
export function findLinkOf(links, prefix, extensions) {
  if (!links || typeof links !== 'object') return null;
  const keys = Object.keys(links)
    .filter((k) => k.startsWith(prefix) && typeof links[k] === 'string' && extensions.some((e) => links[k].toLowerCase().endsWith(e)))
    .sort((a, b) => a.length - b.length);
  return keys.length ? links[keys[0]] : null;
}
