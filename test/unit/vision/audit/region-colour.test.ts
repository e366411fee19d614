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
  // L* depends on luminance Y alone: Y = ((L + 16) / 116)^3 above L* 8, and the eye mixes light, so the
  // blend's L* is that of the mean Y (not the mean L*: 54 here, 4.9 too dark)
  const blendL = (parts: [number, number][]) => {
    const n = parts.reduce((s, [, k]) => s + k, 0);
    const y = parts.reduce((s, [L, k]) => s + k * ((L + 16) / 116) ** 3, 0) / n;
    return 116 * Math.cbrt(y) - 16;
  };
  it('is the light of skin and dots mixed (the blended tone), not the mean of their CIELAB', () => {
    const px: [number, number, number][] = [...Array(60).fill([70, 10, 15]), ...Array(40).fill([30, 4, 6])];
    const c = regionColour(planes(px), new Uint8Array(100).fill(1))!;
    expect(Math.abs(c.lab[0] - blendL([[70, 60], [30, 40]]))).toBeLessThan(0.2); // 58.9 (the conversion adapts D65 to D50)
    expect(c.lab[0]).toBeGreaterThan(58);
    expect(c.lab[1]).toBeGreaterThan(4);
    expect(c.lab[1]).toBeLessThan(10);
    expect(c.excluded).toBe(0);
  });
  it('leaves out washed-out specular highlights but keeps bright skin between dense dots', () => {
    const px: [number, number, number][] = [...Array(55).fill([30, 4, 6]), ...Array(40).fill([70, 10, 15]), ...Array(5).fill([97, 1, 1])];
    const c = regionColour(planes(px), new Uint8Array(100).fill(1))!;
    expect(c.excluded).toBe(5);
    expect(Math.abs(c.lab[0] - blendL([[30, 55], [70, 40]]))).toBeLessThan(0.2);
  });
  it('a few black dots on pale skin take away their share of the light, not their share of L*', () => {
    // the reviewer's case: dots in a pale scar, where a mean of CIELAB put the scar's colour 7 L* too dark
    // (and so, for a scar paler than the skin, as good as matched)
    const pale: [number, number, number] = [80, 14, 16];
    const px: [number, number, number][] = [...Array(13).fill(pale), ...Array(3).fill([7, 0, 0])];
    const c = regionColour(planes(px), new Uint8Array(16).fill(1), undefined, { trim: 0 })!;
    expect(Math.abs(c.lab[0] - blendL([[80, 13], [7, 3]]))).toBeLessThan(0.2); // 73.7
    expect(c.lab[0]).toBeGreaterThan((13 * 80 + 3 * 7) / 16 + 7); // the mean of L*, 66.3
  });
  it('returns null for an empty region', () => {
    expect(regionColour(planes([[50, 0, 0]]), new Uint8Array(1))).toBeNull();
  });
});
