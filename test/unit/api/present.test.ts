// The API's representation of a stored record.
import { describe, expect, it } from 'vitest';
import { presentConsultation } from '../../../src/api/present.js';
import type { StoredRecord } from '../../../src/store/store.js';

const record = (result: Record<string, unknown>): StoredRecord => ({
  id: 'c1',
  kind: 'consultation',
  clinicId: 'k',
  status: 'completed',
  createdAt: '2026-11-24T07:24:57.118Z',
  updatedAt: '2026-11-24T07:24:58.000Z',
  input: {},
  createdBy: 'key:smp_x',
  clientRef: null,
  result,
  error: null,
});

describe('presentConsultation', () => {
  it('shows the dots already tattooed of the stored plan input as their count and sessions, not 100,000 coordinates', () => {
    const n = 100_000;
    const existingDots = { x: Array.from({ length: n }, (_, i) => i % 640), y: Array.from({ length: n }, (_, i) => i % 480), session: Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0)) };
    const shown = presentConsultation(record({ plan: { totalDots: 5 }, planRequest: { photoIndex: 0, seed: 7, existingDots } }), []);
    expect(shown.planRequest).toEqual({ photoIndex: 0, seed: 7, existingDots: { count: n, sessions: [0, 1] } });
    expect(JSON.stringify(shown).length).toBeLessThan(1000);
    // what is stored is left as it was (a plan edit reads it)
    expect(existingDots.x).toHaveLength(n);
  });

  it('leaves a plan input without existing dots, and a record without one, as they are', () => {
    expect(presentConsultation(record({ planRequest: { photoIndex: 1 } }), []).planRequest).toEqual({ photoIndex: 1 });
    expect(presentConsultation(record({ planRequest: null }), []).planRequest).toBeNull();
    expect('planRequest' in presentConsultation(record({}), [])).toBe(false);
  });
});
