// The audit's PDF page as a clinic reads it (the clinic review): which audit and client it is, ΔE76 and
// ΔL* spelled as the PNG spells them (Helvetica had printed "dE76"), the overall change and a band near a
// boundary, each photo's quality warnings, the measured before photo of an audit that is not assessable,
// and the dark share of the scar told apart from the pigment the treatment added.
import { beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed, type AuditRun } from '../../../../src/vision/audit/run-audit.js';
import { auditHeader, deltaE76Change, qualityLines, renderAuditPdf, renderAuditSideBySide } from '../../../../src/vision/audit/render.js';
import type { AuditResult } from '../../../../src/vision/audit/schema.js';
import { stripPair } from '../../../helpers/audit-pair.js';
import { pdfText, pdfWords } from '../../../helpers/pdf-text.js';

let run: AuditRun;
let png: Uint8Array;

beforeAll(async () => {
  const { pair, poly } = stripPair(7, 256);
  run = await runAuditDetailed({ before: pair.before, after: pair.after, scarPolygon: poly });
  png = await renderAuditSideBySide(run);
});

const DATE = '2026-03-04T09:15:31.000Z';
type Scar = AuditResult['scar'];
const withScar = (scar: Partial<Scar>, rest: Partial<AuditResult> = {}): AuditResult => ({ ...run.result, ...rest, scar: { ...run.result.scar, ...scar } });
const pdf = (result: AuditResult, opts: Parameters<typeof renderAuditPdf>[1] = {}) => renderAuditPdf({ result }, { sideBySide: png, date: DATE, ...opts }).then((b) => Buffer.from(b));
const text = async (result: AuditResult, opts: Parameters<typeof renderAuditPdf>[1] = {}) => pdfText(await pdf(result, opts));
/** The after photo refused: its cells empty, the before photo's as measured. */
const afterLeftOut = <T extends { before: unknown; after: unknown }>(p: T): T => ({ ...p, after: null });

describe('the audit PDF', () => {
  it('names the audit, the client and the date, and is the same page for the same input', async () => {
    expect(auditHeader({ auditId: 'a1', clientRef: 'C-0042', date: DATE })).toBe('Audit a1 · client C-0042 · 2026-03-04 09:15 UTC');
    expect(auditHeader({})).toBe('');
    const t = await text(run.result, { auditId: '3f1c2a9e-1111-4222-8333-444455556666', clientRef: 'C-0042' });
    if (t === null) return;
    expect(t).toContain('Audit 3f1c2a9e-1111-4222-8333-444455556666 · client C-0042 · 2026-03-04 09:15 UTC');
    // pure: nothing read from the clock
    expect((await pdf(run.result)).equals(await pdf(run.result))).toBe(true);
  });

  it('spells ΔE76 and ΔL*, prints the change before -> after, and says when a band lies near a boundary', async () => {
    expect(deltaE76Change(13.84, 13.66)).toBe('−0.1'); // from the printed 13.8 and 13.7, not −0.18
    expect(deltaE76Change(5.04, 7.46)).toBe('+2.5');
    expect(deltaE76Change(7.01, 6.99)).toBe('0.0');
    const scar: Partial<Scar> = { deltaE76: { before: 13.84, after: 13.66, visits: [] }, match: { before: 'obvious', after: 'slight', visits: [] } };
    const near = await text(withScar({ ...scar, matchSure: { before: true, after: false, visits: [] } }));
    if (near === null) return;
    expect(near).toContain('ΔE76 13.8 → 13.7 (change −0.1) · band obvious → slight, near a band boundary');
    expect(near).toMatch(/ΔE76 13\.8 13\.7 /);
    expect(near).toContain('ΔL* (scar − surround)');
    expect(near).toContain('slight (near a boundary)');
    expect(near).not.toMatch(/\bdE76|\bdL\*/);
    const sure = await text(withScar({ ...scar, matchSure: { before: true, after: true, visits: [] } }));
    expect(sure).toContain('ΔE76 13.8 → 13.7 (change −0.1) · band obvious → slight');
    expect(sure).not.toContain('near a band boundary');
    expect(sure).not.toContain('(near a boundary)');
  });

  it("prints each photo's quality warnings, and the refusals as such", async () => {
    const blur = 'the photo is a little blurred; hold the phone still';
    const dark = 'the photo is too dark; turn on the room lights';
    const quality: AuditResult['quality'] = {
      before: { assessable: true, reasons: [blur], checks: [{ id: 'blur', severity: 'warning', value: 40, message: blur }] },
      after: { assessable: true, reasons: [], checks: [] },
      visits: [{ assessable: false, reasons: [dark], checks: [{ id: 'exposure', severity: 'error', value: 20, message: dark }] }],
    };
    const t = await text({ ...run.result, quality });
    if (t === null) return;
    expect(t).toContain(`before photo: ${blur} (warning)`);
    expect(t).toContain('after photo: passed the quality checks');
    expect(t).toContain(`visit 1: ${dark} (photo refused)`);
  });

  it('shows what was measured of an audit that is not assessable, under its reasons at the top of the page', async () => {
    const s = run.result.scar;
    const reason = 'after photo: the photo is too dark; turn on the room lights';
    const result = withScar(
      { deltaE76: afterLeftOut(s.deltaE76), deltaE00: afterLeftOut(s.deltaE00), match: afterLeftOut(s.match), matchSure: afterLeftOut(s.matchSure!), deltaL: afterLeftOut(s.deltaL), density: afterLeftOut(s.density), coverage: afterLeftOut(s.coverage) },
      { assessable: false, reasons: [reason], photos: afterLeftOut(run.result.photos), flags: [], checks: [] },
    );
    const bytes = await pdf(result);
    const t = pdfText(bytes);
    if (t === null) return;
    const before = s.deltaE76.before!.toFixed(1);
    expect(t).toContain(`Not assessable • ${reason}`);
    expect(t).toContain(`ΔE76 before ${before} (${s.match.before}); the after photo was not measured`);
    expect(t).toMatch(new RegExp(`ΔE76 ${before.replace('.', '\\.')} — `));
    expect(t).toContain(`Cheon band ${s.match.before}`);
    // the reasons stand above the side-by-side image, not under it beside the table
    const words = pdfWords(bytes)!;
    const y = (w: string) => words.find((x) => x.text === w)!.yMin;
    expect(y('Colour') - y('Not')).toBeGreaterThan(150);
  });

  it('tells the dark share of the scar from the pigment added since the before photo, for the after photo and each visit', async () => {
    const p = run.result.photos;
    const after = { ...p.after!, added: { pigmentFraction: 0.12, blotchFraction: null } };
    const visit = { ...p.after!, added: { pigmentFraction: 0.15, blotchFraction: null } };
    const result = withScar(
      {
        deltaE76: { ...run.result.scar.deltaE76, visits: [12.01] },
        match: { ...run.result.scar.match, visits: ['slight'] },
        matchSure: { ...run.result.scar.matchSure!, visits: [false] },
        coverage: { ...run.result.scar.coverage, before: { pigmentFraction: 0.24, surroundDarkFraction: 0.1, cellsWithDots: 0.2 }, visits: [{ pigmentFraction: 0.3, surroundDarkFraction: 0.1, cellsWithDots: 0.5 }] },
      },
      { photos: { before: p.before, after, visits: [visit] }, visitRegistrations: [run.result.registration!] },
    );
    const t = await text(result);
    if (t === null) return;
    expect(t).not.toContain('under pigment');
    expect(t).toMatch(/dark share of the scar \(texture, hair, pigment\) 24 ?% /);
    expect(t).toMatch(/pigment added since before — 12 ?% /);
    const change = deltaE76Change(run.result.scar.deltaE76.before!, 12.01);
    expect(t).toMatch(new RegExp(`visit 1: ΔE76 12\\.0 \\(slight, near a band boundary\\), change ${change.replace('+', '\\+')} since before · pigment added since before 15 ?% · dark share of the scar 30 ?%`));
  });
});

// What the output review of session 43 found on the audit's page (numbers.ts).
describe('the audit PDF, its numbers and refusals', () => {
  it('prints ΔL*, Δa* and Δb* with a true minus sign, as the flags word them', async () => {
    const r = run.result;
    const result: AuditResult = { ...r, scar: { ...r.scar, deltaL: { ...r.scar.deltaL, before: 11.44, after: -16.58 }, deltaA: { ...r.scar.deltaA, before: -7.83, after: -13.77 } } };
    const t = await text(result);
    if (t === null) return;
    expect(t).toMatch(/ΔL\* \(scar − surround\) 11\.4 −16\.6 /);
    expect(t).toMatch(/Δa\* −7\.8 −13\.8 /);
    expect(t).not.toMatch(/ -\d/);
  });

  it('does not say a photo refused as the same photo as the before photo passed the quality checks', async () => {
    const r = run.result;
    const gate = { assessable: true, reasons: [], checks: [{ id: 'exposure', severity: 'ok' as const, value: 122, message: 'the exposure is fine' }] };
    const same = 'it is the same photo as the before photo: send one taken at its own visit';
    const result: AuditResult = { ...r, assessable: false, reasons: [`after photo: ${same}`], checks: [], flags: [], quality: { before: gate, after: gate, visits: [] } };
    const lines = qualityLines(result);
    expect(lines[0]).toMatchObject({ photo: 'before photo', text: 'passed the quality checks', refused: false });
    expect(lines[1]).toEqual({ photo: 'after photo', text: `${same} (photo refused)`, refused: true, warned: true });
    const t = await text(result);
    if (t === null) return;
    expect(t).toContain(`Not assessable • after photo: ${same}`);
    expect(t).toContain(`after photo: ${same} (photo refused)`);
    expect(t).not.toContain('after photo: passed the quality checks');
    // a visit left out the same way
    const visit: AuditResult = { ...result, assessable: true, reasons: [`visit 1 left out: it is the same photo as the after photo: send one taken at its own visit`], quality: { before: gate, after: gate, visits: [gate] } };
    expect(qualityLines(visit).map((l) => l.text)).toEqual(['passed the quality checks', 'passed the quality checks', 'it is the same photo as the after photo: send one taken at its own visit (photo refused)']);
  });
});
