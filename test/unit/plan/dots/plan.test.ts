import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAN_OPTIONS, downFor, planDots, sessionZoneDensity, type PlanInput, type SessionSpec } from '../../../../src/plan/dots/plan.js';
import { offPhotoShare, planSummary } from '../../../../src/plan/dots/summary.js';
import { combineScale } from '../../../../src/plan/scale/estimate.js';
import { shadeFromDilution, diameterFromNeedle } from '../../../../src/plan/dots/attributes.js';
import { ZONE } from '../../../../src/plan/density/treatment.js';
import { sceneLabels, sceneSegmentation } from '../synthetic.js';
import { planOptionsOf } from '../../../../src/pipeline/plan-task.js';

const needle = { code: '0603RL', diameterMm: 0.25 };
export const SESSIONS: SessionSpec[] = [0.3, 0.7, 1].map((f, index) => ({ index, densityPerCm2: 90 * f, dilution: { waterParts: [12, 8, 6][index] }, needle }));
const seg = sceneSegmentation({ scar: [62, 180, 74, 200] });
const base: PlanInput = { image: { width: 400, height: 400 }, seg, view: 'top', scale: 0.4, sessions: SESSIONS, seed: 3 };
const plan = planDots(base);

describe('planDots', () => {
  it('fills the bald zone at each session’s density (exact per zone), with per-session counts that add up', () => {
    const { grid, fraction, zone } = plan.field;
    const cellCm2 = (0.4 * grid.cellPx) ** 2 / 100;
    for (const s of plan.sessions) {
      // What the field asks of the bald zone: its fraction (below 1 only where session 1's held-back
      // hairline ramp reaches into it) x the session's density.
      let want = 0;
      for (let c = 0; c < zone.length; c++) if (zone[c] === ZONE.bald) want += fraction[s.index][c] * s.densityPerCm2 * cellCm2;
      let got = 0;
      for (let i = 0; i < plan.totalDots; i++) if (plan.dots.zone[i] === ZONE.bald && plan.dots.session[i] <= s.index) got++;
      expect(Math.abs(got / want - 1), `session ${s.index}`).toBeLessThan(0.01);
      if (s.index > 0) expect(Math.abs(s.achievedPerCm2.bald! / s.densityPerCm2 - 1)).toBeLessThan(0.01);
    }
    expect(plan.sessions.reduce((a, s) => a + s.dots, 0)).toBe(plan.totalDots);
    expect(plan.sessions[2].cumulativeDots).toBe(plan.totalDots);
    expect(plan.totalDots).toBe(plan.dots.x.length);
    // ~ bald area (cm²) x 90 dots/cm².
    expect(plan.totalDots).toBeGreaterThan(0.9 * 90 * plan.areaCm2.bald);
  });

  it('says what the field asks of each zone, which the achieved density meets, feathered hairline included', () => {
    for (const s of plan.sessions) {
      for (const zone of ['bald', 'hairline', 'scar'] as const) {
        const asked = s.plannedPerCm2[zone]!, got = s.achievedPerCm2[zone]!;
        expect(asked, `${zone} session ${s.index}`).toBeGreaterThan(0);
        expect(Math.abs(got / asked - 1), `${zone} session ${s.index}: ${got} of ${asked}`).toBeLessThan(0.15);
      }
      // The feathered hairline asks less than its full density over its treated area.
      expect(s.plannedPerCm2.hairline!).toBeLessThan(0.8 * sessionZoneDensity(s, 'hairline'));
    }
    expect(planSummary(plan).sessions[0].plannedPerCm2.bald).toBeCloseTo(plan.sessions[0].plannedPerCm2.bald!, 1);
  });

  it('plans a segmented scar as the scalp it lies on when the consultation plans no scar (planScars false)', () => {
    expect(plan.areaCm2.scar).toBeGreaterThan(0);
    const noScar = planDots({ ...base, options: planOptionsOf({ planScars: false }) });
    expect(noScar.areaCm2.scar).toBe(0);
    expect(Array.from(noScar.dots.zone).includes(ZONE.scar)).toBe(false);
    // The scar's cells are still treated, as the zones around them: the treated area is the same.
    const total = (a: Record<string, number>): number => Object.values(a).reduce((x, y) => x + y, 0);
    expect(total(noScar.areaCm2)).toBeCloseTo(total(plan.areaCm2), 1);
    // Absent (older stored plans) or true: as before.
    expect(planDots({ ...base, options: planOptionsOf({}) }).areaCm2.scar).toBe(plan.areaCm2.scar);
  });

  it('labels the band behind the line as the fill it is when no session treats a hairline (hairlineBandIsFill)', () => {
    expect(plan.areaCm2.hairline).toBeGreaterThan(0);
    const fill = planDots({ ...base, hairlineBandIsFill: true });
    expect(fill.areaCm2.hairline).toBe(0);
    expect(Array.from(fill.dots.zone).includes(ZONE.hairline)).toBe(false);
    // The same cells treated, the band now counted as bald or thinning, and the same line limits them.
    const total = (a: Record<string, number>): number => Object.values(a).reduce((x, y) => x + y, 0);
    expect(total(fill.areaCm2)).toBeCloseTo(total(plan.areaCm2), 6);
    expect(fill.areaCm2.bald + fill.areaCm2.thinning).toBeCloseTo(plan.areaCm2.bald + plan.areaCm2.thinning + plan.areaCm2.hairline, 6);
    // Its soft edge is drawn in the fill's look, not the hairline's finer, lighter one.
    const lastSession = (p: typeof plan, i: number): boolean => p.dots.session[i] === 2;
    const sizes = new Set<number>();
    for (let i = 0; i < fill.totalDots; i++) if (lastSession(fill, i) && fill.field.hairlineEdge![2][fill.field.grid.width * Math.floor(fill.dots.y[i] / fill.field.grid.cellPx) + Math.floor(fill.dots.x[i] / fill.field.grid.cellPx)] === 1) sizes.add(fill.dots.sizeMm[i]);
    expect(sizes.size).toBeGreaterThan(0);
    const baldMean = ((): number => {
      let s = 0, n = 0;
      for (let i = 0; i < fill.totalDots; i++) if (lastSession(fill, i) && fill.dots.zone[i] === ZONE.bald) { s += fill.dots.sizeMm[i]; n++; } // prettier-ignore
      return s / n;
    })();
    const edgeMean = [...sizes].reduce((a, b) => a + b, 0) / sizes.size;
    expect(edgeMean).toBeGreaterThan(0.95 * baldMean);
  });

  it('gives hairline dots a smaller size and lighter shade, and darker dots to less diluted sessions', () => {
    const mean = (pick: (i: number) => boolean, arr: Float32Array): number => {
      let s = 0, n = 0;
      for (let i = 0; i < arr.length; i++) if (pick(i)) { s += arr[i]; n++; } // prettier-ignore
      return s / n;
    };
    const hl = (i: number): boolean => plan.dots.zone[i] === ZONE.hairline;
    const bald = (i: number): boolean => plan.dots.zone[i] === ZONE.bald && plan.dots.session[i] === 2;
    expect(mean(hl, plan.dots.sizeMm)).toBeLessThan(0.85 * mean(bald, plan.dots.sizeMm));
    expect(mean((i) => plan.dots.session[i] === 2, plan.dots.shade)).toBeGreaterThan(mean((i) => plan.dots.session[i] === 0, plan.dots.shade));
    expect(plan.sessions[0].shade).toBeCloseTo(shadeFromDilution(12), 9);
    expect(plan.sessions[0].dotDiameterMm).toBeCloseTo(diameterFromNeedle(0.25), 9);
  });

  it("draws hairline and scar dots with their own needle and dilution, the first session's raised hairline edge too", () => {
    const fine = { code: '0601RL', diameterMm: 0.18 };
    const zoneTools = { hairline: { needle: fine, dilution: { waterParts: 20 } }, scar: { needle: { code: '0603RL', diameterMm: 0.2 }, dilution: { waterParts: 4 } } };
    const tooled = planDots({ ...base, sessions: SESSIONS.map((s) => ({ ...s, zoneTools })) });
    // the same dots (tools change looks, not places)
    expect(Array.from(tooled.dots.x)).toEqual(Array.from(plan.dots.x));
    const sizes = (pick: (i: number) => boolean) => [...tooled.dots.sizeMm.keys()].filter(pick).map((i) => tooled.dots.sizeMm[i] / diameterFromNeedle(1));
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
    const scar = sizes((i) => tooled.dots.zone[i] === ZONE.scar);
    const hairline = sizes((i) => tooled.dots.zone[i] === ZONE.hairline);
    expect(scar.length).toBeGreaterThan(10);
    expect(median(scar)).toBeCloseTo(0.2, 1); // needle mm: the scar needle, not the fill's 0.25
    expect(median(hairline)).toBeCloseTo(0.18, 1);
    const shadeOf = (zone: number) => median([...tooled.dots.shade.keys()].filter((i) => tooled.dots.zone[i] === zone && tooled.dots.session[i] === 2).map((i) => tooled.dots.shade[i]));
    expect(shadeOf(ZONE.scar)).toBeGreaterThan(shadeOf(ZONE.bald)); // 4:1 over scars, 6:1 fill
    expect(shadeOf(ZONE.hairline)).toBeLessThan(shadeOf(ZONE.bald)); // 20:1 at the hairline

    // Session 1's edge is held back 5 mm, behind the final hairline zone: its dots there are bald-zone
    // dots, and still the hairline needle's. Without the tools they were all the fill needle's.
    const edge = tooled.field.hairlineEdge![0];
    const onEdge = (p: typeof plan) => [...p.dots.x.keys()].filter((i) => p.dots.session[i] === 0 && p.dots.zone[i] === ZONE.bald && edge[plan.field.grid.width * Math.floor(p.dots.y[i] / plan.field.grid.cellPx) + Math.floor(p.dots.x[i] / plan.field.grid.cellPx)] === 1);
    const edgeDots = onEdge(tooled);
    expect(edgeDots.length).toBeGreaterThan(5);
    expect(median(edgeDots.map((i) => tooled.dots.sizeMm[i] / diameterFromNeedle(1)))).toBeCloseTo(0.18, 1);
    expect(() => planDots({ ...base, sessions: SESSIONS.map((s) => ({ ...s, zoneTools: { scar: { needle: { code: 'x', diameterMm: 0 }, dilution: { waterParts: 4 } } } })) })).toThrow(
      'sessions[0].zoneTools.scar.needle.diameterMm must be positive',
    );
  });

  it('proposes a top-view hairline, held back 5 mm in the first session, and keeps the face side empty', () => {
    expect(plan.hairline?.method).toBe('head-geometry');
    expect(plan.hairlineRaiseMm).toEqual([5, 0, 0]);
    // The forehead rows (y >= 300) in front of the line get no dots.
    let front = 0;
    for (let i = 0; i < plan.totalDots; i++) if (plan.dots.y[i] > 345) front++;
    expect(front).toBe(0);
  });

  it('is deterministic for a seed and keeps already applied dots when re-planned', () => {
    const again = planDots(base);
    expect(Array.from(again.dots.x)).toEqual(Array.from(plan.dots.x));
    expect(Array.from(again.dots.shade)).toEqual(Array.from(plan.dots.shade));
    const first = (i: number): boolean => plan.dots.session[i] === 0;
    const idx = [...plan.dots.session.keys()].filter(first);
    const existingDots = { x: Float32Array.from(idx, (i) => plan.dots.x[i]), y: Float32Array.from(idx, (i) => plan.dots.y[i]), session: new Uint8Array(idx.length) };
    // Practitioner lowers later densities after session 1 was done: session 1 stays as it was.
    const edited = planDots({ ...base, seed: 99, existingDots, sessions: SESSIONS.map((s, k) => (k ? { ...s, densityPerCm2: s.densityPerCm2 * 0.8 } : s)) });
    for (let k = 0; k < idx.length; k++) {
      expect(edited.dots.x[k]).toBe(plan.dots.x[idx[k]]);
      expect(edited.dots.session[k]).toBe(0);
    }
    expect(edited.sessions[2].cumulativeDots).toBeLessThan(plan.sessions[2].cumulativeDots);
    expect(edited.existingDots).toEqual({ given: idx.length, outside: 0, crowded: 0 });
    // a top view read by head size: the hairline caution only
    expect(planSummary(edited).warnings.map((w) => w.code)).toEqual(['hairline-unanchored']);
    // The same dots sent twice: half are not kept, and the plan says so.
    const twice = { x: Float32Array.from([...existingDots.x, ...existingDots.x]), y: Float32Array.from([...existingDots.y, ...existingDots.y]), session: new Uint8Array(2 * idx.length) };
    const doubled = planSummary(planDots({ ...base, seed: 99, existingDots: twice }));
    expect(doubled.warnings.map((w) => w.code)).toEqual(['hairline-unanchored', 'existing-dots-dropped']);
    expect(doubled.warnings.find((w) => w.code === 'existing-dots-dropped')!.message).toMatch(new RegExp(`^${idx.length} of the ${2 * idx.length} dots given .* ${idx.length} closer to an earlier one`));
  });

  it('cautions when a drawn hairline sits far below the 8 cm rule the face gives, and not otherwise', () => {
    // glabella at y 300, 0.4 mm/px: the rule's mid-frontal point (64 mm as the photo shows it) at y 140
    const front: PlanInput = { ...base, view: 'front', landmarks: { glabella: [200, 300], leftCanthus: [140, 310], rightCanthus: [260, 310] } };
    const line = (y: number): [number, number][] => [[60, y + 40], [140, y + 5], [200, y], [260, y + 5], [340, y + 40]];
    const low = planSummary(planDots({ ...front, hairline: { points: line(260) } })).warnings.find((w) => w.code === 'hairline-low');
    expect(low).toEqual({
      code: 'hairline-low',
      severity: 'caution',
      message: 'The hairline drawn sits about 48 mm (as the photo shows the forehead) below the mid-frontal point of the 8 cm rule above the glabella (face landmarks): a hairline can be lowered later but never raised; check its height on the client before the first session.',
    });
    expect(planSummary(planDots({ ...front, hairline: { points: line(150) } })).warnings.map((w) => w.code)).not.toContain('hairline-low');
    // no landmarks: the eyebrows the masks show anchor the rule (the head-size fallback: hairline.test.ts)
    const faceless: PlanInput = { ...base, view: 'front' };
    const proposed = planDots(faceless).hairline!;
    expect(proposed.method).toBe('eyebrows');
    const midY = Math.max(...proposed.points.filter(([x]) => Math.abs(x - 200) < 10).map(([, y]) => y));
    const browLow = (dy: number) => planSummary(planDots({ ...faceless, hairline: { points: line(midY + dy) } })).warnings.find((w) => w.code === 'hairline-low');
    // 100 px = 40 mm below the proposed line, which may follow the hair's edge a little off the rule's point
    expect(browLow(100)?.message).toMatch(/^The hairline drawn sits about (3[5-9]|4[0-5]) mm \(as the photo shows the forehead\) below the mid-frontal point of the 8 cm rule above the glabella \(eyebrows found in the masks\)/);
    expect(browLow(0)).toBeUndefined();
    // a proposed line, or a top view (no face to measure from): no such caution
    expect(planSummary(planDots(front)).warnings.map((w) => w.code)).not.toContain('hairline-low');
    expect(planSummary(planDots({ ...base, hairline: { points: line(260) } })).warnings.map((w) => w.code)).not.toContain('hairline-low');
  });

  it('re-plans with a moved hairline and changed zone densities', () => {
    const lower = plan.hairline!.points.map(([x, y]) => [x, y + 20] as [number, number]);
    const moved = planDots({ ...base, hairline: { points: lower } });
    expect(moved.hairline?.method).toBe('given');
    expect(moved.totalDots).toBeGreaterThan(plan.totalDots);
    const thinner = planDots({ ...base, densityOverrides: { zoneFactor: { bald: 0.5 } } });
    expect(thinner.sessions[2].achievedPerCm2.bald! / plan.sessions[2].achievedPerCm2.bald!).toBeCloseTo(0.5, 1);
    // Above 1 too (the edit takes up to 2): it had been capped at the session's density, silently.
    const denser = planDots({ ...base, densityOverrides: { zoneFactor: { bald: 1.5 } } });
    expect(denser.sessions[2].achievedPerCm2.bald! / plan.sessions[2].achievedPerCm2.bald!).toBeCloseTo(1.5, 1);
  });

  it('estimates the scale from the head when none is given', () => {
    const est = planDots({ ...base, scale: undefined });
    expect(est.scale.source).toBe('headBreadth');
    // The scene head is 300 px wide: 155 mm / 300 px.
    expect(est.scale.mmPerPixel).toBeCloseTo(155 / 300, 1);
    expect(est.scale.relativeSigma).toBeGreaterThan(0.05);
  });

  it('summarises as plain JSON with the contract fields', () => {
    const json = JSON.parse(JSON.stringify(planSummary(plan)));
    expect(json.totalDots).toBe(plan.totalDots);
    for (const [k, s] of json.sessions.entries()) {
      expect(s.index).toBe(k);
      expect(typeof s.dots).toBe('number');
      expect(typeof s.densityPerCm2).toBe('number');
      expect(s.dilution.label).toBe(`${SESSIONS[k].dilution.waterParts}:1`);
      expect(s.needle.code).toBe('0603RL');
      // set-up and needle time for the dots it adds; none added, none counted
      expect(s.estimatedMinutes).toBe(s.dots > 0 ? Math.round(DEFAULT_PLAN_OPTIONS.setupMinutes + s.dots / DEFAULT_PLAN_OPTIONS.impressionsPerMinute) : 0);
    }
    // a session that adds nothing here (its density already reached) counts no time: 0, not the set-up alone
    const still = planDots({ ...base, options: { firstSessionRaiseMm: 0 }, sessions: [SESSIONS[0], { ...SESSIONS[1], densityPerCm2: SESSIONS[0].densityPerCm2 }] });
    expect(still.sessions[1].dots).toBe(0);
    expect(still.sessions[1].estimatedMinutes).toBe(0);
    expect(still.sessions[0].estimatedMinutes).toBeGreaterThan(DEFAULT_PLAN_OPTIONS.setupMinutes - 1);
    expect(json.hairline.points.length).toBeGreaterThan(50);
    expect(json.scalp).toEqual({ rule: 'head', note: 'the head behind the hairline' });
    expect(json.field).toBeUndefined();
  });

  it('leaves out a hand touching the back of the head in a top view, and says how much it left out', () => {
    // A hand (skin, radius 40 px) over the ring of hair at the back of the head (the top of the photo;
    // the face is at the bottom).
    const { width, height, labels } = sceneLabels();
    const hand = (x: number, y: number) => Math.hypot(x - 200, y - 12) <= 40;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (hand(x, y) && y < 20) labels[y * width + x] = 1;
    const n = width * height;
    const probs = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 4; c++) probs[c * n + i] = c === labels[i] ? 0.91 : 0.03;
    const withHand = planDots({ ...base, seg: { width, height, probs, labels } });
    const json = planSummary(withHand);
    expect(json.scalp.rule).toBe('hair-rim');
    // The hand's part above the head (y < 20): ~ 1,900 px at 0.4 mm/px, ~3 cm².
    expect(json.scalp.leftOutCm2).toBeGreaterThan(2);
    expect(json.scalp.leftOutCm2).toBeLessThan(3.5);
    for (let i = 0; i < withHand.totalDots; i++) expect(withHand.dots.y[i]).toBeGreaterThan(17);
    // Without the hand nothing is left out; with it, the plan is the one without it (within the rim's
    // margin of skin kept at the hair's edge).
    expect(planSummary(plan).scalp).toEqual({ rule: 'head', note: 'the head behind the hairline' });
    expect(Math.abs(withHand.totalDots / plan.totalDots - 1)).toBeLessThan(0.01);
  });

  it('gives no dots, in a front view, to a skin-coloured patch at the head rim away from the face (a wall)', () => {
    // A patch read as skin in the ring of hair at the upper right of the head, 0.9 of the way out.
    const { width, height, labels } = sceneLabels();
    const patch = (x: number, y: number) => Math.hypot(x - 268, y - 58) <= 10;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (patch(x, y) && labels[y * width + x]) labels[y * width + x] = 1;
    const n = width * height;
    const probs = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 4; c++) probs[c * n + i] = c === labels[i] ? 0.91 : 0.03;
    const line: [number, number][] = [[60, 240], [140, 205], [200, 200], [260, 205], [340, 240]];
    const withPatch = planDots({ ...base, view: 'front', seg: { width, height, probs, labels }, hairline: { points: line } });
    const json = planSummary(withPatch);
    expect(json.scalp.rule).toBe('skull-outline');
    expect(json.scalp.leftOutCm2).toBeGreaterThan(0.2);
    for (let i = 0; i < withPatch.totalDots; i++) expect(patch(withPatch.dots.x[i], withPatch.dots.y[i])).toBe(false);
    // the same plan without the patch puts no dots there either, and leaves nothing out
    const without = planDots({ ...base, view: 'front', hairline: { points: line } });
    expect(planSummary(without).scalp.rule).toBe('head');
    expect(Math.abs(withPatch.totalDots / without.totalDots - 1)).toBeLessThan(0.01);
  });

  it('leaves out an arm reaching from a bald head to the edge of a top view, where no rim of hair judges it', () => {
    // A bald head (skin, radius 120 px) with no hair found, and an arm (skin) from its side to the photo's edge.
    const width = 400, height = 400, n = width * height;
    const labels = new Uint8Array(n);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (Math.hypot(x - 200, y - 200) <= 120 || (x > 300 && Math.abs(y - 200) <= 14)) labels[y * width + x] = 1;
    }
    const probs = new Float32Array(4 * n);
    for (let i = 0; i < n; i++) for (let c = 0; c < 4; c++) probs[c * n + i] = c === labels[i] ? 0.91 : 0.03;
    const withArm = planDots({ ...base, seg: { width, height, probs, labels }, hairline: null });
    const json = planSummary(withArm);
    expect(json.scalp.rule).toBe('skull-outline');
    expect(json.scalp.leftOutCm2).toBeGreaterThan(0.5);
    expect(json.scalp.note).toMatch(/skull's outline.*left out/);
    // The arm's far end (beyond 1.5 head radii) has no dots; the head has them.
    for (let i = 0; i < withArm.totalDots; i++) expect(withArm.dots.x[i]).toBeLessThan(200 + 1.5 * 120 + 4);
    expect(withArm.totalDots).toBeGreaterThan(1000);
  });

  it('warns when a scale cue contradicts the one used (a card stated at the wrong size)', () => {
    const scale = combineScale([{ kind: 'headBreadth', widthPx: 300 }, { kind: 'marker', sizeMm: 85.6, sizePx: 214 }], { width: 400, height: 400 });
    const json = planSummary(planDots({ ...base, scale }));
    const w = json.warnings.find((x) => x.code === 'scale-cues-disagree');
    expect(w?.message).toBe(
      "The card gives 0.400 mm per pixel, far from the head's breadth 0.517 (1.29x); the card was used. Dot counts and areas scale with it: if the card's size is stated wrongly (the clinic's settings), they are off by that factor.",
    );
    expect(planSummary(plan).warnings.some((x) => x.code === 'scale-cues-disagree')).toBe(false);
  });

  it('warns when a tenth or more of the hairline, by length, lies beyond the photo, and not for a line inside it', () => {
    // a drawn line whose middle runs up to 40 px above the top edge (a head cut off there)
    const points: [number, number][] = Array.from({ length: 401 }, (_, i) => [i, 60 - 100 * Math.exp(-(((i - 200) / 60) ** 2))]);
    const share = offPhotoShare(points, 400, 400);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    const off = planSummary(planDots({ ...base, hairline: { points } })).warnings.find((w) => w.code === 'hairline-off-photo');
    expect(off).toEqual({
      code: 'hairline-off-photo',
      severity: 'caution',
      message: `${Math.round(100 * share)} % of the hairline lies beyond the photo's edge, where the plan cannot place dots or show the line: the head is cut off there. Check the line on the client, or plan on a photo that shows the whole front of the head.`,
    });
    expect(planSummary(plan).warnings.some((w) => w.code === 'hairline-off-photo')).toBe(false);
    expect(offPhotoShare([[0, 0], [400, 400]], 400, 400)).toBe(0); // the edge itself is in the photo
    // by length, not by points: one far point off the photo and many inside; three points just over the edges
    expect(offPhotoShare([[-300, 100], ...Array.from({ length: 39 }, (_, i) => [10 + 10 * i, 100] as [number, number])], 400, 400)).toBeCloseTo(300 / 690, 6);
    expect(offPhotoShare([[-5, 100], [200, 80], [405, 100]], 400, 400)).toBeLessThan(0.03);
  });

  it('warns when the plan places (almost) no dots, and not otherwise', () => {
    expect(planSummary(plan).warnings.map((w) => w.code)).toEqual(['hairline-unanchored']);
    // A drawn hairline along the top edge: everything lies in front of it, towards the face.
    const empty = planSummary(planDots({ ...base, hairline: { points: [[0, 1], [400, 1]] } }));
    expect(empty.totalDots).toBe(0);
    expect(empty.warnings).toEqual([
      { code: 'plan-empty', severity: 'caution', message: 'This plan places no dots: the hairline drawn leaves (almost) nothing to treat in this photo. Check the hairline, the zone factors and the plan photo.' },
    ]);
  });

  it('maps photo orientation to the face direction and checks its inputs', () => {
    expect(downFor(0)).toEqual([0, 1]);
    expect(downFor(90)).toEqual([-1, 0]);
    expect(downFor(180)).toEqual([0, -1]);
    expect(downFor(270)).toEqual([1, 0]);
    expect(() => planDots({ ...base, sessions: [] })).toThrow(/at least one session/);
    expect(() => planDots({ ...base, image: { width: 10, height: 10 } })).toThrow(/does not match/);
    expect(() => planDots({ ...base, sessions: [{ ...SESSIONS[0], densityPerCm2: 5000 }] })).toThrow(/beyond/);
  });
});
