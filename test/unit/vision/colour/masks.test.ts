import { describe, expect, it } from 'vitest';
import { dilate, erode } from '../../../../src/vision/colour/masks.js';

/** A mask from rows of '#' (set) and '.' (clear). */
function grid(rows: string[]): { m: Uint8Array; w: number; h: number } {
  const w = rows[0].length;
  return { m: Uint8Array.from(rows.join(''), (c) => (c === '#' ? 1 : 0)), w, h: rows.length };
}

function show(m: Uint8Array, w: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < m.length; i += w) out.push(Array.from(m.subarray(i, i + w), (v) => (v ? '#' : '.')).join(''));
  return out;
}

describe('erode / dilate (square windows, clipped at the borders)', () => {
  const { m, w, h } = grid([
    '####......', //
    '####......',
    '####..#...',
    '..........',
    '..........',
  ]);

  it('erodes by radius 1: only pixels whose whole clipped window is set survive', () => {
    expect(show(erode(m, w, h, 1), w)).toEqual([
      '###.......', // the corner's window is clipped at the border, so it survives
      '###.......',
      '..........',
      '..........',
      '..........',
    ]);
  });

  it('dilates by radius 1 and by radius 2', () => {
    expect(show(dilate(m, w, h, 1), w)).toEqual([
      '#####.....', //
      '########..',
      '########..',
      '########..',
      '..........',
    ]);
    expect(show(dilate(m, w, h, 2), w)).toEqual(['#########.', '#########.', '#########.', '#########.', '#########.']);
  });

  it('returns a copy for radius 0 and checks the mask size', () => {
    const e = erode(m, w, h, 0);
    expect(e).toEqual(m);
    expect(e).not.toBe(m);
    expect(() => dilate(m, w + 1, h, 1)).toThrow(/dilate: mask has 50 entries, expected 55/);
    expect(() => erode(m, w, h + 1, 1)).toThrow(/erode: mask has 50 entries, expected 60/);
  });
});
