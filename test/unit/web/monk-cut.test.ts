// The Monk cut lives in the service (src/vision/colour/monk.ts) and the page keeps a copy
// (web/js/describe.js): report.pdf and the page must hide the same Monk shades.
import { describe, expect, it } from 'vitest';
import { MONK_ITA, MONK_MAX_DELTA_E00, monkShown } from '../../../src/vision/colour/monk.js';
import { webModule } from './load.js';

interface DescribeMonk {
  MONK_MAX_DELTA_E00: number;
  MONK_ITA: readonly number[];
  monkShade(tone: unknown): number | null;
}

describe('Monk cut: the page and the service', () => {
  it("the page's MONK_MAX_DELTA_E00 is the service's (15)", async () => {
    const web = await webModule<DescribeMonk>('describe.js');
    expect(MONK_MAX_DELTA_E00).toBe(15);
    expect(web.MONK_MAX_DELTA_E00).toBe(MONK_MAX_DELTA_E00);
    // the page's swatch angles, to 0.1°, are the service's
    expect(web.MONK_ITA).toEqual(MONK_ITA.map((a) => Math.round(a * 10) / 10));
  });

  it('the service shows a Monk shade exactly where the page does (L3-033, L4-012, L6-027 and their neighbours)', async () => {
    const web = await webModule<DescribeMonk>('describe.js');
    const tones = [
      { ita: 50.39, category: 'light', monk: 5, monkDeltaE00: 15.158 }, // L3-033: just past the cut
      { ita: 36.22, category: 'intermediate', monk: 5, monkDeltaE00: 19.2 }, // L4-012
      { ita: 56.96, category: 'very light', monk: 5, monkDeltaE00: 18.89 }, // L6-027
      { ita: 50.39, category: 'light', monk: 5, monkDeltaE00: 15 }, // at the cut: shown
      { ita: 60.2, category: 'very light', monk: 4, monkDeltaE00: 9 },
      { ita: 60.2, category: 'very light', monk: 5, monkDeltaE00: 9 }, // Monk 5 is light: not this skin's category
      { ita: 36, category: 'intermediate', monk: 5, monkDeltaE00: 9 }, // no swatch is intermediate
      { ita: 60.2, monk: 4 }, // a record without monkDeltaE00 or category
      { ita: 12, monk: 6 },
      { monk: 11 },
      {},
    ];
    for (const tone of tones) {
      const shown = monkShown(tone);
      expect(shown?.monk ?? null, JSON.stringify(tone)).toBe(web.monkShade(tone));
    }
  });
});
