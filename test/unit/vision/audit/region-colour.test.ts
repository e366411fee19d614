import { describe, expect, it } from 'vitest';
import { regionColour } from '../../../../src/vision/audit/region-colour.js';
import type { LabPlanes } from '../../../../src/vision/audit/lab.js';

function planes(values: [number, number, number][]): LabPlanes {
  const n = values.length;
  return {
    width: n,
    height: 1,
    L: Float32Array.from(values, (v) => v[0]),
    a: Float32Array.from(values, (v) => v[1]),
    b: Float32Array.from(values, (v) => v[2]),
    computed: new Uint8Array(n).fill(1),
  };
}

describe('regionColour', () => {
  it('is the mean Lab of skin and dots together (the blended tone)', () => {
    const px: [number, number, number][] = [...Array(60).fill([70, 10, 15]), ...Array(40).fill([30, 4, 6])];
    const c = regionColour(planes(px), new Uint8Array(100).fill(1))!;
    expect(c.lab[0]).toBeCloseTo(54, 0);
    expect(c.lab[1]).toBeCloseTo(7.6, 0);
    expect(c.excluded).toBe(0);
  });
  it('leaves out washed-out specular highlights but keeps bright skin between dense dots', () => {
    const px: [number, number, number][] = [...Array(55).fill([30, 4, 6]), ...Array(40).fill([70, 10, 15]), ...Array(5).fill([97, 1, 1])];
    const c = regionColour(planes(px), new Uint8Array(100).fill(1))!;
    expect(c.excluded).toBe(5);
    expect(c.lab[0]).toBeCloseTo((55 * 30 + 40 * 70) / 95, 0);
  });
  it('returns null for an empty region', () => {
    expect(regionColour(planes([[50, 0, 0]]), new Uint8Array(1))).toBeNull();
  });
});
