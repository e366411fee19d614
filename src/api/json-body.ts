// The JSON body parser of every JSON route (application/json and application/merge-patch+json).
// - An empty body is no body. Many HTTP clients send "Content-Type: application/json" on every request,
//   a DELETE included: that was refused as "Body cannot be empty" (400); the route's own schema now says
//   whether it needed a body.
// - A "__proto__" key, or "constructor" holding "prototype", is refused (as fastify's own parser does,
//   against prototype poisoning when objects are merged), but says so: it read "Body is not valid JSON".
// - A body that does not parse is told where, never quoted (V8 quotes it: it may hold a key).
import type { FastifyRequest } from 'fastify';
import { Problem } from './problem.js';

/**
 * How deep a body's arrays and objects may nest. No field of the API nests deeper than a few levels (a
 * clinic's whole settings: 6); 20,000 levels overflowed the parser's key check (a stack overflow,
 * answered as "not valid JSON (at character 0)").
 */
export const MAX_JSON_DEPTH = 64;

/** Whether the JSON text nests arrays and objects deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const tooDeep = () =>
  new Problem(400, 'invalid-json', 'JSON nested too deeply', `the body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; no field of this API nests nearly that deep`);

export function parseJsonBody(_request: FastifyRequest, body: string | Buffer, done: (err: Error | null, value?: unknown) => void): void {
  let text = typeof body === 'string' ? body : body.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark, as fastify's own parser allows
  if (text.trim() === '') return done(null, undefined);
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return done(tooDeep());
  let forbidden: string | null = null;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (key === '__proto__' || (key === 'constructor' && v !== null && typeof v === 'object' && Object.hasOwn(v, 'prototype'))) forbidden ??= key;
      return v;
    });
  } catch (err) {
    if (err instanceof RangeError) return done(tooDeep()); // the stack ran out all the same
    // where, not what: V8's message quotes the body, which may hold a client reference or a key. Only "end
    // of JSON input" (and a string open at the end) means the body stopped short ('{"seed":'); an
    // unexpected token ('hello', '[1,]') comes with no position on Node 20, and is not called short.
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const short = /end of JSON input/i.test(message) || (position !== undefined && Number(position) >= text.length);
    const detail = short
      ? `the body ends before the JSON is complete (after ${text.length} characters: a value is missing, or a brace, bracket or string is not closed)`
      : position !== undefined
        ? `the body sent as JSON does not parse (at character ${position})`
        : 'the body sent as JSON does not parse (an unexpected character: check that it is JSON, not text or a form)';
    return done(new Problem(400, 'invalid-json', 'Body is not valid JSON', detail));
  }
  if (forbidden) return done(new Problem(400, 'invalid-json', 'Forbidden key in JSON', `the body holds a "${forbidden}" key, which no field has and which is refused (it could change the prototype of objects merged from it)`));
  done(null, value);
}
