// The consultation page: reads the clinic's upload token, guides the person through the views, checks
// each photo in the browser, uploads with progress, waits for the analysis and shows the results.
import { Api, ApiError, forgetConsultation, readToken, rememberConsultation, rememberedConsultation, submissionKey } from './api.js';
import { addedMessage, checkCopy, checkDimensions, checkFile, checkFileBytes, fileFormat, loadImageSize, qualityMessages, setLimits, undecodedMessage } from './checks.js';
import { listWords, qualityNotes } from './describe.js';
import { h } from './dom.js';
import { sendFailureText } from './messages.js';
import { renderResults } from './results.js';
import { MAIN_VIEW_COUNT, VIEWS, viewById } from './views.js';

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page is missing #${id}`);
  return el;
};

/** How long the page waits for the link check before it opens the form anyway (a slow connection). */
const LINK_CHECK_WAIT_MS = 8000;

/** view id -> { file, url (object URL of the preview), level: 'ok'|'warning'|'error' } */
const chosen = new Map();
/** view id -> the card's elements */
const cards = new Map();
let releaseResults = () => {};

async function start() {
  const token = readToken();
  if (!token) {
    $('no-link').hidden = false;
    return;
  }
  const api = new Api(token);
  // The link is checked before anything else: one that expired or was revoked shows the notice at once,
  // not after the person has taken photos. The answer brings the service's photo limits too. A check
  // that fails otherwise (offline, busy) or takes long opens the form anyway: sending tells then.
  $('link-checking').hidden = false;
  const checked = api.uploadLimits().then(
    (limits) => setLimits(limits),
    (err) => {
      if (!(err instanceof ApiError && err.linkEnded)) return;
      // A consultation this tab sent can no longer be read with this link (nor with a new one).
      linkEnded({ sent: Boolean(rememberedConsultation()) });
      forgetConsultation();
    },
  );
  await Promise.race([checked, new Promise((r) => setTimeout(r, LINK_CHECK_WAIT_MS))]);
  $('link-checking').hidden = true;
  if (linkIsDead) return;
  $('intro').hidden = false;
  $('consultation').hidden = false;
  buildViewCards(api);
  updateCount();
  $('consultation').addEventListener('submit', (e) => {
    e.preventDefault();
    void send(api);
  });
  $('age').addEventListener('change', validateAge);
  $('start-again').addEventListener('click', () => backToForm(null));
  window.addEventListener('beforeunload', (e) => {
    if (!unsentPhotos()) return;
    e.preventDefault();
    e.returnValue = ''; // older browsers ask only when this is set
  });
  const sent = rememberedConsultation();
  if (sent) void resume(api, sent);
}

/** Whether the upload of the photos on the page was accepted: from then on a reload finds it again (resume). */
let uploaded = false;

/**
 * Whether leaving (a reload, back, closing the tab) would lose photos chosen here and not sent: the
 * browser then asks first. Not once they are sent (a reload follows the analysis) or the results show.
 */
function unsentPhotos() {
  return chosen.size > 0 && !uploaded && $('results').hidden && !linkIsDead;
}

function buildViewCards(api) {
  const template = /** @type {HTMLTemplateElement} */ ($('view-template'));
  const list = $('views');
  VIEWS.forEach((view, i) => {
    const li = /** @type {HTMLElement} */ (template.content.firstElementChild.cloneNode(true));
    li.id = `view-${view.id}`;
    li.dataset.view = view.id;
    if (view.optional) li.classList.add('is-optional');
    const title = li.querySelector('.view-title');
    title.id = `view-${view.id}-title`;
    title.textContent = `${i + 1}. ${view.title}`;
    if (view.optional) title.append(h('span', { class: 'optional', text: ' (optional)' }));
    const how = li.querySelector('.view-how');
    how.id = `view-${view.id}-how`;
    how.textContent = view.how;
    const drawing = li.querySelector('.view-drawing');
    drawing.src = view.drawing;
    drawing.alt = `Example: how the ${view.short} photo should look on your phone's screen`;
    const input = li.querySelector('.file-input');
    input.id = `file-${view.id}`;
    input.name = view.id;
    input.setAttribute('aria-describedby', `view-${view.id}-how view-${view.id}-messages`);
    const label = li.querySelector('.file-label');
    label.htmlFor = input.id;
    const messages = li.querySelector('.view-messages');
    messages.id = `view-${view.id}-messages`;
    const remove = li.querySelector('.view-remove');
    remove.setAttribute('aria-label', `Remove the ${view.short} photo`);
    const thumb = li.querySelector('.view-thumb');
    thumb.alt = `Your ${view.short} photo`;
    const card = { li, input, label, messages, remove, thumb, photo: li.querySelector('.view-photo') };
    cards.set(view.id, card);
    setLabel(view.id);
    input.addEventListener('change', () => void onPhotoChosen(view.id, api));
    remove.addEventListener('click', () => {
      latest.set(view.id, (latest.get(view.id) ?? 0) + 1); // drops a check still under way
      clearPhoto(view.id);
      setMessages(view.id, []);
      input.focus();
    });
    list.append(li);
  });
}

let linkIsDead = false;

/**
 * The link no longer works (a 401 from the service): the same full-page notice as a missing link, saying
 * it has expired, instead of the form nothing can be sent from. Results already on screen stay: each
 * image or download that fails says why there.
 * @param {{ sent?: boolean }} [opts] sent: photos from this tab reached the clinic before the link ended
 */
function linkEnded({ sent = false } = {}) {
  if (linkIsDead) return;
  linkIsDead = true;
  setProgress(null);
  if (!$('results').hidden) return noNewPhotos();
  $('intro').hidden = true;
  $('consultation').hidden = true;
  $('link-checking').hidden = true;
  $('no-link-title').textContent = 'Your link has expired or is not valid any more';
  $('no-link-sent').hidden = !sent;
  const notice = $('no-link');
  notice.hidden = false;
  window.scrollTo(0, 0);
  notice.focus({ preventScroll: true });
}

function setLabel(viewId) {
  const view = viewById(viewId);
  const card = cards.get(viewId);
  const has = chosen.has(viewId);
  card.label.textContent = has ? `Retake ${view.short} photo` : `Add ${view.short} photo`;
  card.remove.hidden = !has;
  card.li.classList.toggle('has-photo', has);
}

function setMessages(viewId, messages) {
  const card = cards.get(viewId);
  card.messages.replaceChildren(...messages.map((m) => h('li', { class: `msg msg-${m.level}`, text: m.text })));
  const worst = messages.some((m) => m.level === 'error') ? 'error' : messages.some((m) => m.level === 'warning') ? 'warning' : null;
  card.li.classList.toggle('is-error', worst === 'error');
  card.li.classList.toggle('is-warning', worst === 'warning');
}

function clearPhoto(viewId) {
  const prev = chosen.get(viewId);
  if (prev?.url) URL.revokeObjectURL(prev.url);
  chosen.delete(viewId);
  const card = cards.get(viewId);
  card.input.value = '';
  card.photo.hidden = true;
  card.thumb.removeAttribute('src');
  setLabel(viewId);
  updateCount();
}

/**
 * Results on screen and the link ended: nothing more can be sent with it, so the buttons that lead back to
 * the form go (they let the person choose photos again, only to be told so at Send), and a note says why.
 */
function noNewPhotos() {
  $('start-again').hidden = true;
  for (const b of document.querySelectorAll('#results [data-retake]')) /** @type {HTMLElement} */ (b).hidden = true;
  $('link-ended-note').hidden = false;
}

/** view id -> the latest choice, so a slow check of an earlier photo never overwrites a newer one. */
const latest = new Map();

/**
 * The consultation's own verdict on a photo, which is final: a pre-check of the same photo still under
 * way (sent before it answered) is dropped, so it cannot overwrite the verdict when it answers.
 */
function setVerdict(viewId, messages) {
  latest.set(viewId, (latest.get(viewId) ?? 0) + 1);
  cards.get(viewId).li.removeAttribute('aria-busy');
  setMessages(viewId, messages);
}

async function onPhotoChosen(viewId, api) {
  const card = cards.get(viewId);
  const file = card.input.files?.[0];
  if (!file) return;
  const turn = (latest.get(viewId) ?? 0) + 1;
  latest.set(viewId, turn);
  const current = () => latest.get(viewId) === turn;
  const problems = checkFile(file);
  if (!problems.length) problems.push(...(await checkFileBytes(file)));
  if (!current()) return;
  if (problems.length) {
    clearPhoto(viewId);
    setMessages(viewId, problems);
    return;
  }
  setMessages(viewId, [{ level: 'ok', text: 'Checking the photo…' }]);
  const size = await loadImageSize(file);
  if (!current()) return;
  if (!size) {
    // HEIC (and AVIF in some browsers): the service decodes and checks them. A JPEG, PNG or WebP this
    // browser cannot open is damaged.
    const said = undecodedMessage(await fileFormat(file), file.name);
    if (!current()) return;
    if (said.level === 'error') clearPhoto(viewId);
    else keepPhoto(viewId, file, null);
    setMessages(viewId, [said]);
    return;
  }
  const dims = checkDimensions(size.width, size.height);
  if (dims.some((m) => m.level === 'error')) {
    URL.revokeObjectURL(size.url);
    clearPhoto(viewId);
    setMessages(viewId, dims);
    return;
  }
  keepPhoto(viewId, file, size.url);
  setMessages(viewId, [...dims, { level: 'ok', text: 'Checking sharpness and light…' }]);
  card.li.setAttribute('aria-busy', 'true');
  let verdict = null;
  try {
    const result = await api.checkPhoto(viewId, await checkCopy(size.url, size.width, size.height));
    verdict = result ? qualityMessages(result.quality) : null;
  } catch (err) {
    // The service refused the photo itself (damaged, unsupported): say so now. A link that no longer
    // works is not the photo's fault: the page says so instead.
    if (err instanceof ApiError && err.linkEnded) {
      setMessages(viewId, []);
      linkEnded();
      return;
    } else if (err instanceof ApiError && err.status >= 400 && err.status < 500 && !err.transient) {
      // (a 429 is the clinic's request budget, not the photo: then it is judged when it is sent)
      verdict = [{ level: 'error', text: `This photo cannot be used: ${err.message}.` }];
    }
  } finally {
    card.li.removeAttribute('aria-busy');
  }
  if (!current()) return;
  const messages = [...dims, ...(verdict ?? [])];
  setMessages(viewId, messages.length ? messages : [addedMessage(Boolean(verdict))]);
  updateCount();
}

function keepPhoto(viewId, file, url) {
  const prev = chosen.get(viewId);
  if (prev?.url) URL.revokeObjectURL(prev.url);
  chosen.set(viewId, { file, url });
  const card = cards.get(viewId);
  card.photo.hidden = !url;
  if (url) card.thumb.src = url;
  setLabel(viewId);
  updateCount();
}

function updateCount() {
  const main = VIEWS.filter((v) => !v.optional && chosen.has(v.id)).length;
  const extra = VIEWS.filter((v) => v.optional && chosen.has(v.id)).length;
  $('photo-count').textContent = `${main} of ${MAIN_VIEW_COUNT} photos added${extra ? ` (+ scar close-up)` : ''}`;
  const missing = VIEWS.filter((v) => !v.optional && !chosen.has(v.id)).map((v) => v.short);
  const summary = $('send-summary');
  if (chosen.size === 0) summary.textContent = 'Add at least one photo. All five views give the most reliable result.';
  else if (missing.length) summary.textContent = `Ready to send ${chosen.size} photo${chosen.size === 1 ? '' : 's'}. Still missing: ${listWords(missing)} — adding ${missing.length === 1 ? 'it' : 'them'} gives a more reliable result.`;
  else summary.textContent = `All ${chosen.size} photos are ready to send.`;
  const retake = [...chosen.keys()].filter((v) => cards.get(v).li.classList.contains('is-error')).map((v) => viewById(v).short);
  if (retake.length) summary.textContent += ` We suggest retaking the ${listWords(retake)} photo${retake.length === 1 ? '' : 's'} first (see the note on ${retake.length === 1 ? 'it' : 'each'}).`;
}

function validateAge() {
  const input = /** @type {HTMLInputElement} */ ($('age'));
  const error = $('age-error');
  const raw = input.value.trim();
  const n = Number(raw);
  const bad = raw !== '' && (!Number.isInteger(n) || n < 16 || n > 120);
  error.hidden = !bad;
  error.textContent = bad ? 'Please enter your age in whole years (16 to 120), or leave it blank.' : '';
  input.setAttribute('aria-invalid', String(bad));
  return !bad;
}

function showSendError(text) {
  const box = $('send-error');
  box.hidden = !text;
  box.textContent = text ?? '';
}

function setProgress(label, fraction) {
  const wrap = $('progress');
  const bar = /** @type {HTMLProgressElement} */ ($('progress-bar'));
  wrap.hidden = label == null;
  $('progress-label').textContent = label ?? '';
  if (fraction == null) bar.removeAttribute('value');
  else bar.value = Math.round(fraction * 100);
}

let sending = false;
/** The last upload's Idempotency-Key and what it was for (api.js submissionKey). */
let submission = null;

async function send(api) {
  if (sending) return;
  showSendError(null);
  if (!chosen.size) {
    showSendError('Please add at least one photo first.');
    cards.get(VIEWS[0].id).input.focus();
    return;
  }
  if (!validateAge()) {
    $('age').focus();
    return;
  }
  const form = new FormData();
  for (const view of VIEWS) {
    const c = chosen.get(view.id);
    if (c) form.append(view.id, c.file, c.file.name || `${view.id}.jpg`);
  }
  for (const name of ['sex', 'age', 'hairColour', 'goals', 'notes']) {
    const v = /** @type {HTMLInputElement} */ ($(name)).value.trim();
    if (v) form.append(name, v);
  }
  // The scars the person knows of, in the service's format ([{ kind }]); their age goes in the notes.
  const scars = [...document.querySelectorAll('input[name="scar-kind"]:checked')].map((el) => ({ kind: /** @type {HTMLInputElement} */ (el).value }));
  if (scars.length) form.append('scars', JSON.stringify(scars));
  sending = true;
  const button = $('send');
  // aria-disabled, not disabled: a disabled button loses the keyboard focus (to the page itself); a second
  // press meanwhile is ignored (sending).
  button.setAttribute('aria-disabled', 'true');
  /** Where the keyboard focus goes when sending fails: to what says why, so it is read and acted on. */
  let focusAfter = null;
  let sent = false;
  // The photos being sent stay as they are until the answer comes.
  for (const card of cards.values()) card.input.disabled = card.remove.disabled = true;
  try {
    setProgress('Sending your photos… 0\u00a0%', 0);
    submission = submissionKey(form, submission);
    const started = await api.upload(form, (f) => setProgress(f < 1 ? `Sending your photos… ${Math.round(f * 100)}\u00a0%` : 'Photos sent. Analysing them…', f < 1 ? f : null), submission.key);
    sent = uploaded = true;
    $('photos-gone').hidden = true;
    rememberConsultation(started.body.id);
    const consultation = started.body.status === 'completed' ? started.body : await waitForAnalysis(api, started.body.id);
    setProgress(null);
    showResults(consultation, api);
  } catch (err) {
    setProgress(null);
    forgetConsultation();
    uploaded = false; // the photos stay on the page, to be sent again
    // without its own full stop: each message below ends the sentence once
    const detail = err instanceof ApiError ? err.message.replace(/[.\s]+$/, '') : '';
    focusAfter = $('send-error');
    if (err instanceof ApiError && err.linkEnded) {
      focusAfter = null; // the notice takes the focus
      linkEnded({ sent });
    } else if (err instanceof ApiError && err.problem?.field && cards.has(err.problem.field)) {
      const view = err.problem.field;
      setVerdict(view, [{ level: 'error', text: `This photo was refused: ${detail}.` }]);
      showSendError(`The ${viewById(view).short} photo could not be used: ${detail}. Please retake it or remove it, then send again.`);
      focusAfter = cards.get(view).input;
    } else {
      // In plain words, never the service's own (a 500's detail, "eventLoopDelay", "this clinic sent more than 600 requests").
      showSendError(sendFailureText(err, { sent }));
    }
  } finally {
    sending = false;
    button.removeAttribute('aria-disabled');
    for (const card of cards.values()) card.input.disabled = card.remove.disabled = false;
    focusAfter?.focus();
  }
}

/** Shows that the analysis runs and waits for it; a long wait says so. */
function waitForAnalysis(api, id) {
  setProgress('Analysing your photos… this usually takes less than a minute.', null);
  return api.waitFor(id, { onTick: (ms) => ms > 20_000 && setProgress('Still analysing… thank you for waiting.', null) });
}

/**
 * After a reload (or coming back to the page) while this tab's consultation was being analysed or shown:
 * it is followed again, not lost, and not sent a second time.
 */
async function resume(api, id) {
  sending = true;
  const button = $('send');
  button.setAttribute('aria-disabled', 'true');
  // What the page is doing goes at the top, in place of an empty form that reads as "start again".
  $('intro').hidden = true;
  $('consultation').hidden = true;
  const status = $('resuming');
  status.hidden = false;
  const say = (text) => ($('resuming-label').textContent = text);
  say('Analysing your photos… this usually takes less than a minute.');
  try {
    const consultation = await api.waitFor(id, { onTick: (ms) => ms > 20_000 && say('Still analysing… thank you for waiting.') });
    status.hidden = true;
    showResults(consultation, api);
  } catch (err) {
    status.hidden = true;
    forgetConsultation();
    if (err instanceof ApiError && err.linkEnded) linkEnded({ sent: true });
    else {
      $('intro').hidden = false;
      $('consultation').hidden = false;
      showSendError(`The photos you sent before could not be followed here. ${sendFailureText(err, { sent: true, kept: false })}`);
      $('send-error').focus();
    }
  } finally {
    sending = false;
    button.removeAttribute('aria-disabled');
  }
}

function showResults(consultation, api) {
  releaseResults();
  const sex = /** @type {HTMLSelectElement} */ ($('sex')).value || consultation.input?.sex;
  releaseResults = renderResults($('results-body'), consultation, { api, sex, onRetake: (view) => backToForm(view), onLinkEnded: () => linkEnded({ sent: true }) });
  // Each photo's verdict from the service's quality gate goes back onto its card too, where that photo is
  // still chosen: after a reload the cards are empty, and "Checked: usable" by an "Add photo" button read
  // as if the photo were there.
  for (const p of consultation.photos ?? []) {
    if (!cards.has(p.view) || !chosen.has(p.view)) continue;
    const { errors, warnings } = qualityNotes(p.quality);
    const messages = [...errors.map((text) => ({ level: 'error', text: `Please retake: ${text}.` })), ...warnings.map((text) => ({ level: 'warning', text: `${text[0].toUpperCase()}${text.slice(1)}.` }))];
    setVerdict(p.view, messages.length ? messages : [{ level: 'ok', text: 'Checked: sharp, well lit and usable.' }]);
  }
  updateCount(); // the "retake first" summary follows the verdicts just put on the cards
  if (linkIsDead) noNewPhotos();
  $('intro').hidden = true;
  $('consultation').hidden = true;
  const results = $('results');
  results.hidden = false;
  window.scrollTo(0, 0);
  results.focus({ preventScroll: true });
}

function backToForm(viewId) {
  forgetConsultation();
  uploaded = false;
  // After a reload the results came back, but the photos did not: the form is empty, and says so.
  $('photos-gone').hidden = chosen.size > 0;
  $('results').hidden = true;
  $('intro').hidden = false;
  $('consultation').hidden = false;
  if (viewId && cards.has(viewId)) {
    const card = cards.get(viewId);
    card.li.scrollIntoView({ block: 'start' });
    card.input.focus();
  } else {
    $('photos-title').scrollIntoView({ block: 'start' });
    cards.get(VIEWS[0].id).input.focus();
  }
}

void start();
