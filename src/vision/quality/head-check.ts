// The quality gate's head check, from the geometry: whether the photo shows what its view needs, and
// what to do about it when not, written for the person taking the photo.
import type { PhotoGeometry } from '../geometry/types.js';
import { REASON_NO_HEAD } from '../geometry/analyze.js';
import type { QualityCheck } from './gate.js';

export function headCheck(geometry: Pick<PhotoGeometry, 'headFound' | 'assessable' | 'reasons' | 'headProbability' | 'view'> & { viewSource?: PhotoGeometry['viewSource'] }): QualityCheck {
  // A placeholder view (viewSource 'none': no head, so none was read) is not a close-up the person meant.
  const closeup = geometry.view === 'closeup' && geometry.viewSource !== 'none';
  const ok = geometry.headFound && geometry.assessable;
  let message: string;
  if (ok) message = closeup ? 'scalp fills the close-up' : 'a head is in the picture';
  // A close-up is taken 10-15 cm from one patch of scalp (a scar, the donor area): "fill the picture
  // with the head" would ask for another photo than the one meant.
  else if (closeup) message = 'no scalp recognised in the close-up: hold the phone 10-15 cm from the scalp so the scalp fills the picture, in focus';
  else if (geometry.headFound) message = `${geometry.reasons.join('; ')}: frame the whole top of the head, about 30-40 cm away`;
  // Both ways: a head too far off and a crop of scalp too near (sent as a top view) find no head; "fill the
  // picture with the head" told the second to come closer still.
  else message = `${REASON_NO_HEAD}: frame the whole head, about 30-40 cm away, so it fills most of the picture`;
  return { id: 'head', severity: ok ? 'ok' : 'error', value: geometry.headProbability ?? (geometry.headFound ? 1 : 0), message };
}
