// The consultation page's files, served by the service; every other path is the service's 404 problem+json.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await build();
});
afterAll(async () => t?.close());

describe('web page files', () => {
  it('serves the page and its scripts with the content security policy', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const script = await t.app.inject({ method: 'GET', url: '/js/main.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('answers any other path with a 404 problem+json, traversal included', async () => {
    const auth = await t.auth();
    for (const url of ['/nope.html', '/js/../../package.json', '/v1/consultations/../../etc/passwd', '/v1/consultations//', `/v1/consultations/${'a'.repeat(5000)}`]) {
      const res = await t.app.inject({ method: 'GET', url, headers: auth });
      expect([400, 404], `${url.slice(0, 60)}: ${res.statusCode} ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.headers['content-type'], url.slice(0, 60)).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toContain('"version"');
    }
  });
});
