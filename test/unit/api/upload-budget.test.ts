import { describe, expect, it } from 'vitest';
import { UploadBudget } from '../../../src/api/upload-budget.js';

describe('UploadBudget', () => {
  it('admits uploads while their sizes fit, and again once one is released', () => {
    const b = new UploadBudget(100);
    const first = b.reserve(60)!;
    expect(first).toBeTypeOf('function');
    expect(b.reserve(50)).toBeNull(); // 110 > 100
    const second = b.reserve(40)!;
    expect(b.inFlightBytes).toBe(100);
    first();
    first(); // a second release changes nothing
    expect(b.inFlightBytes).toBe(40);
    expect(b.reserve(60)).not.toBeNull();
    second();
  });

  it('lets an upload larger than the whole budget run, but only alone', () => {
    const b = new UploadBudget(100);
    const big = b.reserve(500)!;
    expect(b.inFlightBytes).toBe(100);
    expect(b.reserve(1)).toBeNull();
    big();
    const small = b.reserve(1)!;
    expect(b.reserve(500)).toBeNull(); // does not fit beside the small one
    small();
    expect(b.inFlightBytes).toBe(0);
  });

  it('refuses nonsense sizes and capacities', () => {
    expect(() => new UploadBudget(0)).toThrow(/capacityBytes/);
    expect(() => new UploadBudget(1.5)).toThrow(/capacityBytes/);
    expect(() => new UploadBudget(10).reserve(Number.NaN)).toThrow(/bytes/);
    expect(() => new UploadBudget(10).reserve(-1)).toThrow(/bytes/);
  });
});
