import { describe, expect, it } from 'vitest';
import { durationText } from '../../../src/api/duration.js';

describe('durationText', () => {
  it('says a limit under a second in ms, a short one to a tenth, a long one in whole seconds', () => {
    expect(durationText(400)).toBe('400 ms');
    expect(durationText(1)).toBe('1 ms');
    expect(durationText(1500)).toBe('1.5 s');
    expect(durationText(2000)).toBe('2 s');
    expect(durationText(120_000)).toBe('120 s');
    expect(durationText(12_345)).toBe('12 s');
    // at the edges: no "1000 ms", no "10.0 s"
    expect(durationText(999.6)).toBe('1 s');
    expect(durationText(9960)).toBe('10 s');
    expect(durationText(1040)).toBe('1 s');
  });
});
