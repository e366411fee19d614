// The page turns photos of the client upright by the turn the service gives in the answer
// (photos[i].uprightTurn and plan.uprightTurn, which presentAnalysis adds by src/pipeline/plan-photo.ts
// uprightTurn, the rule the PDF report uses): web/js/upright.js keeps no copy of the rule. This checks the
// page follows the service's turn on a table of cases, and shows as taken what carries none.
import { describe, expect, it } from 'vitest';
import { ORIENTATION_SURE, storedPlanUprightTurn, storedUprightTurn, uprightTurn } from '../../../src/pipeline/plan-photo.js';
import type { PhotoAnalysis } from '../../../src/pipeline/photo-task.js';
import { presentAnalysis } from '../../../src/api/present.js';
import { webModule } from './load.js';

type Turn = 0 | 90 | 180 | 270;
interface UprightModule {
  uprightTurn(p: unknown): Turn;
  planTurn(plan: unknown, photos: unknown): Turn;
  turnWords(turn: number): string | null;
  turnedSize(width: number, height: number, turn: number): { width: number; height: number };
}
const web = await webModule<UprightModule>('upright.js');

type Photo = Pick<PhotoAnalysis, 'face' | 'orientation' | 'orientationConfidence'>;
const face = (found: boolean) => ({ found }) as PhotoAnalysis['face'];

/** Every orientation, each at confidences around the threshold, with and without a face found. */
const CASES: Photo[] = [];
for (const orientation of [0, 90, 180, 270] as const) {
  for (const orientationConfidence of [0, 0.3, 0.5, 0.79, 0.8999, ORIENTATION_SURE, 0.9001, 0.937, 1]) {
    CASES.push({ orientation, orientationConfidence, face: null });
    CASES.push({ orientation, orientationConfidence, face: face(true) });
    CASES.push({ orientation, orientationConfidence, face: face(false) });
  }
}

/** The answer's photos as the page reads them: through presentAnalysis, then JSON. */
const answered = (photos: object[], plan?: object) => JSON.parse(JSON.stringify(presentAnalysis({ photos, ...(plan ? { plan } : {}) })));

describe('the answer says which way up to show each photo', () => {
  it.each(CASES.map((p) => [JSON.stringify(p), p] as const))("gives the report's turn, and the page shows it, on %s", (_, p) => {
    const [shown] = answered([{ index: 0, ...p }]).photos;
    expect(shown.uprightTurn).toBe(uprightTurn(p));
    expect(web.uprightTurn(shown)).toBe(uprightTurn(p));
  });

  it('undoes a sure orientation, leaves an unsure one as taken', () => {
    // the orientation is how far the photo is turned counter-clockwise: undone by turning it clockwise
    const turns = answered([
      { index: 0, orientation: 270, orientationConfidence: 0.937, face: { found: false } },
      { index: 1, orientation: 90, orientationConfidence: 0.95 },
      { index: 2, orientation: 180, orientationConfidence: 0.9 },
      { index: 3, orientation: 90, orientationConfidence: 0.6 },
      // a face found makes the face end sure whatever the probability
      { index: 4, orientation: 90, orientationConfidence: 0.2, face: { found: true } },
    ]).photos.map((p: { uprightTurn: Turn }) => p.uprightTurn);
    expect(turns).toEqual([90, 270, 180, 0, 270]);
  });

  it('gives 0 for a stored photo without a readable orientation (an older record)', () => {
    for (const p of [null, undefined, {}, { orientationConfidence: 0.99 }, { orientation: null, orientationConfidence: 0.99 }, { orientation: 90 }, { orientation: 90, orientationConfidence: null }, { face: { found: true } }, { orientation: 'left', face: { found: true } }])
      expect(storedUprightTurn(p), JSON.stringify(p)).toBe(0);
    // a face found needs no probability
    expect(storedUprightTurn({ orientation: 90, face: { found: true } })).toBe(270);
  });

  it("gives the plan its photo's turn, else the plan's own orientation", () => {
    const photos = [
      { index: 0, orientation: 0, orientationConfidence: 0.99 },
      { index: 1, orientation: 270, orientationConfidence: 0.937, face: { found: false } },
    ];
    const planOf = (plan: object) => answered(photos, plan).plan;
    expect(planOf({ photoIndex: 1, orientation: { degrees: 270, confidence: 0.937, sure: true } }).uprightTurn).toBe(90);
    expect(planOf({ photoIndex: 0, orientation: { degrees: 0, confidence: 0.99, sure: true } }).uprightTurn).toBe(0);
    expect(planOf({ photoIndex: 2, orientation: { degrees: 90, confidence: 0.9, sure: true } }).uprightTurn).toBe(270);
    expect(planOf({ photoIndex: 2, orientation: { degrees: 90, confidence: 0.6, sure: false } }).uprightTurn).toBe(0);
    expect(planOf({ photoIndex: 2 }).uprightTurn).toBe(0);
    expect(storedPlanUprightTurn({ photoIndex: 1 }, undefined)).toBe(0);
    // no plan, no plan turn
    expect(answered(photos).plan).toBeUndefined();
    expect(presentAnalysis({ photos, plan: null }).plan).toBeNull();
  });
});

describe('web upright.js: turning photos of the client upright', () => {
  it("shows each photo by the service's uprightTurn, with no rule of its own", () => {
    for (const turn of [0, 90, 180, 270] as const) expect(web.uprightTurn({ orientation: 0, orientationConfidence: 1, uprightTurn: turn })).toBe(turn);
    // what the old copied rule turned (a sure orientation) stays as taken without the service's word
    expect(web.uprightTurn({ orientation: 90, orientationConfidence: 0.95 })).toBe(0);
    expect(web.uprightTurn({ orientation: 90, orientationConfidence: 0.2, face: { found: true } })).toBe(0);
    expect((web as unknown as Record<string, unknown>).ORIENTATION_SURE).toBeUndefined();
    expect((web as unknown as Record<string, unknown>).faceEndSure).toBeUndefined();
  });

  it('shows as taken an answer without a turn, or with one it does not know', () => {
    for (const p of [null, undefined, {}, { uprightTurn: null }, { uprightTurn: 45 }, { uprightTurn: '90' }, { uprightTurn: -90 }, { uprightTurn: 360 }]) expect(web.uprightTurn(p), JSON.stringify(p)).toBe(0);
  });

  it("turns the plan image by the plan's uprightTurn, else its photo's", () => {
    const photos = [
      { index: 0, uprightTurn: 0 },
      { index: 1, uprightTurn: 90 },
    ];
    expect(web.planTurn({ photoIndex: 1, uprightTurn: 90 }, photos)).toBe(90);
    expect(web.planTurn({ photoIndex: 2, uprightTurn: 270 }, photos)).toBe(270);
    expect(web.planTurn({ photoIndex: 0, uprightTurn: 0 }, photos)).toBe(0);
    // a plan without the field: its photo's turn; without either: as taken
    expect(web.planTurn({ photoIndex: 1 }, photos)).toBe(90);
    expect(web.planTurn({ photoIndex: 2, orientation: { degrees: 90, confidence: 0.9, sure: true } }, photos)).toBe(0);
    expect(web.planTurn(undefined, photos)).toBe(0);
    expect(web.planTurn({ photoIndex: 1 }, undefined)).toBe(0);
  });

  it('swaps width and height on a quarter turn, and names the turn as the report does', () => {
    expect(web.turnedSize(640, 480, 90)).toEqual({ width: 480, height: 640 });
    expect(web.turnedSize(640, 480, 270)).toEqual({ width: 480, height: 640 });
    expect(web.turnedSize(640, 480, 180)).toEqual({ width: 640, height: 480 });
    expect(web.turnedSize(640, 480, 0)).toEqual({ width: 640, height: 480 });
    expect(web.turnWords(90)).toBe('turned 90° clockwise');
    expect(web.turnWords(270)).toBe('turned 90° anticlockwise');
    expect(web.turnWords(0)).toBeNull();
  });
});
