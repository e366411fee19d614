// The JSON body parser's nesting check.
import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../../src/api/json-body.js';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets in strings (escaped quotes included)', () => {
    expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(nestsDeeperThan('["[[[[", "\\"[[[[", "\\\\"]', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\", [[]]]', 2)).toBe(true);
  });
});
