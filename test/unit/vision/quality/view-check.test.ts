// viewCheck / viewMismatch: a photo the view model reads, nearly surely, as another view than the one it
// was sent as is refused; a strong contradiction warns; close-ups are never checked; with auto the check
// says what was read and warns when unsure; without a head no view is claimed.
import { describe, expect, it } from 'vitest';
import { VIEW_REFUSE, VIEW_SURE, VIEW_WARN, viewCheck, viewMismatch } from '../../../../src/vision/quality/view-check.js';
import type { View } from '../../../../src/vision/geometry/types.js';

const probs = (back: number, front: number) => {
  const rest = (1 - back - front) / 3;
  return { front, top: rest, left: rest, right: rest, back };
};
/** A geometry as the view check reads it: the view is the likeliest one, as view = auto sets it. */
const geo = (headFound: boolean, viewProbabilities: ReturnType<typeof probs>, view: View = 'back', viewConfidence = viewProbabilities.back) => ({
  headFound,
  viewProbabilities,
  view,
  viewConfidence,
});

describe('viewMismatch', () => {
  it('holds when the given view is unlikely and another is likely, by the rule given', () => {
    expect(viewMismatch(probs(0.95, 0.01), 'front')).toEqual({ likely: 'back', probability: 0.95, givenProbability: 0.01 });
    // the other view must be at least otherMin, the given one under givenMax
    expect(viewMismatch(probs(VIEW_REFUSE.otherMin - 0.01, 0.01), 'front')).toBeNull();
    expect(viewMismatch(probs(0.9, VIEW_REFUSE.givenMax), 'front')).toBeNull();
    expect(viewMismatch(probs(0.8, 0.08), 'front', VIEW_WARN)?.likely).toBe('back');
    expect(viewMismatch(probs(0.8, VIEW_WARN.givenMax), 'front', VIEW_WARN)).toBeNull();
  });

  it('never holds for the view the model prefers, for auto or for a close-up', () => {
    expect(viewMismatch(probs(0.95, 0.01), 'back')).toBeNull();
    expect(viewMismatch(probs(0.95, 0.01), 'auto')).toBeNull();
    expect(viewMismatch(probs(0.95, 0.01), 'closeup')).toBeNull();
  });

  it('checks the probabilities', () => {
    expect(() => viewMismatch({ ...probs(0.95, 0.01), top: Number.NaN }, 'front')).toThrow(/probability of top/);
  });
});

describe('viewCheck', () => {
  it('refuses a near-certain contradiction, naming both views, and warns on a strong one', () => {
    const refused = viewCheck(geo(true, probs(0.97, 0.015)), 'front');
    expect(refused.severity).toBe('error');
    expect(refused.message).toBe('this looks like a back view (97 % sure), not the front view it was sent as: send it again as back, or as auto to let the service tell');
    expect(refused.value).toBe(0.015);
    const warned = viewCheck(geo(true, probs(0.8, 0.05)), 'front');
    expect(warned.severity).toBe('warning');
    expect(warned.message).toMatch(/^this may be a back view \(80 %\), not the front view/);
    expect(viewCheck(geo(true, probs(0.5, 0.3)), 'front').severity).toBe('ok');
  });

  it('says the photo shows the view sent only when the model reads that view likeliest, and otherwise what it read', () => {
    expect(viewCheck(geo(true, probs(0.2, 0.6)), 'front')).toMatchObject({ severity: 'ok', message: 'the photo shows the view it was sent as (60 %)' });
    // a tie with a view listed before it (front before top): still the view sent
    expect(viewCheck(geo(true, { front: 0.4, top: 0.4, left: 0.1, right: 0.05, back: 0.05 }, 'front', 0.4), 'top')).toMatchObject({ message: 'the photo shows the view it was sent as (40 %)' });
    // a top view sent as front, read front at 10 % (review of session 45: it said "shows the view it was sent as")
    const top = { front: 0.1, top: 0.55, left: 0.1, right: 0.1, back: 0.15 };
    expect(viewCheck(geo(true, top, 'top', 0.55), 'front')).toMatchObject({
      severity: 'ok',
      message: 'taken as the front view it was sent as; it reads more like a top view (55 %, front 10 %), too unsure to question it',
    });
  });

  it('says nothing against the view of a photo without a head (the head check speaks for it), nor that it shows it', () => {
    const c = viewCheck(geo(false, probs(0.97, 0.015)), 'front');
    expect(c.severity).toBe('ok');
    expect(c.message).toBe('not checked against the front view it was sent as: no head found in the photo');
  });

  it('a close-up sent as one is not checked (the view model knows head views only)', () => {
    expect(viewCheck(geo(true, probs(0.97, 0.015), 'closeup', 1), 'closeup')).toMatchObject({ severity: 'ok', message: 'sent as a close-up: not checked' });
  });
});

describe('viewCheck, view left to the service (auto)', () => {
  it('says what was read and how sure, not that the photo shows a view it was sent as', () => {
    const c = viewCheck(geo(true, probs(0.85, 0.05)), 'auto');
    expect(c).toEqual({ id: 'view', severity: 'ok', value: 0.85, message: 'read as a back view (85 %)' });
  });

  it(`warns when the view was read under ${VIEW_SURE} (L6-004's top photo: 41 %)`, () => {
    const p = { front: 0.3, top: 0.41, left: 0.1, right: 0.1, back: 0.09 };
    const c = viewCheck({ headFound: true, viewProbabilities: p, view: 'top', viewConfidence: 0.41 }, 'auto');
    expect(c.severity).toBe('warning');
    expect(c.value).toBe(0.41);
    expect(c.message).toBe('read as a top view, only 41 % sure: if it is another view, send it again as that view');
    expect(viewCheck(geo(true, probs(VIEW_SURE, 0.1)), 'auto').severity).toBe('ok');
  });

  it('claims no view for a photo without a head: confidence 0, one reason only (the head check\'s)', () => {
    // a plasma-noise picture read "back" at 80 % by the view model
    const c = viewCheck(geo(false, probs(0.8, 0.05), 'back', 0), 'auto');
    expect(c).toEqual({ id: 'view', severity: 'ok', value: 0, message: 'no view could be read: no head found in the photo' });
  });

  it('a close-up read by the framing rule says so', () => {
    expect(viewCheck(geo(true, probs(0.5, 0.1), 'closeup', 0.98), 'auto')).toMatchObject({ severity: 'ok', message: 'read as a close-up: the scalp fills the picture' });
  });
});
