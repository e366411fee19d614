// Report wording a practitioner found garbled or repeated: the face-end line, the raised first-session
// hairline said three times, a dilution reason about other clients' hair, photos named by a number the
// captions did not show.
import { describe, expect, it } from 'vitest';
import { faceEndWords, hairlineRaiseNote, photoCaption, photoViews, renderReportPdf, withViews } from '../../../../src/plan/render/report.js';
import { recommend } from '../../../../src/plan/recommend/index.js';
import { pdfText } from '../../../helpers/pdf-text.js';

/** The scar finder's reason for a possible scar at the head's edge (find-scars.ts sureness). */
const EDGE = "it lies at the head's edge, mostly beside the background: a wall, a shoulder, a hand or a light object there reads the same";

describe('report wording', () => {
  it('splits the face-end note from its value (L5-014: "unsure which end of this photo ... was read with confidence 0.77 only")', () => {
    const note = 'which end of this photo the face is at was read with confidence 0.77 only: check that the hairline is drawn at the forehead and the crown at the back before treatment; if not, draw the hairline or plan on another photo';
    expect(faceEndWords({ degrees: 0, confidence: 0.767, sure: false, note })).toEqual([
      'unsure (read with confidence 0.77 only).',
      'Check that the hairline is drawn at the forehead and the crown at the back before treatment; if not, draw the hairline or plan on another photo.',
    ]);
    // a note in other words is printed whole, as a sentence
    expect(faceEndWords({ degrees: 180, confidence: null, sure: false, note: 'check the face end.' })).toEqual(['unsure.', 'Check the face end.']);
  });

  it('gives the first-session raise its number once: the plan note refers to the settings table, or says it where that did not', () => {
    expect(hairlineRaiseNote([5, 0, 0], true)).toBe(' Session 1 uses the raised hairline named under Settings per zone; later sessions lower it to the design.');
    expect(hairlineRaiseNote([5, 0, 0], false)).toBe(' Session 1 draws its hairline 5 mm behind the design; later sessions lower it to the design.');
    // not raised (firstSessionRaiseMm 0): nothing, where it had said 'a few mm higher'
    expect(hairlineRaiseNote([0, 0, 0], false)).toBe('');
    expect(hairlineRaiseNote(undefined, false)).toBe('');
  });

  it('speaks of this client\'s hair in the dilution reason (L2-022, brown hair: no "light hair stays around 20:1")', () => {
    const r = recommend({ skinTone: { ita: 41.5, confidence: 0.9 }, hairColour: { lightness: 36.9, confidence: 0.8 }, contrast: null, norwood: { level: 2 }, sex: 'male' });
    const fill = r.sessions.map((s) => s.zones.find((z) => z.zone === 'fill')!.dilution.reason);
    expect(fill[0]).toMatch(/^16:1 for light skin with brown hair \(Light skin: one step less water than very light\); ×1\.5 in session 1/);
    for (const reason of fill) expect(reason).not.toMatch(/light hair/);
    // very light skin, black hair: the part about light hair is cut, the part about black hair kept
    const black = recommend({ skinTone: { ita: 60, confidence: 0.9 }, hairColour: { lightness: 15, confidence: 0.8 }, contrast: null, norwood: { level: 5 }, sex: 'male' });
    expect(black.sessions[2].dilution.reason).toBe('10:1 for very light skin with black hair (Fair skin shows every dot; even black hair needs ~10:1 to avoid harsh dots)');
    // light hair: the whole row reason, which is about it
    const light = recommend({ skinTone: { ita: 45, confidence: 0.9 }, hairColour: { lightness: 60, confidence: 0.8 }, contrast: null, norwood: { level: 5 }, sex: 'male' });
    expect(light.sessions[2].dilution.reason).toBe('20:1 for light skin with light hair (Light skin: one step less water than very light; light hair stays around 20:1)');
  });

  it('names photos as the captions do: number and view', () => {
    const c = { photos: [{ index: 0, view: 'front', viewSource: 'given' }, { index: 1, view: 'top', viewSource: 'classified' }, { index: 4, view: 'back', viewSource: 'none' }] };
    const views = photoViews(c);
    expect([...views]).toEqual([[1, 'front'], [2, 'top']]);
    expect(withViews('Photo 2 may show an irregular scar (confidence 0.86)', views)).toBe('Photo 2 (top) may show an irregular scar (confidence 0.86)');
    // already with its view, inside brackets (no nesting), or no view read: as it is
    expect(withViews('Photo 1 (front) reads Norwood 5.0', views)).toBe('Photo 1 (front) reads Norwood 5.0');
    expect(withViews('Scar 1 (linear, found in photo 2): age unknown', views)).toBe('Scar 1 (linear, found in photo 2): age unknown');
    expect(withViews('Photo 5 may show a scar', views)).toBe('Photo 5 may show a scar');
    expect(withViews('photo 12 and photo 1', views)).toBe('photo 12 and photo 1 (front)');
    expect(photoCaption('back', 0, { viewSource: 'given' }, 5).label).toBe('Photo 5 (back)');
  });

  it('prints a possible scar\'s caution and line with the photo\'s view (L7-015: "Photo 5 may show ...")', async () => {
    const recommendation = recommend({ skinTone: null, hairColour: { lightness: 16, confidence: 0.77 }, contrast: null, norwood: { level: 6 }, sex: 'male', possibleScars: [{ photo: 4, kind: 'irregular', confidence: 0.86, unsureWhy: EDGE }] });
    const views = ['front', 'top', 'left', 'right', 'back'];
    const text = await renderReportPdf({
      consultation: {
        photos: views.map((view, index) => ({ index, view, viewSource: 'given' })),
        scars: { planned: [], possible: [{ photo: 4, kind: 'irregular', confidence: 0.86, unsureWhy: EDGE }] },
        recommendation,
      },
    }).then(pdfText);
    if (text === null) return;
    // the finder's own reason, long and with a colon of its own, whole in both places
    expect(text).toContain(`• Photo 5 (back) may show an irregular scar, too unsure to plan for (${EDGE}): check it in person`);
    expect(text).toContain(`Possible scars: irregular in photo 5 (back, ${EDGE}) not planned for: check in person`);
  });
});
