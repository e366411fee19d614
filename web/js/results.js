// Renders a completed consultation: hair-loss stage, the photos with their hair/scalp maps and quality
// notes, skin tone and hair colour, the recommendation, the plan, the preview and the report.
// Sections whose data the service did not return are left out.
import { ApiError } from './api.js';
import { h, uid } from './dom.js';
import { gradeCaveats } from './messages.js';
import { compareSlider } from './slider.js';
import { planTurn, turnedBlob, turnedSize, uprightTurn } from './upright.js';
import {
  describeCoverage,
  describeHairColour,
  describeLudwig,
  describeZones,
  describeNorwood,
  describeSkinTone,
  findLinkOf,
  hasScars,
  partialBasis,
  percent,
  planRows,
  qualityNotes,
  reasonsByPhoto,
  recommendationView,
  roughly,
  scaleNote,
  VIEW_WORDS,
} from './describe.js';

/**
 * @param {HTMLElement} root
 * @param {any} c the consultation JSON
 * @param {{ api: import('./api.js').Api, onRetake: (view: string) => void, onLinkEnded?: () => void, sex?: string }} ctx
 * @returns {() => void} releases the object URLs the images use
 */
export function renderResults(root, c, ctx) {
  const urls = [];
  // Every image and the report come through here: a link found ended is told to the page (no new photos
  // can be sent with it either), and the caller still says why where the load failed.
  const getBlob = async (path) => {
    try {
      return await ctx.api.getBlob(path);
    } catch (err) {
      if (err instanceof ApiError && err.linkEnded) ctx.onLinkEnded?.();
      throw err;
    }
  };
  const blobUrl = async (path) => {
    const url = URL.createObjectURL(await getBlob(path));
    urls.push(url);
    return url;
  };
  /**
   * An image of the client for the page, turned clockwise by `turn` (uprightTurn): the file itself stays
   * in the photo's frame. `turn` in the answer is the turn made: 0 where the browser could not turn it.
   * @type {ShownUrl}
   */
  const shownUrl = async (path, turn = 0) => {
    const blob = await getBlob(path);
    let shown = blob;
    let made = 0;
    if (turn) {
      try {
        shown = await turnedBlob(blob, turn);
        made = turn;
      } catch {
        // shown as taken: a photo left unturned misleads less than one turned wrongly
      }
    }
    const url = URL.createObjectURL(shown);
    urls.push(url);
    return { url, turn: made };
  };
  const stage = stageSection(c, ctx);
  // Photos that could not be judged leave every setting on the clinic's defaults (the not-assessable
  // warning): shown, they would read as a plan for this person; the report would be the same.
  const judged = c.assessable !== false;
  root.replaceChildren(
    ...[
      // Results from some of the photos say so at the top, stage or no stage.
      stage?.querySelector('.partial') ? null : partialNotice(c),
      stage,
      previewSection(c, shownUrl),
      photosSection(c, ctx, shownUrl),
      colourSection(c),
      judged ? recommendationSection(c) : null,
      judged ? planSection(c, shownUrl) : null,
      judged ? practitionerSection(c) : null,
      judged ? reportSection(c, ctx, blobUrl) : null,
    ].filter(Boolean),
  );
  return () => urls.forEach((u) => URL.revokeObjectURL(u));
}

/** @typedef {(path: string, turn?: 0 | 90 | 180 | 270) => Promise<{ url: string, turn: number }>} ShownUrl */

/** Said beside a photo of the client the page shows turned upright (uprightTurn). */
export const TURNED_NOTE = 'Shown turned the right way up.';

/**
 * Why an image or the report could not be fetched, for the person. Never "reload the page": once the link
 * has ended, a reload loses the results on screen and cannot load them again.
 * @param {unknown} err
 * @param {string} subject "This image", "The report"
 * @param {string} verb "loaded", "downloaded"
 */
export function failureText(err, subject, verb = 'loaded') {
  if (err instanceof ApiError && err.linkEnded) {
    return `${subject} cannot be ${verb} any more: your link has expired. Your results stay on this page while it is open (please do not reload it); your clinic has them too and can send you a new link.`;
  }
  if (err instanceof ApiError && err.transient) return `${subject} could not be ${verb}: the connection was lost or the service was busy. Please try again.`;
  const why = err instanceof ApiError ? `: ${err.message}` : '';
  return `${subject} could not be ${verb}${why}. Please try again.`;
}

/**
 * A failure notice: why, and a button to try again (none once the link has ended: trying cannot help).
 * @param {unknown} err
 * @param {string} subject
 * @param {() => void} retry
 */
function failureNotice(err, subject, retry) {
  const ended = err instanceof ApiError && err.linkEnded;
  return h(
    'div',
    { class: 'notice notice-warning load-failed' },
    h('p', { text: failureText(err, subject) }),
    ended ? null : h('button', { class: 'button button-small', type: 'button', text: 'Try again', onclick: retry }),
  );
}

/**
 * Shows authorised images (fetched with the token) in one <img>, which stays in place whatever happens:
 * a load that fails hides it and says why in `status` beside it, with a button to try again, and the next
 * image shown in it (a toggle, a retry) brings it back. A slower earlier load never overwrites a later one.
 * Every image is shown turned by `upright` (degrees clockwise); `note`, where given, shows while the
 * image on screen is turned.
 * @param {HTMLImageElement} img
 * @param {ShownUrl} shownUrl
 * @param {{ upright?: 0 | 90 | 180 | 270, note?: HTMLElement | null }} [opts]
 */
function imageSlot(img, shownUrl, { upright = 0, note = null } = {}) {
  const status = h('div', { class: 'load-status', role: 'status' });
  const loaded = new Map();
  let latest = 0;
  const show = async (path, alt) => {
    const mine = ++latest;
    let shown = loaded.get(path);
    if (!shown) {
      try {
        shown = await shownUrl(path, upright);
        loaded.set(path, shown);
      } catch (err) {
        if (mine !== latest) return;
        img.hidden = true;
        status.replaceChildren(failureNotice(err, 'This image', () => void show(path, alt)));
        return;
      }
    }
    if (mine !== latest) return;
    const retried = status.contains(document.activeElement);
    status.replaceChildren();
    img.src = shown.url;
    img.alt = alt;
    img.hidden = false;
    if (note) note.hidden = !shown.turn;
    if (retried) {
      // The "Try again" button is gone: the keyboard focus goes to the image it brought back.
      img.tabIndex = -1;
      img.focus();
    }
  };
  return { status, show };
}

function section(id, title, ...children) {
  const hid = `${id}-title`;
  return h('section', { class: 'card result', id, 'aria-labelledby': hid }, h('h2', { id: hid, text: title }), ...children);
}

function retakeButton(view, ctx) {
  const words = VIEW_WORDS[view] ?? view;
  return h('button', { class: 'button button-small', type: 'button', 'data-retake': view, onclick: () => ctx.onRetake(view), text: `Retake the ${words} photo` });
}

/** "Based on 1 of your 3 photos (right side): …" where some photos were refused; null when all were used. */
function partialNotice(c) {
  const text = partialBasis(c);
  return text ? h('p', { class: 'notice notice-warning partial', text }) : null;
}

function stageSection(c, ctx) {
  const norwood = describeNorwood(c.norwood);
  const ludwig = describeLudwig(c.ludwig);
  const primary = ctx.sex === 'female' ? (ludwig ?? norwood) : (norwood ?? ludwig);
  if (c.assessable === false) {
    // One entry per photo: its reasons, then one button to retake it.
    const byPhoto = new Map();
    for (const r of reasonsByPhoto(c.reasons)) {
      const k = r.view ?? '';
      byPhoto.set(k, [...(byPhoto.get(k) ?? []), r.text]);
    }
    return section(
      'result-stage',
      'We could not assess your photos',
      h('p', { class: 'lead', text: 'The photos were received, but they cannot be judged reliably yet. Please retake them as described below; it only takes a minute.' }),
      h(
        'ul',
        { class: 'reasons' },
        [...byPhoto].map(([view, texts]) =>
          h(
            'li',
            {},
            view ? h('strong', { text: `${capitalised(VIEW_WORDS[view] ?? view)}: ` }) : null,
            texts.join('; '),
            view ? [' ', retakeButton(view, ctx)] : null,
          ),
        ),
      ),
    );
  }
  if (!primary) return null;
  const scale = primary === ludwig ? 'Ludwig' : 'Norwood';
  const grade = primary === ludwig ? c.ludwig : c.norwood;
  const zones = describeZones(grade?.measurements?.zones, c.photos);
  const caveats = gradeCaveats(grade);
  const note = scale === 'Norwood' ? scaleNote(ctx.sex) : null;
  const max = scale === 'Ludwig' ? 3 : 7;
  const listId = uid('probs');
  const caveatsId = uid('caveats');
  return section(
    'result-stage',
    'Your hair loss',
    h('p', { class: 'headline', 'data-stage': primary.stage, text: primary.headline }),
    partialNotice(c),
    zones ? h('p', { class: 'zones', text: zones }) : null,
    // What the grade itself leaves open (a view missing, a photo left out), beside the stage it qualifies.
    caveats.length
      ? h(
          'div',
          { class: 'caveats' },
          h('p', { class: 'caveats-title', id: caveatsId, text: 'Good to know about this stage' }),
          h('ul', { class: 'caveats-list', 'aria-labelledby': caveatsId }, caveats.map((text) => h('li', { text }))),
        )
      : null,
    h('p', { text: primary.detail }),
    note ? h('p', { class: 'scale-note', text: note }) : null,
    primary.probabilities.length
      ? h(
          'div',
          { class: 'probs' },
          h('p', { class: 'probs-title', id: listId, text: `How likely each ${scale} stage is, from your photos` }),
          h(
            'ul',
            { class: 'probs-list', 'aria-labelledby': listId },
            primary.probabilities.slice(0, max).map(({ level, p }) => {
              const bar = h('span', { class: 'probs-bar' });
              bar.style.width = `${Math.max(0, Math.min(1, p)) * 100}%`;
              return h(
                'li',
                { class: level === primary.level ? 'probs-row is-best' : 'probs-row' },
                h('span', { class: 'probs-label', text: `${scale} ${scale === 'Ludwig' ? ['I', 'II', 'III'][level - 1] : level}` }),
                h('span', { class: 'probs-track', 'aria-hidden': 'true' }, bar),
                h('span', { class: 'probs-value', text: percent(p) }),
              );
            }),
          ),
        )
      : null,
  );
}

function capitalised(s) {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function photosSection(c, ctx, shownUrl) {
  const photos = Array.isArray(c.photos) ? c.photos : [];
  if (!photos.length) return null;
  return section(
    'result-photos',
    'Your photos, checked',
    h('p', {}, 'The ', h('strong', { text: 'hair map' }), ' shows what we found: ', legend(), ' Tap ', h('strong', { text: 'Photo' }), ' to see your photo without the map.'),
    h('ul', { class: 'photo-grid' }, photos.map((p) => photoFigure(p, ctx, shownUrl, hasScars(c)))),
  );
}

function legend() {
  // The swatch stays with its colour word (a no-wrap key); the rest wraps with large text.
  const item = (kind, key, what) => h('span', { class: 'legend-item' }, h('span', { class: 'legend-key' }, h('span', { class: `swatch swatch-${kind}`, 'aria-hidden': 'true' }), key), ` ${what}`);
  return h('span', { class: 'legend' }, item('hair', 'green:', 'hair'), ', ', item('skin', 'unchanged:', 'bare scalp'), ', ', item('scar', 'pink:', 'scar'), ', darkened: background.');
}

function photoFigure(p, ctx, shownUrl, scars) {
  const view = VIEW_WORDS[p.view] ?? p.view;
  const title = capitalised(view);
  // A photo taken sideways or upside down is shown upright where its face end is sure (the report does too).
  const upright = uprightTurn(p);
  const size = turnedSize(p.width, p.height, upright);
  const img = h('img', { class: 'photo-img', alt: `Your ${view} photo`, width: size.width, height: size.height });
  const note = h('span', { class: 'turn-note', text: TURNED_NOTE, hidden: true });
  const slot = imageSlot(img, shownUrl, { upright, note });
  const hasOverlay = Boolean(p.urls?.overlay);
  const photoBtn = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'true', text: 'Photo' });
  const mapBtn = h('button', { type: 'button', class: 'toggle', 'aria-pressed': 'false', text: 'Hair map' });
  const show = (overlay) => {
    photoBtn.setAttribute('aria-pressed', String(!overlay));
    mapBtn.setAttribute('aria-pressed', String(overlay));
    if (overlay) void slot.show(p.urls.overlay, `Your ${view} photo with hair shown in green and scars in pink`);
    else if (p.urls?.photo) void slot.show(p.urls.photo, `Your ${view} photo`);
  };
  photoBtn.addEventListener('click', () => show(false));
  mapBtn.addEventListener('click', () => show(true));
  // The map is what the person came for: show it first where there is one.
  if (p.urls?.photo || hasOverlay) show(hasOverlay);

  const notes = qualityNotes(p.quality);
  const coverage = describeCoverage(p, { scars });
  return h(
    'li',
    { class: 'photo-card', 'data-view': p.view },
    h(
      'figure',
      {},
      h('div', { class: 'photo-frame' }, img),
      slot.status,
      h('figcaption', {}, h('strong', { class: 'photo-title', text: title }), coverage ? h('span', { class: 'coverage', text: coverage }) : null, note),
    ),
    hasOverlay ? h('div', { class: 'toggles', role: 'group', 'aria-label': `Show the ${view} photo or its hair map` }, photoBtn, mapBtn) : null,
    notes.errors.length
      ? h(
          'div',
          { class: 'notice notice-error quality' },
          h('p', { class: 'quality-title', text: 'This photo cannot be judged:' }),
          h('ul', {}, notes.errors.map((r) => h('li', { text: capitalised(r) }))),
          notes.warnings.length ? [h('p', { class: 'quality-title', text: 'Also:' }), h('ul', {}, notes.warnings.map((r) => h('li', { text: capitalised(r) })))] : null,
          retakeButton(p.view, ctx),
        )
      : notes.warnings.length
        ? h(
            'div',
            { class: 'notice notice-warning quality' },
            h('p', { class: 'quality-title', text: 'Usable, but could be better:' }),
            h('ul', {}, notes.warnings.map((r) => h('li', { text: capitalised(r) }))),
            retakeButton(p.view, ctx),
          )
        : h('p', { class: 'quality-ok', text: 'Sharp, well lit and usable.' }),
  );
}

function colourSection(c) {
  const skin = describeSkinTone(c.skinTone);
  const hair = describeHairColour(c.hairColour);
  if (!skin && !hair) return null;
  const swatch = (colour, label) => {
    const s = h('span', { class: 'colour-swatch', role: 'img', 'aria-label': label });
    if (colour) s.style.backgroundColor = colour;
    return colour ? s : null;
  };
  return section(
    'result-colour',
    'Your skin tone and hair colour',
    h('p', { class: 'hint', text: 'These decide the pigment shade, so the dots match your hair and sit naturally in your skin.' }),
    h(
      'div',
      { class: 'colour-grid' },
      skin
        ? h(
            'div',
            { class: 'colour-item' },
            swatch(skin.swatch, 'Colour of your scalp skin'),
            h('div', {}, h('p', { class: 'colour-name', text: skin.headline }), h('ul', { class: 'plain-list' }, skin.lines.map((l) => h('li', { text: l })))),
          )
        : null,
      // Said, not left out: the suggestion below then assumes a skin tone ("assumed, not measured").
      skin ? null : h('p', { class: 'colour-missing', text: 'Skin tone: not measured, as no photo showed enough bare scalp skin. Your practitioner will judge it in person.' }),
      hair
        ? h(
            'div',
            { class: 'colour-item' },
            swatch(hair.swatch, 'Colour of your hair'),
            h('div', {}, h('p', { class: 'colour-name', text: hair.headline }), hair.lines.length ? h('ul', { class: 'plain-list' }, hair.lines.map((l) => h('li', { text: l }))) : null),
          )
        : null,
    ),
  );
}

/** A definition list of recommendation rows: label (what it means), value, reason. */
function recList(rows) {
  return h(
    'dl',
    { class: 'rec-list' },
    rows.map((r) =>
      h(
        'div',
        { class: 'rec-row', 'data-key': r.key },
        h('dt', {}, r.label, r.explain ? h('span', { class: 'rec-explain', text: ` (${r.explain})` }) : null),
        h('dd', {}, h('span', { class: 'rec-value', text: r.value }), r.reason ? h('span', { class: 'rec-reason', text: r.reason }) : null),
      ),
    ),
  );
}

/** The suggestion in the client's words; the settings behind it are in practitionerSection. */
function recommendationSection(c) {
  const view = recommendationView(c.recommendation);
  if (!view.rows.length) return null;
  const stops = view.notes.filter((n) => n.severity === 'stop');
  return section(
    'result-recommendation',
    'What we suggest',
    h('p', { class: 'hint', text: 'A starting point for your practitioner, who will adjust it with you.' }),
    stops.length ? h('div', { class: 'notice notice-warning' }, h('p', { class: 'quality-title', text: 'Before any treatment:' }), h('ul', {}, stops.map((n) => h('li', { text: n.text })))) : null,
    recList(view.rows),
    view.basis ? h('p', { class: 'rec-basis', text: view.basis }) : null,
  );
}

/** A table with a caption, column heads and rows of cells (the first a row head), scrolling sideways if it must. */
function table(label, caption, heads, rows) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label },
    h(
      'table',
      { class: 'plan-table' },
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, heads.map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row', text: String(head) }), cells.map((v) => h('td', { text: v }))))),
    ),
  );
}

/** "3 sessions, about 2,100 dots in all" (exact: "2,082 dots in all", for the practitioner). */
function sessionsCaption(c, rows, { exact = false } = {}) {
  const n = c.plan?.totalDots;
  const total = typeof n === 'number' ? `, ${exact ? n.toLocaleString('en') : `about ${roughly(n)}`} dots in all` : '';
  return `${rows.length} session${rows.length === 1 ? '' : 's'}${total}`;
}

/** The sessions in plain words (roughly how many dots, how far each goes) and where the dots go. */
function planSection(c, shownUrl) {
  const rows = planRows(c.plan, c.recommendation);
  const planImage = findLinkOf(c.links, 'plan', ['.svg', '.png']);
  if (!rows.length && !planImage) return null;
  const alt = 'Map of the treatment area with the planned dots';
  const img = planImage ? h('img', { class: 'plan-img', alt }) : null;
  // The plan is drawn on its photo, in that photo's frame: shown upright as that photo is.
  const note = h('span', { class: 'turn-note', text: ` ${TURNED_NOTE}`, hidden: true });
  const slot = img ? imageSlot(img, shownUrl, { upright: planTurn(c.plan, c.photos), note }) : null;
  if (slot) void slot.show(planImage, alt);
  const builds = rows.some((r) => r.builds !== '–');
  const dots = rows.some((r) => r.dotsAbout !== '–');
  const heads = ['Session', ...(dots ? ['Dots, roughly'] : []), ...(builds ? ['Builds up to'] : [])];
  return section(
    'result-plan',
    'Your treatment plan',
    h('p', { class: 'hint', text: 'Scalp micropigmentation is done in a few sessions: each adds dots between the earlier ones, so the result builds up gradually.' }),
    rows.length && heads.length > 1
      ? table('Sessions table', sessionsCaption(c, rows), heads, rows.map((r) => [r.session, ...(dots ? [r.dotsAbout] : []), ...(builds ? [r.builds] : [])]))
      : rows.length
        ? h('p', { class: 'plan-caption', text: `${sessionsCaption(c, rows)}.` })
        : null,
    img ? h('figure', { class: 'plan-figure' }, img, slot.status, h('figcaption', {}, 'Where the dots go.', note)) : null,
  );
}

/**
 * The technical settings (dilution, needle, density, with the engine's reasons and sources), the session
 * table and the engine's notes: for the person who does the treatment, collapsed, so the client's view
 * stays in plain words. The PDF report has them too.
 */
function practitionerSection(c) {
  const view = recommendationView(c.recommendation);
  const rows = planRows(c.plan, c.recommendation);
  const notes = view.notes.filter((n) => n.severity !== 'stop');
  if (!view.technical.length && !rows.length && !notes.length) return null;
  // One needle throughout (the usual case) is said once, which keeps the table narrow enough for a phone.
  const oneNeedle = rows.length > 0 && rows.every((r) => r.needle === rows[0].needle) ? rows[0].needle : null;
  const heads = ['Session', 'Dots', 'Per cm²', 'Dilution', ...(oneNeedle ? [] : ['Needle'])];
  return section(
    'result-practitioner',
    'For your practitioner',
    h('p', { class: 'hint', text: 'The technical settings and notes behind the suggestion, for the person who does the treatment: you do not need them. They are in the PDF report too.' }),
    h(
      'details',
      { class: 'practitioner' },
      h('summary', { text: 'Show the settings and notes' }),
      view.technical.length ? recList(view.technical) : null,
      rows.length
        ? table(
            'Session settings table',
            sessionsCaption(c, rows, { exact: true }),
            heads,
            rows.map((r) => [r.session, r.dots, r.densityPerCm2, r.dilution, ...(oneNeedle ? [] : [r.needle])]),
          )
        : null,
      oneNeedle && oneNeedle !== '–' ? h('p', { class: 'plan-needle', text: `Needle in every session: ${oneNeedle}.` }) : null,
      notes.length ? [h('p', { class: 'quality-title', text: 'Notes' }), h('ul', { class: 'rec-notes' }, notes.map((n) => h('li', { text: n.text })))] : null,
    ),
  );
}

function previewSection(c, shownUrl) {
  const previewPath = findLinkOf(c.links, 'preview', ['.png', '.jpg', '.jpeg', '.webp']);
  if (!previewPath) return null;
  const photos = Array.isArray(c.photos) ? c.photos : [];
  // The preview's own photo, from its name (preview_top, preview_2) where it says; else the plan's photo
  // (the preview is drawn on it), top, front, first.
  const hint = /preview[_-]([a-z0-9]+)/.exec(Object.keys(c.links).find((k) => c.links[k] === previewPath) ?? '')?.[1];
  const before =
    photos.find((p) => p.view === hint || String(p.index) === hint) ??
    photos.find((p) => typeof c.plan?.photoIndex === 'number' && p.index === c.plan.photoIndex) ??
    photos.find((p) => p.view === 'top') ??
    photos.find((p) => p.view === 'front') ??
    photos[0];
  // The preview is in its photo's frame: both are shown upright together, or both as taken.
  const upright = before ? uprightTurn(before) : planTurn(c.plan, photos);
  const body = h('div', { class: 'preview-body' }, h('p', { class: 'loading', text: 'Loading the preview…' }));
  const run = async () => {
    try {
      // Without the photo of today, the preview is shown alone (no slider).
      const load = (turn) =>
        Promise.all([shownUrl(previewPath, turn), before?.urls?.photo ? shownUrl(before.urls.photo, turn).catch(() => null) : null]);
      let [after, beforeShown] = await load(upright);
      // One turned and the other not (a browser that could not turn one): both as taken.
      if (beforeShown && beforeShown.turn !== after.turn) [after, beforeShown] = await load(0);
      const afterUrl = after.url;
      const beforeUrl = beforeShown?.url ?? null;
      const sizes = await Promise.all([imageSize(afterUrl), beforeUrl ? imageSize(beforeUrl) : null]);
      const view = VIEW_WORDS[before?.view] ?? 'photo';
      // Compared on the sizes as shown: a quarter turn has swapped width and height of both.
      const sameFrame = sizes[1] && Math.abs(sizes[0].width / sizes[0].height - sizes[1].width / sizes[1].height) < 0.02;
      // The DOM's replaceChildren writes a null as the text "null" (under every preview that was not
      // turned): only the nodes there are.
      const shown = [
        sameFrame
          ? compareSlider({ beforeUrl, afterUrl, beforeAlt: `Your ${view} photo today`, afterAlt: `Preview of your ${view} after the treatment` })
          : h('img', { class: 'preview-img', src: afterUrl, alt: 'Preview of your head after the treatment' }),
        after.turn ? h('p', { class: 'turn-note', text: sameFrame ? 'Your photo and the preview are shown turned the right way up.' : 'The preview is shown turned the right way up.' }) : null,
      ];
      body.replaceChildren(...shown.filter(Boolean));
    } catch (err) {
      body.replaceChildren(
        failureNotice(err, 'The preview', () => {
          body.replaceChildren(h('p', { class: 'loading', text: 'Loading the preview…' }));
          // The "Try again" button is gone: the keyboard focus stays on the preview.
          body.tabIndex = -1;
          body.focus();
          void run();
        }),
      );
    }
  };
  void run();
  return section(
    'result-preview',
    'How it could look',
    h('p', { class: 'hint', text: 'A simulation of the finished treatment on your own photo. Real results depend on your skin and your practitioner.' }),
    body,
  );
}

function imageSize(url) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = reject;
    img.src = url;
  });
}

function reportSection(c, ctx, blobUrl) {
  const reportPath = findLinkOf(c.links, 'report', ['.pdf']);
  if (!reportPath) return null;
  const status = h('p', { class: 'download-status', role: 'status' });
  const button = h('button', { class: 'button button-primary', type: 'button', text: 'Download your report (PDF)' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Preparing the download…';
    try {
      const url = await blobUrl(reportPath);
      const a = h('a', { href: url, download: `scalp-consultation-${String(c.id).slice(0, 8)}.pdf`, hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      status.textContent = 'The report has been downloaded.';
    } catch (err) {
      status.textContent = failureText(err, 'The report', 'downloaded');
    } finally {
      button.disabled = false;
    }
  });
  void ctx;
  return section(
    'result-report',
    'Your report',
    h('p', { text: 'Everything on this page in one PDF, with the settings for your practitioner, to keep or to bring to your appointment.' }),
    button,
    status,
  );
}
