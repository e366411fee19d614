import { describe, expect, it } from 'vitest';
import { cardScaleCue, ScaleReferenceSchema } from '../../../../src/plan/scale/card.js';
import { cueEstimate } from '../../../../src/plan/scale/cues.js';

/** Corners of a w x h rectangle at (x0, y0), turned by deg about its first corner. */
function rect(x0: number, y0: number, w: number, h: number, deg = 0): [number, number][] {
  const a = (deg * Math.PI) / 180, c = Math.cos(a), s = Math.sin(a);
  return ([[0, 0], [w, 0], [w, h], [0, h]] as [number, number][]).map(([x, y]) => [x0 + c * x - s * y, y0 + s * x + c * y]);
}

describe('cardScaleCue', () => {
  it('reads a 24-patch chart as 6 x 4 patch pitches, in either orientation', () => {
    // Pitch 25 px: 150 x 100 px; 17 mm pitch -> 0.68 mm/px.
    for (const corners of [rect(10, 20, 150, 100), rect(10, 20, 100, 150, 33)]) {
      const cue = cardScaleCue({ kind: 'colour-chart-24', corners }, { chartPitchMm: 17 });
      expect(cue).toEqual({ kind: 'marker', sizeMm: 102, sizePx: expect.closeTo(150, 9) });
      expect(cueEstimate(cue!).mmPerPixel).toBeCloseTo(0.68, 9);
    }
  });
  it('averages both sides under mild perspective', () => {
    // Long sides 160 and 140 (trapezoid), short 100: pitch (150/6 + 100/4) / 2 = 25.
    const cue = cardScaleCue({ kind: 'colour-chart-24', corners: [[0, 0], [160, 0], [150, 100], [10, 100]] }, { chartPitchMm: 10 });
    expect((cue as { sizePx: number }).sizePx).toBeCloseTo(6 * (((160 + 140) / 2 / 6 + Math.hypot(10, 100) / 4) / 2), 9);
  });
  it('reads a grey card from its stated sides', () => {
    const cue = cardScaleCue({ kind: 'grey-card', corners: rect(0, 0, 80, 200, 90) }, { greyCardMm: [50, 125] });
    expect(cue).toEqual({ kind: 'marker', sizeMm: 125, sizePx: expect.closeTo(200, 9) });
  });
  it('gives nothing without the size of that kind of card', () => {
    expect(cardScaleCue({ kind: 'colour-chart-24', corners: rect(0, 0, 150, 100) }, undefined)).toBeNull();
    expect(cardScaleCue({ kind: 'colour-chart-24', corners: rect(0, 0, 150, 100) }, { greyCardMm: [50, 100] })).toBeNull();
    expect(cardScaleCue({ kind: 'grey-card', corners: rect(0, 0, 150, 100) }, { chartPitchMm: 17 })).toBeNull();
    expect(() => cardScaleCue({ kind: 'grey-card', corners: [[0, 0]] }, {})).toThrow(/4 corners, got 1/);
  });
  it('validates what a clinic states', () => {
    expect(ScaleReferenceSchema.safeParse({ chartPitchMm: 17 }).success).toBe(true);
    expect(ScaleReferenceSchema.safeParse({ chartPitchMm: 0.5 }).success).toBe(false);
    expect(ScaleReferenceSchema.safeParse({ greyCardMm: [50] }).success).toBe(false);
    expect(ScaleReferenceSchema.safeParse({ pitch: 17 }).success).toBe(false);
    expect(ScaleReferenceSchema.safeParse({}).error?.issues[0].message).toMatch(/give chartPitchMm or greyCardMm/);
    expect(ScaleReferenceSchema.safeParse({ chartPitchMm: 17, greyCardMm: [100, 150] }).success).toBe(true);
  });
});
