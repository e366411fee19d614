// The JSON body parser of every JSON route (application/json and application/merge-patch+json).
// - An empty body is no body. Many HTTP clients send "Content-Type: application/json" on every request,
//   a DELETE included: that was refused as "Body cannot be empty" (400); the route's own schema now says
//   whether it needed a body.
// - A "__proto__" key, or "constructor" holding "prototype", is refused (as fastify's own parser does,
//   against prototype poisoning when objects are merged), but says so: it read "Body is not valid JSON".
// - A body that does not parse is told where, never quoted (V8 quotes it: it may hold a key).
import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.js';

export function parseJsonBody(_request: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  let text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark, as fastify's own parser allows
  if (text.trim() === '') return done(null, undefined);
  let forbidden: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__' || (key === 'constructor' && v !== null && typeof v === 'object' && Object.hasOwn(v, 'prototype'))) forbidden ??= key;
      return v;
    });
  } catch (err) {
    // where, not what: V8's message quotes the body, which may hold a client reference or a key
    const at = /position (\d+)/.exec((err as Error).message)?.[1] ?? '0';
    return done(new Problem(400, 'invalid-json', 'Body is not valid JSON', `the body sent as JSON does not parse (at character ${at})`));
  }
  if (forbidden) return done(new Problem(400, 'invalid-json', 'Forbidden key in JSON', `the body holds a "${forbidden}" key, which no field has and which is refused (it could change the prototype of objects merged from it)`));
  done(null, value);
}
