import { afterEach, describe, expect, it } from 'vitest';
import { envInt } from '../../src/env.js';

describe('envInt', () => {
  afterEach(() => {
    delete process.env.SMP_TEST_INT;
  });

  it('gives the fallback when the variable is unset, empty or blank', () => {
    expect(envInt('SMP_TEST_INT', 7)).toBe(7);
    process.env.SMP_TEST_INT = '';
    expect(envInt('SMP_TEST_INT', 7)).toBe(7);
    process.env.SMP_TEST_INT = '  ';
    expect(envInt('SMP_TEST_INT', 7, 0)).toBe(7);
  });

  it('reads a whole number at or above the minimum', () => {
    process.env.SMP_TEST_INT = '12';
    expect(envInt('SMP_TEST_INT', 7)).toBe(12);
    process.env.SMP_TEST_INT = '0';
    expect(envInt('SMP_TEST_INT', 7, 0)).toBe(0);
  });

  it('refuses anything else, naming the variable and the value', () => {
    process.env.SMP_TEST_INT = '0';
    expect(() => envInt('SMP_TEST_INT', 7)).toThrow('SMP_TEST_INT must be an integer >= 1, got "0"');
    process.env.SMP_TEST_INT = '1.5';
    expect(() => envInt('SMP_TEST_INT', 7)).toThrow(/got "1.5"/);
    process.env.SMP_TEST_INT = 'ten';
    expect(() => envInt('SMP_TEST_INT', 7, 0)).toThrow(/SMP_TEST_INT must be an integer >= 0, got "ten"/);
  });
});
