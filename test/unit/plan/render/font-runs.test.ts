import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontRuns, missingCount } from '../../../../src/plan/render/font-runs.js';
import { fallbackFontPath, fontCoverage, reportFontPath } from '../../../../src/plan/render/fonts.js';

// A primary font with ASCII only, a fallback with the CJK ideographs and Hangul syllables.
const ascii = (cp: number) => cp >= 0x20 && cp < 0x7f;
const cjk = (cp: number) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3);

describe('fontRuns', () => {
  it('splits a text into runs by the font that has its characters, merging neighbours', () => {
    expect(fontRuns('Client 山田太郎 (Yamada)', ascii, cjk)).toEqual([
      { text: 'Client ', font: 'primary' },
      { text: '山田太郎', font: 'fallback' },
      { text: ' (Yamada)', font: 'primary' },
    ]);
    // a space between two fallback words is the primary font's, as any character it has
    expect(fontRuns('김 민수', ascii, cjk).map((r) => r.font)).toEqual(['fallback', 'primary', 'fallback']);
  });

  it('marks what neither font has as missing, and counts code points, not UTF-16 units', () => {
    const runs = fontRuns('a😀é中', ascii, cjk);
    expect(runs).toEqual([
      { text: 'a', font: 'primary' },
      { text: '😀é', font: 'missing' },
      { text: '中', font: 'fallback' },
    ]);
    expect(missingCount(runs)).toBe(2);
    expect(missingCount(fontRuns('山田', ascii, null))).toBe(2); // no fallback font: all missing
  });

  it('keeps line breaks with the primary font, and gives no run for an empty text', () => {
    expect(fontRuns('a\n中', () => false, cjk)).toEqual([
      { text: 'a', font: 'missing' },
      { text: '\n', font: 'primary' },
      { text: '中', font: 'fallback' },
    ]);
    expect(fontRuns('', ascii, cjk)).toEqual([]);
    expect(() => fontRuns(undefined as unknown as string, ascii, cjk)).toThrow(/text must be a string, got undefined/);
  });
});

describe('the report fonts', () => {
  it('DejaVu Sans has Latin, Greek, Cyrillic and the arrows, but no CJK (hence the fallback)', () => {
    const has = fontCoverage(reportFontPath('regular'));
    for (const ch of 'AzéŁΔЖ→≥±°²·') expect(has(ch.codePointAt(0)!), ch).toBe(true);
    for (const ch of '中あ한') expect(has(ch.codePointAt(0)!), ch).toBe(false);
  });

  it('takes the fallback font from SMP_REPORT_FALLBACK_FONT, refuses a missing file, a collection or a file that is no font, and none turns it off', () => {
    expect(fallbackFontPath({ SMP_REPORT_FALLBACK_FONT: 'none' })).toBeNull();
    expect(() => fallbackFontPath({ SMP_REPORT_FALLBACK_FONT: '/nowhere/font.ttf' })).toThrow('SMP_REPORT_FALLBACK_FONT: no font file at /nowhere/font.ttf');
    const dir = mkdtempSync(join(tmpdir(), 'font-'));
    try {
      writeFileSync(join(dir, 'notes.txt'), 'not a font');
      writeFileSync(join(dir, 'fonts.ttc'), 'ttcf');
      expect(() => fallbackFontPath({ SMP_REPORT_FALLBACK_FONT: join(dir, 'notes.txt') })).toThrow(/^SMP_REPORT_FALLBACK_FONT: .*notes\.txt is not a font that can be read/);
      expect(() => fallbackFontPath({ SMP_REPORT_FALLBACK_FONT: join(dir, 'fonts.ttc') })).toThrow(/is a font collection; give one \.ttf or \.otf font/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const dejavu = reportFontPath('bold');
    expect(fallbackFontPath({ SMP_REPORT_FALLBACK_FONT: ` ${dejavu} ` })).toBe(dejavu);
  });

  it('finds Debian\'s Droid Sans Fallback when it is installed, with Chinese, Japanese and Korean', (ctx) => {
    const path = fallbackFontPath({});
    if (!path) {
      console.warn('no CJK fallback font (apt-get install fonts-droid-fallback): not checked');
      return ctx.skip();
    }
    const has = fontCoverage(path);
    for (const ch of '中あア한') expect(has(ch.codePointAt(0)!), ch).toBe(true);
  });
});
