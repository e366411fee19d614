import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { choosePlanPhoto, faceEndLikely, faceEndSure, ORIENTATION_LIKELY, uprightTurn } from '../../../src/pipeline/plan-photo.js';
import { frontOnlyStage } from '../../../src/vision/norwood/stages.js';
import { pageImage } from '../../../src/plan/render/report.js';
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
  it('does not let a face outrank the top view when the crown is treated (L5-001)', () => {
    const top = photo('top', 0.48), front = photo('front', 0.73, { face });
    expect(choosePlanPhoto([front, top])).toBe(0);
    expect(choosePlanPhoto([front, top], { crown: true })).toBe(1);
    // a top view more likely upside down still falls behind the front view
    expect(choosePlanPhoto([front, photo('top', 0.48, { orientationConfidence: 0.3 })], { crown: true })).toBe(0);
  });
  it('passes over a top view with an unsure face end when the crown is not treated (L3-014)', () => {
    // top 0.11 skin, face end 0.58; front 0.61 skin, no face found but read upright with 0.99
    const top = photo('top', 0.11, { orientationConfidence: 0.58 });
    const front = photo('front', 0.61, { orientationConfidence: 0.99 });
    expect(choosePlanPhoto([front, top], { frontOnly: true })).toBe(0);
    // the crown treated (3V and up): the top view keeps its place and the plan its note
    expect(choosePlanPhoto([front, top], { frontOnly: false })).toBe(1);
    // a sure top view keeps its place whatever the stage
    expect(choosePlanPhoto([front, photo('top', 0.11, { orientationConfidence: 0.9 })], { frontOnly: true })).toBe(1);
    // level with the front view, coverage decides: a top view showing more skin still wins
    expect(choosePlanPhoto([photo('front', 0.3), photo('top', 0.5, { orientationConfidence: 0.6 })], { frontOnly: true })).toBe(1);
    expect(['1', '2', '2A', '3', '3A'].every(frontOnlyStage)).toBe(true);
    expect(['3V', '4', '4A', '5', '5A', '6', '7', null].some(frontOnlyStage)).toBe(false);
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
  it('passes over the photo it is asked to avoid (one that reads far from the others) while another can be planned', () => {
    const photos = [photo('back', 0.5), photo('front', 0.5), photo('top', 0.5)];
    expect(choosePlanPhoto(photos, { avoid: 2 })).toBe(1);
    expect(choosePlanPhoto(photos, { avoid: 0 })).toBe(2);
    // the only photo that can be planned is still planned on
    const bad = photo('front', 0.5, { quality: { assessable: false } as P['quality'] });
    expect(choosePlanPhoto([bad, photo('top', 0.5)], { avoid: 1 })).toBe(1);
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

describe('uprightTurn', () => {
  it('undoes the read orientation when the face end is sure, and leaves an unsure photo as taken', () => {
    expect(uprightTurn({ orientation: 0, orientationConfidence: 0.99, face: null })).toBe(0);
    expect(uprightTurn({ orientation: 90, orientationConfidence: 0.99, face: null })).toBe(270);
    expect(uprightTurn({ orientation: 180, orientationConfidence: 0.99, face: null })).toBe(180);
    expect(uprightTurn({ orientation: 270, orientationConfidence: 0.99, face: null })).toBe(90);
    expect(uprightTurn({ orientation: 90, orientationConfidence: 0.6, face: null })).toBe(0);
    expect(uprightTurn({ orientation: 90, orientationConfidence: 0.6, face })).toBe(270);
  });

  it('with the report\'s page image, brings a photo taken a quarter-turn clockwise back upright', async () => {
    // Upright: 40 x 20, red block in the top-left corner, the rest grey.
    const upright = new Uint8Array(40 * 20 * 3).fill(128);
    for (let y = 0; y < 6; y++) for (let x = 0; x < 6; x++) upright.set([255, 0, 0], (y * 40 + x) * 3);
    const taken = await sharp(upright, { raw: { width: 40, height: 20, channels: 3 } }).rotate(90).png().toBuffer();
    const page = await pageImage(taken, uprightTurn({ orientation: 90, orientationConfidence: 0.95, face: null }));
    if (page instanceof Error) throw page;
    const { data, info } = await sharp(page).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([40, 20]);
    const at = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(at(2, 2)[0]).toBeGreaterThan(200); // red back in the top-left
    expect(at(2, 2)[1]).toBeLessThan(60);
    expect(at(37, 17)[0]).toBeLessThan(160); // grey elsewhere
  });
});
