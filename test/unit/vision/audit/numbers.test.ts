// What a reviewer found on the audit's PDF page (/tmp/review5/audit): the too-dark check said "16.58 L*
// darker" where the table printed ΔL* "-16.6", with a hyphen, beside "+8.9" in the headline; and an audit
// of the same photo given as before and after said "after photo: passed the quality checks" right under
// "Not assessable: after photo: it is the same photo as the before photo".
import { describe, expect, it } from 'vitest';
import { checkHelmet, checkLighting, checkScarVisible, checkSwapped, checkTooDark } from '../../../../src/vision/audit/flags.js';
import type { PhotoMeasure } from '../../../../src/vision/audit/measure.js';
import { fixed, MINUS, signed } from '../../../../src/vision/audit/numbers.js';
import { deltaE76Change } from '../../../../src/vision/audit/render.js';
import { fontCoverage, reportFontPath } from '../../../../src/plan/render/fonts.js';

/** The fields of a photo's measurements the checks below read. */
function measure(p: { dL: number; scarDotL?: number; hairDotL?: number | null; deltaE76?: number; surroundSkinLab?: [number, number, number]; per1000Px2?: number }): PhotoMeasure {
  const dots = (count: number, medianCentreL: number, per1000Px2 = 1) => ({ count, medianCentreL, per1000Px2, medianEdgeWidthPx: 2, medianSigmaPx: 1 });
  return {
    dL: p.dL,
    scarSkinL: 60,
    deltaE76: p.deltaE76 ?? 10,
    surroundSkinLab: p.surroundSkinLab ?? [60, 10, 15],
    detail: { ratio: 0.3 },
    edgeStepL: 1,
    dots: { scar: dots(20, p.scarDotL ?? 20, p.per1000Px2), surround: p.hairDotL === null ? dots(0, 0) : dots(20, p.hairDotL ?? 30) },
  } as unknown as PhotoMeasure;
}

describe('the audit prints its numbers to one decimal with a true minus sign', () => {
  it('formats readings as the page prints them', () => {
    expect(MINUS).toBe('\u2212');
    expect(fixed(-16.58)).toBe('−16.6');
    expect(fixed(16.58)).toBe('16.6');
    expect(fixed(-0.04)).toBe('0.0'); // never "−0.0"
    expect(signed(8.94)).toBe('+8.9');
    expect(signed(-16.58)).toBe('−16.6');
    expect(signed(0.04)).toBe('0.0');
    expect(deltaE76Change(14.04, 22.94)).toBe('+8.9');
    // the page's font has the minus sign (PDFKit's Helvetica had not)
    expect(fontCoverage(reportFontPath('regular'))(0x2212)).toBe(true);
    expect(fontCoverage(reportFontPath('bold'))(0x2212)).toBe(true);
  });

  it("words each check's readings to one decimal, negative ones with a minus sign", () => {
    const tooDark = checkTooDark(measure({ dL: -16.58, scarDotL: 18.04, hairDotL: 30.17 }));
    expect(tooDark.fired).toBe(true);
    expect(tooDark.message).toBe('the scar reads 16.6 L* darker than its surround; the dots are 12.1 L* darker than the hair around the scar');
    // the JSON's evidence keeps its two decimals
    expect(tooDark.evidence.dL).toBe(-16.58);
    const noHair = checkTooDark(measure({ dL: 1, scarDotL: 10, hairDotL: null }));
    expect(noHair.message).toBe('the dots are 50.0 L* darker than the skin (no hair around the scar to compare with)');
    // paler after than before: a negative darkening
    const helmet = checkHelmet(measure({ dL: -3 }), measure({ dL: -0.66 }));
    expect(helmet.message).toBe('the scar was not darkened as a solid fill darkens it (−2.3 L*, under 5)');
    expect(checkScarVisible(measure({ dL: 0, deltaE76: 1.234 })).message).toMatch(/\(ΔE76 1\.2, under 2\.3,/);
    expect(checkSwapped(measure({ dL: -1, per1000Px2: 12.345 }), measure({ dL: -5, per1000Px2: 2.345 })).message).toMatch(/\(12\.3 per 1000 px²\) than the after photo \(2\.3\)/);
    expect(checkLighting(measure({ dL: 0, surroundSkinLab: [60, 10, 15] }), [measure({ dL: 0, surroundSkinLab: [52.345, 10, 15] })]).message).toMatch(/differs by ΔE 7\.7 between/);
    for (const m of [tooDark, noHair, helmet].map((c) => c.message)) {
      expect(m).not.toMatch(/\d\.\d\d/);
      expect(m).not.toMatch(/-\d/);
    }
  });
});
