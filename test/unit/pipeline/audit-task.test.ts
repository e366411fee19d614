// runAuditTask as the worker runs it: an audit input the caller can fix comes back as a typed error
// naming its field (the API answers 422 with that field); a fault of ours is not dressed up as one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { runAuditTask, type AuditTask } from '../../../src/pipeline/audit-task.js';
import { intakeLimits } from '../../../src/vision/intake/limits.js';
import { stripPair } from '../../helpers/audit-pair.js';
import type { RgbImage } from '../../../src/vision/image.js';

const fault = vi.hoisted(() => ({ throwInAudit: null as Error | null }));
vi.mock('../../../src/vision/audit/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/vision/audit/index.js')>();
  return {
    ...real,
    runAuditDetailed: async (...args: Parameters<typeof real.runAuditDetailed>) => {
      if (fault.throwInAudit) throw fault.throwInAudit;
      return real.runAuditDetailed(...args);
    },
  };
});
afterEach(() => {
  fault.throwInAudit = null;
});

const png = (img: RgbImage) => sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();
const { pair, poly } = stripPair(7, 192);

async function task(extra: Partial<AuditTask> = {}, after?: Buffer): Promise<AuditTask> {
  return {
    kind: 'audit',
    photos: [
      { field: 'before', bytes: await png(pair.before) },
      { field: 'after', bytes: after ?? (await png(pair.after)) },
    ],
    scarPolygon: poly,
    limits: intakeLimits(),
    inferenceThreads: 1,
    ...extra,
  };
}

describe('runAuditTask', () => {
  it.each([
    ['pxPerCm', { pxPerCm: 0 }, /pxPerCm must be 1\.\.10000/],
    ['pxPerCm', { pxPerCm: Number.NaN }, /pxPerCm must be/],
    ['scarPolygon', { scarPolygon: [[1, 1], [5, 5]] as [number, number][] }, /needs 3\.\.1000 points, got 2/],
    ['scarPolygon', { scarPolygon: [[-1e300, -1e300], [1e300, -1e300], [0, 1e300]] as [number, number][] }, /beyond ±1000000 px/],
    ['scarPolygon', { scarPolygon: [[1, 1], [5, Number.POSITIVE_INFINITY], [9, 1]] as [number, number][] }, /\(5, Infinity\) is beyond/],
  ])('answers a bad %s as invalid-input on that field, with no photo blamed', async (field, extra, message) => {
    const r = await runAuditTask(await task(extra));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'invalid-input', field, photo: null, detail: { field } });
    expect(r.error.message).toMatch(message);
  });

  it('blames the photo that is too small, by its place and field', async () => {
    const tiny = await sharp({ create: { width: 48, height: 48, channels: 3, background: '#c8a088' } }).png().toBuffer();
    const r = await runAuditTask(await task({}, tiny));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ kind: 'too-small', field: 'after', photo: 2 });
  });

  it('lets a fault of its own propagate instead of answering it as the caller\'s', async () => {
    fault.throwInAudit = new TypeError("Cannot read properties of undefined (reading 'zone')");
    await expect(runAuditTask(await task())).rejects.toThrow(/reading 'zone'/);
    fault.throwInAudit = new RangeError('Invalid array length');
    await expect(runAuditTask(await task())).rejects.toThrow(RangeError);
  });

  it('audits a good input', async () => {
    const r = await runAuditTask(await task({ pxPerCm: 40 }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.result.registration?.registered).toBe(true);
    expect(r.files.map((f) => f.name)).toContain('before-0.jpg');
  });
});
