// A clinic deleted in the middle of a request: the store's next call of `method` first lets
// DELETE /v1/clinic (made with `auth`) run to the end, then goes on, once.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Store } from '../../src/store/store.js';

type AsyncMethod = { [K in keyof Store]: Store[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof Store];

export function deleteClinicBefore(app: FastifyInstance, auth: Record<string, string>, method: AsyncMethod): void {
  const store = app.store as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = store[method];
  store[method] = async (...args: unknown[]) => {
    store[method] = original;
    expect((await app.inject({ method: 'DELETE', url: '/v1/clinic', headers: auth })).statusCode).toBe(204);
    return original.apply(app.store, args);
  };
}
