// Talking to the service with the upload token the clinic's link carries. The page never holds a
// clinic key: the token (smpu_...) lets it create and read this clinic's consultations, nothing else.

import { personDetail } from './describe.js';

const TOKEN_KEY = 'smp-upload-token';

/**
 * The upload token from the link (?t=...). It is then kept for this tab only and taken out of the
 * address bar, so it does not end up in bookmarks, screenshots or shared links.
 */
export function readToken(location = window.location, storage = window.sessionStorage, history = window.history) {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('t');
  if (fromUrl) {
    try {
      storage.setItem(TOKEN_KEY, fromUrl);
      url.searchParams.delete('t');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    } catch {
      // Storage refused (private mode): keep the token in the address bar instead.
    }
    return fromUrl;
  }
  return tabValue(TOKEN_KEY).get(storage);
}

export function forgetToken(storage = window.sessionStorage) {
  tabValue(TOKEN_KEY).forget(storage);
}

const CONSULTATION_KEY = 'smp-consultation';

/**
 * The consultation this tab has sent and is waiting for or showing, kept for this tab only, so a reload
 * (or leaving and coming back) finds it again instead of losing it, and the photos are not sent twice.
 */
export function rememberConsultation(id, storage = window.sessionStorage) {
  tabValue(CONSULTATION_KEY).set(storage, id);
}

export function rememberedConsultation(storage = window.sessionStorage) {
  return tabValue(CONSULTATION_KEY).get(storage);
}

export function forgetConsultation(storage = window.sessionStorage) {
  tabValue(CONSULTATION_KEY).forget(storage);
}

/** One value kept for this tab; storage refused (private mode) reads as nothing kept, and a reload starts again. */
function tabValue(key) {
  return {
    get(storage) {
      try {
        return storage.getItem(key);
      } catch {
        return null;
      }
    },
    set(storage, value) {
      try {
        storage.setItem(key, value);
      } catch {
        /* not kept */
      }
    },
    forget(storage) {
      try {
        storage.removeItem(key);
      } catch {
        /* nothing kept */
      }
    },
  };
}

/** An error the service explained (application/problem+json): `detail` is written for a person. */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds = null) {
    super(personDetail(problem?.detail || problem?.title || `the service answered ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
    /** The service's Retry-After in seconds, where it sent one. */
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * The link's upload token no longer works (401: expired, revoked, or never valid). Nothing on the page
   * can succeed with it any more; it says nothing about the photos.
   */
  get linkEnded() {
    return this.status === 401;
  }

  /** The service (or the proxy before it) was busy or rate-limited: 429, 502, 503. */
  get busy() {
    return [429, 502, 503].includes(this.status);
  }

  /**
   * "Not now" rather than "no": the connection was lost (0), the service was busy, or a gateway timed out
   * (504). The same request may succeed a moment later; it says nothing about the photos.
   */
  get transient() {
    return this.status === 0 || this.status === 504 || this.busy;
  }
}

function parseProblem(status, text, retryAfter = null) {
  const seconds = /^\d+$/.test(String(retryAfter ?? '').trim()) ? Number(retryAfter) : null;
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') return new ApiError(status, body, seconds);
  } catch {
    /* not JSON */
  }
  return new ApiError(status, { title: `Error ${status}`, detail: status === 0 ? 'the connection was lost; check your internet connection and try again' : `the service answered ${status}` }, seconds);
}

/** fetch, with a lost connection as an ApiError (status 0) like every other failure. */
async function fetchOrLost(url, init) {
  try {
    return await fetch(url, init);
  } catch {
    throw parseProblem(0, '');
  }
}

/**
 * The Idempotency-Key for sending `form`: kept while the same photos and answers are sent again (a retry
 * after a lost connection), new as soon as anything changes.
 * @param {FormData} form
 * @param {{ signature: string, key: string } | null} previous
 */
export function submissionKey(form, previous, newKey = randomKey) {
  const signature = JSON.stringify(
    [...form.entries()].map(([name, v]) => [name, typeof v === 'string' ? v : [v.name, v.size, v.type, /** @type {File} */ (v).lastModified ?? 0]]),
  );
  return previous && previous.signature === signature ? previous : { signature, key: newKey() };
}

function randomKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID(); // secure contexts only
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Api {
  constructor(token, base = '') {
    if (!token) throw new Error('Api: an upload token is required');
    this.token = token;
    this.base = base;
  }

  headers(extra = {}) {
    return { authorization: `Bearer ${this.token}`, ...extra };
  }

  async getJson(path) {
    const res = await fetchOrLost(this.base + path, { headers: this.headers({ accept: 'application/json' }), cache: 'no-store' });
    const text = await res.text();
    if (!res.ok) throw parseProblem(res.status, text, res.headers.get('retry-after'));
    return JSON.parse(text);
  }

  /** A stored file (photo, overlay, preview, report) as a Blob: its URL needs the token too. */
  async getBlob(path) {
    const res = await fetchOrLost(this.base + path, { headers: this.headers() });
    if (!res.ok) throw parseProblem(res.status, await res.text(), res.headers.get('retry-after'));
    return res.blob();
  }

  /**
   * The service's limits for a photo ({ maxFileBytes, maxPixels }), asked when the page opens: it also
   * tells whether the link still works (an ApiError with linkEnded when not). Resolves null where this
   * service has no such route (older versions): the page then keeps the default limits.
   */
  async uploadLimits() {
    try {
      return await this.getJson('/v1/upload-limits');
    } catch (err) {
      if (err instanceof ApiError && (err.status === 404 || err.status === 405)) return null;
      throw err;
    }
  }

  /**
   * The service's quality gate for one photo, before the consultation is sent (POST /v1/photo-checks).
   * Resolves null where this service has no such check (older versions): the photo is then judged
   * only when the consultation is sent.
   */
  async checkPhoto(view, blob) {
    if (this.noPhotoChecks) return null;
    const form = new FormData();
    form.append(view, blob, `${view}.jpg`);
    const res = await fetchOrLost(`${this.base}/v1/photo-checks`, { method: 'POST', body: form, headers: this.headers({ accept: 'application/json' }) });
    if (res.status === 404 || res.status === 405) {
      this.noPhotoChecks = true; // asked once, not for every photo
      return null;
    }
    const text = await res.text();
    if (!res.ok) throw parseProblem(res.status, text, res.headers.get('retry-after'));
    return JSON.parse(text);
  }

  /**
   * Uploads a consultation and reports progress (0..1) while the bytes go out. Asks for the async
   * form, so a slow analysis never holds the connection open. `idempotencyKey`: the same for a retry of
   * the same photos, so an upload whose answer was lost is not analysed twice.
   * @returns {Promise<{ status: number, body: any, location: string | null }>}
   */
  upload(form, onProgress = () => {}, idempotencyKey = null) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.base}/v1/consultations?async=true`);
      xhr.setRequestHeader('authorization', `Bearer ${this.token}`);
      xhr.setRequestHeader('accept', 'application/json');
      if (idempotencyKey) xhr.setRequestHeader('idempotency-key', idempotencyKey);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      });
      xhr.upload.addEventListener('load', () => onProgress(1));
      xhr.addEventListener('load', () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve({ status: xhr.status, body: JSON.parse(xhr.responseText), location: xhr.getResponseHeader('location') });
          } catch {
            reject(new ApiError(xhr.status, { title: 'Unreadable answer', detail: 'the service sent an answer the page could not read; please try again' }));
          }
        } else {
          reject(parseProblem(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
        }
      });
      xhr.addEventListener('error', () => reject(parseProblem(0, '')));
      xhr.addEventListener('timeout', () => reject(new ApiError(0, { title: 'Timed out', detail: 'the upload took too long; check your connection and try again' })));
      xhr.send(form);
    });
  }

  /**
   * Polls a consultation until it is completed or failed. A poll the service answers busy or rate-limited,
   * or one lost with the connection, is tried again (after its Retry-After): the analysis goes on meanwhile.
   */
  async waitFor(id, { intervalMs = 1500, timeoutMs = 5 * 60_000, onTick = () => {} } = {}) {
    const started = Date.now();
    for (;;) {
      let c;
      try {
        c = await this.getJson(`/v1/consultations/${encodeURIComponent(id)}`);
      } catch (err) {
        if (!(err instanceof ApiError && err.transient) || Date.now() - started > timeoutMs) throw err;
        onTick(Date.now() - started);
        await new Promise((r) => setTimeout(r, Math.min(Math.max(intervalMs, (err.retryAfterSeconds ?? 0) * 1000), 30_000)));
        continue;
      }
      if (c.status === 'completed') return c;
      if (c.status === 'failed') {
        const detail = c.error?.detail ?? 'the analysis could not be completed';
        // A refused photo names its part ("photo 2, field "top" ..."); the sync answer has it as `field`.
        const field = c.error?.field ?? /^photo \d+, field "([a-z]+)"/.exec(detail)?.[1];
        throw new ApiError(422, { title: c.error?.title ?? 'Analysis failed', detail, field });
      }
      if (Date.now() - started > timeoutMs) {
        throw new ApiError(504, { title: 'Still analysing', detail: 'the analysis is taking unusually long; please try again in a few minutes' });
      }
      onTick(Date.now() - started);
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}
