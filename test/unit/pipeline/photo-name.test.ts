import { describe, expect, it } from 'vitest';
import { photoName } from '../../../src/pipeline/consultation.js';

describe('photoName (how consultation reasons name a photo)', () => {
  it('names the view that was given or read, and no view for a photo with no head', () => {
    expect(photoName({ index: 1, view: 'top', viewSource: 'given' })).toBe('photo 2 (top)');
    expect(photoName({ index: 0, view: 'left', viewSource: 'classified' })).toBe('photo 1 (left)');
    // sent as auto with no head: 'back' is a placeholder, not a view that was read
    expect(photoName({ index: 5, view: 'back', viewSource: 'none' })).toBe('photo 6');
  });
});
