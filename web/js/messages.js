// What the page says when sending the photos, or following their analysis, fails: in plain words, whether
// the photos are kept and what to do, never a status code or the service's own wording for the clinic
// (a 500's detail, "eventLoopDelay", "this clinic sent more than 600 requests").
import { ApiError } from './api.js';
import { currentLimits, formatBytes } from './checks.js';

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
