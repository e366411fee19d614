import { describe, expect, it } from 'vitest';
import { choosePlanPhoto } from '../../../src/pipeline/plan-photo.js';
import type { PhotoAnalysis } from '../../../src/pipeline/photo-task.js';

type P = Parameters<typeof choosePlanPhoto>[0][number];
const photo = (view: PhotoAnalysis['view'], skin: number, extra: Partial<P> = {}): P => ({
  view,
  quality: { assessable: true } as P['quality'],
  headFound: true,
  coverage: { hair: 1 - skin, skin, scar: 0 },
  face: null,
  ...extra,
});
const face: PhotoAnalysis['face'] = { found: true, score: 0.9, interpupillaryPx: 80, glabella: [1, 1], leftCanthus: [0, 2], rightCanthus: [2, 2], candidatesRejected: 0 };

describe('choosePlanPhoto', () => {
  it('prefers the top view, then front, back, sides', () => {
    expect(choosePlanPhoto([photo('back', 0.5), photo('front', 0.5), photo('top', 0.5), photo('left', 0.5)])).toBe(2);
    expect(choosePlanPhoto([photo('back', 0.5), photo('front', 0.5), photo('left', 0.9)])).toBe(1);
  });
  it('prefers a front view with a usable face over a top view', () => {
    expect(choosePlanPhoto([photo('top', 0.6), photo('front', 0.4, { face })])).toBe(1);
    expect(choosePlanPhoto([photo('top', 0.6), photo('front', 0.4, { face: { found: false, candidatesRejected: 2 } })])).toBe(0);
  });
  it('skips photos that cannot be judged, and answers -1 when none can', () => {
    const bad = photo('top', 0.9, { quality: { assessable: false } as P['quality'] });
    expect(choosePlanPhoto([bad, photo('back', 0.2)])).toBe(1);
    expect(choosePlanPhoto([bad, photo('front', 0.5, { headFound: false })])).toBe(-1);
  });
});
