import { describe, expect, it } from 'vitest';
import { webModule } from './load.js';

interface Msg {
  level: 'error' | 'warning' | 'ok';
  text: string;
}
interface ChecksModule {
  MAX_FILE_BYTES: number;
  MIN_SIDE: number;
  GOOD_SIDE: number;
  claimedFormat(name: string, type: string): string | null;
  formatBytes(n: number): string;
  checkFile(f: { name: string; type: string; size: number }): Msg[];
  checkDimensions(w: number, h: number, maxPixels?: number): Msg[];
}

const c = await webModule<ChecksModule>('checks.js');

describe('photo checks before upload', () => {
  it('uses the same limits as the service', async () => {
    const { intakeLimits } = await import('../../../src/vision/intake/limits.js');
    const { QUALITY_THRESHOLDS } = await import('../../../src/vision/quality/thresholds.js');
    const saved = process.env.SMP_MAX_FILE_BYTES;
    delete process.env.SMP_MAX_FILE_BYTES;
    try {
      expect(c.MAX_FILE_BYTES).toBe(intakeLimits().maxFileBytes);
    } finally {
      if (saved !== undefined) process.env.SMP_MAX_FILE_BYTES = saved;
    }
    expect(c.MIN_SIDE).toBe(QUALITY_THRESHOLDS.minSide.error);
    expect(c.GOOD_SIDE).toBe(QUALITY_THRESHOLDS.minSide.warning);
  });

  it('knows a photo by its MIME type, or by its extension when the browser gives none', () => {
    expect(c.claimedFormat('a.bin', 'image/jpeg')).toBe('jpeg');
    expect(c.claimedFormat('IMG_0001.HEIC', '')).toBe('heic');
    expect(c.claimedFormat('scan.pdf', 'application/pdf')).toBeNull();
    expect(c.claimedFormat('photo.gif', 'image/gif')).toBeNull();
    expect(c.claimedFormat('noext', '')).toBeNull();
  });

  it('refuses other files, empty files and files over the limit, with a reason', () => {
    expect(c.checkFile({ name: 'a.jpg', type: 'image/jpeg', size: 3_000_000 })).toEqual([]);
    expect(c.checkFile({ name: 'notes.txt', type: 'text/plain', size: 20 })[0].text).toContain('is not a photo we can read');
    expect(c.checkFile({ name: 'a.jpg', type: 'image/jpeg', size: 0 })[0].text).toContain('is empty');
    const big = c.checkFile({ name: 'a.jpg', type: 'image/jpeg', size: c.MAX_FILE_BYTES + 1 });
    expect(big[0].level).toBe('error');
    expect(big[0].text).toContain('25.0 MB');
    expect(c.checkFile({ name: 'a.jpg', type: 'image/jpeg', size: c.MAX_FILE_BYTES })).toEqual([]);
    expect(() => c.checkFile(null as never)).toThrow(/expected a File/);
  });

  it('refuses photos too small to judge and warns about small ones', () => {
    expect(c.checkDimensions(4032, 3024)).toEqual([]);
    expect(c.checkDimensions(640, 640)).toEqual([]);
    expect(c.checkDimensions(480, 640)[0].level).toBe('warning');
    expect(c.checkDimensions(319, 1000)[0].level).toBe('error');
    expect(() => c.checkDimensions(0, 10)).toThrow(RangeError);
  });

  it('says by how much a photo is over the pixel limit, never that it is as large as the limit', () => {
    expect(c.checkDimensions(9000, 7000, 50e6)[0].text).toMatch(/^This photo is 9000×7000 pixels \(63 MP\), more than the 50 MP we can take/);
    // a 50 MP sensor's full size is a little over 50,000,000 pixels
    expect(c.checkDimensions(8192, 6144, 50e6)[0].text).toMatch(/\(50\.3 MP\), more than the 50 MP we can take/);
    expect(c.checkDimensions(8000, 6000, 50e6)).toEqual([]); // 48 MP is under the limit
  });

  it('writes sizes as people read them', () => {
    expect([c.formatBytes(512), c.formatBytes(2048), c.formatBytes(3.45 * 1024 * 1024)]).toEqual(['512 bytes', '2 KB', '3.5 MB']);
  });
});

interface PreCheckModule {
  checkCopySize(w: number, h: number): { width: number; height: number };
  qualityMessages(q: unknown): Msg[];
  addedMessage(checked: boolean): Msg;
}

describe('quality pre-check copy', async () => {
  const p = await webModule<PreCheckModule>('checks.js');
  it('scales to about the service analysis size, keeping the short side at 640 and never enlarging', () => {
    expect(p.checkCopySize(4032, 3024)).toEqual({ width: 1024, height: 768 });
    expect(p.checkCopySize(4032, 2268)).toEqual({ width: 1138, height: 640 });
    expect(p.checkCopySize(3024, 4032)).toEqual({ width: 768, height: 1024 });
    expect(p.checkCopySize(640, 640)).toEqual({ width: 640, height: 640 });
    expect(p.checkCopySize(500, 400)).toEqual({ width: 500, height: 400 });
  });

  it("keeps only the service's errors, without its resolution check", () => {
    const msgs = p.qualityMessages({
      checks: [
        { id: 'resolution', severity: 'error', message: 'the photo is only 300x300 pixels' },
        { id: 'blur', severity: 'warning', message: 'the photo is a little soft' },
        { id: 'exposure', severity: 'error', message: 'the photo is too dark; turn on the room lights' },
        { id: 'colour-cast', severity: 'ok', message: 'no strong colour cast' },
      ],
    });
    expect(msgs).toEqual([{ level: 'error', text: 'Please retake: the photo is too dark; turn on the room lights.' }]);
    expect(p.qualityMessages(undefined)).toEqual([]);
  });

  it('does not call a sharp photo blurred because it is dark', () => {
    // The review's darkened back photo: its pre-check copy failed exposure and, through the low contrast, blur.
    const dark = 'the photo is too dark; turn on the room lights or face a window, without using the flash';
    const blurred = 'the photo is blurred; hold the phone still, tap the scalp on screen to focus, and take it again in good light';
    const msgs = p.qualityMessages({
      checks: [
        { id: 'blur', severity: 'error', value: 3.1, message: blurred },
        { id: 'exposure', severity: 'error', value: 21, message: dark },
      ],
    });
    expect(msgs).toEqual([{ level: 'error', text: `Please retake: ${dark}.` }]);
    // In good light a blurred photo is still called blurred.
    expect(p.qualityMessages({ checks: [{ id: 'blur', severity: 'error', value: 3.1, message: blurred }] })).toEqual([{ level: 'error', text: `Please retake: ${blurred}.` }]);
  });

  it('never reads as "the photo is good" when only light and sharpness were checked', () => {
    // A photo of a wall passes the check before sending: whether it shows the head is judged when it is sent.
    const checked = p.addedMessage(true);
    expect(checked.level).toBe('ok');
    expect(checked.text).toContain('Light and sharpness look fine');
    expect(checked.text).toContain('whether it shows your head as asked is checked when you send it');
    expect(checked.text).not.toMatch(/^Checked/);
    expect(p.addedMessage(false).text).toContain('checked when you send it');
    // The pixel size is said only where it is the problem (checkDimensions).
    for (const m of [p.addedMessage(true), p.addedMessage(false)]) expect(m.text).not.toMatch(/\d+×\d+/);
  });
});

describe('incomplete JPEG files', async () => {
  const j = await webModule<{
    jpegLooksComplete(head: Uint8Array, tail: Uint8Array): boolean;
    checkFileBytes(file: Blob): Promise<Msg[]>;
  }>('checks.js');
  const { texturedJpeg } = await import('../../helpers/images.js');
  const whole = new Uint8Array(await texturedJpeg(200, 150));

  it('finds the end-of-image marker, also before padding', () => {
    expect(j.jpegLooksComplete(whole.subarray(0, 2), whole.subarray(-100))).toBe(true);
    const padded = new Uint8Array([...whole, 0, 0, 0, 0]);
    expect(j.jpegLooksComplete(padded.subarray(0, 2), padded.subarray(-100))).toBe(true);
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    expect(j.jpegLooksComplete(cut.subarray(0, 2), cut.subarray(-100))).toBe(false);
    // Not a JPEG: this check has nothing to say.
    expect(j.jpegLooksComplete(new Uint8Array([0x89, 0x50]), new Uint8Array([1, 2]))).toBe(true);
  });

  it('reads a file (Blob) and says a cut-short photo must be taken again', async () => {
    expect(await j.checkFileBytes(new Blob([whole]))).toEqual([]);
    const msgs = await j.checkFileBytes(new Blob([whole.subarray(0, 900)]));
    expect(msgs[0].level).toBe('error');
    expect(msgs[0].text).toContain('incomplete');
  });
});
