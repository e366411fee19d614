// Bearer auth on /v1: a clinic API key (stored hashed) or a short-lived upload token minted by a clinic.
// Every request that passes gets `request.clinic`; every read and write is scoped to it.
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { envInt } from '../../env.js';
import type { FastifyRequest } from 'fastify';
import { hashKey, KEY_PREFIX } from '../auth/keys.js';
import { TOKEN_PREFIX, verifyUploadToken } from '../auth/tokens.js';
import { Problem } from '../problem.js';
import type { KeyScope, Store } from '../../store/store.js';

export interface ClinicContext {
  id: string;
  /** Who acts: "key:<prefix>", "upload-token:<token id>" or "local". Records remember who created them. */
  actor: string;
  kind: 'key' | 'upload-token' | 'local';
  /** The clinic key acting, or the one that minted the upload token (tokens minted before keys were recorded have none). */
  keyId?: string;
  /** The upload token acting (its jti), for upload tokens. */
  tokenId?: string;
  /** An upload token minted for one client: what it creates belongs to that client. */
  clientRef?: string;
  /** A clinic key's scope (store.ts KeyScope); absent for upload tokens and the local clinic. */
  scope?: KeyScope;
}

/** A key's last use is written at most this often, so a busy key does not write on every request. */
export const KEY_USE_RESOLUTION_MS = 60_000;

export const LOCAL_CLINIC_ID = 'local';

/**
 * The clinic every request acts as while SMP_AUTH=off, as a row like any clinic's: its settings, access log
 * and retention live on it (without the row, settings were answered 200 and never stored, and no access was
 * logged). Named "local" unless a clinic made with a key already has that name.
 */
export async function ensureLocalClinic(store: Store): Promise<void> {
  if (await store.getClinic(LOCAL_CLINIC_ID)) return;
  const name = (await store.getClinicByName('local')) ? 'local (SMP_AUTH=off)' : 'local';
  await store.createClinic(name, LOCAL_CLINIC_ID);
}

/**
 * Whether the caller may see a record: a clinic key sees all of its clinic's records, an upload token
 * only those it created itself (it is in the hands of a member of the public).
 */
export function maySee(clinic: ClinicContext, createdBy: string | null): boolean {
  return clinic.kind !== 'upload-token' || createdBy === clinic.actor;
}

/**
 * Whether a request is for the API under /v1: by the URL as sent, or by the route it matched (the router
 * decodes "/%761/..." and routes an absolute-form target "http://host/v1/...", neither of which starts
 * with "/v1/" as sent). Auth and the rate limit both go by this, so no spelling of a path skips either.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/v1/') || request.routeOptions.url?.startsWith('/v1/') === true;
}

/** 401 for credentials that do not (or no longer) authenticate, saying why. */
export function invalidCredentials(detail: string): Problem {
  return new Problem(401, 'unauthorized', 'Invalid credentials', detail, {}, {
    'www-authenticate': 'Bearer realm="smp", error="invalid_token"',
  });
}

/**
 * The answer to a request whose clinic was deleted (DELETE /v1/clinic) after its credentials were checked:
 * what a moment later would have answered, and nothing of it kept.
 */
export function clinicDeleted(during: string): Problem {
  return invalidCredentials(`the clinic was deleted while ${during}; nothing of it was kept`);
}

/**
 * A write that belongs to the clinic (a new key, an upload token): when the store refuses it because
 * DELETE /v1/clinic ran after the credentials were checked, the answer is clinicDeleted's, not a 500.
 */
export async function unlessClinicDeleted<T>(store: Store, clinicId: string, during: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (!(await store.getClinic(clinicId))) throw clinicDeleted(during);
    throw err;
  }
}

/** Refuses callers holding only an upload token; the auth hook applies it to every route not marked config.uploadToken. */
export function requireKey(request: FastifyRequest): void {
  if (request.clinic.kind === 'upload-token') {
    throw new Problem(403, 'forbidden', 'Clinic key required', 'upload tokens can create and read their own consultations only; use the clinic API key');
  }
}

/**
 * The clinic's account itself (its keys, settings, webhook, DELETE /v1/clinic) needs an admin key: a
 * standard key, e.g. the one in the practice software, could otherwise mint itself a fresh key before it was
 * revoked, or erase every record of the clinic.
 */
export function requireAdminKey(request: FastifyRequest): void {
  requireKey(request);
  if (request.clinic.kind === 'key' && request.clinic.scope !== 'admin') {
    throw new Problem(403, 'admin-key-required', 'Admin key required', `a standard key cannot change the clinic's keys, settings or webhook, or delete the clinic (${request.method} ${request.url.split('?')[0]}); use an admin key`);
  }
}

/**
 * The client a new record belongs to: the one the upload token was minted for, else the clientRef the
 * clinic key sent. A token cannot name one itself (the page is in a member of the public's hands).
 */
export function clientRefFor(clinic: ClinicContext, sent: string | undefined): string | undefined {
  if (clinic.kind !== 'upload-token') return sent;
  if (sent !== undefined) {
    throw new Problem(403, 'client-ref-from-token', 'clientRef is set by the clinic', 'an upload token carries the client reference the clinic minted it for; leave the clientRef field out', { field: 'clientRef' });
  }
  return clinic.clientRef;
}

declare module 'fastify' {
  interface FastifyRequest {
    clinic: ClinicContext;
  }
  interface FastifyContextConfig {
    /** An upload token (the public page's) may call this route; every other route needs a clinic key. */
    uploadToken?: boolean;
  }
}

export default fp(
  async (app) => {
    app.decorateRequest('clinic', null as unknown as ClinicContext);
    // Credentials that fail, counted per address over a minute: past the limit the address is refused (429)
    // before anything is looked up, so keys and tokens cannot be tried at the rate the service answers.
    const maxFailures = envInt('SMP_AUTH_FAILURES_PER_MIN', 30, 0); // 0: off
    const failures = new LRUCache<string, number>({ max: 10_000, ttl: 60_000 });
    app.addHook('onRequest', async (request) => {
      if (!isApiRequest(request)) return;
      const failed = failures.get(request.ip) ?? 0;
      if (maxFailures > 0 && failed >= maxFailures) {
        const retryAfter = Math.max(1, Math.ceil(failures.getRemainingTTL(request.ip) / 1000));
        throw new Problem(429, 'too-many-failed-credentials', 'Too many failed credentials', `this address sent ${failed} keys or tokens that were not valid within a minute; retry in ${retryAfter} s`, {}, {
          'retry-after': String(retryAfter),
        });
      }
      try {
        request.clinic = await authenticate(request);
      } catch (err) {
        // A credential that was sent and is wrong, not one left out (a page or probe without a key).
        if (maxFailures > 0 && err instanceof Problem && err.status === 401 && request.headers.authorization) {
          failures.set(request.ip, failed + 1, { noUpdateTTL: failed > 0 });
        }
        throw err;
      }
      // Tokens are refused before the body is read or validated: a token sent to a key-only route with
      // no body or a bad one had been told about the body (400), not that it may not call the route (403).
      if (request.routeOptions.url !== undefined && !request.routeOptions.config?.uploadToken) requireKey(request);
    });

    async function authenticate(request: FastifyRequest): Promise<ClinicContext> {
      if (!app.settings.auth) return { id: LOCAL_CLINIC_ID, actor: 'local', kind: 'local' };
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) {
        throw new Problem(401, 'unauthorized', 'Authentication required', 'send "Authorization: Bearer <clinic key or upload token>"', {}, {
          'www-authenticate': 'Bearer realm="smp"',
        });
      }
      const credential = match[1];
      if (credential.startsWith(KEY_PREFIX)) {
        const key = await app.store.findApiKeyByHash(hashKey(credential));
        if (key) {
          const now = Date.now();
          if (!key.lastUsedAt || now - Date.parse(key.lastUsedAt) >= KEY_USE_RESOLUTION_MS) await app.store.touchApiKey(key.id, new Date(now).toISOString());
          return { id: key.clinicId, actor: `key:${key.prefix}`, kind: 'key', keyId: key.id, scope: key.scope };
        }
      } else if (credential.startsWith(TOKEN_PREFIX)) {
        const claims = verifyUploadToken(app.tokenSecret, credential);
        // A token minted while auth was off (the local clinic's, by no key) is nothing with auth on.
        const mintedWithAuthOff = claims?.clinicId === LOCAL_CLINIC_ID && !claims.keyId;
        // Every token has its row from the moment it is minted: one without (its client erased, its
        // clinic deleted) is nothing. The row also names the client, which the link does not carry.
        const minted = claims && !mintedWithAuthOff ? await app.store.getUploadToken(claims.clinicId, claims.jti) : null;
        if (
          claims &&
          minted &&
          !minted.revokedAt &&
          (await app.store.getClinic(claims.clinicId)) &&
          (await mintingKeyActive(claims.clinicId, claims.keyId))
        ) {
          return {
            id: claims.clinicId,
            actor: `upload-token:${claims.jti}`,
            kind: 'upload-token',
            tokenId: claims.jti,
            ...(claims.keyId ? { keyId: claims.keyId } : {}),
            ...(minted.clientRef ? { clientRef: minted.clientRef } : {}),
          };
        }
      }
      throw invalidCredentials('the key or upload token is unknown, revoked or expired');
    }

    /** A token dies with the key that minted it. */
    async function mintingKeyActive(clinicId: string, keyId: string | undefined): Promise<boolean> {
      if (!keyId) return true;
      const key = await app.store.getApiKey(clinicId, keyId);
      return key !== null && key.revokedAt === null;
    }
  },
  { name: 'auth', dependencies: ['services'] },
);
