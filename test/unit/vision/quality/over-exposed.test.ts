import { describe, expect, it } from 'vitest';
import { exposureCheck, highlightCheck, type QualityReport } from '../../../../src/vision/quality/gate.js';
import { overExposedReason } from '../../../../src/vision/quality/over-exposed.js';

const report = (meanLuma: number, clippedHighlights: number, brightLuma = Math.min(255, meanLuma + 60)): Pick<QualityReport, 'checks' | 'metrics'> => ({
  checks: [exposureCheck(meanLuma, brightLuma), highlightCheck(clippedHighlights)],
  metrics: { width: 640, height: 640, laplacianVariance: 100, meanLuma, brightLuma, clippedHighlights, clippedShadows: 0, cast: { ratios: [1, 1, 1], magnitude: 0, lean: 'neutral' } },
});

describe('overExposedReason', () => {
  it('lets a normally exposed photo give its hair colour', () => {
    expect(overExposedReason(report(115, 0))).toBeNull();
    // The dataset's brightest blown share on the head (9.5 %) is under the gate's 10 % warning.
    expect(overExposedReason(report(181, 0.095))).toBeNull();
  });

  it('withholds it from a head blown out past the gate\'s warning, saying how much', () => {
    // The review's top view brightened 3x: 21 % of the head blown out, mean luma 186.8.
    expect(overExposedReason(report(186.8, 0.2114))).toBe('hair colour not read: 21 % of the head is blown out to white, and over-exposure makes hair read lighter than it is');
  });

  it('withholds it from a head too bright overall, but not from a dark one', () => {
    expect(overExposedReason(report(212, 0.02))).toBe('hair colour not read: the photo is too bright, and over-exposure makes hair read lighter than it is');
    // A dark photo warns on exposure too: that is not over-exposure.
    const dark = report(50, 0, 80);
    expect(dark.checks[0].severity).toBe('warning');
    expect(overExposedReason(dark)).toBeNull();
    // Checks that were not run say nothing.
    expect(overExposedReason({ checks: [], metrics: report(250, 0.9).metrics })).toBeNull();
  });
});
