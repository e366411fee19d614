// viewCheck / viewMismatch: a photo the view model reads, nearly surely, as another view than the one it
// was sent as is refused; a strong contradiction warns; auto and close-ups are never checked.
import { describe, expect, it } from 'vitest';
import { VIEW_REFUSE, VIEW_WARN, viewCheck, viewMismatch } from '../../../../src/vision/quality/view-check.js';

const probs = (back: number, front: number) => {
  const rest = (1 - back - front) / 3;
  return { front, top: rest, left: rest, right: rest, back };
};

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
    const refused = viewCheck({ headFound: true, viewProbabilities: probs(0.97, 0.015) }, 'front');
    expect(refused.severity).toBe('error');
    expect(refused.message).toBe('this looks like a back view (97 % sure), not the front view it was sent as: send it again as back, or as auto to let the service tell');
    expect(refused.value).toBe(0.015);
    const warned = viewCheck({ headFound: true, viewProbabilities: probs(0.8, 0.05) }, 'front');
    expect(warned.severity).toBe('warning');
    expect(warned.message).toMatch(/^this may be a back view \(80 %\), not the front view/);
    expect(viewCheck({ headFound: true, viewProbabilities: probs(0.5, 0.3) }, 'front').severity).toBe('ok');
  });

  it('says nothing about the view of a photo without a head (the head check speaks for it)', () => {
    expect(viewCheck({ headFound: false, viewProbabilities: probs(0.97, 0.015) }, 'front').severity).toBe('ok');
  });
});
