// `smp analyze` as outside tools call it (DESIGN.md §3): the real CLI process on real photos, its JSON
// fields and the files --out writes; a photo without a head; a view given twice; an --out that cannot be a
// folder. `smp audit` on a large
// synthetic pair: the polygon and scale in the photo's pixels, measured on the service's analysis copy.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORWOOD_STAGES } from '../../src/vision/norwood/types.js';
import { storedUprightTurn } from '../../src/pipeline/plan-photo.js';
import { monkShownField } from '../../src/vision/colour/monk.js';
import { BIN } from '../helpers/server.js';
import { HAS_SHARED, photoOf } from '../helpers/shared.js';
import { pdfText } from '../helpers/pdf-text.js';
import { stripPair } from '../helpers/audit-pair.js';
import type { RgbImage } from '../../src/vision/image.js';

const run = promisify(execFile);
const smp = (args: string[]) => run('node', [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20, env: { ...process.env, SMP_WORKERS: '1' } });
const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

describe.skipIf(!HAS_SHARED)('smp analyze', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smp-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the consultation JSON and writes the overlays, plan.svg, preview.png and report.pdf', async () => {
    const top = join(dir, 'top.jpg');
    const front = join(dir, 'front.jpg');
    writeFileSync(top, photoOf('top-down', 3).bytes);
    writeFileSync(front, photoOf('front', 3).bytes);
    const out = join(dir, 'out');
    const { stdout } = await smp(['analyze', '--json', '--out', out, `top=${top}`, `front=${front}`]);
    const c = JSON.parse(stdout);
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.assessable).toBe(true);
    expect(NORWOOD_STAGES).toContain(c.norwood.stage);
    expect(c.norwood.level).toBeGreaterThanOrEqual(1);
    expect(Object.keys(c.norwood.probabilities)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(sum(c.norwood.probabilities)).toBeCloseTo(1, 3);
    expect(c.photos.map((p: { view: string }) => p.view)).toEqual(['top', 'front']);
    for (const p of c.photos) expect(sum(p.coverage)).toBeCloseTo(1, 3);
    expect(c.plan.totalDots).toBe(c.plan.sessions.reduce((a: number, s: { dots: number }) => a + s.dots, 0));
    c.plan.sessions.forEach((s: Record<string, unknown>, k: number) => expect(s).toMatchObject({ index: k, dots: expect.any(Number), densityPerCm2: expect.any(Number) }));
    for (const name of ['overlay-0.png', 'overlay-1.png', 'plan.svg', 'preview.png', 'report.pdf']) expect(existsSync(join(out, name)), name).toBe(true);
    // the API's record fields too (DESIGN §3: the same JSON), with paths where the API has URLs
    expect(c).toMatchObject({ status: 'completed', updatedAt: c.createdAt, clientRef: null, error: null });
    expect(c.links).toMatchObject({ report: join(out, 'report.pdf'), plan: join(out, 'plan.svg'), preview: join(out, 'preview.png') });
    expect(c.photos[0].urls.photo).toBe(join(out, 'photo-0.jpg'));
    // and the display decisions the API answers with (presentAnalysis): the report's turn, its Monk rule
    for (const p of c.photos) {
      expect(p.uprightTurn, `photo ${p.index}`).toBe(storedUprightTurn(p));
      if (p.skinTone) expect(p.skinTone.monkShown, `photo ${p.index}`).toEqual(monkShownField(p.skinTone));
    }
    if (c.skinTone) expect(c.skinTone.monkShown).toEqual(monkShownField(c.skinTone));
    expect(c.plan.uprightTurn).toBe(c.photos.find((p: { index: number }) => p.index === c.plan.photoIndex).uprightTurn);
    expect((await sharp(join(out, 'preview.png')).metadata()).format).toBe('png');
    expect(readFileSync(join(out, 'report.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('takes the goal, notes and client reference the API takes, checked as the API checks them', async () => {
    const top = join(dir, 'top-goal.jpg');
    writeFileSync(top, photoOf('top-down', 3).bytes);
    const out = join(dir, 'out-goal');
    const c = JSON.parse((await smp(['analyze', '--json', '--out', out, '--goals', 'I want the buzz cut look, no scars', '--notes', 'first visit', '--client-ref', 'P/1042', '--hair-colour', 'dark brown', `top=${top}`])).stdout);
    // the report prints what was given, the stated hair colour too (the analysis' own reading had hidden it)
    const text = pdfText(readFileSync(join(out, 'report.pdf')));
    if (text !== null) for (const said of ['Client P/1042', 'Hair colour as stated: dark brown', 'first visit']) expect(text).toContain(said);
    expect(c.clientRef).toBe('P/1042');
    expect(c.input).toMatchObject({ views: ['top'], goals: 'I want the buzz cut look, no scars', notes: 'first visit', clientRef: 'P/1042' });
    expect(c.recommendation.basis.goal).toMatchObject({ value: 'shaved-look', source: 'stated' });
    await expect(smp(['analyze', '--json', '--goals', 'x'.repeat(1001), `top=${top}`])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^smp: --goals: /) });
    await expect(smp(['analyze', '--json', '--client-ref', 'Jane Doe', `top=${top}`])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/^smp: --client-ref: .*; got "Jane Doe"/) });
  });

  it('gives a photo without a head no stage, no probabilities and no coverage, with the reason', async () => {
    const plain = join(dir, 'plain.png');
    const px = new Uint8Array(320 * 240 * 3).map((_, i) => (i % 3 === 2 ? 200 : Math.floor(i / 960) % 256));
    await sharp(px, { raw: { width: 320, height: 240, channels: 3 } }).png().toFile(plain);
    const c = JSON.parse((await smp(['analyze', '--json', `top=${plain}`])).stdout);
    expect(c.assessable).toBe(false);
    expect(c.reasons.join(' ')).toMatch(/no head/);
    expect(c.norwood).toMatchObject({ stage: null, level: null, probabilities: null, confidence: 0 });
    expect(c.photos[0].coverage).toBeNull();
    // each reason once: the photo's, then the grade's own (not the photo's again under the grade)
    expect(c.reasons).toContain('photo 1 (top): no head found in the photo: frame the whole head, about 30-40 cm away, so it fills most of the picture');
    expect(c.reasons).toContain('Norwood grade: no photo shows enough scalp to grade');
    expect(c.reasons.filter((r: string) => r.startsWith('Norwood grade:'))).toEqual(['Norwood grade: no photo shows enough scalp to grade']);
    // its recommendation (the table's defaults) says first that it is not based on this client
    expect(c.recommendation.warnings[0]).toMatchObject({ code: 'not-assessable', severity: 'stop' });

    // a close-up is asked for as a close-up, not as a photo of the whole head
    const closeup = JSON.parse((await smp(['analyze', '--json', `closeup=${plain}`])).stdout);
    expect(closeup.reasons).toContain('photo 1 (closeup): no scalp recognised in the close-up: hold the phone 10-15 cm from the scalp so the scalp fills the picture, in focus');
    expect(closeup.reasons.join(' ')).not.toMatch(/head fills/);
    // a photo the gate refuses gives no skin tone or hair colour of its own, and says so
    expect(closeup.photos[0]).toMatchObject({ skinTone: null, hairColour: null });
    expect(closeup.photos[0].colourNotes).toContain('skin tone and hair colour not read: the photo failed the quality gate');
  });

  it('refuses a view given twice, as the API does', async () => {
    await expect(smp(['analyze', '--json', 'top=a.jpg', 'top=b.jpg'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('more than one photo for view "top"'),
    });
  });
});

describe('smp analyze --out', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smp-cli-out-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The folder was made after the analysis: a path that is a file failed only then, with mkdir's own
  // words, and the JSON asked for with --json was never printed.
  it('refuses an --out that cannot be a folder before analysing, naming the option', async () => {
    const photo = join(dir, 'plain.png');
    await sharp(Buffer.alloc(64 * 64 * 3, 90), { raw: { width: 64, height: 64, channels: 3 } }).png().toFile(photo);
    const file = join(dir, 'taken.txt');
    writeFileSync(file, 'x');
    await expect(smp(['analyze', '--json', '--out', file, `top=${photo}`])).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: `smp: --out ${file}: cannot make the folder: a file of that name is in the way\n`,
    });
  });

  // A missing photo was reported by its error code alone ("cannot read x.jpg: ENOENT"), unlike segment and audit.
  it('names a photo that does not exist in words', async () => {
    const missing = join(dir, 'missing.jpg');
    await expect(smp(['analyze', '--json', `top=${missing}`])).rejects.toMatchObject({ code: 1, stdout: '', stderr: `smp: cannot read ${missing}: no such file\n` });
  });

  // A folder given as a photo was reported in Node's words: "EISDIR: illegal operation on a directory, read".
  it('names a folder given as a photo in words', async () => {
    await expect(smp(['analyze', '--json', `top=${dir}`])).rejects.toMatchObject({ code: 1, stdout: '', stderr: `smp: cannot read ${dir}: is a folder, not a file\n` });
  });

  it('leaves no folder behind when the analysis fails', async () => {
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'not a photo\n');
    const out = join(dir, 'new', 'out');
    await expect(smp(['analyze', '--json', '--out', out, `top=${text}`])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not a recognisable image') });
    expect(existsSync(join(dir, 'new'))).toBe(false);
  });
});

describe('smp audit', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smp-cli-audit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures a 1536 px pair on the 1024 px analysis copy with the polygon and scale given in photo pixels, as the API does', async () => {
    const { pair, poly: small } = stripPair(7, 384);
    const k = 4;
    const poly = small.map(([x, y]) => [(x + 0.5) * k - 0.5, (y + 0.5) * k - 0.5]);
    const write = async (img: RgbImage, name: string) => {
      const path = join(dir, name);
      await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).resize(img.width * k, img.height * k, { kernel: 'nearest' }).png().toFile(path);
      return path;
    };
    const { stdout } = await smp(['audit', '--json', '--scar-polygon', JSON.stringify(poly), '--px-per-cm', '160', `before=${await write(pair.before, 'b.png')}`, `after=${await write(pair.after, 'a.png')}`]);
    const a = JSON.parse(stdout);
    expect(a.size).toEqual({ width: 1024, height: 1024 });
    expect(a.photoSize).toEqual({ width: 1536, height: 1536 });
    expect(a.scale.pxPerCm).toBeCloseTo((160 * 1024) / 1536, 6);
    expect(Math.abs(a.scar.deltaE76.before - pair.truth.before.deltaE76)).toBeLessThan(2.5);
    expect(Math.abs(a.scar.deltaE76.after - pair.truth.after.deltaE76)).toBeLessThan(2.5);
    // the API's scale range: under 1 px/cm is refused before any photo is read
    await expect(smp(['audit', '--json', '--px-per-cm', '0.5', 'before=b.png', 'after=a.png'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--px-per-cm must be 1..10000 pixels per cm, got "0.5"'),
    });
  });

  // The clinic review: the CLI wrote report.pdf where the API stores audit.pdf, and its summary left out
  // the change and the bands near a boundary (scar.matchSure) the API's answer has.
  it('writes the files under the API\'s names and prints the change and the bands near a boundary', async () => {
    const { pair, poly } = stripPair(2, 384); // a pair whose readings lie near 13.7, the slight/obvious boundary
    const path = async (img: RgbImage, name: string) => {
      const p = join(dir, name);
      await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toFile(p);
      return p;
    };
    const out = join(dir, 'out');
    const { stdout, stderr } = await smp(['audit', '--out', out, '--scar-polygon', JSON.stringify(poly), `before=${await path(pair.before, 'b2.png')}`, `after=${await path(pair.after, 'a2.png')}`]);
    for (const name of ['audit.json', 'side-by-side.png', 'audit.pdf']) expect(existsSync(join(out, name)), name).toBe(true);
    expect(existsSync(join(out, 'report.pdf'))).toBe(false);
    expect(stderr).toContain(`wrote audit.json, side-by-side.png, audit.pdf to ${out}`);
    const a = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'));
    const de = a.scar.deltaE76 as { before: number; after: number };
    const band = (k: 'before' | 'after') => `${a.scar.match[k]}${a.scar.matchSure[k] ? '' : ', near a boundary'}`;
    const r1 = (v: number) => Math.round(v * 10) / 10;
    const d = r1(r1(de.after) - r1(de.before));
    const change = d === 0 ? '0.0' : `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(1)}`;
    expect(stdout.split('\n')[0]).toBe(
      `scar vs surround ΔE76 ${de.before.toFixed(1)} (${band('before')}) -> ${de.after.toFixed(1)} (${band('after')}), change ${change}; ΔE2000 ${a.scar.deltaE00.before.toFixed(1)} -> ${a.scar.deltaE00.after.toFixed(1)}`,
    );
    expect(readFileSync(join(out, 'audit.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
