// The report's Assessment and Recommendation against what the recommendation actually used: a skin tone
// too unsure to use, or a default in place of a reading, must not read as the measurement the settings
// rest on.
import { describe, expect, it } from 'vitest';
import { renderReportPdf, skinToneUse } from '../../../../src/plan/render/report.js';
import { recommend, type RecommendInput } from '../../../../src/plan/recommend/index.js';
import { pdfText } from '../../../helpers/pdf-text.js';

const base: RecommendInput = {
  skinTone: { ita: 45, confidence: 0.9, undertone: 'neutral' },
  hairColour: { lightness: 16, greyFraction: 0, confidence: 0.8 },
  contrast: { deltaE00: 42 },
  norwood: { level: 5 },
  sex: 'male',
};
/** L5-014's skin tone as the consultation JSON gives it: too unsure for the rules (0.115 < 0.15). */
const unsureSkin = { ita: 60.2, itaUncertainty: 15, category: 'very light', fitzpatrick: 1, fitzpatrickRange: [1, 3], monk: 4, confidence: 0.115 };
const report = (consultation: Record<string, unknown>) => renderReportPdf({ consultation }).then(pdfText);

describe('report: skin tone the recommendation did not use', () => {
  it('says next to the reading that it was not used and what the settings assume (L5-014)', async () => {
    const recommendation = recommend({ ...base, skinTone: { ita: 60.2, confidence: 0.115 } });
    const text = await report({ skinTone: unsureSkin, recommendation });
    if (text === null) return;
    expect(text).toContain(
      'Skin tone: ITA 60.2° ±15° (very light) not used: too unsure (confidence 0.12, under the 0.15 a reading needs); the settings assume very light skin. From this reading: Fitzpatrick ~1 (estimate, types 1-3 possible), Monk 4',
    );
    expect(text).not.toContain('Monk 4, confidence');
  });

  it('prints a used reading as before', async () => {
    const text = await report({ skinTone: { ...unsureSkin, confidence: 0.9 }, recommendation: recommend({ ...base, skinTone: { ita: 60.2, confidence: 0.9 } }) });
    if (text === null) return;
    expect(text).toContain('Skin tone: ITA 60.2° ±15° (very light) Fitzpatrick ~1 (estimate, types 1-3 possible), Monk 4, confidence 0.90');
    expect(text).not.toContain('not used');
  });

  it('says the skin was not measured and what the settings assume (L7-015: no skin line at all before)', async () => {
    const text = await report({ skinTone: null, recommendation: recommend({ ...base, skinTone: null, contrast: null }) });
    if (text === null) return;
    expect(text).toContain('Skin tone: not measured: the settings assume very light skin (the most water: dots can be darkened later, not lightened)');
  });

  it('reads records made before basis.skinCategory.source by their skin-tone caution; nothing without a recommendation', () => {
    const old = { skinTone: unsureSkin, recommendation: { basis: { skinCategory: { value: 'very light', reason: '' } }, warnings: [{ code: 'skin-tone-unreliable' }] } };
    expect(skinToneUse(old)).toEqual({ unused: true, assumed: 'very light' });
    expect(skinToneUse({ skinTone: unsureSkin })).toEqual({ unused: false, assumed: null });
    // photos that could not be assessed: no settings are printed, so none assume anything
    const withheld = { skinTone: null, recommendation: { basis: { skinCategory: { value: 'very light', source: 'assumed' } }, warnings: [{ code: 'not-assessable' }] } };
    expect(skinToneUse(withheld)).toEqual({ unused: false, assumed: null });
  });
});

describe('report: hair colour and goal', () => {
  it('prints the hair colour with its confidence (L2-022: brown, 0.80)', async () => {
    const hairColour = { name: 'brown', lightness: 36.9, confidence: 0.798 };
    const text = await report({ hairColour, recommendation: recommend({ ...base, hairColour: { lightness: 36.9, confidence: 0.798 } }) });
    if (text === null) return;
    expect(text).toContain('Hair colour: brown confidence 0.80');
  });

  it('says what the settings use when the hair colour was not read, or not used', async () => {
    const [assumed, stated, overruled] = await Promise.all([
      report({ hairColour: null, recommendation: recommend({ ...base, hairColour: null, contrast: null }) }),
      report({ hairColour: null, recommendation: recommend({ ...base, hairColour: null, contrast: null, statedHairColour: 'blond' }) }),
      report({ hairColour: { name: 'black', confidence: 0.2 }, recommendation: recommend({ ...base, hairColour: { lightness: 16, confidence: 0.2 }, statedHairColour: 'brown' }) }),
    ]);
    if (assumed === null) return;
    expect(assumed).toContain('Hair colour: not read: the settings assume dark brown hair check it in person: it decides the dilution');
    expect(stated).toContain('Hair colour: not read: the settings use light hair, as the client states');
    expect(overruled).toContain('Hair colour: black confidence 0.20; not used: the settings use brown hair, as the client states');
  });

  it('states the goal in plain words with its reason, first in the recommendation', async () => {
    const text = await report({ recommendation: recommend(base) });
    if (text === null) return;
    expect(text).toContain(
      'Recommendation Goal: shaved look (buzz cut) Assumed for pattern hair loss in men (no goal given): the client keeps the head shaved and the dots imitate stubble; give the goal with the consultation if the client wants density under longer hair. Pigment:',
    );
    const density = await report({ recommendation: recommend({ ...base, goals: 'more density, I keep my hair long' }) });
    expect(density).toContain('Goal: density under longer hair The client wants more apparent density under their hair ("more density, I keep my hair long").');
  });
});
