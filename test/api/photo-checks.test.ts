// POST /v1/photo-checks (src/api/routes/quality-check.ts) through app.inject().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { build, type TestApp } from '../helpers/app.js';
import { multipart, type Part } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { HAS_SHARED, photoOf } from '../helpers/shared.js';

let t: TestApp;
let auth: Record<string, string> = {};

beforeAll(async () => {
  t = await build({ queueMax: 4 });
  auth = await t.auth('checks');
});

afterAll(async () => t?.close());

async function check(parts: Part[], headers = auth) {
  const { body, headers: h } = multipart(parts);
  const res = await t.app.inject({ method: 'POST', url: '/v1/photo-checks', payload: body, headers: { ...h, ...headers } });
  return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
}

describe('POST /v1/photo-checks', () => {
  it('judges a sharp, well-lit photo as assessable and stores nothing', async () => {
    const bytes = HAS_SHARED ? photoOf('top-down', 3).bytes : await texturedJpeg(800, 600);
    const res = await check([{ name: 'top', value: bytes, filename: 'top.jpg', contentType: 'image/jpeg' }]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.view).toBe('top');
    expect(res.body.quality.assessable).toBe(true);
    expect(res.body.quality.checks.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['resolution', 'blur', 'exposure', 'colour-cast']));
    const list = await t.app.inject({ method: 'GET', url: '/v1/consultations', headers: auth });
    expect(list.json().items).toEqual([]);
  });

  it('gives the reasons of a dark and of a blurred photo', async () => {
    const source = HAS_SHARED ? photoOf('front', 5).bytes : await texturedJpeg(800, 600);
    const dark = await sharp(source).linear(0.12, 0).jpeg().toBuffer();
    const blurred = await sharp(source).blur(6).jpeg().toBuffer();
    const d = await check([{ name: 'front', value: dark, filename: 'front.jpg' }]);
    expect(d.status).toBe(200);
    expect(d.body.quality.assessable).toBe(false);
    expect(d.body.quality.reasons.join(' ')).toContain('too dark');
    const b = await check([{ name: 'front', value: blurred, filename: 'front.jpg' }]);
    expect(b.body.quality.assessable).toBe(false);
    expect(b.body.quality.reasons.join(' ')).toContain('blurred');
  });

  it('refuses a photo saved at a very low JPEG quality, and says so before anything else is judged', async () => {
    const source = HAS_SHARED ? photoOf('top-down', 3).bytes : await texturedJpeg(800, 600);
    const res = await check([{ name: 'top', value: await sharp(source).jpeg({ quality: 5 }).toBuffer(), filename: 'top.jpg', contentType: 'image/jpeg' }]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.quality.assessable).toBe(false);
    expect(res.body.quality.checks.find((c: { id: string }) => c.id === 'compression')).toMatchObject({ severity: 'error' });
    expect(res.body.quality.reasons.join(' ')).toMatch(/saved so compressed \(JPEG quality about \d+ of 100\)/);
    const png = await check([{ name: 'top', value: await sharp(source).png().toBuffer(), filename: 'top.png', contentType: 'image/png' }]);
    expect(png.body.quality.checks.map((c: { id: string }) => c.id)).not.toContain('compression');
  });

  it('refuses what is not one photo, with the field it came in', async () => {
    const jpeg = await texturedJpeg(400, 400);
    const two = await check([
      { name: 'front', value: jpeg },
      { name: 'top', value: jpeg },
    ]);
    expect([two.status, two.body.type]).toEqual([400, expect.stringMatching(/one-photo$/)]);
    const text = await check([
      { name: 'front', value: jpeg },
      { name: 'sex', value: 'male' },
    ]);
    expect([text.status, text.body.type]).toEqual([400, expect.stringMatching(/one-photo$/)]);
    // a text field alone, or one the consultation would refuse: still "one photo", not "send 1 to 8 photos"
    // an unknown text field, two photos of one view: not the consultation's unknown-field or duplicate-view
    for (const parts of [[{ name: 'sex', value: 'male' }], [{ name: 'front', value: jpeg }, { name: 'age', value: 'old' }], [{ name: 'foo', value: 'bar' }], [{ name: 'front', value: jpeg }, { name: 'front', value: jpeg }]]) {
      const res = await check(parts);
      expect([res.status, res.body.type, res.body.detail]).toEqual([400, expect.stringMatching(/one-photo$/), 'send exactly one file part, named by its view, and no text fields']);
    }
    const notPhoto = await check([{ name: 'back', value: 'hello', filename: 'notes.txt', contentType: 'text/plain' }]);
    expect(notPhoto.status).toBe(415);
    expect(notPhoto.type).toMatch(/^application\/problem\+json/);
    expect(notPhoto.body.field).toBe('back');
    const truncated = await check([{ name: 'left', value: jpeg.subarray(0, Math.floor(jpeg.length / 3)), filename: 'left.jpg' }]);
    expect([truncated.status, truncated.body.field]).toEqual([422, 'left']);
    const none = await check([]);
    expect([none.status, none.body.type]).toEqual([400, expect.stringMatching(/one-photo$/)]);
  });

  it('needs a clinic key or upload token', async () => {
    const res = await check([{ name: 'front', value: await texturedJpeg(400, 400) }], {});
    expect(res.status).toBe(401);
  });
});
