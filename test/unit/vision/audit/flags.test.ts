// The messages of checks that did not fire say what was measured, not more (the review's case: a scar that
// faded with nothing added read "pigment was added in the scar" and "keeps dot-level detail", 0 dots).
import { describe, expect, it } from 'vitest';
import { checkHelmet, checkLittlePigment } from '../../../../src/vision/audit/flags.js';
import type { PhotoMeasure } from '../../../../src/vision/audit/measure.js';

const dots = (per1000Px2: number, count: number) => ({ count, per1000Px2, medianEdgeWidthPx: 1 });
const measure = (m: { dL: number; added?: number; scarDots?: number; detail?: number }): PhotoMeasure =>
  ({
    dL: m.dL,
    added: m.added === undefined ? undefined : { pigmentFraction: m.added },
    dots: { scar: dots(m.scarDots ?? 0, m.scarDots ?? 0), surround: dots(0, 0) },
    detail: { ratio: m.detail ?? 1 },
    edgeStepL: 0,
  }) as unknown as PhotoMeasure;

describe('audit checks that do not fire', () => {
  const before = measure({ dL: 8 });
  it('little-pigment: a scar that darkened with no new dots is not said to hold added pigment', () => {
    const faded = checkLittlePigment(before, measure({ dL: 0, added: 0 }));
    expect(faded.fired).toBe(false);
    expect(faded.message).toBe('few new dots in the scar (0.0 % of it newly dark, 0 dots), but it darkened 8.0 L*: pigment laid as a shade, or a scar that faded');
    expect(checkLittlePigment(before, measure({ dL: 0, added: 0.3, scarDots: 40 })).message).toBe('pigment was added in the scar (30.0 % of it newly dark, 40 dots)');
  });
  it("helmet-look: a darkened scar with its surround's detail is no fill, said with its dots", () => {
    const c = checkHelmet(before, measure({ dL: 0, added: 0, detail: 1.1 }));
    expect(c.fired).toBe(false);
    expect(c.message).toBe("the darkened scar keeps the detail of its surround (1.1x, 0.0 dots per 1000 px²): no solid fill");
  });
});
