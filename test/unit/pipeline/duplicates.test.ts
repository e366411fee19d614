// A photo sent twice in one consultation counts once: its later copies are refused with the photo they copy.
import { describe, expect, it } from 'vitest';
import { copyCheck, earlierCopies } from '../../../src/pipeline/duplicates.js';

describe('earlierCopies', () => {
  it('points each later copy at the first photo with the same bytes', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([1, 2, 4]);
    expect(earlierCopies([a, b, Uint8Array.from(a), b, new Uint8Array([1, 2, 3, 0])])).toEqual([-1, -1, 0, 1, -1]);
    expect(earlierCopies([])).toEqual([]);
  });
});

describe('copyCheck', () => {
  it('refuses the copy, naming the photo it copies and, under another view, that it cannot show that view', () => {
    expect(copyCheck({ view: 'front' }, { index: 0, view: 'top' })).toEqual({
      id: 'duplicate',
      severity: 'error',
      value: 1,
      message: 'the same photo as photo 1 (top): it counts once and cannot show the front view too; send a photo of its own',
    });
    expect(copyCheck({ view: 'auto' as never }, { index: 2, view: 'auto' as never }).message).toBe('the same photo as photo 3 (auto): it counts once; send a photo of its own');
  });
});
