// What a reviewer found on the dot plan page of a female (Ludwig) consultation's report, planned on a top
// view that shows 7.4 cm² of thinning scalp and 0.2 cm² of bald (/tmp/review5/f): the Achieved column
// showed the bald sliver's "0 / 4 / 4" and a note on how far under the target it fell, never the thinning
// scalp that held 104 of the 105 dots; "Treated area: 8 cm², bald 0, thinning 7" did not add up and
// later read "(here 0.2 cm²)" for the bald it had listed as 0; and the plan image was "coloured by
// session" with nothing on the page saying which colour is which session.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { planDots } from '../../../../src/plan/dots/plan.js';
import { planSummary, type PlanSummary } from '../../../../src/plan/dots/summary.js';
import { renderReportPdf, sessionLegend } from '../../../../src/plan/render/report.js';
import { achievedColumns, achievedZones, areaFigures } from '../../../../src/plan/render/report-density.js';
import { SESSION_COLOURS } from '../../../../src/plan/render/colour.js';
import { renderPlanSvg } from '../../../../src/plan/render/svg.js';
import type { RgbImage } from '../../../../src/vision/image.js';
import { sceneLabels, sceneSegmentation } from '../synthetic.js';
import { pdfText, pdfWords } from '../../../helpers/pdf-text.js';

function scenePlan() {
  const { width, height, labels } = sceneLabels();
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(labels[i] === 1 ? [214, 170, 140] : labels[i] === 2 ? [70, 50, 40] : [120, 120, 125], 3 * i);
  const image: RgbImage = { width, height, data };
  const needle = { code: '0803RL', diameterMm: 0.25 };
  return planDots({ image, seg: sceneSegmentation(), view: 'top', scale: 0.4, seed: 4, sessions: [0.3, 0.7, 1].map((f, index) => ({ index, densityPerCm2: 63 * f, dilution: { waterParts: 12 - 2 * index }, needle })) });
}

/** The synthetic scene's plan with the female consultation's figures put in (/tmp/review5/f.json's plan). */
function femalePlan(): PlanSummary {
  const plan = planSummary(scenePlan());
  const figures = [
    { dots: 12, cumulativeDots: 12, densityPerCm2: 18.9, achievedPerCm2: { bald: 0, thinning: 1.6 }, plannedPerCm2: { bald: 0, thinning: 1.7 } },
    { dots: 62, cumulativeDots: 74, densityPerCm2: 44.1, achievedPerCm2: { bald: 4.4, thinning: 9.9 }, plannedPerCm2: { bald: 2.7, thinning: 9.9 } },
    { dots: 31, cumulativeDots: 105, densityPerCm2: 63, achievedPerCm2: { bald: 4.4, thinning: 14.1 }, plannedPerCm2: { bald: 3.8, thinning: 14.1 } },
  ];
  return { ...plan, totalDots: 105, areaCm2: { bald: 0.2, thinning: 7.4, scar: 0, hairline: 0 }, sessions: plan.sessions.map((s, k) => ({ ...s, ...figures[k] })) };
}

describe('report: the Achieved column shows the zones that hold the dots', () => {
  it('shows the thinning scalp (104 of 105 dots), not a 0.2 cm² bald sliver holding one', async () => {
    const plan = femalePlan();
    expect(achievedZones(plan)).toEqual(['thinning']);
    const a = achievedColumns(plan)!;
    expect(a.columns).toEqual([{ zone: 'thinning', header: 'Achieved /cm² (thinning)', cells: ['2', '10', '14'] }]);
    expect(a.note).toContain('The bald scalp in this photo (0.2 cm²) holds about 1 of the 105 dots, too few to read a density from: it has no column.');
    expect(a.note).toContain('Thinning scalp takes a share of the target, by the hair it keeps, so it reads under the target.');
    expect(a.note).not.toContain('93 % under the target');
    const text = pdfText(await renderReportPdf({ consultation: {}, plan }));
    if (text === null) return;
    expect(text).toMatch(/Achieved .*\(thinning\)/);
    expect(text).not.toMatch(/\(bald\)/);
    expect(text).toMatch(/ 3 31 105 63 14 8:1 0803RL /);
  });

  it('keeps bald alone where it holds nearly all the dots, and shows both where each holds a share', () => {
    const plan = femalePlan();
    const bald = { ...plan, areaCm2: { ...plan.areaCm2, bald: 6, thinning: 0.4 } };
    expect(achievedZones(bald)).toEqual(['bald']);
    const both = { ...plan, areaCm2: { ...plan.areaCm2, bald: 4, thinning: 2 } }; // 18 and 28 dots
    expect(achievedZones(both)).toEqual(['bald', 'thinning']);
    expect(achievedColumns(both)!.columns.map((c) => c.cells)).toEqual([
      ['0', '4', '4'],
      ['2', '10', '14'],
    ]);
  });
});

describe('report: the treated area adds up as printed', () => {
  it('prints small areas to one decimal, and parts that add up to the total', () => {
    expect(areaFigures({ bald: 0.2, thinning: 7.4, scar: 0, hairline: 0 })).toEqual({ total: '7.6', parts: { bald: '0.2', thinning: '7.4', scar: '0', hairline: '0' } });
    // whole cm² for larger areas, the parts rounded to add up to the rounded total (12 + 20 had read 33)
    const big = areaFigures({ bald: 12.3, thinning: 20.4, scar: 0, hairline: 0 });
    expect(big).toEqual({ total: '33', parts: { bald: '12', thinning: '21', scar: '0', hairline: '0' } });
    // a zone that would print as 0 keeps its decimal, and so does everything beside it
    expect(areaFigures({ bald: 0.3, thinning: 40.2, scar: 0, hairline: 0 })).toEqual({ total: '40.5', parts: { bald: '0.3', thinning: '40.2', scar: '0', hairline: '0' } });
    for (const area of [{ bald: 3.36, thinning: 8.27, scar: 1.49, hairline: 2.44 }, { bald: 10.6, thinning: 30.7, scar: 5.6, hairline: 4.6 }]) {
      const f = areaFigures(area);
      const sum = Object.values(f.parts).reduce((a, b) => a + Number(b), 0);
      expect(sum).toBeCloseTo(Number(f.total), 6);
    }
  });

  it('names the bald area with the same figure in the area line and in the note under the table', async () => {
    const plan = femalePlan();
    const text = pdfText(await renderReportPdf({ consultation: {}, plan }));
    if (text === null) return;
    expect(text).toContain('Treated area in this photo: 7.6 cm² bald 0.2, thinning 7.4, hairline 0, scar 0');
    expect(text).toContain('The bald scalp in this photo (0.2 cm²)');
  });
});

/** Page 1 of the PDF as RGB pixels at `dpi`, through poppler; null without it. */
function pageRgb(pdf: Buffer, dpi: number): Promise<{ data: Buffer; width: number; height: number }> | null {
  if (!existsSync('/usr/bin/pdftoppm')) return null;
  const dir = mkdtempSync(join(tmpdir(), 'legend-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', join(dir, 'r.pdf'), join(dir, 'p')]);
    const png = readFileSync(join(dir, 'p.png'));
    return sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true }).then(({ data, info }) => ({ data, width: info.width, height: info.height }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('report: a colour key for the dot plan image', () => {
  it('draws one swatch per session in its colour under the plan image, labelled with the session', async () => {
    expect(sessionLegend(3)).toEqual([
      { colour: '#0072b2', label: 'Session 1' },
      { colour: '#e69f00', label: 'Session 2' },
      { colour: '#009e73', label: 'Session 3' },
    ]);
    // grey images: any session colour on the page is the key's
    const grey = await sharp({ create: { width: 200, height: 200, channels: 3, background: { r: 128, g: 128, b: 128 } } }).png().toBuffer();
    const jpeg = await sharp(grey).jpeg().toBuffer();
    const plan = femalePlan();
    const pdf = await renderReportPdf({ consultation: {}, plan, photos: [{ view: 'top', image: jpeg, overlay: grey }] });
    const words = pdfWords(pdf);
    if (words === null) return;
    const caption = words.find((w) => w.text === 'coloured')!;
    const key = words.filter((w) => w.yMin > caption.yMin && w.yMin < caption.yMin + 30);
    expect(key.map((w) => w.text).join(' ')).toBe('Session 1 Session 2 Session 3');
    const page = await pageRgb(pdf, 100);
    if (page === null) return;
    for (const [r, g, b] of SESSION_COLOURS.slice(0, 3)) {
      let n = 0;
      for (let i = 0; i < page.data.length; i += 3) if (Math.abs(page.data[i] - r) + Math.abs(page.data[i + 1] - g) + Math.abs(page.data[i + 2] - b) < 12) n++;
      expect(n, `swatch ${r},${g},${b}`).toBeGreaterThan(20); // a 6 pt swatch: ~8x8 px at 100 dpi
    }
    // none without a plan image
    const bare = pdfWords(await renderReportPdf({ consultation: {}, plan, photos: [{ view: 'top', image: jpeg }] }))!;
    expect(bare.filter((w) => w.text === 'Session').length).toBe(words.filter((w) => w.text === 'Session').length - 3);
  });

  it("names each layer of plan.svg by its session and colour", () => {
    const svg = renderPlanSvg(scenePlan());
    expect(svg).toMatch(/<g id="session-1" [^>]*fill="#0072b2"[^>]*>\n<title>Session 1 \(blue\)<\/title>/);
    expect(svg).toMatch(/<g id="session-3" [^>]*fill="#009e73"[^>]*>\n<title>Session 3 \(bluish green\)<\/title>/);
    expect(svg).toContain('coloured session 1 blue (#0072b2), session 2 orange (#e69f00), session 3 bluish green (#009e73)');
  });
});
