// The caption under each photo of report.pdf: how its view was known, and the view check's doubt, which
// the JSON carried but the paper did not (a front photo that may be a top view read "Photo (front)").
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoCaption, renderReportPdf } from '../../../../src/plan/render/report.js';

const check = (severity: string, message: string) => ({ quality: { checks: [{ id: 'head', severity: 'ok', message: 'a head is in the picture' }, { id: 'view', severity, message }] } });
const DOUBT = 'this may be a top view (87 %), not the front view it was sent as: check which view it is';

describe('photoCaption', () => {
  it('a given view as before; turned photos say so', () => {
    expect(photoCaption('front', 0, { viewSource: 'given', viewConfidence: 1, ...check('ok', 'the photo shows the view it was sent as') })).toEqual({ label: 'Photo (front)', warning: null });
    expect(photoCaption('top', 90)).toEqual({ label: 'Photo (top, shown turned 90° clockwise)', warning: null });
    expect(photoCaption(undefined, 0)).toEqual({ label: 'Photo', warning: null });
  });

  it('a view read by the service says so, and how sure', () => {
    expect(photoCaption('top', 0, { viewSource: 'classified', viewConfidence: 0.85 }).label).toBe('Photo (read as top, 85 %)');
    expect(photoCaption('closeup', 0, { viewSource: 'classified', viewConfidence: 0.98 }).label).toBe('Photo (read as close-up)');
  });

  it('a photo without a head claims no view (it had been captioned "Photo (back)")', () => {
    expect(photoCaption('back', 0, { viewSource: 'none', viewConfidence: 0, headFound: false }).label).toBe('Photo (no view read: no head found)');
  });

  it('carries the other checks that are not ok after the view\u2019s doubt (a colour cast bears on the skin tone read)', () => {
    const cast = { id: 'colour-cast', severity: 'warning', message: 'strong red cast' };
    const shown = { viewSource: 'given', quality: { checks: [{ id: 'head', severity: 'ok', message: 'a head is in the picture' }, cast, { id: 'view', severity: 'warning', message: DOUBT }] } };
    expect(photoCaption('front', 0, shown).warning).toBe(`View: ${DOUBT}; strong red cast`);
    expect(photoCaption('top', 0, { quality: { checks: [cast] } }).warning).toBe('strong red cast');
  });

  it('carries the view check when it doubts the view', () => {
    expect(photoCaption('front', 0, { viewSource: 'given', ...check('warning', DOUBT) })).toEqual({ label: 'Photo (front)', warning: `View: ${DOUBT}` });
    const unsure = 'read as a top view, only 41 % sure: if it is another view, send it again as that view';
    expect(photoCaption('top', 0, { viewSource: 'classified', viewConfidence: 0.41, ...check('warning', unsure) })).toEqual({ label: 'Photo (read as top, 41 %)', warning: `View: ${unsure}` });
  });
});

describe('report.pdf photo captions', () => {
  it('print the view check\'s doubt under the photo, and the next row below it', async (ctx) => {
    if (!existsSync('/usr/bin/pdftotext')) ctx.skip();
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#c08060' } }).jpeg().toBuffer();
    const pdf = await renderReportPdf({
      consultation: { photos: [{ view: 'front', viewSource: 'given', ...check('warning', DOUBT) }, { view: 'back', viewSource: 'none', viewConfidence: 0 }] },
      photos: [{ view: 'front', image: jpeg }, { view: 'back', image: jpeg }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'caption-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('/usr/bin/pdftotext', [join(dir, 'r.pdf'), '-']).toString();
      const flat = text.replace(/\s+/g, ' ');
      // numbered as warnings and reasons name photos ("Photo 2 may show ...")
      expect(flat).toContain('Photo 1 (front)');
      expect(flat).toContain('View: this may be a top view (87 %), not the front view it was sent as: check which view it is');
      expect(flat).toContain('Photo 2 (no view read: no head found)');
      expect(flat).not.toContain('(back)');
      // the warning ends before the second photo's caption starts (no overlap)
      expect(flat.indexOf('check which view it is')).toBeLessThan(flat.indexOf('Photo 2 (no view read'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
