// The page's palette against WCAG 2.2 AA: 4.5:1 for text, 3:1 for focus rings and control borders.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { wcagContrast } from 'culori';
import { WEB_DIR } from './load.js';

const css = readFileSync(resolve(WEB_DIR, 'css/app.css'), 'utf8');
const root = /:root\s*{([^}]*)}/.exec(css)![1];
const palette = Object.fromEntries([...root.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1], m[2]]));

/** [foreground, background] pairs the stylesheet actually uses for text. */
const TEXT_PAIRS: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['primary', 'surface'],
  ['primary', 'bg'],
  ['primary', 'primary-soft'],
  ['on-primary', 'primary'],
  ['on-primary', 'primary-hover'],
  ['ok', 'surface'],
  ['warn', 'surface'],
  ['error', 'surface'],
  ['error', 'error-soft'],
  ['text', 'error-soft'],
  ['text', 'warn-soft'],
  ['muted', 'warn-soft'],
];
const UI_PAIRS: [string, string][] = [
  ['focus', 'bg'],
  ['focus', 'surface'],
  ['field-line', 'surface'],
  ['primary', 'surface'],
];

describe('palette contrast (WCAG AA)', () => {
  it('reads every colour it checks from the stylesheet', () => {
    for (const [a, b] of [...TEXT_PAIRS, ...UI_PAIRS]) {
      expect(palette[a], a).toMatch(/^#/);
      expect(palette[b], b).toMatch(/^#/);
    }
  });

  it.each(TEXT_PAIRS)('text %s on %s is at least 4.5:1', (fg, bg) => {
    expect(wcagContrast(palette[fg], palette[bg])).toBeGreaterThanOrEqual(4.5);
  });

  it.each(UI_PAIRS)('control colour %s on %s is at least 3:1', (fg, bg) => {
    expect(wcagContrast(palette[fg], palette[bg])).toBeGreaterThanOrEqual(3);
  });
});
