// The Monk cut lives in the service only (src/vision/colour/monk.ts monkShown): the answer says, with each
// skin tone that has a Monk reading, whether the shade is shown (skinTone.monkShown, added by
// presentAnalysis), and the page (web/js/describe.js monkShade) follows it. report.pdf and the page must
// hide the same Monk shades.
import { describe, expect, it } from 'vitest';
import { MONK_MAX_DELTA_E00, monkShown, monkShownField } from '../../../src/vision/colour/monk.js';
import { presentAnalysis } from '../../../src/api/present.js';
import { webModule } from './load.js';

interface DescribeMonk {
  monkShade(tone: unknown): number | null;
}

const TONES = [
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

describe('Monk cut: the service decides, the page follows', () => {
  it('says whether the shade is shown, and why not, with each skin tone that has a Monk reading', () => {
    expect(MONK_MAX_DELTA_E00).toBe(15);
    expect(TONES.map((t) => monkShownField(t))).toEqual([
      { shown: false, why: 'not-close' },
      { shown: false, why: 'not-close' },
      { shown: false, why: 'not-close' },
      { shown: true },
      { shown: true },
      { shown: false, why: 'other-category' },
      { shown: false, why: 'other-category' },
      { shown: true },
      { shown: true },
      null,
      null,
    ]);
  });

  it('the page shows a Monk shade exactly where the service does (L3-033, L4-012, L6-027 and their neighbours), fused and per photo', async () => {
    const web = await webModule<DescribeMonk>('describe.js');
    for (const tone of TONES) {
      // the answer as the API and `smp analyze --json` give it, read by the page through JSON
      const answer = JSON.parse(JSON.stringify(presentAnalysis({ skinTone: tone, photos: [{ index: 0, skinTone: tone }] })));
      const service = monkShown(tone)?.monk ?? null;
      expect(web.monkShade(answer.skinTone), JSON.stringify(tone)).toBe(service);
      expect(web.monkShade(answer.photos[0].skinTone), JSON.stringify(tone)).toBe(service);
      // the same tone without the service's word (an answer from before it): no shade
      expect(web.monkShade(tone), JSON.stringify(tone)).toBeNull();
    }
  });
});
