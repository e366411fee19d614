// Audit inputs are caller input: any scar outline, scar mask, scale and later photo is either refused
// with a typed error naming what to fix (AuditInputError, AuditPhotoTooSmallError), which the API
// answers 422 with the field, or audited into a result that passes its own schema. Anything else
// thrown is a fault of ours and fails here. Seeded, so a failure names its case and repeats.
import { beforeAll, describe, expect, it } from 'vitest';
import { auditSync, AuditInputError, AuditPhotoTooSmallError, AuditResultSchema, loadOpenCv, type AuditInput, type OpenCv } from '../../../../src/vision/audit/index.js';
import { randomSpec, synthPair } from '../../../../src/vision/audit/synth/pair.js';
import { mulberry32 } from '../../../../src/vision/audit/synth/rng.js';
import type { GrayImage, RgbImage } from '../../../../src/vision/image.js';

const S = 128;
const CASES = 120;
const random = mulberry32(20261124);
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];

let cv: OpenCv;
beforeAll(async () => {
  cv = await loadOpenCv();
});

const pair = synthPair(randomSpec(3, { width: S, height: S }));
const flat = (w: number, h: number, v = 128): RgbImage => ({ width: w, height: h, data: new Uint8Array(w * h * 3).fill(v) });
// The before photo with one pixel changed: it registers at once, but is not the same photo (refused).
const nearBefore: RgbImage = { ...pair.before, data: Uint8Array.from(pair.before.data, (v, i) => (i === 0 ? v ^ 1 : v)) };
const noise = (w: number, h: number): RgbImage => ({ width: w, height: h, data: Uint8Array.from({ length: w * h * 3 }, () => Math.floor(random() * 256)) });

function coordinate(side: number): number {
  if (random() < 0.97) return random() * side;
  return pick([-50, side + 50, 0, side - 1, 1e7, -1e7, 1e300, Number.NaN, Number.POSITIVE_INFINITY, 1e-9]);
}

function polygon(side: number): [number, number][] {
  const n = pick([0, 2, 3, 3, 4, 4, 5, 6, 8, 20, 1001]);
  return Array.from({ length: n }, () => [coordinate(side), coordinate(side)] as [number, number]);
}

function mask(w: number, h: number): GrayImage {
  const [mw, mh] = pick([[w, h], [w, h], [w, h], [w, h], [w * 2, h * 2], [w + 1, h], [w / 2, h / 2]]);
  const kind = pick(['blob', 'blob', 'blob', 'blob', 'empty', 'full', 'grey', 'short']);
  const data = new Uint8Array(kind === 'short' ? mw * mh - 1 : mw * mh);
  const [cx, cy, r] = [random() * mw, random() * mh, 3 + random() * mw * 0.3];
  for (let y = 0; y < mh; y++) {
    for (let x = 0; x < mw; x++) {
      const i = y * mw + x;
      if (i >= data.length) break;
      if (kind === 'full') data[i] = 255;
      else if (kind === 'grey') data[i] = Math.floor(random() * 256);
      else if (kind !== 'empty' && Math.hypot(x - cx, y - cy) < r) data[i] = 255;
    }
  }
  return { width: mw, height: mh, data };
}

function randomInput(): { input: AuditInput; what: string } {
  const photoScale = pick([1, 1, 2, 3.5]);
  const side = S * photoScale;
  const input: AuditInput = {
    before: pair.before,
    // the before photo again (nearly) registers at once, so most cases reach the measurements
    after: pick([nearBefore, nearBefore, nearBefore, nearBefore, pair.after, flat(S, S), noise(S, S), flat(S + 40, S - 20, 30), flat(63, 200)]),
    ...(photoScale !== 1 ? { photoSize: { width: side, height: side } } : {}),
    // registration is not what is fuzzed here: at 256 px without the ECC refinement a case takes ~0.05 s, not 1-2 s
    registration: { workSide: 256, enlargeSide: 128, refine: false },
  };
  const source = pick(['polygon', 'polygon', 'polygon', 'mask', 'mask', 'mask', 'both']);
  if (source !== 'mask') input.scarPolygon = polygon(side);
  if (source !== 'polygon') input.scarMask = mask(side, side);
  const px = random() < 0.85 ? pick([undefined, 37, 1, 10_000]) : pick([0, -1, 0.5, 10_001, Number.NaN, Number.POSITIVE_INFINITY]);
  if (px !== undefined) input.pxPerCm = px;
  if (random() < 0.3) input.visits = [pick([pair.after, pair.after, flat(S, S), flat(40, 40)])];
  const what = JSON.stringify({
    photoScale,
    after: `${input.after.width}x${input.after.height}`,
    polygon: input.scarPolygon?.slice(0, 4),
    points: input.scarPolygon?.length,
    mask: input.scarMask && `${input.scarMask.width}x${input.scarMask.height}/${input.scarMask.data.length}`,
    pxPerCm: input.pxPerCm,
    visits: input.visits?.map((v) => `${v.width}x${v.height}`),
  });
  return { input, what };
}

describe('audit inputs from seeded random cases', () => {
  it('are refused with a typed error naming the field, or audited into a schema-valid result', () => {
    const outcome = { audited: 0, assessable: 0, refused: 0 };
    for (let n = 0; n < CASES; n++) {
      const { input, what } = randomInput();
      let result;
      try {
        result = auditSync(cv, input, null).result;
      } catch (err) {
        const typed = err instanceof AuditInputError || err instanceof AuditPhotoTooSmallError;
        expect(typed, `case ${n} ${what}: ${(err as Error).stack}`).toBe(true);
        expect((err as Error).message.length, what).toBeGreaterThan(10);
        if (err instanceof AuditInputError) expect(['scarPolygon', 'scarMask', 'pxPerCm'], what).toContain(err.field);
        outcome.refused++;
        continue;
      }
      const parsed = AuditResultSchema.safeParse(result);
      expect(parsed.success, `case ${n} ${what}: ${parsed.error?.message}`).toBe(true);
      expect(JSON.stringify(result), what).not.toMatch(/NaN|Infinity/);
      if (!result.assessable) expect(result.reasons.length, what).toBeGreaterThan(0);
      outcome.audited++;
      if (result.assessable) outcome.assessable++;
    }
    // the generator reaches all three outcomes (seed 20261124: 83 refused, 37 audited, 15 of them assessable)
    const seen = JSON.stringify(outcome);
    expect(outcome.refused, seen).toBeGreaterThan(CASES / 4);
    expect(outcome.audited, seen).toBeGreaterThan(CASES / 10);
    expect(outcome.assessable, seen).toBeGreaterThan(3);
  });
});
