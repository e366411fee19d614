// The quality gate's view check: a photo sent as one view that the view model reads as another (a back
// photo sent as front) would be graded and planned as what it is not: a "hairline" drawn across the hair
// at the back of the head. The view model is right for 94 % of photos with the view left to it
// (eval:norwood), not for all, so only a near-certain contradiction refuses the photo; a strong one warns.
//
// Chosen on the train people's photos (in sample for the view model): the given view's probability on
// photos sent as their own view is never under 0.26 there. Held-out people (eval:norwood, "view check"):
// the refusal rule refuses none of 226 photos sent as their own view and catches 34 % of them sent as
// another; the warning rule (tried first as the refusal) would have refused 2 of the 226, catching 65 %.
import { HEAD_VIEWS, type HeadView, type View } from '../geometry/types.js';
import type { QualityCheck } from './gate.js';

export interface ViewRule {
  /** The given view's probability is under this, */
  givenMax: number;
  /** and another view's at least this. */
  otherMin: number;
}

/** Refused: the photo takes no part in the grade or the plan. */
export const VIEW_REFUSE: ViewRule = { givenMax: 0.05, otherMin: 0.9 };
/** Warned: used, with a reason asking to check the label. */
export const VIEW_WARN: ViewRule = { givenMax: 0.1, otherMin: 0.7 };

export interface ViewMismatch {
  /** The view the photo most likely shows. */
  likely: HeadView;
  /** Its probability. */
  probability: number;
  /** The given view's probability. */
  givenProbability: number;
}

/** The view the photo shows instead of the given one when the rule holds; else null. */
export function viewMismatch(probabilities: Record<HeadView, number>, given: View | 'auto', rule: ViewRule = VIEW_REFUSE): ViewMismatch | null {
  if (given === 'auto' || given === 'closeup') return null;
  for (const v of HEAD_VIEWS) {
    const p = probabilities[v];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`viewMismatch: probability of ${v} must be in [0, 1], got ${p}`);
  }
  const likely = HEAD_VIEWS.reduce((a, b) => (probabilities[b] > probabilities[a] ? b : a));
  const givenProbability = probabilities[given];
  if (likely === given || givenProbability >= rule.givenMax || probabilities[likely] < rule.otherMin) return null;
  return { likely, probability: probabilities[likely], givenProbability };
}

const pct = (p: number) => `${Math.round(p * 100)} %`;

export function viewCheck(geometry: { headFound: boolean; viewProbabilities: Record<HeadView, number> }, given: View | 'auto'): QualityCheck {
  const own = given === 'auto' || given === 'closeup' ? 1 : geometry.viewProbabilities[given];
  const refused = geometry.headFound ? viewMismatch(geometry.viewProbabilities, given, VIEW_REFUSE) : null;
  if (refused) {
    return {
      id: 'view',
      severity: 'error',
      value: own,
      message: `this looks like a ${refused.likely} view (${pct(refused.probability)} sure), not the ${given} view it was sent as: send it again as ${refused.likely}, or as auto to let the service tell`,
    };
  }
  const doubtful = geometry.headFound ? viewMismatch(geometry.viewProbabilities, given, VIEW_WARN) : null;
  if (doubtful) {
    return {
      id: 'view',
      severity: 'warning',
      value: own,
      message: `this may be a ${doubtful.likely} view (${pct(doubtful.probability)}), not the ${given} view it was sent as: check which view it is`,
    };
  }
  return { id: 'view', severity: 'ok', value: own, message: 'the photo shows the view it was sent as' };
}
