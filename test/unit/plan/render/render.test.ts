import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { planDots } from '../../../../src/plan/dots/plan.js';
import { planSummary } from '../../../../src/plan/dots/summary.js';
import { DOTS_CSV_HEADER, renderDotsCsv } from '../../../../src/plan/render/csv.js';
import { renderOverlayPng } from '../../../../src/plan/render/overlay.js';
import { renderPreview, renderPreviewPng } from '../../../../src/plan/render/preview.js';
import { removedZones, renderReportPdf, withoutLead } from '../../../../src/plan/render/report.js';
import { NOT_ASSESSABLE_WARNING } from '../../../../src/plan/recommend/index.js';
import { fallbackFontPath } from '../../../../src/plan/render/fonts.js';
import { orientationNote } from '../../../../src/pipeline/plan-task.js';
import { GIVEN_HAIRLINE_NOTE } from '../../../../src/plan/hairline/propose.js';
import { renderPlanSvg } from '../../../../src/plan/render/svg.js';
import type { RgbImage } from '../../../../src/vision/image.js';
import { ZONE } from '../../../../src/plan/density/treatment.js';
import { sceneLabels, sceneSegmentation } from '../synthetic.js';
import { pdfPages, pdfText, pdfWords } from '../../../helpers/pdf-text.js';

/** A photo for the synthetic scene: skin-coloured head, brown hair, grey background, a little texture. */
function scenePhoto(): RgbImage {
  const { width, height, labels } = sceneLabels();
  const data = new Uint8Array(width * height * 3);
  const colour = [[120, 120, 125], [214, 170, 140], [70, 50, 40], [230, 200, 185]];
  for (let i = 0; i < width * height; i++) {
    const t = ((i * 2654435761) >>> 24) / 255 - 0.5; // fixed pseudo-random texture
    for (let c = 0; c < 3; c++) data[3 * i + c] = Math.max(0, Math.min(255, colour[labels[i]][c] + 8 * t));
  }
  return { width, height, data };
}

const photo = scenePhoto();
const needle = { code: '0603RL', diameterMm: 0.25 };
const plan = planDots({
  image: photo,
  seg: sceneSegmentation(),
  view: 'top',
  scale: 0.4,
  seed: 4,
  sessions: [0.3, 0.7, 1].map((f, index) => ({ index, densityPerCm2: 90 * f, dilution: { waterParts: [12, 8, 6][index] }, needle })),
});

describe('plan.svg', () => {
  const svg = renderPlanSvg(plan, { photo: { href: 'photo.jpg' } });

  it('has one layer per session holding exactly that session’s dots, and the hairlines', () => {
    for (const [k, s] of plan.sessions.entries()) {
      const layer = svg.split(`<g id="session-${k + 1}"`)[1].split('</g>')[0];
      expect(layer.match(/<circle /g)?.length ?? 0).toBe(s.dots);
      expect(layer).toContain(`data-dots="${s.dots}"`);
    }
    expect(svg).toContain('id="hairline-design"');
    expect(svg).toContain('id="hairline-sessions-1"');
    expect(svg).toContain('href="photo.jpg"');
  });

  it('is a valid SVG of the photo’s size (rasterises)', async () => {
    const jpeg = await sharp(photo.data, { raw: { width: 400, height: 400, channels: 3 } }).jpeg().toBuffer();
    const embedded = renderPlanSvg(plan, { photo: { data: jpeg, mime: 'image/jpeg' } });
    const meta = await sharp(Buffer.from(embedded)).metadata();
    expect(meta.format).toBe('svg');
    expect([meta.width, meta.height]).toEqual([400, 400]);
    const png = await sharp(Buffer.from(embedded)).png().toBuffer();
    expect((await sharp(png).metadata()).width).toBe(400);
  });
});

describe('dots.csv', () => {
  it('lists every dot once with its session, position in px and mm, zone, size and shade', () => {
    const csv = renderDotsCsv(plan);
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe(DOTS_CSV_HEADER);
    expect(rows).toHaveLength(plan.totalDots + 1);
    const cols = rows[1].split(',');
    expect(cols).toHaveLength(9);
    expect(Number(cols[4])).toBeCloseTo(Number(cols[2]) * 0.4, 1);
    expect(['bald', 'thinning', 'scar', 'hairline']).toContain(cols[6]);
  });
});

describe('preview.png (healed-result simulation)', () => {
  it('darkens the treated scalp softly, leaves untreated areas untouched, and is deterministic', async () => {
    const out = await renderPreview(photo, plan);
    const { grid, zone } = plan.field;
    let before = 0, after = 0, n = 0, changedOutside = 0;
    const rgbBefore = [0, 0, 0], rgbAfter = [0, 0, 0];
    for (let y = 0; y < 400; y++) {
      for (let x = 0; x < 400; x++) {
        const i = y * 400 + x;
        const z = zone[Math.floor(y / grid.cellPx) * grid.width + Math.floor(x / grid.cellPx)];
        const lum = (d: Uint8Array): number => 0.2126 * d[3 * i] + 0.7152 * d[3 * i + 1] + 0.0722 * d[3 * i + 2];
        if (z === ZONE.bald) {
          before += lum(photo.data);
          after += lum(out.data);
          n++;
          for (let c = 0; c < 3; c++) { rgbBefore[c] += photo.data[3 * i + c]; rgbAfter[c] += out.data[3 * i + c]; } // prettier-ignore
        }
        else if (x < 30 || y < 10) changedOutside += Math.abs(lum(out.data) - lum(photo.data));
      }
    }
    // Full density reads as a visible shadow, not a painted-over area.
    expect(after / before).toBeLessThan(0.93);
    expect(after / before).toBeGreaterThan(0.6);
    expect(changedOutside).toBe(0);
    // Grey-black pigment seen through skin reads slightly cool: red loses more than blue.
    expect(rgbAfter[2] / rgbBefore[2]).toBeGreaterThan(rgbAfter[0] / rgbBefore[0]);
    expect(n).toBeGreaterThan(1000);
    const again = await renderPreview(photo, plan);
    expect(Buffer.from(again.data).equals(Buffer.from(out.data))).toBe(true);
  });

  it('encodes PNG at the photo size, or larger when asked', async () => {
    const png = await renderPreviewPng(photo, plan, { scale: 2, sessions: 1 });
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([800, 800]);
    const overlay = await renderOverlayPng(photo, plan);
    expect((await sharp(overlay).metadata()).width).toBe(400);
  });
});

describe('report.pdf', () => {
  it('renders a PDF from a loosely typed consultation, with photos and the plan table', async () => {
    const jpeg = await sharp(photo.data, { raw: { width: 400, height: 400, channels: 3 } }).jpeg().toBuffer();
    const pdf = await renderReportPdf({
      consultation: { id: 'c_test', norwood: { stage: '6', confidence: 0.7 }, skinTone: { ita: 30, monk: 4 }, recommendation: { sessionCount: { value: 3, reason: 'three layers' }, warnings: [{ severity: 'stop', message: 'x' }] } },
      plan: planSummary(plan),
      photos: [{ view: 'top', image: jpeg, overlay: await renderOverlayPng(photo, plan), preview: await renderPreviewPng(photo, plan) }],
      generatedAt: new Date('2025-01-02T00:00:00Z'),
      attribution: ['Example credit line'],
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(pdf.length).toBeGreaterThan(20_000);
    // Photos go in as JPEG: a one-page report with three images stays well under a megabyte.
    expect(pdf.length).toBeLessThan(1_000_000);
    // An unreadable image is reported on the page instead of failing the report.
    const broken = await renderReportPdf({ photos: [{ image: new Uint8Array([1, 2, 3]) }] });
    expect(broken.subarray(0, 5).toString()).toBe('%PDF-');
    // Nothing to read: still a valid (short) document.
    const empty = await renderReportPdf({});
    expect(empty.subarray(0, 5).toString()).toBe('%PDF-');
    if (existsSync('/usr/bin/pdftoppm')) {
      const dir = mkdtempSync(join(tmpdir(), 'report-'));
      try {
        writeFileSync(join(dir, 'r.pdf'), pdf);
        execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '30', join(dir, 'r.pdf'), join(dir, 'page')]);
        expect(readdirSync(dir).filter((f) => f.startsWith('page')).length).toBeGreaterThanOrEqual(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('gives a woman her Ludwig grade as the hair loss stage, not the Norwood stage graded alongside it', async () => {
    const norwood = { stage: '3', level: 3, confidence: 0.39 };
    const [woman, none, man] = await Promise.all([
      renderReportPdf({ consultation: { pattern: 'ludwig', norwood, ludwig: { grade: 'II', confidence: 0.7027 } } }).then(pdfText),
      renderReportPdf({ consultation: { pattern: 'ludwig', norwood, ludwig: { grade: 'none', confidence: 0.5 } } }).then(pdfText),
      renderReportPdf({ consultation: { pattern: 'norwood', norwood, ludwig: null } }).then(pdfText),
    ]);
    if (woman === null) return;
    expect(woman).toContain('Hair loss stage: Ludwig II confidence 0.70');
    expect(woman).not.toContain('Norwood');
    expect(none).toContain('Hair loss stage: no clear thinning (Ludwig) confidence 0.50');
    expect(man).toContain('Hair loss stage: Norwood 3 (p 0.39) clinicians grading the same photos agree with each other only moderately');
    expect(man).not.toContain('Ludwig');
  });

  it('says which photos were left out of an assessed consultation, and why', async () => {
    const reasons = ['photo 1 (front): the photo is blurred; hold the phone still'];
    const [assessed, not, clean] = await Promise.all([
      renderReportPdf({ consultation: { assessable: true, reasons, norwood: { stage: '4', confidence: 0.5 } } }).then(pdfText),
      renderReportPdf({ consultation: { assessable: false, reasons } }).then(pdfText),
      renderReportPdf({ consultation: { assessable: true, reasons: [], norwood: { stage: '4', confidence: 0.5 } } }).then(pdfText),
    ]);
    if (assessed === null) return;
    expect(assessed).toContain('Left out: photo 1 (front): the photo is blurred; hold the phone still');
    expect(not).toContain('Not assessable: photo 1 (front): the photo is blurred');
    expect(not).not.toContain('Left out');
    expect(clean).not.toContain('Left out');
  });

  it('withholds the settings of a consultation that could not be assessed: only the warning saying why', async () => {
    const zone = (name: string, density: number) => ({ zone: name, densityPerCm2: { value: density }, addedPerCm2: { value: density } });
    const recommendation = {
      pigment: { value: { name: 'Carbon black' }, reason: 'default' },
      sessionCount: { value: 3 },
      sessions: [{ index: 0, zones: [zone('hairline', 16.2), zone('fill', 27)] }],
      warnings: [NOT_ASSESSABLE_WARNING, { code: 'depth', severity: 'info', message: 'Keep the needle shallow.' }],
    };
    const [withheld, shown] = await Promise.all([
      renderReportPdf({ consultation: { assessable: false, reasons: ['no scalp recognised'], recommendation } }).then(pdfText),
      renderReportPdf({ consultation: { assessable: true, recommendation: { ...recommendation, warnings: recommendation.warnings.slice(1) } } }).then(pdfText),
    ]);
    if (withheld === null) return;
    expect(withheld).toContain("The photos could not be assessed (see the reasons), so these settings are the clinic table's defaults");
    for (const text of ['Settings per zone', 'Carbon black', '1 fill 27 27', 'Keep the needle shallow']) {
      expect(withheld).not.toContain(text);
      expect(shown).toContain(text);
    }
  });

  it('lists the planned scars with where they are known from, and the possible ones to check', async () => {
    const pdf = await renderReportPdf({
      consultation: {
        id: 'c_scars',
        scars: {
          planned: [
            { kind: 'linear', ageMonths: 14, source: 'stated+photo', photo: 1 },
            { kind: 'punctate', source: 'photo', photo: 3 },
          ],
          possible: [{ kind: 'irregular', photo: 0, confidence: 0.871 }],
        },
      },
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    if (text === null) return;
    // the stated scar as the warnings name it; the one found only in a photo is for the practitioner to confirm
    expect(text).toContain('Scars: Scar 1 (linear, stated, seen in photo 2) Scar 2: punctate, found in photo 4, not stated by the client: confirm it in person');
    expect(text).toContain('Possible scars: irregular in photo 1 (confidence 0.87) not planned for: check in person');
  });

  it('says when the planned area was placed by the head\'s shape (a shaved head\'s back or side view), not by its hair', async () => {
    const summary = planSummary(plan);
    const text = (rule: 'head' | 'skull' | 'profile') => renderReportPdf({ plan: { ...summary, scalp: { rule, note: `note for ${rule}` } } }).then(pdfText);
    const [head, skull, profile] = await Promise.all([text('head'), text('skull'), text('profile')]);
    if (head === null) return;
    expect(head).not.toContain('Planned area');
    expect(skull).toContain('Planned area: the skull above the neck note for skull');
    expect(profile).toContain("Planned area: the skull above the profile's hairline, ear and nape note for profile");
    // A top view cut to its rim of hair: how much skin beyond it was left out.
    const rim = await renderReportPdf({ plan: { ...summary, scalp: { rule: 'hair-rim', note: 'note for hair-rim', leftOutCm2: 34.4 } } }).then(pdfText);
    expect(rim).toContain('Planned area: the head within its rim of hair note for hair-rim (34 cm² left out)');
    // The plan's own note opens with the same words: printed once, not twice.
    const own = await renderReportPdf({ plan: { ...summary, scalp: { rule: 'hair-rim', note: 'the head within its rim of hair, behind the hairline', leftOutCm2: 2 } } }).then(pdfText);
    expect(own).toContain('Planned area: the head within its rim of hair behind the hairline (2 cm² left out)');
    expect(own).not.toMatch(/rim of hair the head within/);
  });

  it('withoutLead drops only opening words that repeat the value', () => {
    expect(withoutLead('4 sessions: scars need more passes', '4 sessions')).toBe('scars need more passes');
    expect(withoutLead('3 sessions, one per step', '3 sessions')).toBe('one per step');
    expect(withoutLead('13 sessions, one per step', '3 sessions')).toBe('13 sessions, one per step');
    expect(withoutLead('the head within its rim of hair', 'the head within its rim of hair')).toBeNull();
    expect(withoutLead(null, 'x')).toBeNull();
    expect(withoutLead('anything', '')).toBe('anything');
  });

  it('asks the practitioner to check the face end when the plan photo was read the wrong way round perhaps', async () => {
    const summary = planSummary(plan);
    const [sure, unsure] = await Promise.all([
      renderReportPdf({ plan: { ...summary, orientation: orientationNote({ orientation: 0, orientationCheck: { confidence: 0.93, sure: true } }) } }).then(pdfText),
      renderReportPdf({ plan: { ...summary, orientation: orientationNote({ orientation: 180, orientationCheck: { confidence: 0.61, sure: false } }) } }).then(pdfText),
    ]);
    if (sure === null) return;
    expect(sure).not.toContain('Face end');
    expect(unsure).toContain(
      'Face end: unsure (read with confidence 0.61 only). Check that the hairline is drawn at the forehead and the crown at the back before treatment; if not, draw the hairline or plan on another photo.',
    );
  });

  it('names the zone density factors a plan edit set, under the zone settings they scale', async () => {
    const zone = (name: string, density: number) => ({ zone: name, densityPerCm2: { value: density }, addedPerCm2: { value: density } });
    const consultation = { recommendation: { sessions: [{ index: 0, zones: [zone('hairline', 16.2), zone('fill', 27)] }] } };
    const [plain, factored] = await Promise.all([
      renderReportPdf({ consultation, zoneFactor: { bald: 1 } }).then(pdfText),
      renderReportPdf({ consultation, zoneFactor: { bald: 2, hairline: 0, thinning: 1 } }).then(pdfText),
    ]);
    if (plain === null) return;
    expect(plain).not.toContain('Zone density factors');
    expect(factored!.replace(/\s+/g, ' ')).toContain('Zone density factors set in the plan: bald ×2, hairline ×0. The densities above are before them; the dot plan applies them. Not planned (×0), so not in the table: hairline.');
    // the zone the factor removed has no row (it has no dots); the fill keeps its row
    expect(plain).toContain('1 hairline 16 16 1 fill 27 27');
    expect(factored).not.toContain('hairline 16');
    expect(factored).toContain('1 fill 27 27');
  });

  it('takes a zone out of the settings when its factor is 0 (the fill when bald and thinning both are)', () => {
    expect([...removedZones({ hairline: 0, bald: 0 })]).toEqual(['hairline']);
    expect([...removedZones({ bald: 0, thinning: 0, scar: 0 })]).toEqual(['scar', 'fill']);
    expect([...removedZones(undefined)]).toEqual([]);
    // a hairline removed in a plan edit ({"hairline": null}) takes its rows out too (the review, session 43)
    expect([...removedZones(undefined, true)]).toEqual(['hairline']);
  });

  it('prints zone factors as set: ×1.2, not ×1; ×0.4, not ×0 (which reads as a zone removed)', async () => {
    const zone = (name: string, density: number) => ({ zone: name, densityPerCm2: { value: density }, addedPerCm2: { value: density }, dilution: { value: { label: '12:1' } }, needle: { value: { code: '0803RL', configuration: 'round liner', diameterMm: 0.25 } } });
    const consultation = { recommendation: { sessions: [{ index: 0, zones: [zone('hairline', 16.2), zone('fill', 27)] }] } };
    const text = await renderReportPdf({ consultation, zoneFactor: { bald: 1.2, thinning: 0.4, hairline: 0.55 } }).then(pdfText);
    if (text === null) return;
    expect(text.replace(/\s+/g, ' ')).toContain('Zone density factors set in the plan: bald ×1.2, thinning ×0.4, hairline ×0.55.');
    expect(text).not.toContain('Not planned (×0)');
  });

  it('prints the plan\'s warnings (a hairline placed by head size alone) where the plan is', async () => {
    // the synthetic top view's own head-size caution left out: the plain report has no warning at all
    const summary = { ...planSummary(plan), warnings: [] };
    const message = 'No face or eyebrows were found in this front photo, so the hairline was placed by head size alone: check it on the client, or draw it, before using this plan.';
    const [plain, warned] = await Promise.all([
      renderReportPdf({ plan: summary }).then(pdfText),
      renderReportPdf({ plan: { ...summary, warnings: [{ code: 'hairline-unanchored', severity: 'caution', message }] } }).then(pdfText),
    ]);
    if (plain === null) return;
    expect(plain).not.toContain('No face or eyebrows');
    expect(warned!.replace(/\s+/g, ' ')).toContain(`• ${message}`);
  });

  it('gives a session with no dots in the photo no time, and says why (a stated scar the photo does not show)', async () => {
    const summary = planSummary(plan);
    const last = summary.sessions[summary.sessions.length - 1];
    const scarOnly = { ...last, index: last.index + 1, dots: 0, estimatedMinutes: 20 };
    const text = await renderReportPdf({ plan: { ...summary, sessions: [...summary.sessions, scarOnly] } }).then(pdfText);
    if (text === null) return;
    expect(text).toMatch(new RegExp(`\\b${scarOnly.index + 1} 0 ${scarOnly.cumulativeDots} .* —`));
    expect(text).toContain(`Session ${scarOnly.index + 1} adds no dots in this photo: what it treats (e.g. a scar stated, or one another photo shows) is not in it; plan it from a photo that shows it, or in person.`);
    expect(await renderReportPdf({ plan: summary }).then(pdfText)).not.toContain('no dots in this photo');
  });

  it('shows the densities as planned after an edit, and a drawn hairline once', async () => {
    const needle = { value: { code: '0603RL', configuration: 'round liner', diameterMm: 0.2 } };
    const zone = (name: string, density: number, added: number) => ({ zone: name, densityPerCm2: { value: density }, addedPerCm2: { value: added }, needle });
    const recommendation = {
      sessions: [
        { index: 0, zones: [zone('hairline', 16.2, 16.2), zone('fill', 27, 27)] },
        { index: 1, zones: [zone('hairline', 37.8, 21.6), zone('fill', 63, 36)] },
      ],
    };
    const summary = planSummary(plan);
    const asRecommended = [
      { index: 0, densityPerCm2: 27, zoneDensityPerCm2: { hairline: 16.2 } },
      { index: 1, densityPerCm2: 63, zoneDensityPerCm2: { hairline: 37.8 } },
    ];
    const edited = [
      { index: 0, densityPerCm2: 10, zoneDensityPerCm2: { hairline: 6 } },
      { index: 1, densityPerCm2: 20, zoneDensityPerCm2: { hairline: 12 } },
    ];
    const [same, changed] = await Promise.all(
      [asRecommended, edited].map((plannedSessions) =>
        renderReportPdf({ consultation: { recommendation }, plannedSessions, plan: { ...summary, hairline: { method: 'given', points: [[0, 0], [10, 0]], control: [], raiseMm: [0, 0], notes: [GIVEN_HAIRLINE_NOTE] } } }).then(pdfText),
      ),
    );
    if (same === null) return;
    expect(same).toContain('Settings per zone Session');
    expect(same).toMatch(/1 hairline 16 16 .* 2 hairline 38 22 .* 2 fill 63 36/);
    expect(changed).toContain('Settings per zone (densities as edited in the plan)');
    expect(changed).toMatch(/1 hairline 6 6 .* 1 fill 10 10 .* 2 hairline 12 6 .* 2 fill 20 10/);
    expect(changed).toContain('Hairline: drawn by the practitioner');
    expect(changed).not.toContain('practitioner hairline drawn');
    // why the plan's hairline numbers differ from the table's; the raised first session only where there is one
    expect(same).toContain('The hairline density is reached at the back of its soft edge, so the band as a whole averages less.');
    expect(same).not.toContain('Session 1 draws its hairline');
    const raised = await renderReportPdf({ consultation: { recommendation }, plan: summary }).then(pdfText);
    expect(summary.hairline!.raiseMm[0]).toBe(5);
    expect(raised).toContain('Session 1 draws its hairline 5 mm behind the design: its hairline dots lie behind the final hairline band.');
    // said once with its number; the plan's note refers to it (it had said 'a few mm higher' as well)
    expect(raised!.match(/5 mm/g)).toHaveLength(1);
    expect(raised).not.toContain('a few mm');
    expect(raised).toContain('Session 1 uses the raised hairline named under Settings per zone; later sessions lower it to the design.');
  });

  it('after an edit of an earlier session, gives a later one the density it adds on top of the edited one', async () => {
    const needle = { value: { code: '0803RL', configuration: 'round liner', diameterMm: 0.25 } };
    const zone = (name: string, density: number, added: number) => ({ zone: name, densityPerCm2: { value: density }, addedPerCm2: { value: added }, needle });
    const recommendation = {
      sessions: [
        { index: 0, zones: [zone('fill', 27, 27)] },
        { index: 1, zones: [zone('fill', 63, 36)] },
        { index: 2, zones: [zone('fill', 90, 27)] },
      ],
    };
    // session 1 raised from 27 to 40: session 2 (63, as recommended) now adds 23, not 36; session 3 still 27
    const plannedSessions = [
      { index: 0, densityPerCm2: 40 },
      { index: 1, densityPerCm2: 63 },
      { index: 2, densityPerCm2: 90 },
    ];
    const text = await renderReportPdf({ consultation: { recommendation }, plannedSessions }).then(pdfText);
    if (text === null) return;
    expect(text).toContain('Settings per zone (densities as edited in the plan)');
    expect(text).toMatch(/1 fill 40 40 .* 2 fill 63 23 .* 3 fill 90 27/);
  });

  it('prints arrows, maths signs and non-Latin-1 names as written (embedded Unicode font, not WinAnsi Helvetica)', async () => {
    const pdf = await renderReportPdf({
      consultation: {
        skinTone: { ita: 41.6, category: 'intermediate', itaUncertainty: 6.4, confidence: 0.62 },
        recommendation: {
          pigment: { value: { name: 'Czerń Łódź №2' }, reason: 'ΔE₀₀ ≥ 25 to the skin' },
          sessionCount: { value: 3, reason: 'density 30 % → 70 % → 100 %' },
          warnings: [{ severity: 'caution', message: 'ITA ≤ 10° (≈ Fitzpatrick V−VI): dilute more' }],
          sessions: [
            {
              index: 0,
              dayOffset: { value: 0, reason: 'first' },
              zones: [
                { zone: 'hairline', densityPerCm2: { value: 16.2 }, addedPerCm2: { value: 16.2 }, dilution: { value: { label: '24:1' } }, needle: { value: { code: '0601RL', configuration: 'round liner', diameterMm: 0.2 } } },
                { zone: 'fill', densityPerCm2: { value: 27 }, addedPerCm2: { value: 27 }, dilution: { value: { label: '24:1' } }, needle: { value: { code: '0803RL', configuration: 'round liner', diameterMm: 0.25 } } },
              ],
            },
          ],
        },
      },
    });
    const text = pdfText(pdf);
    if (text === null) return;
    expect(text).toContain('Czerń Łódź №2');
    expect(text).toContain('ΔE₀₀ ≥ 25 to the skin');
    expect(text).toContain('30 % → 70 % → 100 %');
    expect(text).toContain('ITA ≤ 10° (≈ Fitzpatrick V−VI)');
    // The skin tone says how sure it is, as the stage does.
    expect(text).toContain('ITA 41.6° ±6° (intermediate)'); // one decimal: 41.6 is not 42, nor is 55.5 55
    expect(text).toContain('confidence 0.62');
    // Per zone: the hairline's single-point needle next to the fill's group.
    expect(text).toMatch(/Settings per zone Session Zone Density \/cm² Added \/cm² Dilution Needle Ø mm/);
    expect(text).toMatch(/1 \(day 0\) hairline 16 16 24:1 0601RL round liner 0\.20/);
    expect(text).toMatch(/fill 27 27 24:1 0803RL round liner 0\.25/);
  });

  it('prints Chinese, Japanese and Korean in the fallback font, wrapped in their table cells; without one, says how many characters it could not show', async (ctx) => {
    const zone = { zone: 'fill', densityPerCm2: { value: 27 }, addedPerCm2: { value: 27 }, dilution: { value: { label: '12:1' } }, needle: { value: { code: '極細針ラウンドライナー長いテーパープレミアム版', configuration: 'round liner', diameterMm: 0.2 } } };
    const consultation = {
      clientRef: '山田太郎 (Yamada)',
      recommendation: {
        pigment: { value: { name: '墨 黒 No.3 ソフト' }, reason: 'クリニックのカタログ' },
        warnings: [{ severity: 'caution', message: '김민수 고객: 흉터 — check in person' }],
        sessions: [0, 1].map((index) => ({ index, dayOffset: { value: 7 * index }, zones: [zone] })),
      },
    };
    const saved = process.env.SMP_REPORT_FALLBACK_FONT;
    try {
      process.env.SMP_REPORT_FALLBACK_FONT = 'none';
      const bare = pdfText(await renderReportPdf({ consultation }));
      if (bare === null) return ctx.skip();
      // 4 (client) + 5 + 10 (pigment, reason) + 7 (warning) + 2 × 23 (needle) CJK characters
      expect(bare).toContain('72 characters of this report could not be shown (empty boxes): this server has no font for them.');
      expect(bare).toContain('Client '); // the Latin around them is drawn as before

      delete process.env.SMP_REPORT_FALLBACK_FONT;
      if (!fallbackFontPath()) {
        console.warn('no CJK fallback font (apt-get install fonts-droid-fallback): CJK in the report not checked');
        return ctx.skip();
      }
      const pdf = await renderReportPdf({ consultation });
      const text = pdfText(pdf)!;
      expect(text).toContain('Client 山田太郎 (Yamada)');
      expect(text).toContain('Pigment: 墨 黒 No.3 ソフト クリニックのカタログ');
      expect(text).toContain('• 김민수 고객: 흉터 — check in person');
      expect(text).not.toContain('could not be shown');
      // the long needle name wraps inside its row: it ends above the next session's row
      const words = pdfWords(pdf)!;
      const needleEnds = words.filter((w) => w.text === 'liner');
      const rows = words.filter((w) => w.text === '(day');
      expect(needleEnds).toHaveLength(2);
      expect(needleEnds[0].yMax).toBeLessThanOrEqual(rows[1].yMin);
      expect(needleEnds[0].yMin).toBeGreaterThan(rows[0].yMax); // it did wrap (more than one line)
    } finally {
      if (saved === undefined) delete process.env.SMP_REPORT_FALLBACK_FONT;
      else process.env.SMP_REPORT_FALLBACK_FONT = saved;
    }
  });

  it('wraps a table cell too long for its column inside its row, and keeps a table\'s title and header with its first row', async () => {
    const zone = (code: string) => ({ zone: 'fill', densityPerCm2: { value: 27 }, addedPerCm2: { value: 27 }, dilution: { value: { label: '12:1' } }, needle: { value: { code, configuration: 'round liner', diameterMm: 0.2 } } });
    const sessions = (code: string) => [0, 1, 2].map((index) => ({ index, dayOffset: { value: 7 * index }, zones: [zone(code)] }));
    // a clinic's needle name (its catalogue takes any length) ran over the rows below and the footnote
    const long = await renderReportPdf({ consultation: { recommendation: { sessions: sessions('0603RL-KWADRON-OPTIMA-LONG-TAPER-PREMIUM') } } });
    const words = pdfWords(long);
    if (words === null) return;
    const first = (w: string) => words.find((x) => x.text === w)!;
    const all = (w: string) => words.filter((x) => x.text === w);
    // each session's needle name ends above the next session's row, and the last one above the footnote
    const ends = all('PREMIUM');
    const rows = all('(day');
    expect(ends).toHaveLength(3);
    expect(ends[0].yMax).toBeLessThanOrEqual(rows[1].yMin);
    expect(ends[1].yMax).toBeLessThanOrEqual(rows[2].yMin);
    expect(ends[2].yMax).toBeLessThanOrEqual(first('Stage').yMin); // the footnote (no preview here, so no word of one)
    // a table reaching the foot of a page: its title and header move to the next page with the first row
    for (let n = 50; n < 66; n++) {
      const warnings = Array.from({ length: n }, (_, i) => ({ severity: 'info', message: `warning ${i}` }));
      const pages = pdfPages(await renderReportPdf({ consultation: { recommendation: { warnings, sessions: sessions('0803RL') } } }))!;
      const page = pages.find((p) => p.includes('Settings per zone'))!;
      expect(page, `${n} warnings`).toMatch(/Settings per zone\s+Session\s+Zone.*\s+1 \(day 0\)/);
    }
  });

  it('captions a mask overlay as masks, and a dot plan as a dot plan', async () => {
    const jpeg = await sharp(photo.data, { raw: { width: 400, height: 400, channels: 3 } }).jpeg().toBuffer();
    const png = await sharp(photo.data, { raw: { width: 400, height: 400, channels: 3 } }).png().toBuffer();
    const pdf = await renderReportPdf({
      photos: [
        { view: 'front', image: jpeg, masks: png },
        { view: 'top', image: jpeg, overlay: png, masks: png },
      ],
    });
    const text = pdfText(pdf);
    if (text === null) return;
    expect(text.match(/Masks: hair green, scar magenta/g)).toHaveLength(1);
    expect(text.match(/Dot plan, coloured by session/g)).toHaveLength(1);
  });
});
