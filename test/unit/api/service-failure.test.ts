import { describe, expect, it } from 'vitest';
import { isServiceFailure } from '../../../src/api/plugins/errors.js';
import { Problem } from '../../../src/api/problem.js';

describe('isServiceFailure', () => {
  it('is a bug or a full disk (logged as an error, sync and async alike), not a refusal or a busy service', () => {
    expect(isServiceFailure(new Problem(500, 'internal', 'Internal error', 'x'))).toBe(true);
    // an async analysis that ran out of disk was logged at info without its cause
    expect(isServiceFailure(new Problem(507, 'storage-full', 'Storage full', 'x'))).toBe(true);
    expect(isServiceFailure(new Problem(503, 'busy', 'Busy', 'x'))).toBe(false);
    expect(isServiceFailure(new Problem(422, 'corrupt-image', 'Corrupt image', 'x'))).toBe(false);
  });
});
