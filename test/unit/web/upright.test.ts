// The page turns photos of the client upright by the rule the PDF report uses (src/pipeline/plan-photo.ts
// uprightTurn): web/js/upright.js is a copy, since the page has no build step. This checks the copy
// agrees with the service on a table of cases, so the two cannot drift apart.
import { describe, expect, it } from 'vitest';
import { ORIENTATION_SURE, uprightTurn } from '../../../src/pipeline/plan-photo.js';
import type { PhotoAnalysis } from '../../../src/pipeline/photo-task.js';
import { webModule } from './load.js';

type Turn = 0 | 90 | 180 | 270;
interface UprightModule {
  ORIENTATION_SURE: number;
  faceEndSure(p: unknown): boolean;
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
  for (const orientationConfidence of [0, 0.3, 0.5, 0.79, 0.7999, ORIENTATION_SURE, 0.8001, 0.81, 0.937, 1]) {
    CASES.push({ orientation, orientationConfidence, face: null });
    CASES.push({ orientation, orientationConfidence, face: face(true) });
    CASES.push({ orientation, orientationConfidence, face: face(false) });
  }
}

describe('web upright.js: turning photos of the client upright', () => {
  it('copies the service threshold', () => {
    expect(web.ORIENTATION_SURE).toBe(ORIENTATION_SURE);
  });

  it.each(CASES.map((p) => [JSON.stringify(p), p] as const))('agrees with the service on %s', (_, p) => {
    expect(web.uprightTurn(p)).toBe(uprightTurn(p));
    // and on the same photo as the page reads it, through JSON
    expect(web.uprightTurn(JSON.parse(JSON.stringify(p)))).toBe(uprightTurn(p));
  });

  it('undoes a sure orientation, leaves an unsure one as taken', () => {
    // the orientation is how far the photo is turned counter-clockwise: undone by turning it clockwise
    expect(web.uprightTurn({ orientation: 270, orientationConfidence: 0.937, face: { found: false } })).toBe(90);
    expect(web.uprightTurn({ orientation: 90, orientationConfidence: 0.95 })).toBe(270);
    expect(web.uprightTurn({ orientation: 180, orientationConfidence: 0.9 })).toBe(180);
    expect(web.uprightTurn({ orientation: 90, orientationConfidence: 0.6 })).toBe(0);
    // a face found makes the face end sure whatever the probability
    expect(web.uprightTurn({ orientation: 90, orientationConfidence: 0.2, face: { found: true } })).toBe(270);
  });

  it('leaves a photo without a readable orientation as taken (an older result)', () => {
    for (const p of [null, undefined, {}, { orientationConfidence: 0.99 }, { orientation: null, orientationConfidence: 0.99 }, { orientation: 90 }, { orientation: 90, orientationConfidence: null }, { face: { found: true } }])
      expect(web.uprightTurn(p)).toBe(0);
  });

  it("turns the plan image as its photo, else by the plan's own orientation", () => {
    const photos = [
      { index: 0, orientation: 0, orientationConfidence: 0.99 },
      { index: 1, orientation: 270, orientationConfidence: 0.937, face: { found: false } },
    ];
    expect(web.planTurn({ photoIndex: 1, orientation: { degrees: 270, confidence: 0.937, sure: true } }, photos)).toBe(90);
    expect(web.planTurn({ photoIndex: 0, orientation: { degrees: 0, confidence: 0.99, sure: true } }, photos)).toBe(0);
    expect(web.planTurn({ photoIndex: 2, orientation: { degrees: 90, confidence: 0.9, sure: true } }, photos)).toBe(270);
    expect(web.planTurn({ photoIndex: 2, orientation: { degrees: 90, confidence: 0.6, sure: false } }, photos)).toBe(0);
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
