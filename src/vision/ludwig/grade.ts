// Ludwig grade (female pattern hair loss) from any subset of a woman's photos: diffuse thinning of the
// crown / mid-scalp with the frontal hairline kept, read from the fused zone bald fractions and the width
// of the part line in top views. Rule-based: no labelled photos of women exist here, so the thresholds
// come from the definitions (Ludwig 1977: I perceptible thinning, II pronounced, III near-total) and are
// tested on synthetic masks only.
import { fuseMeasurements } from '../norwood/grade.js';
import type { NorwoodMeasurements } from '../norwood/types.js';
import type { PhotoGeometry } from '../geometry/types.js';

export type LudwigGrade = 'none' | 'I' | 'II' | 'III';

export interface LudwigRules {
  /** central (mid-scalp + crown) bald fraction at which each grade starts */
  centralBald: { I: number; II: number; III: number };
  /** part-line width (head widths, top view) at which each grade starts */
  partWidth: { I: number; II: number; III: number };
  /** frontal bald fraction above which the frontal hairline is not "kept" */
  frontalKept: number;
}

export const DEFAULT_LUDWIG_RULES: LudwigRules = {
  centralBald: { I: 0.15, II: 0.4, III: 0.7 },
  partWidth: { I: 0.05, II: 0.14, III: 0.3 },
  frontalKept: 0.5,
};

export interface LudwigResult {
  assessable: boolean;
  reasons: string[];
  grade: LudwigGrade | null;
  /**
   * 0..1: how far the deciding measure sits from the nearest grade boundary, halved when the frontal
   * hairline is receded (Ludwig grades loss with the front kept: the grade may not describe it).
   */
  confidence: number;
  /** The frontal hairline is receded (frontal zone bare over rules.frontalKept): not the pattern Ludwig grades. */
  frontalReceded: boolean;
  measurements: {
    centralBald: number | null;
    partWidth: number | null;
    frontalBald: number | null;
    zones: NorwoodMeasurements['zones'];
  };
  notes: string[];
}

const ORDER: LudwigGrade[] = ['none', 'I', 'II', 'III'];
/**
 * A Ludwig grade of a head whose front is receded says less than its margin from the boundaries: the
 * scale assumes the front is kept. Halved, not fitted (no labelled women's photos): the practitioner
 * review found Ludwig I at 0.67 beside a 60 % bare frontal zone (L3-023 sent as female).
 */
export const RECEDED_CONFIDENCE_FACTOR = 0.5;

function gradeOf(x: number, t: { I: number; II: number; III: number }): LudwigGrade {
  return x >= t.III ? 'III' : x >= t.II ? 'II' : x >= t.I ? 'I' : 'none';
}

/** Distance of x to the nearest boundary of t, relative to the band width, squashed into 0.5..1. */
function margin(x: number, t: { I: number; II: number; III: number }): number {
  const b = [t.I, t.II, t.III];
  const d = Math.min(...b.map((v) => Math.abs(x - v)));
  const band = (t.III - t.I) / 2;
  return 0.5 + 0.5 * Math.min(1, d / band);
}

export function gradeLudwig(views: PhotoGeometry[], rulesIn: Partial<LudwigRules> = {}): LudwigResult {
  if (!Array.isArray(views)) throw new TypeError('views must be an array of PhotoGeometry');
  const rules: LudwigRules = { ...DEFAULT_LUDWIG_RULES, ...rulesIn };
  const usable = views.map((g) => g.assessable && g.view !== 'closeup');
  const m = fuseMeasurements(views, usable);
  const mid = m.zones.midScalp.bald;
  const crown = m.zones.crown.bald;
  const central = mid === null && crown === null ? null : Math.max(mid ?? 0, crown ?? 0);
  const parts = views.filter((g, i) => usable[i] && g.partWidth !== null).map((g) => g.partWidth!);
  const partWidth = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null;
  const measurements = { centralBald: central, partWidth, frontalBald: m.zones.frontal.bald, zones: m.zones };
  // "no usable top or back photo" where one was sent but refused (a woman's top photo of a wall read "no top
  // or back photo shows the crown" though she had sent one)
  const sentCentral = views.some((g) => g.view === 'top' || g.view === 'back');
  const usableCentral = views.some((g, i) => usable[i] && (g.view === 'top' || g.view === 'back'));
  const noCentral = `no ${sentCentral ? 'usable ' : ''}top or back photo`;
  if (central === null && partWidth === null) {
    const reasons = [`${noCentral} shows the crown and mid-scalp`, ...new Set(views.flatMap((g) => g.reasons))];
    return { assessable: false, reasons, grade: null, confidence: 0, frontalReceded: false, measurements, notes: [] };
  }
  const byCentral = central === null ? 'none' : gradeOf(central, rules.centralBald);
  const byPart = partWidth === null ? 'none' : gradeOf(partWidth, rules.partWidth);
  const grade = ORDER[Math.max(ORDER.indexOf(byCentral), ORDER.indexOf(byPart))];
  const deciding = ORDER.indexOf(byCentral) >= ORDER.indexOf(byPart) && central !== null ? margin(central, rules.centralBald) : margin(partWidth!, rules.partWidth);
  const notes: string[] = [];
  const frontalReceded = m.zones.frontal.bald !== null && m.zones.frontal.bald > rules.frontalKept;
  if (frontalReceded) {
    notes.push('the frontal hairline is receded: Ludwig assumes it is kept; the Norwood pattern may describe this loss better');
  }
  // Ludwig is a grade of the crown and the part: graded from side or front photos alone, it says so (a man's
  // Norwood grade said "the crown was seen only at an angle" from the same masks; a woman's said nothing).
  if (!usableCentral && (m.zones.crown.seen !== 'well' || m.zones.midScalp.seen !== 'well')) {
    const words = (z: 'crown' | 'midScalp') => (m.zones[z].seen === 'partly' ? 'seen only at an angle' : m.zones[z].seen === 'no' ? 'not seen' : 'seen');
    const [crownWords, midWords] = [words('crown'), words('midScalp')];
    const how = crownWords === midWords ? `the crown and mid-scalp were ${crownWords}` : `the crown was ${crownWords} and the mid-scalp ${midWords}`;
    notes.push(`${noCentral}: ${how}, so the grade is a rough one; a top photo would settle it`);
  }
  if (partWidth === null) notes.push('no top photo: the part line was not measured');
  const confidence = deciding * (frontalReceded ? RECEDED_CONFIDENCE_FACTOR : 1);
  return { assessable: true, reasons: [], grade, confidence: Math.round(confidence * 1e4) / 1e4, frontalReceded, measurements, notes };
}
