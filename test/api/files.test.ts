// The stored files as a browser gets them: a report or the dots are saved as files under their own name
// (report.pdf came without Content-Disposition); an image is shown, named for "save as".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';
import { multipart } from '../helpers/multipart.js';
import { texturedJpeg } from '../helpers/images.js';
import { contentDispositionOf } from '../../src/api/content-disposition.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

describe('GET /v1/consultations/:id/files/:name', () => {
  it('sends report.pdf and dots.csv as attachments under their names, images inline, on GET and HEAD', async () => {
    const auth = await t.auth();
    const { body, headers } = multipart([{ name: 'top', value: await texturedJpeg(640, 480), filename: 'top.jpg' }]);
    const res = await t.app.inject({ method: 'POST', url: '/v1/consultations', payload: body, headers: { ...headers, ...auth } });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.links.report).toMatch(/\/files\/report\.pdf$/);
    // a plan's dots, as a plannable photo writes them
    const clinic = (await t.app.store.getClinicByName('clinic-a'))!;
    await t.app.blobs.put(clinic.id, c.id, 'dots.csv', Buffer.from('x_px,y_px,session_index\n1,2,0\n'));
    const expected: [string, string, string][] = [
      [c.links.report, 'application/pdf', 'attachment; filename="report.pdf"'],
      [`/v1/consultations/${c.id}/files/dots.csv`, 'text/csv; charset=utf-8', 'attachment; filename="dots.csv"'],
      [c.photos[0].urls.photo, 'image/jpeg', 'inline; filename="photo-0.jpg"'],
      [c.photos[0].urls.overlay, 'image/png', 'inline; filename="overlay-0.png"'],
    ];
    for (const [url, type, disposition] of expected) {
      for (const method of ['GET', 'HEAD'] as const) {
        const file = await t.app.inject({ method, url, headers: auth });
        expect(file.statusCode, `${method} ${url}`).toBe(200);
        expect(file.headers['content-type']).toBe(type);
        expect(file.headers['content-disposition'], `${method} ${url}`).toBe(disposition);
      }
    }
    // a file that is not there is a problem, with no disposition
    const missing = await t.app.inject({ method: 'GET', url: `/v1/consultations/${c.id}/files/nope.pdf`, headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-disposition']).toBeUndefined();
  });

  it('names a file with safe characters only', () => {
    expect(contentDispositionOf('report.pdf')).toBe('attachment; filename="report.pdf"');
    expect(contentDispositionOf('audit.PDF')).toBe('attachment; filename="audit.PDF"');
    expect(contentDispositionOf('a"b\\c\r\n.csv')).toBe('attachment; filename="a_b_c__.csv"');
    expect(contentDispositionOf('rapport-é.pdf')).toBe('attachment; filename="rapport-_.pdf"');
    expect(contentDispositionOf('side-by-side.png')).toBe('inline; filename="side-by-side.png"');
  });
});
