import { describe, expect, it } from 'vitest';
import { choosePlanPhoto, faceEndLikely, faceEndSure, ORIENTATION_LIKELY } from '../../../src/pipeline/plan-photo.js';
import type { PhotoAnalysis } from '../../../src/pipeline/photo-task.js';
import { orientationNote } from '../../../src/pipeline/plan-task.js';

type P = Parameters<typeof choosePlanPhoto>[0][number];
const photo = (view: PhotoAnalysis['view'], skin: number, extra: Partial<P> = {}): P => ({
  view,
  quality: { assessable: true } as P['quality'],
  headFound: true,
  coverage: { hair: 1 - skin, skin, scar: 0 },
  face: null,
  orientationConfidence: 0.95,
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
  it('passes over a photo more likely upside down than not, unless a face was found in it', () => {
    expect(choosePlanPhoto([photo('top', 0.6, { orientationConfidence: 0.45 }), photo('front', 0.4)])).toBe(1);
    expect(choosePlanPhoto([photo('top', 0.6, { orientationConfidence: ORIENTATION_LIKELY }), photo('front', 0.4)])).toBe(0);
    // unsure but likely right: it keeps its place (the plan carries a note instead)
    expect(choosePlanPhoto([photo('top', 0.6, { orientationConfidence: 0.7 }), photo('front', 0.4)])).toBe(0);
    // the only photo is still planned on
    expect(choosePlanPhoto([photo('top', 0.6, { orientationConfidence: 0.4 })])).toBe(0);
    // a back view passes an upside-down-looking top view
    expect(choosePlanPhoto([photo('top', 0.5, { orientationConfidence: 0.3 }), photo('back', 0.6)])).toBe(1);
    expect(faceEndLikely({ face, orientationConfidence: 0.3 })).toBe(true);
    expect(faceEndSure({ face, orientationConfidence: 0.3 })).toBe(true);
    expect(faceEndSure({ face: null, orientationConfidence: 0.79 })).toBe(false);
    expect(faceEndLikely({ face: null, orientationConfidence: 0.79 })).toBe(true);
  });
  it('skips photos that cannot be judged, and answers -1 when none can', () => {
    const bad = photo('top', 0.9, { quality: { assessable: false } as P['quality'] });
    expect(choosePlanPhoto([bad, photo('back', 0.2)])).toBe(1);
    expect(choosePlanPhoto([bad, photo('front', 0.5, { headFound: false })])).toBe(-1);
  });
});

describe('orientationNote', () => {
  it('is quiet when the face end is sure or was never checked, and says what to check when unsure', () => {
    expect(orientationNote({ orientation: 90, orientationCheck: { confidence: 0.97, sure: true } })).toEqual({ degrees: 90, confidence: 0.97, sure: true });
    expect(orientationNote({ orientation: 0 })).toEqual({ degrees: 0, confidence: null, sure: true });
    const unsure = orientationNote({ orientation: 270, orientationCheck: { confidence: 0.512, sure: false } });
    expect(unsure).toMatchObject({ degrees: 270, confidence: 0.512, sure: false });
    expect(unsure?.note).toContain('confidence 0.51');
    expect(unsure?.note).toContain('hairline is drawn at the forehead');
  });
});
