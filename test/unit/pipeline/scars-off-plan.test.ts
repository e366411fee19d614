import { describe, expect, it } from 'vitest';
import { scarsOffPlanPhoto } from '../../../src/pipeline/scars-off-plan.js';

describe('scarsOffPlanPhoto', () => {
  const views = ['front', 'top', 'left', 'right', 'back'];

  it('warns for a planned scar found only in another photo than the plan, saying which and how to plan it', () => {
    // L3-004: an FUE field found in the back photo (index 4), the plan on the front view (index 0)
    expect(scarsOffPlanPhoto([{ kind: 'punctate', source: 'photo', photo: 4 }], 0, views, 0)).toEqual([
      {
        code: 'scar-not-in-plan-photo',
        severity: 'caution',
        message:
          'Scar 1 (punctate) was found in the back photo (photo 5), not in the front photo (photo 1) the plan is drawn on: this plan places no scar dots. ' +
          'Plan on that photo (a plan edit with photoIndex 4) to place them, or treat it by eye with the scar settings.',
      },
    ]);
  });

  it('says nothing for a scar on the plan photo, or a stated scar (no photo), and counts scars by their place in the list', () => {
    expect(scarsOffPlanPhoto([{ kind: 'linear', source: 'photo', photo: 1 }], 1, views, 0)).toEqual([]);
    expect(scarsOffPlanPhoto([{ kind: 'linear', source: 'stated' }], 1, views, 0)).toEqual([]);
    const two = scarsOffPlanPhoto([{ kind: 'linear', source: 'stated' }, { kind: 'irregular', source: 'stated+photo', photo: 4 }], 1, views, 0);
    expect(two).toHaveLength(1);
    expect(two[0].message).toMatch(/^Scar 2 \(irregular\) was found in the back photo \(photo 5\), not in the top photo \(photo 2\) the plan is drawn on: this plan places no scar dots\./);
  });

  it('says nothing when the plan holds scar area: a scar filed under another photo may be on the plan photo too', () => {
    // merged scars of one kind are filed under one photo (the one with the most finds): a linear scar found
    // in photos 2 and 5, filed under 5, with the plan on photo 2, had been called missing from it
    expect(scarsOffPlanPhoto([{ kind: 'linear', source: 'photo', photo: 4 }], 1, views, 3.2)).toEqual([]);
  });
});
