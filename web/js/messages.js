// What the page says when sending the photos, or following their analysis, fails: in plain words, whether
// the photos are kept and what to do, never a status code or the service's own wording for the clinic
// (a 500's detail, "eventLoopDelay", "this clinic sent more than 600 requests"). Also the grade's own
// caveats (what the photos leave open), which the service writes for practitioners, in the client's words.
import { ApiError } from './api.js';
import { currentLimits, formatBytes } from './checks.js';
import { VIEW_WORDS } from './describe.js';

const SEND = '"Send photos for analysis"';

/** How long to wait, in words, from a Retry-After in seconds (null or 0: none given). */
export function waitWords(retryAfterSeconds) {
  return retryAfterSeconds > 90 ? `${Math.ceil(retryAfterSeconds / 60)} minutes` : retryAfterSeconds > 0 ? 'a minute' : 'a moment';
}

/** Sending found the service busy: nothing is wrong with the photos, which stay on the page. */
export function busyMessage(retryAfterSeconds) {
  return `The service is busy right now, so your photos were not sent yet. They are still here: please wait ${waitWords(retryAfterSeconds)}, then press ${SEND} again.`;
}

/** The service's detail where it wrote one for a person; null for a bare status ("Error 404", no JSON). */
function writtenDetail(err) {
  const title = err.problem?.title;
  if (!err.problem?.detail || title === `Error ${err.status}`) return null;
  return err.message || null;
}

/**
 * Why sending failed, for the person. The link ending and a refused photo (a problem naming its field)
 * are said elsewhere (the link notice, the photo's card).
 * @param {unknown} err
 * @param {{ sent?: boolean, kept?: boolean }} [opts] sent: the upload was accepted and the analysis was
 *   being followed; kept: the photos are still on the page (false after a reload)
 * @returns {string}
 */
export function sendFailureText(err, { sent = false, kept = true } = {}) {
  /** What to do next, with the photos on the page or to be added again. */
  const next = (action) => (kept ? `Your photos are still here: ${action}, then press ${SEND} again.` : `Please ${action}, then add your photos again and send them.`);
  // A second send of the same photos reuses the first one's Idempotency-Key (api.js submissionKey): the
  // service answers with the analysis it already has instead of starting another.
  const sameAgain = kept ? ' They are not analysed twice.' : '';
  if (!(err instanceof ApiError)) {
    return `Something went wrong on this page. ${next('try once more')} If it happens again, tell your clinic.`;
  }
  const s = err.status;
  if (s === 0) {
    return sent
      ? `The connection was lost while your photos were being analysed; they had reached the service. ${next('check your internet connection')}${sameAgain}`
      : `The connection was lost, so your photos were not sent. ${next('check your internet connection')}`;
  }
  if (sent && s === 504) {
    return `Your photos reached the service, but the analysis is taking unusually long. ${next('wait a few minutes')}${sameAgain}`;
  }
  if (s === 504) {
    return `The service did not answer in time (it may be busy). ${next(`wait ${waitWords(err.retryAfterSeconds)}`)} If they did arrive, they are not analysed twice.`;
  }
  // Busy while waiting for the result: the photos had arrived, the analysis may still be running.
  if (sent && err.busy) return `Your photos reached the service, but it is busy. ${next(`wait ${waitWords(err.retryAfterSeconds)}`)}${sameAgain}`;
  if (err.busy) return kept ? busyMessage(err.retryAfterSeconds) : `The service is busy right now. ${next(`wait ${waitWords(err.retryAfterSeconds)}`)}`;
  if (s === 413) {
    const max = Number.isFinite(err.problem?.maxFileBytes) ? err.problem.maxFileBytes : currentLimits().maxFileBytes;
    return `Your photos are too large to send: each photo may be at most ${formatBytes(max)}. ${next("retake the largest with the phone's normal camera settings (not a high-resolution mode)")}`;
  }
  if (s >= 500) {
    // The detail of a 500 is for the service's log, not the person; the request id lets the clinic find it.
    const ref = typeof err.problem?.requestId === 'string' ? ` and give the reference ${err.problem.requestId}` : '';
    return `Something went wrong at the service, so your photos could not be analysed. ${next('wait a few minutes')} If it happens again, tell your clinic${ref}.`;
  }
  const detail = writtenDetail(err);
  const why = detail ? `: ${detail}` : '';
  return sent ? `Your photos were sent, but could not be analysed${why}. ${next('check them')}` : `Your photos could not be sent${why}. ${next('check them')}`;
}

const CROWN = 'the crown (the back of the top of your head)';

/**
 * The service's sentences about what a grade leaves open (src/vision/norwood/rules.ts and grade.ts,
 * src/vision/ludwig/grade.ts), each with the client's words. They say what the stage may not take in and
 * what photo would, never a level figure or a rule's name. `m` is the sentence's match.
 */
const CAVEATS = [
  // unseenZoneReasons: "no [usable ]top or back photo: the crown was seen only at an angle, from the side | not seen, so ..."
  [
    /^no (usable )?top or back photo: the crown was (seen only at an angle|not seen)/,
    (m) =>
      `${m[2] === 'not seen' ? `Your photos do not show ${CROWN}` : `Your photos show ${CROWN} only from the side`}, so thinning there may not show in this stage. ` +
      (m[1] ? 'Your top or back photo could not be used; a new one would show it.' : 'A photo of the top or back of your head would show it.'),
  ],
  // unseenZoneReasons: "no [usable ]front or top photo: the frontal hairline and temples were not seen, so the front was judged from ..."
  [
    /^no (usable )?front or top photo: the frontal hairline and temples were not seen/,
    (m) =>
      'Your photos do not show your hairline and temples from the front or from above, so changes there may not show fully in this stage. ' +
      (m[1] ? 'Your front or top photo could not be used; a new one would show them.' : 'A front photo, or one of the top of your head, would show them.'),
  ],
  // A_VARIANT_UNCHECKED, VERTEX_UNCHECKED and level 1's note: the zone was in a photo but not measured
  [/^A variant not checked:/, () => 'Your hairline does not show clearly enough in your photos to tell whether it has moved back evenly across the front (the letter A).'],
  [/^vertex variant not checked:/, () => `Your photos do not show ${CROWN} clearly enough to tell whether it is thinning (the letter V).`],
  [/^level 1 not checked:/, () => 'Your hairline and temples do not show clearly enough in your photos to tell stage 1 (no hair loss) from stage 2.'],
  // a photo left out as reading far from the others (perhaps someone else's, or another view)
  [
    /^photo \d+ \(([a-z]+)\) reads level [\d.]+, the other photos [\d.]+, and was left out of the grade/,
    (m) => {
      const view = VIEW_WORDS[m[1]] ?? m[1];
      return `Your ${view} photo looked different from your other photos, so this stage is based on the others. Please check that it is your own photo, of the ${view}.`;
    },
  ],
  // Ludwig's notes
  [/^the frontal hairline is receded: Ludwig assumes it is kept/, () => 'Your hairline at the front has moved back, which the Ludwig scale does not describe: your practitioner will look at it with you.'],
  [/^no top photo: the part line was not measured/, () => 'Your photos do not show your parting from above, so how wide it is was not measured. A photo of the top of your head would show it.'],
];

/** One of the grade's sentences in the client's words; one the page does not know as given (capitalised, with a full stop). */
export function caveatWords(sentence) {
  const text = String(sentence ?? '').trim();
  if (!text) return null;
  for (const [re, words] of CAVEATS) {
    const m = re.exec(text);
    if (m) return words(m);
  }
  return `${text[0].toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/**
 * What a graded Norwood or Ludwig result leaves open, for the client: its `reasons` (and a Ludwig
 * result's `notes`), each in plain words (caveatWords), without repeats. Empty for a result that is not
 * assessable: the page then says why the photos could not be judged instead.
 * @returns {string[]}
 */
export function gradeCaveats(grade) {
  if (!grade || typeof grade !== 'object' || grade.assessable === false) return [];
  const said = [...(Array.isArray(grade.reasons) ? grade.reasons : []), ...(Array.isArray(grade.notes) ? grade.notes : [])];
  return [...new Set(said.filter((r) => typeof r === 'string').map(caveatWords).filter(Boolean))];
}
