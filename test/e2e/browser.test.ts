// The consultation page in a real browser: the real `smp serve` on a free port, a clinic key from
// `smp keys create`, an upload token from POST /v1/upload-tokens, Debian's Chromium driven by
// playwright-core, real photos from ../shared uploaded through the page, and the results checked on
// the page against the service's own JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import axe from 'axe-core';
import { HAS_SHARED, photoOf, SKIP_SHARED_MESSAGE } from '../helpers/shared.js';
import { MODELS_DIR } from '../../src/models/paths.js';
import { storedUprightTurn, uprightTurn } from '../../src/pipeline/plan-photo.js';
import { presentAnalysis } from '../../src/api/present.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/smp.js');
const CHROMIUM = process.env.SMP_CHROMIUM ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const OWN_MODEL = join(MODELS_DIR, 'scalp-seg/model.onnx');
/** `SMP_WEB_SCREENSHOTS=1 npx vitest run test/e2e/browser.test.ts` also writes the README's screenshots. */
const SCREENSHOTS = process.env.SMP_WEB_SCREENSHOTS ? join(ROOT, 'docs/img') : null;

/** A phone-size screenshot of what is on screen, as a small palette PNG for the README. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await page.waitForTimeout(300); // let late images settle
  const png = await page.screenshot({ fullPage: false });
  const out = join(SCREENSHOTS, `web-${name}.png`);
  await sharp(png).png({ palette: true, quality: 85, effort: 10, compressionLevel: 9 }).toFile(out);
  console.info(`browser test: wrote ${out}`);
}

/** The WCAG 2.2 A and AA rules axe-core can check automatically. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** What axe-core finds against those rules on the page as it is now: "rule (impact): element — why". */
async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate((tags) => (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG_TAGS);
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

/**
 * Elements inside `selector` that reach past the right edge of the viewport (a table scrolls in its own
 * box, so its cells are left out): what zoom or large text pushes off the screen.
 */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll(`${sel} *`)]
      .filter((e) => !e.closest('.table-wrap'))
      .map((e) => [e, e.getBoundingClientRect()] as const)
      .filter(([, r]) => r.width > 0 && r.right > width + 1)
      .map(([e, r]) => `${e.tagName.toLowerCase()}.${e.className} (right edge ${Math.round(r.right)} > ${width})`);
  }, selector);
}

/** Visible buttons and summaries inside `selector` shorter than the 44 px tap target (WCAG 2.5.5). */
async function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll(`${sel} button, ${sel} summary, ${sel} label.button`)]
        .map((e) => [e, e.getBoundingClientRect()] as const)
        .filter(([, r]) => r.width > 0 && r.height < 44)
        .map(([e, r]) => `${e.textContent?.trim()} (${Math.round(r.height)} px)`),
    selector,
  );
}

if (!HAS_CHROMIUM) console.warn(`browser test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set SMP_CHROMIUM)`);
if (!HAS_SHARED) console.warn(`browser test skipped: ${SKIP_SHARED_MESSAGE}`);

/** The five guided views, their dataset names and what the page calls them. */
const VIEWS = [
  { id: 'front', dataset: 'front', short: 'front' },
  { id: 'top', dataset: 'top-down', short: 'top' },
  { id: 'left', dataset: 'left', short: 'left side' },
  { id: 'right', dataset: 'right', short: 'right side' },
  { id: 'back', dataset: 'back', short: 'back' },
] as const;

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

describe.skipIf(!HAS_SHARED || !HAS_CHROMIUM)('consultation page in Chromium', () => {
  let server: ChildProcess;
  let context: BrowserContext;
  let page: Page;
  let base = '';
  let key = '';
  let token = '';
  let dir = '';
  let logs = '';
  /** Whether this build serves POST /v1/photo-checks (src/api/routes/quality-check.ts, registered in app.ts). */
  let photoChecks = false;
  const photos: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smp-browser-'));
    const env: NodeJS.ProcessEnv = { ...process.env, SMP_DATA_DIR: join(dir, 'data'), HOST: '127.0.0.1', PORT: String(await freePort()), SMP_WORKERS: '1' };
    if (existsSync(OWN_MODEL)) {
      delete env.SMP_DEV_TEACHER;
    } else {
      // Until our own model ships, the service can only segment with the development teacher.
      env.SMP_DEV_TEACHER = '1';
      console.info(`browser test: ${OWN_MODEL} not found, so the server runs with SMP_DEV_TEACHER=1 (development teacher model)`);
    }
    key = JSON.parse(execFileSync('node', [BIN, 'keys', 'create', '--clinic', 'Browser Clinic', '--json'], { env, encoding: 'utf8' })).key;
    server = spawn('node', [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    server.stdout!.on('data', (d) => (logs += d));
    server.stderr!.on('data', (d) => (logs += d));
    base = `http://127.0.0.1:${env.PORT}`;
    let ready = false;
    let said = '';
    for (let i = 0; i < 300 && !ready; i++) {
      try {
        const res = await fetch(`${base}/ready`);
        ready = res.ok;
        said = await res.text();
      } catch {
        /* not listening yet */
      }
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    if (!ready) throw new Error(`the server did not become ready: /ready says ${said}\n${logs.slice(-1000)}`);
    const minted = await fetch(`${base}/v1/upload-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ttlMinutes: 30 }),
    });
    expect(minted.status).toBe(201);
    token = ((await minted.json()) as { token: string }).token;
    photoChecks = (await fetch(`${base}/v1/photo-checks`, { method: 'POST', headers: { authorization: `Bearer ${key}` } })).status !== 404;
    if (!photoChecks) console.info('browser test: POST /v1/photo-checks is not registered in this build; the page falls back to checking photos on upload');

    // Real photos, one per view (of several people: photoOf); the back photo also as a badly under-exposed copy.
    for (const v of VIEWS) {
      photos[v.id] = join(dir, `${v.id}.jpg`);
      writeFileSync(photos[v.id], photoOf(v.dataset, 11).bytes);
    }
    photos.dark = join(dir, 'back-dark.jpg');
    writeFileSync(photos.dark, await sharp(readFileSync(photos.back)).linear(0.12, 0).jpeg({ quality: 90 }).toBuffer());
    photos.tiny = join(dir, 'tiny.png');
    writeFileSync(photos.tiny, await sharp(readFileSync(photos.front)).resize(200, 200).png().toBuffer());
    photos.text = join(dir, 'notes.txt');
    writeFileSync(photos.text, 'not a photo');
    photos.truncated = join(dir, 'truncated.jpg');
    const whole = readFileSync(photos.front);
    writeFileSync(photos.truncated, whole.subarray(0, Math.floor(whole.length * 0.3)));
    // Files named .jpg that are no photo the service takes: the browser shows a GIF, and would have let
    // the others through as "checked when you send it"; the page reads their first bytes.
    photos.disguised = join(dir, 'disguised.jpg');
    writeFileSync(photos.disguised, await sharp(whole).gif().toBuffer());
    photos.textAsJpeg = join(dir, 'notes.jpg');
    writeFileSync(photos.textAsJpeg, 'this is just text, renamed to jpg\n');
    photos.pdfAsJpeg = join(dir, 'letter.jpg');
    writeFileSync(photos.pdfAsJpeg, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    // A JPEG's start and end markers around noise: it reads as a JPEG, and no browser can open it.
    photos.damaged = join(dir, 'damaged.jpg');
    writeFileSync(photos.damaged, Buffer.concat([whole.subarray(0, 20), Buffer.alloc(30_000, 0x5a), Buffer.from([0xff, 0xd9])]));
    // The start of a HEIC file (an ftyp box of brand heic): Chromium cannot show it, the service decodes it.
    photos.heic = join(dir, 'IMG_0001.heic');
    writeFileSync(photos.heic, Buffer.concat([Buffer.from('00000018667479706865696300000000' + '6d69663168656963', 'hex'), Buffer.alloc(4000, 0)]));
    // 9000x7000 = 63 MP, over the service's 50 MP (SMP_MAX_PIXELS): a phone's 108 MP mode makes such photos.
    photos.tooManyPixels = join(dir, 'huge.jpg');
    writeFileSync(photos.tooManyPixels, await sharp({ create: { width: 9000, height: 7000, channels: 3, background: '#8a7060' } }).jpeg({ quality: 50 }).toBuffer());

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 390, height: 844 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await context?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every request the page makes to another origin, and every script error. */
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  const watch = (p: Page) => {
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (!['blob:', 'data:'].includes(u.protocol) && u.origin !== base) foreign.push(r.url());
    });
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  };

  it('without a link, says the clinic must send one', async () => {
    watch(page);
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByRole('heading', { name: 'This page needs your personal link' }).isVisible()).toBe(true);
    expect(await page.locator('#consultation').isVisible()).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('has an accessibility check that finds planted faults', async () => {
    const other = await context.newPage();
    try {
      await other.setContent('<html lang="en"><title>t</title><main><p style="color:#bbb;background:#fff">faint text</p><input type="text"></main></html>');
      const found = await accessibilityViolations(other);
      expect(found.some((v) => v.startsWith('color-contrast (serious)'))).toBe(true);
      expect(found.some((v) => v.startsWith('label (critical)'))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('labels every control and can be used with the keyboard alone', async () => {
    await page.goto(`${base}/?t=${encodeURIComponent(token)}`);
    await page.getByRole('heading', { name: 'Photos for your scalp consultation' }).waitFor();
    // The token leaves the address bar once read.
    expect(page.url()).not.toContain('smpu_');
    for (const v of VIEWS) expect(await page.getByLabel(`Add ${v.short} photo`).count()).toBe(1);
    expect(await page.getByLabel('Add scar close-up photo').count()).toBe(1);
    for (const name of ['Sex', 'Age', 'Natural hair colour', 'What would you like to achieve?', 'Anything your clinic should know?', 'A strip scar from a hair transplant (FUT)']) {
      expect(await page.getByLabel(name, { exact: true }).count(), name).toBe(1);
    }
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => !(el as HTMLElement).closest('[hidden]'))
        .filter((el) => {
          const labelled = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          return !labelled && !(el.tagName === 'BUTTON' && el.textContent?.trim());
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
    expect(await smallTargets(page, '#consultation')).toEqual([]);
    expect(await page.locator('img:not([alt])').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Tab from the top: the skip link first, then every photo input in guided order, the fields, Send.
    await page.reload();
    await page.getByRole('heading', { name: 'Photos for your scalp consultation' }).waitFor();
    const order: string[] = [];
    for (let i = 0; i < 30 && order.at(-1) !== 'send'; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.className || ''));
    }
    expect(order).toEqual(['skip-link', ...['front', 'top', 'left', 'right', 'back', 'closeup'].map((v) => `file-${v}`), 'sex', 'age', 'hairColour', 'scar-linear', 'scar-punctate', 'scar-irregular', 'goals', 'notes', 'send']);
    // A keyboard user sees where focus is: the photo button gets the focus ring of its input.
    await page.locator('#file-front').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ring = await page.locator('label[for="file-front"]').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(ring).toBe('solid');
  });

  it('refuses a file that is not a photo, or too small, before anything is uploaded', async () => {
    const uploads: string[] = [];
    const onRequest = (r: { url(): string }) => /\/v1\/(consultations|photo-checks)/.test(r.url()) && uploads.push(r.url());
    page.on('request', onRequest);
    await page.setInputFiles('#file-front', photos.text);
    await expect.poll(() => page.locator('#view-front .msg-error').textContent()).toContain('is not a photo we can read');
    await page.setInputFiles('#file-top', photos.tiny);
    await expect.poll(() => page.locator('#view-top .msg-error').textContent()).toContain('too small');
    await page.setInputFiles('#file-left', photos.truncated);
    await expect.poll(() => page.locator('#view-left .msg-error').textContent()).toContain('incomplete');
    // Named .jpg, but not a photo inside (read from the first bytes), or a JPEG no browser can open: refused
    // on its card at once, not ticked as "checked when you send it".
    for (const [file, said] of [
      [photos.textAsJpeg, 'is not a photo we can read'],
      [photos.pdfAsJpeg, 'is not a photo we can read'],
      [photos.disguised, 'is not a photo we can read'],
      [photos.damaged, 'seems damaged'],
    ] as const) {
      await page.setInputFiles('#file-right', file);
      await expect.poll(() => page.locator('#view-right .view-messages').textContent(), { message: file }).toContain(said);
      expect(await page.locator('#view-right .msg-error').count(), file).toBe(1);
      expect(await page.locator('#view-right .view-messages').textContent(), file).not.toContain('checked when you send it');
    }
    // More pixels than the service takes: refused at once with what to do, not after the whole upload.
    await page.setInputFiles('#file-back', photos.tooManyPixels);
    await expect.poll(() => page.locator('#view-back .msg-error').textContent()).toContain('9000×7000 pixels (63 MP), more than the 50 MP we can take');
    expect(await page.locator('#view-back .msg-error').textContent()).toContain("phone's normal camera mode");
    expect(await page.locator('#photo-count').textContent()).toBe('0 of 5 photos added');
    await page.getByRole('button', { name: 'Send photos for analysis' }).click();
    await expect.poll(() => page.locator('#send-error').textContent()).toContain('add at least one photo');
    expect(uploads).toEqual([]);
    page.off('request', onRequest);
    // The refusals on the cards and under the button are read out and readable too.
    expect(await accessibilityViolations(page)).toEqual([]);
    // A real HEIC, which this browser cannot show, is the one kind of photo left for the service to check.
    await page.setInputFiles('#file-right', photos.heic);
    await expect.poll(() => page.locator('#view-right .msg-ok').textContent()).toContain('checked when you send it');
    expect(await page.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
    await page.getByRole('button', { name: 'Remove the right side photo' }).click();
  });

  it("shows the service's refusal of a photo on that photo's card", async () => {
    // Whatever the page lets through, the consultation's own intake is final: here it refuses the front photo.
    const other = await context.newPage();
    try {
      await other.route('**/v1/consultations?async=true', (route) =>
        route.fulfill({
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
          body: JSON.stringify({ type: 'https://smp.example/problems/corrupt-image', title: 'Corrupt image', status: 422, detail: 'photo 1, field "front" (front.jpg): the image data is damaged', field: 'front' }),
        }),
      );
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.setInputFiles('#file-front', photos.front);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      await other.getByRole('button', { name: 'Send photos for analysis' }).click();
      await expect.poll(() => other.locator('#view-front .msg-error').first().textContent()).toContain('This photo was refused');
      expect(await other.locator('#view-front .msg-error').first().textContent()).toMatch(/the image data is damaged\.$/);
      expect(await other.locator('#send-error').textContent()).toContain('front photo could not be used');
      expect(await other.evaluate(() => document.activeElement?.id)).toBe('file-front');
    } finally {
      await other.close();
    }
  });

  it('uploads five real photos with progress and shows the results from the service', async () => {
    for (const v of VIEWS) await page.setInputFiles(`#file-${v.id}`, v.id === 'back' ? photos.dark : photos[v.id]);
    await expect.poll(() => page.locator('#photo-count').textContent()).toBe('5 of 5 photos added');
    if (photoChecks) {
      // The service's quality gate answers for each photo before anything is sent.
      await expect.poll(() => page.locator('#view-back .msg-error').first().textContent()).toContain('too dark');
      // Only light and sharpness were checked: the card does not call the photo good.
      await expect.poll(() => page.locator('#view-top .msg-ok').first().textContent()).toContain('Light and sharpness look fine; whether it shows your head');
      expect(await page.locator('#send-summary').textContent()).toContain('We suggest retaking the back photo');
    }
    await page.locator('#photos-title').evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await screenshot(page, 'photos');
    await expect.poll(() => page.locator('#view-top .view-thumb').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(640);
    await page.getByLabel('Sex', { exact: true }).selectOption('male');
    await page.getByLabel('Age', { exact: true }).fill('41');
    await page.getByLabel('A strip scar from a hair transplant (FUT)').check();
    // Record what the progress line says while the upload and the analysis run.
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = []);
      const label = document.getElementById('progress-label')!;
      new MutationObserver(() => seen.push(label.textContent ?? '')).observe(label, { childList: true, characterData: true, subtree: true });
    });
    const created = page.waitForResponse((r) => r.url().includes('/v1/consultations?async=true') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send photos for analysis' }).click();
    const res = await created;
    expect(res.status()).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await page.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });
    const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(progressSeen.some((t) => t.startsWith('Sending your photos'))).toBe(true);
    expect(progressSeen.some((t) => t.startsWith('Analysing your photos'))).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('img.photo-img')].every((i) => i.complete && i.naturalWidth > 0));
    await screenshot(page, 'results');

    // The service's own answer, read with the clinic key, is what the page must show.
    const c = (await (await fetch(`${base}/v1/consultations/${id}`, { headers: { authorization: `Bearer ${key}` } })).json()) as any;
    expect(c.status).toBe('completed');
    expect(c.photos).toHaveLength(5);
    // The ticked scar reached the service and its recommendation.
    expect(c.input.scars).toEqual([{ kind: 'linear' }]);
    expect(c.recommendation.basis.zones.value).toContain('scar');
    expect(c.photos.filter((p: any) => p.scalpCoverage).length).toBeGreaterThan(0);
    for (const p of c.photos) {
      const card = page.locator(`.photo-card[data-view="${p.view}"]`);
      // The scalp's coverage in plain words, the same numbers as the JSON (not the whole head's: a front
      // view's is mostly face).
      if (p.scalpCoverage) {
        const text = await card.locator('.coverage').textContent();
        expect(text).toContain(`The scalp in this photo: hair ${Math.round(p.scalpCoverage.hair * 100)}\u00a0%`);
        expect(text).toContain(`bare scalp ${Math.round(p.scalpCoverage.skin * 100)}\u00a0%`);
      }
      // The overlay is shown first, loaded with the token (a blob URL), then the photo on request; upright
      // where the report shows it upright (a quarter turn swaps width and height).
      // The turn is the service's (photos[i].uprightTurn), the report's rule.
      expect(p.uprightTurn).toBe(uprightTurn(p));
      const img = card.locator('img.photo-img');
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(p.uprightTurn % 180 ? p.height : p.width);
      expect(await img.getAttribute('src')).toMatch(/^blob:/);
      expect(await img.getAttribute('alt')).toContain('hair shown in green');
      const overlaySrc = await img.getAttribute('src');
      await card.getByRole('button', { name: 'Photo', exact: true }).click();
      await expect.poll(() => img.getAttribute('src')).not.toBe(overlaySrc);
      expect(await card.getByRole('button', { name: 'Photo', exact: true }).getAttribute('aria-pressed')).toBe('true');
      // The quality gate's reasons, word for word, next to the photo; on a photo too dark, not a blur reading
      // the darkness causes (describe.js withoutDarkBlur).
      const checks = p.quality.checks as { id: string; severity: string; message: string }[];
      const dark = checks.some((x) => x.id === 'exposure' && x.severity !== 'ok' && /dark/.test(x.message));
      const blur = checks.find((x) => x.id === 'blur')?.message;
      for (const reason of p.quality.reasons as string[]) {
        if (dark && reason === blur) expect((await card.textContent())!.toLowerCase()).not.toContain(reason.toLowerCase());
        else expect((await card.textContent())!.toLowerCase()).toContain(reason.toLowerCase());
      }
    }
    const back = c.photos.find((p: any) => p.view === 'back');
    expect(back.quality.assessable, JSON.stringify(back.quality.checks)).toBe(false);
    expect(back.quality.reasons.join(' ')).toContain('too dark');
    const backCard = page.locator('.photo-card[data-view="back"]');
    expect(await backCard.locator('.notice-error').textContent()).toContain('This photo cannot be judged');
    expect(await accessibilityViolations(page)).toEqual([]);

    // Sections appear exactly when the service returned their data, with the same values.
    const stage = page.locator('#result-stage .headline');
    if (c.norwood?.stage) expect(await stage.textContent()).toContain(`Norwood ${c.norwood.stage}`);
    else expect(await stage.count()).toBe(0);
    expect(await page.locator('#result-colour').count()).toBe(c.skinTone || c.hairColour ? 1 : 0);
    if (c.skinTone?.ita != null) expect(await page.locator('#result-colour').textContent()).toContain(`ITA angle of ${Math.round(c.skinTone.ita)}°`);
    expect(await page.locator('#result-plan tbody tr').count()).toBe(c.plan?.sessions?.length ?? 0);
    expect(await page.locator('#result-recommendation').count()).toBe(c.recommendation && Object.keys(c.recommendation).length ? 1 : 0);
    const reportKey = Object.keys(c.links ?? {}).find((k) => k.startsWith('report'));
    if (reportKey) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download your report (PDF)' }).click();
      const file = await (await download).path();
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(await page.locator('#result-report').count()).toBe(0);
    }

    // "Retake" goes back to the form, to that photo's input, with the reasons on its card.
    await backCard.getByRole('button', { name: 'Retake the back of the head photo' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-back');
    expect(await page.locator('#view-back .msg-error').first().textContent()).toContain('Please retake');
    // The summary above Send follows the verdicts the results put on the cards.
    expect(await page.locator('#send-summary').textContent()).toContain('We suggest retaking the back photo');
    await screenshot(page, 'retake');
    expect(await page.locator('#results').isVisible()).toBe(false);
    // At 200 % zoom (half the width in CSS pixels) the photo cards wrap instead of overflowing.
    await page.setViewportSize({ width: 195, height: 422 });
    try {
      expect(await overflowing(page, '#consultation')).toEqual([]);
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
    }
  });

  it('says what to retake when no photo can be judged', async () => {
    for (const v of VIEWS) if (v.id !== 'back') await page.getByRole('button', { name: `Remove the ${v.short} photo` }).click();
    await expect.poll(() => page.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
    await page.getByRole('button', { name: 'Send photos for analysis' }).click();
    await page.getByRole('heading', { name: 'We could not assess your photos' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#result-stage .reasons').textContent()).toContain('Back of the head: the photo is too dark');
    // no settings from the clinic's defaults that would read as a plan for this person
    expect(await page.locator('#result-recommendation').count()).toBe(0);
    expect(await page.locator('#result-plan').count()).toBe(0);
    expect(await page.locator('#result-practitioner').count()).toBe(0);
    // nor a report of them
    expect(await page.locator('#result-report').count()).toBe(0);
    await page.locator('#result-stage').getByRole('button', { name: 'Retake the back of the head photo' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-back');
  });

  it('renders the stage, colour, recommendation, plan, preview and report when the answer has them', async () => {
    // The documented fields of the later stages (DESIGN.md §3), added to the service's real answer, so
    // every section is exercised whatever this build already computes.
    const extra = {
      norwood: {
        stage: '3V',
        level: 3,
        confidence: 0.55,
        assessable: true,
        // the grade's own caveats, as the service writes them for practitioners (shown in plain words)
        reasons: ['no front or top photo: the frontal hairline and temples were not seen, so the front was judged from the back only: an A variant (3A, the front receding as one band) cannot be ruled out'],
        probabilities: { 1: 0, 2: 0.08, 3: 0.55, 4: 0.3, 5: 0.07, 6: 0, 7: 0 },
        measurements: { zones: { crown: { bald: 0.42, seen: 'well' }, frontal: { bald: 0.18, seen: 'well' } } },
      },
      skinTone: { ita: 41.6, category: 'light', lab: [66.2, 10.5, 18.3], fitzpatrick: 2, monk: 3, undertone: 'warm', confidence: 0.8 },
      hairColour: { name: 'dark brown', lab: [24, 4, 8], greyFraction: 0.15, confidence: 0.9 },
      // The recommendation engine's shape (src/plan/recommend/types.ts): every value { value, reason }.
      recommendation: {
        pigment: { value: { id: 'cb', name: 'Carbon black, neutral', undertone: 'neutral' }, reason: 'a neutral black heals grey-black on light skin' },
        sessionCount: { value: 3, reason: 'density builds over three sessions.' },
        intervalDays: { value: { min: 10, max: 14 }, reason: 'the skin heals between sessions.' },
        sessions: [0, 1, 2].map((index) => ({
          index,
          densityPerCm2: { value: [24, 56, 80][index], reason: 'cumulative' },
          dilution: { value: { waterParts: [18, 14, 12][index], pigmentParts: 1, label: `${[18, 14, 12][index]}:1` }, reason: 'light skin shows dots strongly' },
          needle: { value: { code: '0603RL', points: 3, diameterMm: 0.2, configuration: 'round liner' }, reason: 'fine dots' },
        })),
        basis: { skinCategory: { value: 'light', reason: '' }, hairGroup: { value: 'dark brown', reason: '' }, goal: { value: 'shaved-look', reason: '' } },
        warnings: [{ code: 'depth', severity: 'info', message: 'Keep the needle shallow (DOMAIN "Needles and depth").' }],
        confidence: 0.7,
      },
      plan: { sessions: [0, 1, 2].map((index) => ({ index, dots: 5000 + index * 1000, densityPerCm2: [24, 56, 80][index], dilution: `${[18, 14, 12][index]}:1`, needle: '0603RL' })), totalDots: 18000 },
    };
    const preview = await sharp(readFileSync(photos.top)).modulate({ brightness: 0.85 }).png().toBuffer();
    await page.route(/\/v1\/consultations\/[0-9a-f-]{36}$/, async (route) => {
      const res = await route.fetch();
      let c = await res.json();
      if (c.status === 'completed') {
        // with the display decisions the service would give these readings (skinTone.monkShown, ...)
        c = presentAnalysis(Object.assign(c, extra));
        // Only the documented links of this scenario (the real answer's plan images are checked elsewhere).
        c.links = { self: c.links.self, plan: `${c.links.self}/files/plan.csv`, preview_top: `${c.links.self}/files/preview-top.png`, report: `${c.links.self}/files/report.pdf` };
      }
      await route.fulfill({ response: res, json: c });
    });
    await page.route(/\/files\/(preview-top\.png|report\.pdf)$/, (route) =>
      route.request().url().endsWith('.pdf')
        ? route.fulfill({ body: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' })
        : route.fulfill({ body: preview, contentType: 'image/png' }),
    );
    try {
      await page.getByRole('button', { name: 'Remove the back photo' }).click();
      await page.setInputFiles('#file-top', photos.top);
      await expect.poll(() => page.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      await page.getByRole('button', { name: 'Send photos for analysis' }).click();
      await page.getByRole('heading', { name: 'Your hair loss' }).waitFor({ timeout: 30_000 });
      expect(await page.locator('#result-stage .headline').textContent()).toBe('Thinning at the crown, with some hair loss at the temples (Norwood 3V, about 55\u00a0% sure)');
      expect(await page.locator('#result-stage .zones').textContent()).toBe(
        'Bare skin in each area, combined from the photos that show it: crown 40\u00a0%, front 20\u00a0%. ' +
          'These are shares of each area; the figure under each photo is for all of the scalp that photo shows. ' +
          'The front and temple areas also take in some forehead where a photo shows it.',
      );
      // Each stage's label on one line, the likeliest (bold) too: "Norwood 5" wrapped in a 6em column.
      const labelHeights = await page.locator('.probs-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
      expect(labelHeights.length).toBe(7);
      expect(Math.max(...labelHeights)).toBeLessThan(1.5 * Math.min(...labelHeights));
      const caveats = page.getByRole('list', { name: 'Good to know about this stage' });
      expect(await caveats.getByRole('listitem').allTextContents()).toEqual([
        'Your photos do not show your hairline and temples from the front or from above, so changes there may not show fully in this stage. A front photo, or one of the top of your head, would show them.',
      ]);
      expect(await page.locator('.probs-row.is-best').textContent()).toContain('Norwood 3');
      const colour = await page.locator('#result-colour').textContent();
      expect(colour).toContain('Light skin tone');
      expect(colour).toContain('Fitzpatrick type II');
      expect(colour).toContain('Dark brown hair, about 15\u00a0% grey');
      // how sure, in words; no Monk shade that contradicts "light" (Monk 3's own swatch is very light)
      expect(colour).toContain('How sure we are: fairly sure');
      expect(colour).not.toContain('Monk');
      // The client reads plain words; needle codes, dilution ratios and the engine's reasons are in the
      // collapsed "For your practitioner" section.
      expect((await page.locator('#result-recommendation dt').allTextContents()).map((t) => t.split(' (')[0])).toEqual(['What it aims for', 'Pigment shade', 'Sessions']);
      const suggested = (await page.locator('#result-recommendation').textContent())!;
      for (const jargon of ['0603RL', '18:1', 'per cm²']) expect(suggested).not.toContain(jargon);
      expect(await page.locator('#result-recommendation .rec-basis').textContent()).toBe('Based on: light skin, dark brown hair.');
      const practitioner = page.locator('#result-practitioner');
      expect(await practitioner.locator('details').getAttribute('open')).toBeNull();
      expect((await practitioner.locator('dt').allTextContents()).map((t) => t.split(' (')[0])).toEqual(['Pigment shade', 'Sessions', 'Dilution', 'Needle', 'Dot density']);
      expect(await practitioner.locator('dd').allTextContents()).toContain('3 sessions, 10 to 14 days apartdensity builds over three sessions. the skin heals between sessions.');
      // A CSV plan is a download for the clinic, not an image for the page.
      expect(await page.locator('#result-plan img').count()).toBe(0);
      expect(await page.locator('#result-plan tbody tr').count()).toBe(3);
      expect(await page.locator('#result-plan caption').textContent()).toBe('3 sessions, about 18,000 dots in all');
      // The before/after slider: keyboard moves it, and the preview is revealed from the divider.
      const slider = page.getByLabel('Slide to compare your photo (left) with the preview (right)');
      await slider.waitFor();
      // An unturned preview left the word "null" under the slider (replaceChildren writes a null as text).
      expect(await page.locator('#result-preview').textContent()).not.toMatch(/\bnull\b|\bundefined\b/);
      expect(await page.locator('#results').textContent()).not.toMatch(/\bnull\b|\bundefined\b|NaN|\[object/);
      await slider.focus();
      await page.keyboard.press('End');
      expect(await slider.inputValue()).toBe('100');
      expect(await page.locator('.compare-after').evaluate((el: HTMLElement) => el.style.clipPath)).toBe('inset(0px 0px 0px 100%)');
      await page.keyboard.press('Home');
      expect(await page.locator('.compare-after').evaluate((el: HTMLElement) => el.style.clipPath)).toBe('inset(0px 0px 0px 0%)');
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await smallTargets(page, '#results')).toEqual([]);
      // At 200 % text size nothing leaves the screen: the toggles and the legend wrap, and the probability
      // bars keep a width of their own.
      await page.evaluate(() => (document.documentElement.style.fontSize = '200%'));
      try {
        expect(await overflowing(page, '#results')).toEqual([]);
        expect(await smallTargets(page, '#results')).toEqual([]);
        const bars = await page.locator('.probs-track').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
        expect(Math.min(...bars)).toBeGreaterThan(100);
      } finally {
        await page.evaluate(() => (document.documentElement.style.fontSize = ''));
      }
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download your report (PDF)' }).click();
      const file = await (await download).path();
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await page.unrouteAll();
    }
  });

  it('shows a photo taken sideways upright, in the slider and on its card, only when its face end is sure', async () => {
    // A landscape photo of four coloured quarters, stored in its own frame (320×200) with its hair map,
    // preview and plan: the page must show them turned as the report turns them (sharp's rotate), and
    // leave the files as they are.
    const W = 320;
    const H = 200;
    const quarters = (alpha = false) =>
      sharp({ create: { width: W, height: H, channels: alpha ? 4 : 3, background: '#ffffff' } }).composite([
        { input: { create: { width: W / 2, height: H / 2, channels: 3, background: '#e00000' } }, left: 0, top: 0 },
        { input: { create: { width: W / 2, height: H / 2, channels: 3, background: '#00c000' } }, left: W / 2, top: 0 },
        { input: { create: { width: W / 2, height: H / 2, channels: 3, background: '#0000e0' } }, left: 0, top: H / 2 },
      ]);
    const jpeg = await quarters().jpeg({ quality: 95 }).toBuffer();
    const png = await quarters().png().toBuffer();
    // The plan is an SVG with the photo inside it as a data: URL, as the service writes plan.svg.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><image x="0" y="0" width="${W}" height="${H}" href="data:image/png;base64,${png.toString('base64')}"/><circle cx="20" cy="20" r="4" fill="#ffff00"/></svg>`;
    /** The colour at the centre of each quarter of an image (row by row), as the report would turn it. */
    const reportQuarters = async (turn: number) => {
      const { data, info } = await sharp(png).rotate(turn).raw().toBuffer({ resolveWithObject: true });
      const at = (fx: number, fy: number) => (Math.floor(info.height * fy) * info.width + Math.floor(info.width * fx)) * info.channels;
      return [0.25, 0.75].flatMap((fy) => [0.25, 0.75].map((fx) => [...data.subarray(at(fx, fy), at(fx, fy) + 3)]));
    };
    /** The same four colours of an image on the page, read back through a canvas. */
    const shownQuarters = (selector: string) =>
      other.locator(selector).first().evaluate((img: HTMLImageElement) => {
        const c = document.createElement('canvas');
        c.width = img.naturalWidth;
        c.height = img.naturalHeight;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        return [0.25, 0.75].flatMap((fy) => [0.25, 0.75].map((fx) => [...g.getImageData(Math.floor(c.width * fx), Math.floor(c.height * fy), 1, 1).data.slice(0, 3)]));
      });
    const near = (a: number[][], b: number[][]) => a.every((px, i) => px.every((v, k) => Math.abs(v - b[i][k]) < 40));
    const sizeOf = (selector: string) => other.locator(selector).first().evaluate((img: HTMLImageElement) => (img.complete && img.naturalWidth ? [img.naturalWidth, img.naturalHeight] : null));

    // What the service read: turned 270° counter-clockwise (as L5-014's front photo), how sure it was.
    let orientation = { orientation: 270, orientationConfidence: 0.937, face: { found: false } };
    const link = await mintLink();
    const other = await context.newPage();
    watch(other);
    try {
      await other.route(/\/v1\/consultations\/[0-9a-f-]{36}$/, async (route) => {
        const res = await route.fetch();
        let c = await res.json();
        if (c.status === 'completed') {
          const self = c.links.self;
          const p = c.photos[0];
          Object.assign(p, { width: W, height: H, ...orientation, urls: { photo: `${self}/files/photo-${p.index}.jpg`, overlay: `${self}/files/overlay-${p.index}.png` } });
          c.photos = [p];
          c.assessable = true;
          c.plan = { ...(c.plan ?? {}), photoIndex: p.index, orientation: { degrees: orientation.orientation, confidence: orientation.orientationConfidence, sure: orientation.orientationConfidence >= 0.9 } };
          c.links = { self, plan: `${self}/files/plan.svg`, [`preview_${p.index}`]: `${self}/files/preview-${p.index}.png` };
          // the turns the service gives this reading (photos[0].uprightTurn, plan.uprightTurn)
          c = presentAnalysis(c);
          expect([c.photos[0].uprightTurn, c.plan.uprightTurn]).toEqual(Array(2).fill(storedUprightTurn(orientation)));
        }
        await route.fulfill({ response: res, json: c });
      });
      await other.route(/\/files\/(photo-\d+\.jpg|overlay-\d+\.png|preview-\d+\.png|plan\.svg)$/, (route) => {
        const url = route.request().url();
        if (url.endsWith('.jpg')) return route.fulfill({ body: jpeg, contentType: 'image/jpeg' });
        if (url.endsWith('.svg')) return route.fulfill({ body: svg, contentType: 'image/svg+xml' });
        return route.fulfill({ body: png, contentType: 'image/png' });
      });
      await other.goto(`${base}/?t=${encodeURIComponent(link.token)}`);
      await other.setInputFiles('#file-top', photos.top);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      await other.getByRole('button', { name: 'Send photos for analysis' }).click();
      await other.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });

      // Sure (0.937): turned 90° clockwise, as the report shows it. A quarter turn swaps width and height,
      // and the slider (which compares the two frames) still shows: before and after are turned alike.
      await other.locator('.compare-before').waitFor();
      await expect.poll(() => sizeOf('.compare-before')).toEqual([H, W]);
      await expect.poll(() => sizeOf('.compare-after')).toEqual([H, W]);
      expect(near(await shownQuarters('.compare-before'), await reportQuarters(90))).toBe(true);
      expect(near(await shownQuarters('.compare-after'), await reportQuarters(90))).toBe(true);
      // The stage takes the turned image's shape: taller than wide.
      const stage = await other.locator('.compare-stage').boundingBox();
      expect(stage!.height / stage!.width).toBeCloseTo(W / H, 1);
      expect(await other.locator('.compare-before').getAttribute('alt')).toBe('Your top of the head photo today');
      expect(await other.locator('#result-preview .turn-note').textContent()).toBe('Your photo and the preview are shown turned the right way up.');
      // The photo's card: its hair map and the photo itself, both turned.
      const card = other.locator('.photo-card').first();
      await expect.poll(() => sizeOf('.photo-card img.photo-img')).toEqual([H, W]);
      expect(near(await shownQuarters('.photo-card img.photo-img'), await reportQuarters(90))).toBe(true);
      expect(await card.locator('.turn-note').isVisible()).toBe(true);
      await card.getByRole('button', { name: 'Photo', exact: true }).click();
      await expect.poll(() => card.locator('img.photo-img').getAttribute('alt')).toBe('Your top of the head photo');
      await expect.poll(() => sizeOf('.photo-card img.photo-img')).toEqual([H, W]);
      // The plan (an SVG with the photo inside) is on the same photo: turned too.
      await expect.poll(() => sizeOf('#result-plan img.plan-img')).toEqual([H, W]);
      expect(near(await shownQuarters('#result-plan img.plan-img'), await reportQuarters(90))).toBe(true);
      expect(await other.locator('#result-plan .turn-note').isVisible()).toBe(true);
      expect(await accessibilityViolations(other)).toEqual([]);
      // A phone, and 200 % zoom: the tall slider stays on the screen.
      expect(await overflowing(other, '#results')).toEqual([]);
      await other.setViewportSize({ width: 195, height: 422 });
      try {
        expect(await overflowing(other, '#results')).toEqual([]);
      } finally {
        await other.setViewportSize({ width: 390, height: 844 });
      }

      // Unsure (0.6, no face): shown as taken, in its own frame, and nothing said about turning.
      orientation = { orientation: 270, orientationConfidence: 0.6, face: { found: false } };
      await other.reload();
      await other.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });
      await other.locator('.compare-before').waitFor();
      await expect.poll(() => sizeOf('.compare-before')).toEqual([W, H]);
      await expect.poll(() => sizeOf('.compare-after')).toEqual([W, H]);
      expect(near(await shownQuarters('.compare-before'), await reportQuarters(0))).toBe(true);
      await expect.poll(() => sizeOf('.photo-card img.photo-img')).toEqual([W, H]);
      await expect.poll(() => sizeOf('#result-plan img.plan-img')).toEqual([W, H]);
      expect(await other.locator('.turn-note:visible').count()).toBe(0);
      expect(await accessibilityViolations(other)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('does not call a photo unusable when the service is only rate-limited', async () => {
    const other = await context.newPage();
    try {
      await other.route('**/v1/photo-checks', (route) =>
        route.fulfill({
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '60' },
          body: JSON.stringify({ type: 'https://smp.example/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'this clinic sent more than 600 requests a minute; retry in 1 minute' }),
        }),
      );
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.setInputFiles('#file-front', photos.front);
      await expect.poll(() => other.locator('#view-front .msg').first().textContent()).toContain('checked when you send it');
      expect(await other.locator('#view-front .msg-error').count()).toBe(0);
      expect(await other.locator('#send-summary').textContent()).not.toContain('retaking');
    } finally {
      await other.close();
    }
  });

  it('says in plain words when sending finds the service busy, and keeps the photos', async () => {
    const other = await context.newPage();
    try {
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.setInputFiles('#file-top', photos.top);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      for (const [status, slug, detail] of [
        [503, 'overloaded', 'the service is under pressure (eventLoopDelay: 1234); try again shortly'],
        [429, 'rate-limited', 'this clinic sent more than 600 requests a minute; retry in 1 minute'],
      ] as const) {
        await other.route('**/v1/consultations?async=true', (route) =>
          route.fulfill({
            status,
            headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
            body: JSON.stringify({ type: `https://smp.example/problems/${slug}`, title: slug, status, detail }),
          }),
        );
        await other.getByRole('button', { name: 'Send photos for analysis' }).click();
        await expect.poll(() => other.locator('#send-error').textContent()).toContain('The service is busy right now');
        const said = (await other.locator('#send-error').textContent())!;
        expect(said, `${status}`).not.toMatch(/eventLoopDelay|this clinic sent/);
        expect(said).toContain('still here');
        expect(await other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
        await other.unroute('**/v1/consultations?async=true');
      }
      // A failure of the service itself: a plain message with the reference to quote, never its detail or code.
      await other.route('**/v1/consultations?async=true', (route) =>
        route.fulfill({
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
          body: JSON.stringify({ type: 'https://smp.example/problems/internal', title: 'Internal error', status: 500, detail: 'TypeError: x is undefined', requestId: 'req-7' }),
        }),
      );
      await other.getByRole('button', { name: 'Send photos for analysis' }).click();
      await expect.poll(() => other.locator('#send-error').textContent()).toContain('Something went wrong at the service');
      const said = (await other.locator('#send-error').textContent())!;
      expect(said).toContain('req-7');
      expect(said).toContain('still here');
      expect(said).not.toMatch(/TypeError|500/);
      await other.unroute('**/v1/consultations?async=true');
    } finally {
      await other.close();
    }
  });

  it('keeps the keyboard focus on Send while sending, and takes it to the error when sending fails', async () => {
    const other = await context.newPage();
    try {
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.setInputFiles('#file-top', photos.top);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      let during: (string | null | undefined)[] = [];
      await other.route('**/v1/consultations?async=true', async (route) => {
        during = await other.evaluate(() => [document.activeElement?.id, document.getElementById('send')?.getAttribute('aria-disabled')]);
        await route.abort('internetdisconnected');
      });
      await other.locator('#send').focus();
      await other.keyboard.press('Enter');
      await expect.poll(() => other.locator('#send-error').textContent()).toContain('connection was lost');
      // While the upload ran, Send kept the focus and said it was unavailable; now the reason has it.
      expect(during).toEqual(['send', 'true']);
      expect(await other.evaluate(() => document.activeElement?.id)).toBe('send-error');
      expect(await other.locator('#send').getAttribute('aria-disabled')).toBeNull();
      // The next Tab goes back to Send, to try again.
      await other.keyboard.press('Tab');
      expect(await other.evaluate(() => document.activeElement?.id)).toBe('send');
    } finally {
      await other.close();
    }
  });

  it('keeps the results when an image fails or the link ends: says why, offers a retry, never advises a reload', async () => {
    const link = await mintLink();
    const other = await context.newPage();
    try {
      await other.goto(`${base}/?t=${encodeURIComponent(link.token)}`);
      await other.setInputFiles('#file-top', photos.top);
      await other.setInputFiles('#file-front', photos.front);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('2 of 5 photos added');
      expect(await other.locator('#send-summary').textContent()).toMatch(/Still missing: left side, right side and back — adding them gives/);
      await other.getByRole('button', { name: 'Send photos for analysis' }).click();
      await other.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });
      const top = other.locator('.photo-card[data-view="top"]');
      const img = top.locator('img.photo-img');
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
      const overlaySrc = await img.getAttribute('src');

      // The photo fails to load once: the notice is beside the image, which stays in the card.
      await other.route('**/files/photo-*.jpg', (route) => route.abort('internetdisconnected'));
      await top.getByRole('button', { name: 'Photo', exact: true }).click();
      await expect.poll(() => top.locator('.load-failed').textContent()).toContain('This image could not be loaded');
      expect(await top.locator('.load-failed').textContent()).not.toContain('reload');
      expect(await top.locator('img.photo-img').count()).toBe(1);
      // No empty frame where the image would be: the notice takes its place.
      expect(await top.locator('.photo-frame').isVisible()).toBe(false);
      // The hair map still shows, and the photo comes with "Try again" once the connection is back.
      await top.getByRole('button', { name: 'Hair map' }).click();
      await expect.poll(() => img.isVisible()).toBe(true);
      expect(await img.getAttribute('src')).toBe(overlaySrc);
      expect(await top.locator('.load-failed').count()).toBe(0);
      await top.getByRole('button', { name: 'Photo', exact: true }).click();
      await top.getByRole('button', { name: 'Try again' }).waitFor();
      await other.unroute('**/files/photo-*.jpg');
      await top.getByRole('button', { name: 'Try again' }).click();
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0 && el.src !== '' && !el.hidden)).toBe(true);
      expect(await img.getAttribute('src')).not.toBe(overlaySrc);
      expect(await top.locator('.load-failed').count()).toBe(0);
      expect(await other.evaluate(() => (document.activeElement as HTMLElement | null)?.className)).toBe('photo-img');

      // The link ends while the results are on screen: images and the report say so, in words for the
      // person, and the results stay (a reload could not bring them back).
      await revokeLink(link.id);
      const front = other.locator('.photo-card[data-view="front"]');
      await front.getByRole('button', { name: 'Photo', exact: true }).click();
      await expect.poll(() => front.locator('.load-failed').textContent()).toContain('your link has expired');
      expect(await front.locator('.load-failed').textContent()).toContain('do not reload');
      expect(await front.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      await other.getByRole('button', { name: 'Download your report (PDF)' }).click();
      await expect.poll(() => other.locator('#result-report .download-status').textContent()).toContain('your link has expired');
      expect(await other.locator('#result-report .download-status').textContent()).not.toMatch(/unknown, revoked|upload token/);
      expect(await other.locator('#results').isVisible()).toBe(true);
      // Nothing more can be sent with the link: no way back to the form (it only said so at Send), a note why.
      expect(await other.getByRole('button', { name: 'Change photos and send again' }).isVisible()).toBe(false);
      expect(await other.locator('#results [data-retake]:visible').count()).toBe(0);
      expect(await other.locator('#link-ended-note').textContent()).toContain('no more photos can be sent with it');
      expect(await other.locator('#link-ended-note').isVisible()).toBe(true);
      expect(await accessibilityViolations(other)).toEqual([]);
      // Reloaded anyway: the notice says the photos reached the clinic.
      await other.reload();
      await other.getByRole('heading', { name: 'Your link has expired or is not valid any more' }).waitFor();
      expect(await other.locator('#no-link').textContent()).toContain('The photos you sent reached your clinic');
    } finally {
      await other.close();
    }
  });

  it('finds the consultation again after a reload during the analysis, without sending it twice', async () => {
    const other = await context.newPage();
    try {
      const posts: string[] = [];
      other.on('request', (r) => r.method() === 'POST' && r.url().includes('/v1/consultations') && posts.push(r.url()));
      /** The browser's "leave the page?" questions, each accepted. */
      const asked: string[] = [];
      other.on('dialog', (d) => {
        asked.push(d.type());
        void d.accept();
      });
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.setInputFiles('#file-top', photos.top);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      // A photo chosen and not sent: leaving asks first (browsers ask only after a gesture on the page).
      await other.locator('#age').click();
      await other.reload();
      expect(asked).toEqual(['beforeunload']);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('0 of 5 photos added');

      await other.setInputFiles('#file-top', photos.top);
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('1 of 5 photos added');
      const created = other.waitForResponse((r) => r.url().includes('/v1/consultations?async=true'));
      await other.getByRole('button', { name: 'Send photos for analysis' }).click();
      const { id } = (await (await created).json()) as { id: string };
      // Once the page holds the consultation, a reload finds it again: nothing to ask.
      await expect.poll(() => other.evaluate(() => sessionStorage.getItem('smp-consultation'))).toBe(id);
      // The analysis is held back until the page has been looked at after the reload.
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      await other.route(/\/v1\/consultations\/[0-9a-f-]{36}$/, async (route) => {
        await held;
        await route.continue();
      });
      await other.reload();
      // What the page is doing is said at the top, not an empty form.
      await other.getByRole('heading', { name: 'Your photos were sent' }).waitFor();
      expect(await other.locator('#resuming').textContent()).toContain('Analysing your photos');
      expect(await other.locator('#consultation').isVisible()).toBe(false);
      expect(await other.locator('#intro').isVisible()).toBe(false);
      release();
      await other.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });
      await other.unrouteAll();
      expect(await other.locator('#resuming').isVisible()).toBe(false);
      expect(posts).toHaveLength(1);
      expect(await other.locator('.photo-card[data-view="top"]').count()).toBe(1);
      // Results on screen: a reload asks nothing (it finds them again).
      await other.reload();
      await other.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });
      expect(asked).toEqual(['beforeunload']);
      // "Change photos and send again" after a reload: the photos are not on the page any more, and it says so.
      await other.getByRole('button', { name: 'Change photos and send again' }).click();
      expect(await other.locator('#photos-gone').isVisible()).toBe(true);
      expect(await other.locator('#photos-gone').textContent()).toContain('please add them again');
      // ... and its empty cards carry no verdict ("Checked: usable" by an "Add top photo" button).
      expect(await other.locator('#view-top-messages li').count()).toBe(0);
      // It starts afresh: a reload then shows the form.
      await other.reload();
      await other.getByRole('heading', { name: 'Photos for your scalp consultation' }).waitFor();
      expect(await other.locator('#results').isVisible()).toBe(false);
      expect(asked).toEqual(['beforeunload']);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await other.close();
    }
  });

  it('tells to retake a photo the consultation refused, in the summary above Send', async () => {
    // The check before sending finds nothing wrong (as with a photo of a wall); the consultation refuses it.
    const other = await context.newPage();
    try {
      await other.route('**/v1/photo-checks', (route) => route.fulfill({ json: { view: 'back', width: 640, height: 640, format: 'jpeg', quality: { assessable: true, reasons: [], checks: [] } } }));
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.setInputFiles('#file-back', photos.dark);
      await other.setInputFiles('#file-top', photos.top);
      await expect.poll(() => other.locator('#view-back .msg-ok').textContent()).toContain('Light and sharpness look fine');
      await expect.poll(() => other.locator('#photo-count').textContent()).toBe('2 of 5 photos added');
      expect(await other.locator('#send-summary').textContent()).not.toContain('retaking');
      await other.getByRole('button', { name: 'Send photos for analysis' }).click();
      await other.getByRole('heading', { name: 'Your results' }).waitFor({ timeout: 45_000 });
      // Results from some of the photos say so at the top.
      expect(await other.locator('#results .partial').first().textContent()).toContain('Based on 1 of your 2 photos (top of the head)');
      await other.locator('.photo-card[data-view="back"]').getByRole('button', { name: 'Retake the back of the head photo' }).click();
      expect(await other.locator('#send-summary').textContent()).toContain('We suggest retaking the back photo');
    } finally {
      await other.close();
    }
  });

  /** A new upload link (its token and id), as the clinic mints one. */
  async function mintLink(): Promise<{ id: string; token: string }> {
    const res = await fetch(`${base}/v1/upload-tokens`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ ttlMinutes: 30 }) });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: string; token: string };
  }

  async function revokeLink(id: string): Promise<void> {
    expect((await fetch(`${base}/v1/upload-tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } })).status).toBe(204);
  }

  it('says at once, before any photo, when the link has expired, was revoked or is not valid', async () => {
    const revoked = await mintLink();
    await revokeLink(revoked.id);
    for (const t of ['smpu_not-a-valid-token', revoked.token]) {
      const other = await context.newPage();
      try {
        await other.goto(`${base}/?t=${encodeURIComponent(t)}`);
        await other.getByRole('heading', { name: 'Your link has expired or is not valid any more' }).waitFor();
        expect(await other.locator('#no-link').textContent()).toContain('ask your clinic to send you a new one');
        expect(await other.locator('#consultation').isVisible()).toBe(false);
        expect(await other.locator('#intro').isVisible()).toBe(false);
        expect(await accessibilityViolations(other)).toEqual([]);
      } finally {
        await other.close();
      }
    }
  });

  it('blames the link, not the photo, when the link ends while photos are being added', async () => {
    const link = await mintLink();
    const other = await context.newPage();
    try {
      await other.goto(`${base}/?t=${encodeURIComponent(link.token)}`);
      await other.getByRole('heading', { name: 'Photos for your scalp consultation' }).waitFor();
      await revokeLink(link.id);
      await other.setInputFiles('#file-front', photos.front);
      await other.getByRole('heading', { name: 'Your link has expired or is not valid any more' }).waitFor();
      expect(await other.locator('#consultation').isVisible()).toBe(false);
      // Nothing on the photo's card says it is at fault, and the notice has the keyboard focus.
      expect(await other.locator('#view-front .msg-error').count()).toBe(0);
      expect(await other.locator('#view-front').getAttribute('class')).not.toContain('is-error');
      expect(await other.evaluate(() => document.activeElement?.id)).toBe('no-link');
    } finally {
      await other.close();
    }
  });

  it("checks a photo's pixels against the limit the service gives", async () => {
    const other = await context.newPage();
    try {
      // A service set to SMP_MAX_PIXELS=300000: the page follows it (the photo is 640×640, 0.4 MP).
      await other.route('**/v1/upload-limits', (route) => route.fulfill({ json: { maxFileBytes: 25 * 1024 * 1024, maxPixels: 300_000 } }));
      await other.goto(`${base}/?t=${encodeURIComponent(token)}`);
      await other.getByRole('heading', { name: 'Photos for your scalp consultation' }).waitFor();
      const size = await sharp(photos.front).metadata();
      await other.setInputFiles('#file-front', photos.front);
      await expect.poll(() => other.locator('#view-front .msg-error').textContent()).toContain(`${size.width}×${size.height} pixels`);
      expect(await other.locator('#view-front .msg-error').textContent()).toContain('more than the 0.3 MP we can take');
      expect(await other.locator('#photo-count').textContent()).toBe('0 of 5 photos added');
    } finally {
      await other.close();
    }
  });

  it('loads nothing from elsewhere and runs without script errors', () => {
    expect(foreign).toEqual([]);
    // Without the photo-check route, its one 404 is the only error the browser may log.
    expect(pageErrors.filter((e) => photoChecks || !/status of 404/.test(e))).toEqual([]);
  });
});
