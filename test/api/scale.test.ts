// A colour card of the size the clinic states sets the plan's scale; without a stated size it does not.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { HAS_SHARED, photoOf } from '../helpers/shared.js';
import { drawChart } from '../unit/vision/colour/chart-fixture.js';
import type { RgbImage } from '../../src/vision/image.js';

let t: TestApp;
const PATCH = 20; // px; the fixture's gaps are a quarter patch, so the pitch is 25 px
const PITCH_MM = 17;

/** A top view with a grey strip added on its right and a 24-patch chart drawn there. */
async function photoWithChart(): Promise<Buffer> {
  const { bytes } = photoOf('top-down', 2);
  const { data, info } = await sharp(bytes).extend({ right: 240, background: '#8a8d8f' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const img: RgbImage = { width: info.width, height: info.height, data: new Uint8Array(data) };
  const drawn = drawChart(img, { cx: info.width - 120, cy: info.height / 2, patch: PATCH, angleDeg: 90 });
  return sharp(Buffer.from(drawn.data), { raw: { width: drawn.width, height: drawn.height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
}

describe.skipIf(!HAS_SHARED)('scale from a colour card', () => {
  let photo: Buffer;
  beforeAll(async () => {
    t = await build({ maxFileBytes: 3 * 1024 * 1024 });
    photo = await photoWithChart();
  }, 60_000);
  afterAll(async () => t?.close());

  async function analyse(clinic: string) {
    const { body, headers } = multipart([{ name: 'top', value: photo, filename: 'top.jpg' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...(await t.auth(clinic)) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('validates the card size a clinic states', async () => {
    const auth = await t.auth('clinic-card');
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { scaleReference: { chartPitchMm: -3 } }, headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    const empty = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { scaleReference: {} }, headers: auth });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/give chartPitchMm or greyCardMm/);
    const ok = await t.app.inject({ method: 'PUT', url: '/v1/clinic/settings', payload: { scaleReference: { chartPitchMm: PITCH_MM } }, headers: auth });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().settings).toEqual({ scaleReference: { chartPitchMm: PITCH_MM } });
  });

  it('measures the photo against the card when its size is known', async () => {
    const body = await analyse('clinic-card');
    expect(body.photos[0].whiteBalance.cardKind).toBe('colour-chart-24');
    expect(body.plan.scale.source).toBe('marker');
    expect(body.plan.scale.mmPerPixel / (PITCH_MM / 25)).toBeGreaterThan(0.95);
    expect(body.plan.scale.mmPerPixel / (PITCH_MM / 25)).toBeLessThan(1.05);
    expect(body.plan.scale.relativeSigma).toBeLessThan(0.03);
    // This fixture's card is drawn 2.6x too big for the head beside it: the head's size contradicts the
    // card, is left out, and the practitioner is told.
    const warning = body.plan.warnings.find((w: { code: string }) => w.code === 'scale-cues-disagree');
    expect(warning?.message).toMatch(/^The card gives 0\.6\d\d mm per pixel, far from the head's breadth 0\.2\d\d \(0\.\d\dx\); the card was used/);
  }, 60_000);

  it('falls back to the head outline when the clinic has not said how big its card is', async () => {
    const body = await analyse('clinic-other');
    expect(body.photos[0].whiteBalance.cardKind).toBe('colour-chart-24');
    expect(body.plan.scale.source).toBe('headBreadth');
  }, 60_000);
});
