// The default clinic table. Each row says why, in words a practitioner reads (the facts are those of
// /shared/DOMAIN.md, which gives their sources; a study is named where one gives the number). Where no
// source gives a number the value says "our default; no published figure", for the clinic to set.
import { parseClinicTable, type ClinicTableInput } from './schema.js';

const DEFAULT_TABLE_INPUT: ClinicTableInput = {
  id: 'default',
  version: '2025-1',
  description: 'Built-in defaults; a clinic replaces any part by supplying its own table.',
  naturalDensity: {
    fuPerCm2: 90,
    reason: 'Natural scalp carries 80–100 follicular units/cm²; 90 is the middle, and SMP impressions ~1 mm apart (≈100/cm²) land in the same range.',
  },
  densitySchedule: [
    { cumulativeFraction: 0.3, reason: 'Session 1 places 30 % of natural density, randomly spaced (Liu 2025, J Cosmet Dermatol, n = 10): light and sparse so the client and practitioner can judge shade and hairline before committing.' },
    { cumulativeFraction: 0.7, reason: 'Session 2 fills to 70 % of natural density (Liu 2025).' },
    { cumulativeFraction: 1.0, reason: 'Session 3 completes 100 % of natural density (Liu 2025).' },
  ],
  goals: {
    'shaved-look': { densityScale: 1, reason: 'A shaved ("buzz-cut") look needs the full density schedule to read as stubble (Liu 2025 schedule).' },
    density: {
      densityScale: 0.7,
      reason: 'Under hair kept longer, dots only darken the scalp between hairs; about half of natural density already reads as full, so 70 % of the schedule is enough and leaves margin.',
    },
    'scar-camouflage': { densityScale: 1, reason: 'Dots over a scar must match the density of the hair-bearing skin around it, which the full schedule approximates.' },
  },
  zones: {
    hairline: {
      densityFactor: 0.6,
      reason: 'Natural hairlines are a transition zone of mostly 1- and 2-hair units, sparser than the scalp behind; 0.6 of the fill density gives a soft edge (our default; no published figure).',
    },
    fill: { densityFactor: 1, reason: 'The fill zone follows the session schedule as it is.' },
    scar: { densityFactor: 1, reason: 'Scar dots match the surrounding density so the scar stops reading as a gap.' },
  },
  hairGroups: {
    blackBelow: 20,
    darkBrownBelow: 30,
    brownBelow: 42,
    greyFractionAtLeast: 0.5,
    reason: 'Hair L* in photos (strands shade each other, so photo L* runs darker than the colour name): black < 20 ≤ dark brown < 30 ≤ brown < 42 ≤ light; grey when half the strands are achromatic. Judgement, same cut points as the colour measurement.',
  },
  dilution: {
    rows: [
      { itaCategory: 'very light', waterParts: { black: 10, 'dark brown': 14, brown: 18, light: 22, grey: 26 }, reason: 'Fair skin shows every dot: about 20:1 and more with light hair; even black hair needs ~10:1 to avoid harsh dots.' },
      { itaCategory: 'light', waterParts: { black: 8, 'dark brown': 12, brown: 16, light: 20, grey: 24 }, reason: 'Light skin: one step less water than very light; light hair stays around 20:1.' },
      { itaCategory: 'intermediate', waterParts: { black: 6, 'dark brown': 9, brown: 13, light: 18, grey: 22 }, reason: 'Intermediate skin: between the published examples (little dilution for dark skin with dark hair, about 20:1 for fair skin with light hair).' },
      { itaCategory: 'tan', waterParts: { black: 4, 'dark brown': 6, brown: 10, light: 15, grey: 18 }, reason: 'Tanned skin hides diluted dots: less water, interpolated towards "little dilution for dark skin with dark hair".' },
      { itaCategory: 'brown', waterParts: { black: 2, 'dark brown': 4, brown: 7, light: 12, grey: 15 }, reason: 'Brown skin with dark hair: little dilution, but not undiluted (blue-shift risk).' },
      { itaCategory: 'dark', waterParts: { black: 2, 'dark brown': 2, brown: 5, light: 10, grey: 12 }, reason: 'Dark skin with dark hair: little or no dilution; kept at 2:1 because undiluted black on dark skin risks a blue/green shift.' },
    ],
    sessionMultipliers: [1.5, 1.2, 1],
    sessionReason: 'Session 1 lighter, later sessions darken; healed dots come out 0–3 shades lighter, so it is safer to start light and darken.',
    scarMultiplier: 0.8,
    scarReason: 'Scar tissue holds pigment less well and fades more: about 20 % less water over scars.',
    minWaterPartsDarkSkin: 2,
    minWaterPartsDarkSkinReason: 'Undiluted black on dark skin risks a blue/green shift over time.',
  },
  needles: {
    hairline: {
      needle: { code: '0601RL', points: 1, diameterMm: 0.2, configuration: 'round liner' },
      reason: 'Single point at the hairline, fine (cartridge 06 = 0.18–0.20 mm): natural hairlines are mostly 1- and 2-hair units.',
    },
    fill: {
      default: {
        needle: { code: '0803RL', points: 3, diameterMm: 0.25, configuration: 'round liner' },
        reason: 'Groups for fill; 0803 (0.25 mm) is the common fill configuration.',
      },
      darkSkinDarkHair: {
        needle: { code: '1003RL', points: 3, diameterMm: 0.3, configuration: 'round liner' },
        reason: 'Upper end of the 0.18–0.30 mm range: on brown/dark skin with black or dark-brown hair a larger impression reads as coarse stubble and stays visible after healing (our default; no published figure).',
      },
      fairSkinLightHair: {
        needle: { code: '0603RL', points: 3, diameterMm: 0.2, configuration: 'round liner' },
        reason: 'Light hair on fair skin: smaller dots (0603, 0.20 mm) keep the low-contrast look subtle (our default; no published figure).',
      },
    },
    scar: {
      punctate: {
        needle: { code: '0601RL', points: 1, diameterMm: 0.2, configuration: 'round liner' },
        reason: 'FUE scars are many small pale dots: single fine points placed into and around them.',
      },
      linear: {
        needle: { code: '0603RL', points: 3, diameterMm: 0.2, configuration: 'round liner' },
        reason: 'A FUT strip scar is a band: small groups (0.20 mm) cover it while staying fine on thin scar tissue, which spreads dots when worked hard (too deep spreads and migrates).',
      },
      irregular: {
        needle: { code: '0601RL', points: 1, diameterMm: 0.2, configuration: 'round liner' },
        reason: 'Irregular trauma scars: single points follow the edges and uneven tissue (our default; no published figure).',
      },
    },
  },
  intervalDays: {
    default: { min: 7, max: 14, reason: 'Common practice: 1–2 weeks, enough for the previous session to settle and show its healed shade (no published figure; a clinic can set its own).' },
    scar: { min: 21, max: 28, reason: 'Scar tissue holds pigment less well: wait 3–4 weeks to see what was retained before the next pass (our default; no published figure).' },
  },
  scar: {
    minAgeMonths: 6,
    sessions: 4,
    reason: 'Camouflage works best on flat scars at least 6–12 months old, in 2–4 sessions; 4 because scar tissue retains less pigment.',
  },
  contrast: {
    low: 20,
    high: 40,
    reason: 'Hair-to-skin ΔE00 bands (our default; no published figure): < 20 low (light hair on fair skin, dark hair on dark skin), ≥ 40 high (dark hair on fair skin). A just-noticeable difference is about 1.',
  },
  pigments: [
    {
      id: 'carbon-black-neutral',
      name: 'Carbon black, neutral (generic)',
      undertone: 'neutral',
      hairGroups: [],
      skinCategories: [],
      notes: 'Carbon black diluted with distilled water. Replace with the clinic\'s product.',
    },
    {
      id: 'carbon-black-warm',
      name: 'Carbon black with a warm (brown) modifier (generic)',
      undertone: 'warm',
      hairGroups: ['brown', 'light'],
      skinCategories: ['very light', 'light', 'intermediate', 'tan'],
      notes: 'For brown or light hair on lighter skin, where a neutral black heals grey-blue against warm hair (our default; no published figure).',
    },
  ],
  defaultPigment: 'carbon-black-neutral',
};

export const DEFAULT_CLINIC_TABLE = parseClinicTable(DEFAULT_TABLE_INPUT);
