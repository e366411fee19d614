import { describe, expect, it } from 'vitest';
import { analyzeGeometry } from '../../../../src/vision/geometry/analyze.js';
import { gradeLudwig, RECEDED_CONFIDENCE_FACTOR } from '../../../../src/vision/ludwig/grade.js';
import { drawHead, flat } from '../geometry/synthetic-head.js';

// Female pattern: diffuse thinning centred on the part line and crown, the frontal edge kept.
function woman(partHalfWidth: number, crownRadius: number) {
  const bald = (u: number, v: number): boolean =>
    (Math.abs(u) < partHalfWidth && v > -0.7 && v < 0.75) || u * u + (v + 0.2) ** 2 < crownRadius * crownRadius;
  return analyzeGeometry(drawHead({ view: 'top', bald }), 'top');
}

describe('gradeLudwig on drawn top views', () => {
  it.each([
    [0, 0, 'none'],
    [0.06, 0, 'I'],
    [0.15, 0.4, 'II'],
    [0.3, 0.75, 'III'],
  ] as const)('part half-width %s, crown radius %s -> %s', (part, crown, grade) => {
    const r = gradeLudwig([woman(part, crown)]);
    expect(r.assessable).toBe(true);
    expect(r.grade).toBe(grade);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('measures a wider part for a wider bald strip', () => {
    const narrow = gradeLudwig([woman(0.05, 0)]).measurements.partWidth!;
    const wide = gradeLudwig([woman(0.2, 0)]).measurements.partWidth!;
    expect(wide).toBeGreaterThan(narrow);
    expect(narrow).toBeGreaterThan(0);
  });

  it('notes a receded frontal hairline, says so, and is half as sure of its grade', () => {
    const g = analyzeGeometry(drawHead({ view: 'top', bald: (_u, v) => v > 0.4 }), 'top');
    const r = gradeLudwig([g]);
    expect(r.notes.join(' ')).toMatch(/frontal hairline is receded/);
    expect(r.frontalReceded).toBe(true);
    // the same grade with the front counted as kept: twice the confidence
    const kept = gradeLudwig([g], { frontalKept: 1 });
    expect(kept.frontalReceded).toBe(false);
    expect(kept.grade).toBe(r.grade);
    expect(r.confidence).toBeCloseTo(kept.confidence * RECEDED_CONFIDENCE_FACTOR, 3);
    expect(gradeLudwig([woman(0.06, 0)]).frontalReceded).toBe(false);
  });

  it('a back view alone grades from the crown, without a part line', () => {
    const back = analyzeGeometry(drawHead({ view: 'back', bald: (u, v) => u * u + (v + 0.5) ** 2 < 0.5 }), 'back');
    const r = gradeLudwig([back]);
    expect(r.assessable).toBe(true);
    expect(r.measurements.partWidth).toBeNull();
    expect(r.notes.join(' ')).toMatch(/part line was not measured/);
    // its zones say how well they were seen, as the Norwood grade's do (the page reads them)
    expect(r.measurements.zones.crown.seen).toBe('well');
    expect(r.measurements.zones.frontal).toMatchObject({ bald: null, photos: [], seen: 'no' });
  });

  // The not-assessable review (session 43): a woman graded from side photos alone was given Ludwig III with
  // no word that the crown and mid-scalp were seen only at an angle (the Norwood grade of the same masks said so).
  it('graded from side photos alone, says the crown and mid-scalp were seen only at an angle', () => {
    const thinning = (u: number, v: number) => u * u + (v + 0.2) ** 2 < 0.5;
    const sides = [analyzeGeometry(drawHead({ view: 'left', bald: thinning }), 'left'), analyzeGeometry(drawHead({ view: 'right', bald: thinning }), 'right')];
    const r = gradeLudwig(sides);
    expect(r.assessable).toBe(true);
    expect(r.notes.join(' ')).toMatch(/^no top or back photo: the crown (and mid-scalp were|was) .*seen.*, so the grade is a rough one; a top photo would settle it/);
    // a back view shows the crown: no such note
    const back = analyzeGeometry(drawHead({ view: 'back', bald: (u, v) => u * u + (v + 0.5) ** 2 < 0.5 }), 'back');
    expect(gradeLudwig([...sides, back]).notes.join(' ')).not.toMatch(/rough one/);
  });

  it('a top photo sent but refused is "no usable top or back photo"', () => {
    const wall = { ...analyzeGeometry(flat(0), 'top'), view: 'top' as const };
    const r = gradeLudwig([wall]);
    expect(r.assessable).toBe(false);
    expect(r.reasons[0]).toBe('no usable top or back photo shows the crown and mid-scalp');
    expect(gradeLudwig([analyzeGeometry(drawHead({ view: 'left' }), 'left'), { ...analyzeGeometry(flat(0), 'auto'), view: 'front' as const }]).notes.join(' ')).toMatch(/^no top or back photo:/);
  });

  it('no usable photo: not assessable, with reasons', () => {
    const r = gradeLudwig([analyzeGeometry(flat(0), 'auto')]);
    expect(r.assessable).toBe(false);
    expect(r.grade).toBeNull();
    expect(r.reasons.join(' ')).toMatch(/no head found/);
  });
});
