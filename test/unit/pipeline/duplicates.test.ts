// A photo sent twice in one consultation counts once: its later copies are refused with the photo they copy.
import { describe, expect, it } from 'vitest';
import { copyCheck, keptCopies } from '../../../src/pipeline/duplicates.js';

describe('keptCopies', () => {
  it('points each copy at the photo kept in its place: the first the gate passed, else the first', () => {
    const a = new Uint8Array([1, 2, 3]);
    const b = new Uint8Array([1, 2, 4]);
    const photos = [a, b, Uint8Array.from(a), b, new Uint8Array([1, 2, 3, 0])];
    expect(keptCopies(photos, [true, true, true, true, true])).toEqual([-1, -1, 0, 1, -1]);
    // the first copy of a refused (a back photo sent as front): the later one the gate passed is kept
    expect(keptCopies(photos, [false, true, true, true, true])).toEqual([2, -1, -1, 1, -1]);
    expect(keptCopies(photos, [false, false, false, false, true])).toEqual([-1, -1, 0, 1, -1]);
    expect(keptCopies([], [])).toEqual([]);
    expect(() => keptCopies(photos, [true])).toThrow(/1 gate verdicts for 5 photos/);
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
    expect(copyCheck({ view: 'top' }, { index: 2, view: 'top' }).message).toBe('the same photo as photo 3 (top): it counts once; send a photo of its own');
  });
});
